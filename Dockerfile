# syntax=docker/dockerfile:1
# Multi-stage image: build wheels, then a slim runtime as a non-root user.
# Release order: run `python manage.py migrate` once (a separate one-off container), then start
# web and worker containers. Static files are collected here, at build time.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /build
COPY requirements.lock .
RUN pip wheel --wheel-dir /wheels -r requirements.lock

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=kapsite.settings.production \
    STATIC_ROOT=/app/staticfiles
RUN useradd --create-home --uid 10001 kapsite
WORKDIR /app
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index /wheels/* && rm -rf /wheels
COPY --chown=kapsite:kapsite . .
# The build-time key exists only for this RUN step; the running container needs a real SECRET_KEY.
RUN SECRET_KEY=build-only-not-secret ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --noinput \
    && chown -R kapsite:kapsite /app/staticfiles
USER kapsite
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "-c", "kapsite/gunicorn.conf.py", "kapsite.wsgi"]
