"""Copy detection over 5,000 narratives (``gongkai.report.similarity.find_copies``).

    .venv/bin/python benchmarks/copy_detection.py            # 5,000 narratives
    .venv/bin/python benchmarks/copy_detection.py --count 500

The narratives are built from the sentences of the corpus's real reports (``../shared/corpus/
raw``, read with ``gongkai.read``): each organ's own narrative is 30 sentences drawn at random
(``random.Random(0)``) from that pool, with its own numbers; on top, 100 templates are each
filed by 5 organs with only the organ's name and numbers changed (the township case). The run
reports the time, the pairs found, and how many of the planted template pairs were found
(recall) and how many found pairs were not planted.
"""

from __future__ import annotations

import argparse
import itertools
import platform
import random
import re
import time
from pathlib import Path

import gongkai
from gongkai.report.similarity import find_copies, narrative_text
from timing import pin_to_one_core, print_rows

RAW = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "raw"
TEMPLATES = 100
COPIES = 5


def sentence_pool() -> list[str]:
    sentences: list[str] = []
    for path in sorted(RAW.iterdir()):
        try:
            text = narrative_text(gongkai.read(path).sections)
        except gongkai.ReportInputError:
            continue
        sentences += [s for s in re.split(r"[。；\n]", text) if len(s) >= 15]
    if not sentences:
        raise SystemExit(f"the corpus is missing: no narrative in {RAW}")
    return sorted(set(sentences))


def renumber(text: str, rng: random.Random) -> str:
    return re.sub(r"\d+", lambda _: str(rng.randint(0, 999)), text)


def narratives(count: int, rng: random.Random) -> tuple[dict[str, str], set[tuple[str, str]]]:
    pool = sentence_pool()
    texts: dict[str, str] = {}
    planted: set[tuple[str, str]] = set()
    for template in range(TEMPLATES):
        body = "。".join(rng.sample(pool, 30))
        keys = [f"t{template:03d}-{copy}" for copy in range(COPIES)]
        for key in keys:
            texts[key] = renumber(f"{key}人民政府。" + body, rng)
        planted |= {tuple(sorted(pair)) for pair in itertools.combinations(keys, 2)}  # type: ignore[misc]
    for number in range(count - len(texts)):
        key = f"o{number:05d}"
        texts[key] = renumber(f"{key}。" + "。".join(rng.sample(pool, 30)), rng)
    return texts, planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    args = parser.parse_args()
    pinned = pin_to_one_core()
    texts, planted = narratives(args.count, random.Random(0))
    characters = sum(map(len, texts.values()))
    print(
        f"Python {platform.python_version()} · {pinned} · {len(texts)} narratives, "
        f"{characters / len(texts):,.0f} characters on average, {len(planted)} planted pairs"
    )
    started = time.perf_counter()
    cpu = time.process_time()
    pairs = find_copies(texts)
    wall, used = time.perf_counter() - started, time.process_time() - cpu
    found = {(pair.first, pair.second) for pair in pairs}
    body = [
        ["narratives", f"{len(texts):,}"],
        ["time (wall, s)", f"{wall:.1f}"],
        ["time (CPU, s)", f"{used:.1f}"],
        ["pairs found", f"{len(found):,}"],
        ["planted pairs found", f"{len(found & planted):,} of {len(planted):,}"],
        ["found, not planted", f"{len(found - planted):,}"],
    ]
    print_rows(["figure", "value"], body)


if __name__ == "__main__":
    main()
