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
MAX_RESULTS = 500


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
    """Published items of the organ whose title, body or attachments contain every word: the
    ``MAX_RESULTS`` most recent matches, so that a very common word costs no more than a rare one.
    """
    words = query.split()
    items = Item.objects.filter(organ_id=organ_id, state=State.PUBLISHED)
    if not words:
        return items.none()
    if connection.vendor == "sqlite" and all(len(word) >= MIN_TRIGRAM for word in words):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND organ_id = %s"
                " ORDER BY rowid DESC LIMIT %s",
                [_fts_phrase(query), organ_id, MAX_RESULTS],
            )
            ids = [row[0] for row in cursor.fetchall()]
        return items.filter(pk__in=ids)
    # PostgreSQL (the trigram index serves ILIKE) and short words on SQLite (LIKE, walking the
    # published items newest first and stopping at the cap).
    matching = items
    for word in words:
        matching = matching.filter(search_text__icontains=word)
    ids = list(matching.order_by("-published_at").values_list("pk", flat=True)[:MAX_RESULTS])
    return items.filter(pk__in=ids)
