from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "content.performance"
    label = "performance"
    verbose_name = "Speed and caching"
    initial_content_loader = "content.performance.initial_content.load"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()
