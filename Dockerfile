# syntax=docker/dockerfile:1
# Multi-stage build: dependencies are built in one stage, the runtime image has no compilers,
# runs as a non-root user, and serves kapsite with gunicorn and production settings.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
RUN /opt/venv/bin/pip install -r /tmp/requirements.lock

FROM python:3.11-slim-bookworm AS runtime
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=kapsite.settings.production \
    GUNICORN_BIND=0.0.0.0:8000
RUN groupadd --system kapsite && useradd --system --gid kapsite --home-dir /app --shell /usr/sbin/nologin kapsite
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=kapsite:kapsite . /app
# Static files are collected (hashed and compressed) at build time. The key below exists only for
# this one build step; the running container must be given its own SECRET_KEY.
RUN SECRET_KEY=collectstatic-build-only ALLOWED_HOSTS=build.invalid \
    SITE_URL=https://build.invalid \
    python manage.py collectstatic --noinput -v0
# Uploaded media when no bucket is set (MEDIA_ROOT): mount a volume shared by the web containers.
RUN install -d -o kapsite -g kapsite /app/media
USER kapsite
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
# The same command the tests start (tests/core/test_production.py).
CMD ["gunicorn", "-c", "kapsite/gunicorn.conf.py", "kapsite.wsgi"]
