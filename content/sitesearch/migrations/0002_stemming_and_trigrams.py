"""Stemming and typo tolerance in the databases themselves.

- PostgreSQL: the pg_trgm extension, for trigram similarity of misspelt words ("Did you mean").
  The English text search configuration is set in settings (WAGTAILSEARCH_BACKENDS).
- SQLite: Wagtail's FTS5 index table is rebuilt with SQLite's own porter stemming tokenizer, so
  "side effect" finds "side effects" and "driving" finds "drive", as on PostgreSQL. Its rows are
  copied back from Wagtail's index entries; Wagtail's triggers keep it up to date as before.

Each operation does nothing on the other database.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FTS_TABLE = "wagtailsearch_indexentry_fts"
ENTRY_TABLE = "wagtailsearch_indexentry"
COLUMNS = "autocomplete, body, title"


def _rebuild_fts(schema_editor, tokenize):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE]
        )
        if cursor.fetchone() is None:  # SQLite without FTS5: Wagtail uses its fallback search
            return
        cursor.execute(f"DROP TABLE {FTS_TABLE}")  # nosec B608 (constant table name)
        options = f", tokenize = '{tokenize}'" if tokenize else ""
        cursor.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({COLUMNS}{options})")  # nosec B608
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, {COLUMNS}) SELECT id, {COLUMNS} FROM {ENTRY_TABLE}"  # noqa: S608  # nosec B608
        )


def porter_stemming(apps, schema_editor):
    _rebuild_fts(schema_editor, "porter unicode61 remove_diacritics 2")


def default_tokenizer(apps, schema_editor):
    _rebuild_fts(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0001_synonyms_and_vocabulary"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(porter_stemming, default_tokenizer),
    ]
