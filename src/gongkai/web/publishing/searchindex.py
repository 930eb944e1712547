"""The full-text index of published items, one implementation per database.

SQLite: an FTS5 table with the trigram tokenizer finds any substring of three or more
characters; a second, contentless FTS5 table indexes every character as a token and serves
queries with a word of one or two characters (as a phrase of characters). PostgreSQL: a pg_trgm
GIN index on the (lower-cased) text of published items serves ``LIKE '%…%'`` for words of
three characters or more; shorter words are matched on the newest items first. The tables and
the index are created by migrations ``0002`` and ``0005``; only published items are indexed.

Each search returns the ``MAX_RESULTS`` most recent matches, so that a very common word costs no
more than a rare one.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet, Value
from django.db.models.functions import StrIndex

from gongkai.web.publishing.models import Item, State

FTS_TABLE = "publishing_item_fts"
CHAR_TABLE = "publishing_item_chars"
MIN_TRIGRAM = 3
MAX_RESULTS = 500
_SEPARATORS = re.compile(r"[\s\"'*:^()+\-]+")


def text_of(item: Item) -> str:
    """The searchable text, in lower case: queries are lowered too, so a plain ``LIKE`` (which
    the trigram index serves without PostgreSQL's slow case folding of Chinese text) finds
    "PDF" and "pdf" alike."""
    parts = [item.title, item.summary, item.document_number, item.body]
    if item.pk:
        parts += [a.original_name + "\n" + a.text for a in item.attachments.all()]
    return "\n".join(part for part in parts if part).lower()


def _chars(text: str) -> str:
    return " ".join(char for char in _SEPARATORS.sub("", text.lower()))


def char_document(organ_id: int, text: str) -> str:
    """The character table's document: the organ as a token of its own, then every character."""
    return f"organ{organ_id} {_chars(text)}"


def add(item: Item) -> None:
    if connection.vendor != "sqlite":
        return  # PostgreSQL indexes the column itself
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [item.pk])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, organ_id, text) VALUES (%s, %s, %s)",
            [item.pk, item.organ_id, item.search_text],
        )
        cursor.execute(
            f"INSERT INTO {CHAR_TABLE} (rowid, text) VALUES (%s, %s)",
            [item.pk, char_document(item.organ_id, item.search_text)],
        )


def remove(item: Item) -> None:
    """Take a published item out of the index (with the text it was indexed with)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [item.pk])
        cursor.execute(
            f"INSERT INTO {CHAR_TABLE} ({CHAR_TABLE}, rowid, text) VALUES ('delete', %s, %s)",
            [item.pk, char_document(item.organ_id, item.search_text)],
        )


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _sqlite_ids(organ_id: int, words: list[str]) -> list[int]:
    # The user's text is never FTS syntax: each word becomes one quoted string (a phrase).
    if all(len(word) >= MIN_TRIGRAM for word in words):
        sql = (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND organ_id = %s"
            " ORDER BY rowid DESC LIMIT %s"
        )
        params: list[object] = [" ".join(_quoted(w) for w in words), organ_id, MAX_RESULTS]
    else:
        phrases = [_quoted(_chars(word)) for word in words if _chars(word)]
        if not phrases:
            return []
        sql = (
            f"SELECT rowid FROM {CHAR_TABLE} WHERE {CHAR_TABLE} MATCH %s"
            " ORDER BY rowid DESC LIMIT %s"
        )
        params = [" AND ".join([f"organ{organ_id}", *phrases]), MAX_RESULTS]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def search(organ_id: int, query: str) -> QuerySet[Item]:
    """Published items of the organ whose title, body or attachments contain every word."""
    words = query.lower().split()
    items = Item.objects.filter(organ_id=organ_id, state=State.PUBLISHED)
    if not words:
        return items.none()
    if connection.vendor == "sqlite":
        return items.filter(pk__in=_sqlite_ids(organ_id, words))
    matching = items
    for index, word in enumerate(words):
        if len(word) >= MIN_TRIGRAM:
            matching = matching.filter(search_text__contains=word)
        else:
            # No trigram in a short word: through the index PostgreSQL would read all of it, so
            # the word is matched with strpos() on the newest items instead.
            name = f"_hit{index}"
            matching = matching.alias(**{name: StrIndex("search_text", Value(word))}).filter(
                **{f"{name}__gt": 0}
            )
    ids = list(matching.order_by("-published_at", "-id").values_list("pk", flat=True)[:MAX_RESULTS])
    return items.filter(pk__in=ids)
