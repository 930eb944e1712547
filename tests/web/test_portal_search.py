"""The portal search gives exactly the items a plain substring scan gives, on SQLite (FTS5
trigram and character tables) and PostgreSQL (GIN index of characters and pairs) alike: words of
one, two and more characters, several words, Latin letters and digits, punctuation, no match;
newest publication first, capped at ``MAX_RESULTS`` with "more than" said."""

from __future__ import annotations

import datetime
import random

import pytest
from django.utils import timezone

from gongkai.web.publishing import searchindex
from gongkai.web.publishing.models import CatalogueNode, Item, State

pytestmark = pytest.mark.django_db

# A small alphabet, so that short words hit many items and longer ones few; with Latin letters,
# digits, punctuation, a space and FTS syntax characters mixed in.
ALPHABET = list("法律援助公证调解人民司所") + list("AbC2023") + ["，", "。", "-", '"', "*", " "]
QUERIES = [
    *"法律援助公证调解人民司所",  # every single character
    "法律",
    "援助",
    "律援",
    "公证",
    "证公",
    "人民",
    "法律援助",
    "人民调解",
    "调解 司所",
    "法 所 证",
    "援助 公证 人民",
    "ab",
    "AbC",
    "2023",
    "20",
    "c2",
    "法，",
    "，法",
    "。",
    "-",
    '"',
    '"*',
    "*法",
    "OR 公",
    "不存在的词语",
    "法律援助公证调解人民司所法律援助",
]


@pytest.fixture
def generated(bureau, unit, submitter) -> list[Item]:
    """120 published items of random text from the alphabet, one draft, and one published item
    of another organ, all indexed as publication indexes them."""
    column = CatalogueNode.objects.create(organ=bureau, name="工作动态")
    rng = random.Random(11)
    start = timezone.now() - datetime.timedelta(days=400)
    items = []
    for index in range(120):
        words = ["".join(rng.choices(ALPHABET, k=rng.randint(2, 9))) for _ in range(6)]
        if index % 3 == 0:
            words[rng.randrange(6)] += rng.choice(("法律援助", "人民调解", "公证员", "2023年"))
        if index == 7:  # every pair of 法律援助 but not the word: the confirmation's case
            words[1] = "法律援，援助"
        title, body = words[0], " ".join(words[1:])
        item = Item.objects.create(
            organ=bureau,
            unit=unit,
            author=submitter,
            node=column,
            title=title,
            body=body,
            item_type="dynamic",
            disclosure="proactive",
            formed_on=datetime.date(2024, 1, 1),
            state=State.PUBLISHED,
            # Publication order differs from creation order, as in life.
            published_at=start + datetime.timedelta(hours=(index * 37) % 120),
            index_number=f"T-{index:04d}",
        )
        item.search_text = searchindex.text_of(item)
        item.save(update_fields=["search_text"])
        searchindex.add(item)
        items.append(item)
    Item.objects.create(
        organ=bureau,
        unit=unit,
        author=submitter,
        node=column,
        title="法律援助公证调解人民司所草稿",
        item_type="dynamic",
        disclosure="proactive",
        formed_on=datetime.date(2024, 1, 1),
    )
    return items


def scan(items: list[Item], query: str) -> list[int]:
    """What the search must give: every item containing every word, newest first."""
    words = query.lower().split()
    found = [i for i in items if words and all(w in i.search_text for w in words)]
    found.sort(key=lambda i: (i.published_at, i.pk), reverse=True)
    return [i.pk for i in found]


def ordered(found: searchindex.Found) -> list[int]:
    return list(found.items.order_by("-published_at", "-id").values_list("pk", flat=True))


def test_search_equals_a_substring_scan(generated):
    wrong = []
    for query in QUERIES:
        found = searchindex.search(generated[0].organ_id, query)
        if ordered(found) != scan(generated, query) or found.capped:
            wrong.append(query)
    assert wrong == []


def test_the_generated_set_exercises_every_kind_of_query(generated):
    counts = {query: len(scan(generated, query)) for query in QUERIES}
    assert counts["法"] > 60  # a common character: most items
    assert 0 < counts["法律援助"] < counts["法律"]
    assert counts["不存在的词语"] == 0
    assert "法律援，援助" in generated[7].search_text
    assert counts["AbC"] > 0
    assert counts["2023"] > 0
    assert counts["，法"] > 0


def test_only_the_organs_published_items_are_found(generated, other_bureau):
    assert searchindex.search(other_bureau.pk, "法").items.count() == 0
    drafts = Item.objects.exclude(state=State.PUBLISHED)
    assert drafts.count() == 1
    assert not searchindex.search(generated[0].organ_id, "草稿").items.exists()


def test_a_common_word_gives_the_newest_matches_and_says_there_are_more(generated, monkeypatch):
    """Capped: the newest items (by number, as entered), shown in publication order."""
    monkeypatch.setattr(searchindex, "MAX_RESULTS", 5)
    for query in ("法", "法律", "法律援助", "人民 调解"):
        expected = scan(generated, query)
        assert len(expected) > 5, query
        newest = set(sorted(expected, reverse=True)[:5])
        found = searchindex.search(generated[0].organ_id, query)
        assert ordered(found) == [pk for pk in expected if pk in newest], query
        assert found.capped


def test_the_search_page_says_more_than_when_capped(generated, client, monkeypatch):
    monkeypatch.setattr(searchindex, "MAX_RESULTS", 5)
    page = client.get(f"/open/{generated[0].organ_id}/search/", {"q": "法"}).content.decode()
    assert "找到超过 5 条" in page
    rare = scan(generated, "法律援助公证")
    page = client.get(f"/open/{generated[0].organ_id}/search/", {"q": "法律援助公证"})
    assert f"共找到 {len(rare)} 条" in page.content.decode()
