"""Staff groups with their permissions, and the Clinical review workflow.

Page-level rules for the article index are applied here when the index already exists, and
otherwise by ``manage.py load_initial_content`` when it creates it (see content.governance.setup).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    from content.governance import setup

    # Model permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)

    setup.ensure_groups(apps)
    setup.limit_editors_to_article_index(apps)
    setup.ensure_workflow(apps)
    ArticleIndexPage = apps.get_model("articles", "ArticleIndexPage")
    index = ArticleIndexPage.objects.first()
    if index is not None:
        setup.assign_to_article_index(apps, index)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
        ("core", "0003_fact_person_user_body_fact_block"),
        ("articles", "0003_body_fact_block"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
