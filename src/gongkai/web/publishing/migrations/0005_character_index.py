"""SQLite: a second full-text table for queries of one or two characters, which the trigram
tokenizer cannot serve — every character indexed as a token (contentless: the text is not
stored twice), queried as a phrase. Filled from the items already published."""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS publishing_item_chars"
    " USING fts5(text, content='', tokenize='unicode61 remove_diacritics 0')"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from gongkai.web.publishing.searchindex import char_document

    schema_editor.execute(CREATE)
    Item = apps.get_model("publishing", "Item")
    published = Item.objects.filter(state="published").values_list("pk", "organ_id", "search_text")
    with schema_editor.connection.cursor() as cursor:
        for pk, organ_id, text in published.iterator():
            cursor.execute(
                "INSERT INTO publishing_item_chars (rowid, text) VALUES (%s, %s)",
                [pk, char_document(organ_id, text)],
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS publishing_item_chars")


class Migration(migrations.Migration):
    dependencies = [("publishing", "0004_portal_order_indexes")]
    operations = [migrations.RunPython(create, drop)]
