"""A snapshot of the test database with its initial content, for transactional tests.

Django empties the whole database (including rows made by migrations, such as Wagtail's locale and
root page) after every transactional test, so `load_initial_content` alone cannot rebuild it.
The snapshot is taken once, right after the session's content load, with Django's own test
serializer, and restored by the `load_content` fixture.
"""

import json

_SNAPSHOT = {}


def take():
    from django.db import connection

    data = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: signal handlers during the restore may look them up by id.
    first = ("contenttypes.contenttype", "auth.permission")
    data.sort(key=lambda obj: first.index(obj["model"]) if obj["model"] in first else len(first))
    _SNAPSHOT["default"] = json.dumps(data)


def restore():
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(_SNAPSHOT["default"])
    ContentType.objects.clear_cache()
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
