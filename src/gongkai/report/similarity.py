"""Near copies among many narratives: townships filing one template, offices copying a neighbour.

Method (standard library only):

1. Each narrative becomes a set of character shingles (``SHINGLE`` characters) after
   normalising: whitespace and punctuation dropped, every digit run replaced by ``#`` — two organs
   filing one template differ in their numbers and names, not in their sentences.
2. Each set is sketched by one-permutation MinHash: a single hash per shingle, the minimum kept in
   each of ``BANDS × ROWS`` bins (empty bins borrow from the next one, so that sketches of short
   texts stay comparable). The share of equal bins estimates the Jaccard similarity.
3. Locality-sensitive hashing: the sketch is cut into ``BANDS`` bands of ``ROWS`` bins; two
   narratives that agree on a whole band become a candidate pair. With 16 bands of 4 rows a pair
   at Jaccard 0.8 is found with probability 1 − (1 − 0.8⁴)¹⁶ ≈ 0.9995, one at 0.3 with ≈ 0.12.
4. Every candidate pair is verified with the exact Jaccard similarity of the shingle sets, so the
   result never depends on the sketch's luck beyond missing a pair; pairs at or above the
   threshold are returned with the sentences they share.

Time grows with the total text length plus the number of candidate pairs, not with the square of
the number of narratives (``benchmarks/copy_detection.py``).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SHINGLE = 5
BANDS = 16
ROWS = 4
DEFAULT_THRESHOLD = 0.6  # Jaccard of the shingle sets
MIN_SHARED_SENTENCE = 12  # characters, after normalising

_DROP = re.compile(r"[\s\u3000，。、；：？！“”‘’（）()《》〈〉【】\[\],.;:?!\"'·—\-…/]+")
_DIGITS = re.compile(r"[0-9０-９.．%％]+")
_SENTENCE_END = re.compile(r"[。；！？!?;\n]+")
_MASK = (1 << 64) - 1
_EMPTY = _MASK


def normalize(text: str) -> str:
    """The text as compared: no spaces or punctuation, each number replaced by ``#``."""
    return _DROP.sub("", _DIGITS.sub("#", text))


def _digest(piece: str) -> int:
    return int.from_bytes(hashlib.blake2b(piece.encode(), digest_size=8).digest(), "big")


def shingles(text: str, memo: dict[str, int] | None = None) -> frozenset[int]:
    """The 64-bit hashes of the normalised text's ``SHINGLE``-character pieces (a stable hash,
    the same in every process). ``memo`` keeps the hashes of pieces already seen: narratives
    share most of their phrases, so most pieces are hashed once for a whole collection."""
    plain = normalize(text)
    if len(plain) < SHINGLE:
        return frozenset()
    memo = {} if memo is None else memo
    hashes = set()
    for i in range(len(plain) - SHINGLE + 1):
        piece = plain[i : i + SHINGLE]
        value = memo.get(piece)
        if value is None:
            value = memo[piece] = _digest(piece)
        hashes.add(value)
    return frozenset(hashes)


def sketch(hashes: frozenset[int], size: int = BANDS * ROWS) -> tuple[int, ...]:
    """One-permutation MinHash of ``hashes`` in ``size`` bins (densified by rotation)."""
    bins = [_EMPTY] * size
    for value in hashes:
        slot = value % size
        rest = value // size
        if rest < bins[slot]:
            bins[slot] = rest
    if all(value == _EMPTY for value in bins):
        return tuple(bins)
    for slot in range(size):
        offset = 1
        while bins[slot] == _EMPTY:
            borrowed = bins[(slot + offset) % size]
            if borrowed != _EMPTY:
                bins[slot] = (borrowed + offset) & _MASK
            offset += 1
    return tuple(bins)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True, slots=True)
class SimilarPair:
    """Two narratives that are near copies: their keys, the similarity, the shared sentences."""

    first: str
    second: str
    similarity: float
    shared: tuple[str, ...]


def shared_sentences(first: str, second: str, limit: int = 5) -> tuple[str, ...]:
    """Sentences of ``first`` that appear in ``second`` too (after normalising), longest first."""
    theirs = {normalize(s) for s in _SENTENCE_END.split(second)}
    found: list[str] = []
    for sentence in _SENTENCE_END.split(first):
        plain = normalize(sentence)
        if len(plain) >= MIN_SHARED_SENTENCE and plain in theirs:
            found.append(sentence.strip())
    found.sort(key=len, reverse=True)
    return tuple(dict.fromkeys(found))[:limit]


def candidate_pairs(sketches: Mapping[str, tuple[int, ...]]) -> set[tuple[str, str]]:
    """Pairs of keys whose sketches agree on at least one whole band (LSH)."""
    pairs: set[tuple[str, str]] = set()
    for band in range(BANDS):
        buckets: dict[tuple[int, ...], list[str]] = defaultdict(list)
        for key, values in sketches.items():
            piece = values[band * ROWS : (band + 1) * ROWS]
            if piece[0] != _EMPTY:
                buckets[piece].append(key)
        for members in buckets.values():
            for i, first in enumerate(members):
                for second in members[i + 1 :]:
                    pairs.add((first, second) if first < second else (second, first))
    return pairs


def find_copies(
    narratives: Mapping[str, str],
    threshold: float = DEFAULT_THRESHOLD,
    *,
    exclude: Sequence[tuple[str, str]] = (),
) -> list[SimilarPair]:
    """Pairs of ``narratives`` (key → text) whose shingle sets are at least ``threshold`` alike,
    most similar first. Pairs in ``exclude`` (e.g. an organ and itself) are left out."""
    memo: dict[str, int] = {}
    hashed = {key: shingles(text, memo) for key, text in narratives.items()}
    sketches = {key: sketch(values) for key, values in hashed.items() if values}
    skip = {tuple(sorted(pair)) for pair in exclude}
    found: list[SimilarPair] = []
    for first, second in candidate_pairs(sketches):
        if (first, second) in skip:
            continue
        similarity = jaccard(hashed[first], hashed[second])
        if similarity >= threshold:
            shared = shared_sentences(narratives[first], narratives[second])
            found.append(SimilarPair(first, second, similarity, shared))
    found.sort(key=lambda pair: (-pair.similarity, pair.first, pair.second))
    return found


def narrative_text(sections: Mapping[str, str] | None) -> str:
    """A report's narrative as one text (the sections in order), for :func:`find_copies`."""
    return "\n".join(sections.values()) if sections else ""
