from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "content.governance"
    label = "governance"
    verbose_name = "Clinical governance"
    # Called by `manage.py load_initial_content` after the articles (see content.core.initial_content):
    # gives the groups their page permissions and assigns the Clinical review workflow.
    initial_content_loader = "content.governance.initial_content.load"

    def ready(self):
        from wagtail.signals import copy_for_translation_done

        from .setup import translation_keeps_page_rules

        copy_for_translation_done.connect(
            translation_keeps_page_rules, dispatch_uid="governance.translation_keeps_page_rules"
        )
