"""The Intake group: the only group that can see and handle booking requests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BOOKING_PERMISSIONS = [
    "view_bookingrequest",
    "change_bookingrequest",
    "delete_bookingrequest",
]


def create_intake_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Intake")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="booking", codename__in=BOOKING_PERMISSIONS
        ),
        *Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
    )


def remove_booking_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Intake").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="booking", codename__in=BOOKING_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_intake_group, remove_booking_permissions)]
