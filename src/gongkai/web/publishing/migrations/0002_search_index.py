"""The full-text index of published items (see ``publishing/searchindex.py``): an FTS5 table
with the trigram tokenizer on SQLite, a pg_trgm GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS publishing_item_fts"
    " USING fts5(organ_id UNINDEXED, text, tokenize='trigram')"
)
POSTGRES_CREATE = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS publishing_item_search_trgm ON publishing_item"
    " USING gin (search_text gin_trgm_ops) WHERE state = 'published'",
)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS publishing_item_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS publishing_item_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
