from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0004_structured_hours_and_telehealth_states"),
    ]

    operations = [
        migrations.RemoveField(model_name="providerpage", name="hours_text"),
        migrations.RemoveField(model_name="providerpage", name="telehealth_states_text"),
    ]
