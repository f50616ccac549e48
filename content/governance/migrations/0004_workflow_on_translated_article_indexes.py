"""The Clinical review workflow and page permissions on every article index, translations
included (the Spanish /es/aprender/ made before content.governance mirrored a translation's rules),
so a Spanish article edit goes through clinical review."""

from django.db import migrations


def forwards(apps, schema_editor):
    from content.governance import setup

    ArticleIndexPage = apps.get_model("articles", "ArticleIndexPage")
    for index in ArticleIndexPage.objects.all():
        setup.assign_to_article_index(apps, index)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0003_reviewers_upload_images"),
        ("articles", "0006_articleindexpage_translation_details"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
