from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "content.providers"
    label = "providers"
    verbose_name = "Provider directory"
    # Called by `manage.py load_initial_content` (see content.core.initial_content).
    initial_content_loader = "content.providers.initial_content.load"
