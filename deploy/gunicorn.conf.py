"""gunicorn settings for gongkai (``gunicorn -c deploy/gunicorn.conf.py gongkai.web.wsgi``).

Every value may be overridden on the command line or in ``GUNICORN_CMD_ARGS``; the number of
workers also by ``WEB_CONCURRENCY`` (gunicorn reads it itself).
"""

import multiprocessing
import os

# nginx forwards to this address; the app server never faces the network itself.
bind = os.environ.get("GONGKAI_BIND", "127.0.0.1:8000")
# Synchronous workers: the site's requests are short database reads and writes. Two per core
# (uploads are read in the task worker, not in the request).
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
worker_class = "sync"
timeout = 60
graceful_timeout = 30
keepalive = 5
# A worker is replaced after about a thousand requests: no slow leak can grow without bound.
max_requests = 1000
max_requests_jitter = 100
# The site is loaded once, in the master, and warmed there (its URLconf imports every view and
# with them WeasyPrint, openpyxl, the API framework; its templates compiled): a worker, the first
# or one replacing a retired worker, is a fork ready to serve. Without this every worker paid
# about 2 s of CPU on its first request, 2 ms on each of its thousand requests. New code therefore
# needs a restart (`systemctl restart gongkai-web`), not a reload (HUP), as docs/deployment.md says.
preload_app = True


def when_ready(server: object) -> None:
    """In the master, before the workers are forked (no database connection is left open)."""
    from gongkai.web.core.warmup import warm_up

    warm_up()


# Access and error log on stdout/stderr: the journal (systemd) or the container runtime keeps them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GONGKAI_LOG_LEVEL", "info").lower()
# X-Forwarded-* are trusted from nginx on the same machine only.
forwarded_allow_ips = "127.0.0.1,::1"
proc_name = "gongkai"
