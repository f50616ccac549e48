"""Editors and Administrators manage search synonyms and promoted search results."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editors", "Administrators"]
PERMISSIONS = {
    "sitesearch": ["add_searchsynonym", "change_searchsynonym", "delete_searchsynonym"],
    "wagtailsearchpromotions": [
        "add_searchpromotion",
        "change_searchpromotion",
        "delete_searchpromotion",
    ],
}


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        perm
        for app_label, codenames in PERMISSIONS.items()
        for perm in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    ]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure these exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    perms = _permissions(apps)
    for name in GROUPS:
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    perms = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0002_stemming_and_trigrams"),
        ("governance", "0003_reviewers_upload_images"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
