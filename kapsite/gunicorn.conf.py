"""gunicorn settings used by the Dockerfile and by the tests that start a real server."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 30
graceful_timeout = 20
accesslog = "-"
# Log the path only: query strings can carry personal data (search terms, filters).
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
# Every logged value escaped (CR, LF, NUL, non-ASCII as \xNN): one request, one line.
logger_class = "content.security.access_log.EscapingLogger"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
control_socket_disable = True  # no control socket in the home directory
# Each worker gets its own listening socket (SO_REUSEPORT) and the kernel spreads new connections
# over them. With one shared socket, the worker that wakes first takes most keep-alive
# connections and can end up serving all of them while the other idles (bench/pages.py shows
# this in its "conns" column). The cost: connections still queued on a worker's own socket when
# that worker is killed (timeout) are reset. GUNICORN_REUSE_PORT=false goes back to one socket.
reuse_port = os.environ.get("GUNICORN_REUSE_PORT", "true").lower() in {"1", "true", "yes"}
