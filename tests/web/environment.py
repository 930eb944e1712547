"""The environment of the web tests: Django configured from gongkai.web.settings as a production
site would be (DEBUG off), without HTTPS redirects, with a throwaway data folder.

Imported by the conftests of tests/web and tests/e2e only, so that the core tests stay Django-free
when run alone (`pytest tests/core -p no:django`).
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
os.environ.setdefault(
    "GONGKAI_SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
)
os.environ["GONGKAI_HTTPS"] = "0"
# Static files are not collected for the tests: no manifest of hashed names.
os.environ.setdefault("GONGKAI_STATIC_MANIFEST", "0")
# Each request closes its database connection, so that no thread of the live server still holds
# the PostgreSQL test database when it is dropped.
os.environ["GONGKAI_DB_CONN_MAX_AGE"] = "0"
# The upload page waits for the reading to end (a test asserts its outcome, not 正在读取…).
os.environ.setdefault("GONGKAI_READ_WAIT_SECONDS", "120")
# Tasks run at once in the tests (the demo and production use django-tasks-db's worker).
os.environ.setdefault("GONGKAI_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp(prefix="gongkai-tests-"))

import django

django.setup()
