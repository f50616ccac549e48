"""The Spanish locale, beside the English one Wagtail creates, so Spanish translations can be made."""

from django.db import migrations


def add_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="es")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0010_merge_home_sections_and_footer_links"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(add_spanish, migrations.RunPython.noop)]
