"""The full-text index of published items, one implementation per database.

SQLite: an FTS5 table with the trigram tokenizer finds any substring of three or more
characters; a second, contentless FTS5 table indexes every character as a token and serves
queries with a word of one or two characters (as a phrase of characters); the candidates are
confirmed with ``instr`` (that table ignores spaces and punctuation). PostgreSQL: a GIN index on
a ``text[]`` column of each published item's characters and pairs of adjacent characters
(migration ``0006``; no extension needed): a word of one character is a key, a word of two is a
key, a longer word is the AND of its pairs, confirmed with ``strpos``. The tables and the column
are kept by ``add`` and ``remove`` when an item is published or withdrawn; only published items
are indexed. Both databases give the same items (``tests/web/test_portal_search.py`` compares
them with a plain substring scan).

Each search returns the ``MAX_RESULTS`` newest matching items (by item number, the order they
were entered, which both indexes can walk: SQLite's rowid, PostgreSQL's sorted candidates) and
says whether there were more, so that a very common word costs little more than a rare one: the
candidates are confirmed newest first until one more than ``MAX_RESULTS`` is found. The page
shows them in publication order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

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
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE publishing_item SET search_grams = %s WHERE id = %s",
                [grams(item.search_text), item.pk],
            )
        return
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
        return  # the GIN index holds published items only
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [item.pk])
        cursor.execute(
            f"INSERT INTO {CHAR_TABLE} ({CHAR_TABLE}, rowid, text) VALUES ('delete', %s, %s)",
            [item.pk, char_document(item.organ_id, item.search_text)],
        )


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def grams(text: str) -> list[str]:
    """PostgreSQL's index keys of a text: every character and every pair of adjacent characters.
    A word of one character occurs in the text only if it is one of its keys, a word of two only
    if it is one of its pairs, a longer word only if all its pairs are (and then ``strpos``
    decides)."""
    return sorted({*text, *(text[i : i + 2] for i in range(len(text) - 1))})


def query_keys(word: str) -> list[str]:
    return [word] if len(word) == 1 else [word[i : i + 2] for i in range(len(word) - 1)]


def _surely_token(char: str) -> bool:
    """A character the character table certainly indexes as a token. The unicode61 tokenizer
    drops punctuation and knows Unicode 6.1 only, so a word with no such character would be an
    empty phrase, which matches nothing: such a word is left to the substring confirmation."""
    return (
        (char.isascii() and char.isalnum())
        or "\u3400" <= char <= "\u4db5"
        or ("\u4e00" <= char <= "\u9fcb")
    )


def _sqlite_match(organ_id: int, words: list[str]) -> tuple[str, str]:
    """The full-text table to ask and its MATCH expression. The user's text is never FTS syntax:
    each word becomes one quoted string (a phrase)."""
    if all(len(word) >= MIN_TRIGRAM for word in words):
        return FTS_TABLE, " ".join(_quoted(w) for w in words)
    phrases = [_quoted(_chars(word)) for word in words if any(map(_surely_token, word))]
    return CHAR_TABLE, " AND ".join([f"organ{organ_id}", *phrases])


def _sqlite_ids(organ_id: int, words: list[str]) -> list[int]:
    """The full-text table's matches, newest item first (FTS5 walks its rowids backwards and
    stops early), each confirmed as a substring (the character table ignores punctuation and
    spaces), ``MAX_RESULTS + 1`` at most."""
    table, match = _sqlite_match(organ_id, words)
    confirm = " AND ".join("instr(i.search_text, %s) > 0" for _ in words)
    # CROSS JOIN keeps the full-text table outside, so the rowid order and LIMIT stop it early.
    sql = (
        f"SELECT i.id FROM {table} AS f CROSS JOIN publishing_item AS i ON i.id = f.rowid"
        f" WHERE {table} MATCH %s AND i.organ_id = %s AND i.state = %s AND {confirm}"
        " ORDER BY f.rowid DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, organ_id, State.PUBLISHED, *words, MAX_RESULTS + 1])
        return [row[0] for row in cursor.fetchall()]


def _postgres_ids(organ_id: int, words: list[str]) -> list[int]:
    """The GIN index of characters and pairs gives the candidates (exact for words of one or two
    characters); they are sorted newest item first and the longer words confirmed with
    ``strpos`` in that order, so that a common word stops after ``MAX_RESULTS + 1``
    confirmations instead of reading every hit's text."""
    keys = sorted({key for word in words for key in query_keys(word)})
    longer = [word for word in words if len(word) > 2]
    candidates = (
        "SELECT id FROM publishing_item WHERE organ_id = %s AND state = %s"
        " AND search_grams @> %s::text[]"
    )
    if not longer:
        sql = f"{candidates} ORDER BY id DESC LIMIT %s"
        params: list[object] = [organ_id, State.PUBLISHED, keys, MAX_RESULTS + 1]
    else:
        # The confirmation is a subquery evaluated row by row over the sorted candidates (a
        # join could be planned as a hash join and lose the order), and LIMIT stops it early.
        confirm = " AND ".join("strpos(i.search_text, %s) > 0" for _ in longer)
        sql = (
            f"WITH candidate AS MATERIALIZED ({candidates} ORDER BY id DESC)"
            f" SELECT c.id FROM candidate c WHERE (SELECT {confirm} FROM publishing_item i"
            " WHERE i.id = c.id) LIMIT %s"
        )
        params = [organ_id, State.PUBLISHED, keys, *longer, MAX_RESULTS + 1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


@dataclass(frozen=True, slots=True)
class Found:
    """A search's items (the ``MAX_RESULTS`` newest at most) and whether there were more."""

    items: QuerySet[Item]
    capped: bool


def search(organ_id: int, query: str) -> Found:
    """Published items of the organ whose title, body or attachments contain every word."""
    words = sorted(set(query.lower().split()))
    items = Item.objects.filter(organ_id=organ_id, state=State.PUBLISHED)
    if not words:
        return Found(items.none(), capped=False)
    if connection.vendor == "sqlite":
        ids = _sqlite_ids(organ_id, words)
    else:
        ids = _postgres_ids(organ_id, words)
    return Found(items.filter(pk__in=ids[:MAX_RESULTS]), capped=len(ids) > MAX_RESULTS)
