"""The full-text index of published items, one implementation per database.

SQLite: an FTS5 table with the trigram tokenizer (finds any Chinese substring of three or more
characters); shorter queries fall back to ``LIKE`` on the published items' text. PostgreSQL: a
pg_trgm GIN index on the text of published items, which serves ``ILIKE '%…%'`` directly. Both
are created by migration ``0002``; only published items are ever indexed.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from gongkai.web.publishing.models import Item, State

FTS_TABLE = "publishing_item_fts"
MIN_TRIGRAM = 3


def text_of(item: Item) -> str:
    parts = [item.title, item.summary, item.document_number, item.body]
    if item.pk:
        parts += [a.original_name + "\n" + a.text for a in item.attachments.all()]
    return "\n".join(part for part in parts if part)


def add(item: Item) -> None:
    if connection.vendor != "sqlite":
        return  # PostgreSQL indexes the column itself
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [item.pk])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, organ_id, text) VALUES (%s, %s, %s)",
            [item.pk, item.organ_id, item.search_text],
        )


def remove(item: Item) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [item.pk])


def _fts_phrase(query: str) -> str:
    # One FTS5 string per word, quotes doubled: the user's text is never FTS syntax.
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


def search(organ_id: int, query: str) -> QuerySet[Item]:
    """Published items of the organ whose title, body or attachments contain every word."""
    words = query.split()
    items = Item.objects.filter(organ_id=organ_id, state=State.PUBLISHED)
    if not words:
        return items.none()
    if connection.vendor == "sqlite" and all(len(word) >= MIN_TRIGRAM for word in words):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND organ_id = %s"
                " ORDER BY rank LIMIT 500",
                [_fts_phrase(query), organ_id],
            )
            ids = [row[0] for row in cursor.fetchall()]
        return items.filter(pk__in=ids)
    for word in words:
        items = items.filter(search_text__icontains=word)
    return items
