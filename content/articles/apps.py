from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "content.articles"
    label = "articles"
    verbose_name = "Articles"
    # Called by `manage.py load_initial_content` (see content.core.initial_content).
    initial_content_loader = "content.articles.initial_content.load"
