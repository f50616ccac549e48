from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Security glue: headers, session limits, error pages, output sanitising (issue 9)."""

    name = "content.security"
    label = "security"
    verbose_name = "Security"

    def ready(self):
        from . import signals  # noqa: F401  (connects the session-ending receivers)
