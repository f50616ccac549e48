from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "content.feedback"
    label = "feedback"
    verbose_name = "Reader feedback"
    default_auto_field = "django.db.models.BigAutoField"
