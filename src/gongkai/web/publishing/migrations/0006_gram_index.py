"""PostgreSQL: replace the pg_trgm index (which cannot serve a word of one or two characters, so
such a search read every item) by a GIN index of each published item's characters and pairs of
adjacent characters (``searchindex.grams``), kept in a column the model does not know; filled
here from the items already published. SQLite keeps its FTS5 tables."""

from django.db import migrations

POSTGRES_CREATE = (
    "CREATE INDEX IF NOT EXISTS publishing_item_search_grams ON publishing_item"
    " USING gin (search_grams) WHERE state = 'published'",
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from gongkai.web.publishing.searchindex import grams

    schema_editor.execute("DROP INDEX IF EXISTS publishing_item_search_trgm")
    schema_editor.execute(
        "ALTER TABLE publishing_item ADD COLUMN IF NOT EXISTS search_grams text[]"
        " NOT NULL DEFAULT '{}'"
    )
    Item = apps.get_model("publishing", "Item")
    published = Item.objects.filter(state="published").values_list("pk", "search_text")
    with schema_editor.connection.cursor() as cursor:
        for pk, text in published.iterator():
            cursor.execute(
                "UPDATE publishing_item SET search_grams = %s WHERE id = %s", [grams(text), pk]
            )
    for statement in POSTGRES_CREATE:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS publishing_item_search_grams")
    schema_editor.execute("ALTER TABLE publishing_item DROP COLUMN IF EXISTS search_grams")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS publishing_item_search_trgm ON publishing_item"
        " USING gin (search_text gin_trgm_ops) WHERE state = 'published'"
    )


class Migration(migrations.Migration):
    dependencies = [("publishing", "0005_character_index")]
    operations = [migrations.RunPython(create, drop)]
