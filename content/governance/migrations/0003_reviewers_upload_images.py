"""Clinical reviewers may upload images (they correct pages under review, images included).

Re-applies the group definitions in content.governance.setup, which are idempotent.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from content.governance import setup

    setup.ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("governance", "0002_groups_and_workflow")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
