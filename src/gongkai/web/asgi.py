"""ASGI entry point: ``uvicorn gongkai.web.asgi:application`` (or any ASGI server). The site is
synchronous; gunicorn on the WSGI entry (``deploy/``) is the documented production server."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
application = get_asgi_application()
