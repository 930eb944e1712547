"""What a report says about itself: title, organ, year, publication date, and its six sections.

The title names the organ and the year ('青山区司法局 2023 年政府信息公开工作年度报告', also with
the year first: '2024 年上海市科委政府信息公开工作年度报告'). When it is missing (an excerpt),
the year comes from the statistics period ('统计期限为2024年1月1日至…') or the first year the
text names, and a finding says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from gongkai.report.formats import SECTIONS
from gongkai.report.narrative import first_year, statistics_period_years
from gongkai.report.spec import SectionSpec

_TITLE_ORGAN_FIRST = re.compile(
    r"(?P<organ>[^，。；：:、\s|]{2,60}?)(?P<year>(?:19|20)\d{2})年度?"
    r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)"
)
_TITLE_YEAR_FIRST = re.compile(
    r"(?P<year>(?:19|20)\d{2})年度?(?P<organ>[^，。；：:、\s|]{2,60}?)"
    r"(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)"
)
_SHORT_TITLE = re.compile(r"(?P<year>(?:19|20)\d{2})年报")
# Breadcrumbs and site furniture that precede a title on crawled pages.
_CRUMBS = ("当前位置", "首页", "年报", "年度报告", ">", "》", "栏目", "正文")
_WHITESPACE = re.compile(r"\s+")
_DATE = re.compile(
    r"((?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?"
)
_PUBLISHED = re.compile(r"(?:发布日期|发布时间|成文日期|时间)\s*[:：]\s*")
# A crawler's header above the page's text: '标题: …', '发布时间: …', '原文链接: …', '====正文===='.
# It says what the page is (title, publication date, address); it is not the report's narrative.
_CRAWLER_HEADER = re.compile(
    r"^\s*(?:(?:标题|发布时间|发布日期|原文链接|链接|网址|来源|栏目)\s*[:：].*|=+\s*正文\s*=+)\s*$"
)
_HEADER_LINES = 12  # the header is the page's first lines
# The page's address in a crawler's header: only a web address (http, https) is kept, since it
# is shown as a link.
_HEADER_URL = re.compile(
    r"^\s*(?:原文链接|链接|网址)\s*[:：]\s*(https?://[^\s<>\"']{1,2000})\s*$", re.I
)
_TITLE_LINES = 40  # a title is near the top
# A title with the crumbs before it is far shorter; the patterns look up to 60 characters ahead
# from every position, so a line of 200,000 characters (text without line breaks) would take
# seconds to search.
_TITLE_CHARS = 300
_DATE_LINES = 6  # the signature date is among the last lines


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None
    organ: str | None
    year: int | None
    year_from: str | None  # "title", "period" or "text" (how the year was found)
    published_on: date | None
    url: str | None = None  # the page's address, from a crawler's header ('原文链接: …')


def _compact(text: str) -> str:
    return _WHITESPACE.sub("", text)


_AROUND_ORGAN = "（）()【】[]“”\"'：:·-—_ "  # brackets, quotes and separators around a name


def _organ(name: str) -> str | None:
    for crumb in _CRUMBS:
        if crumb in name:
            name = name.rsplit(crumb, 1)[-1]
    right = name.rstrip(_AROUND_ORGAN)
    stripped, cut = right.lstrip(_AROUND_ORGAN), name[len(right) :]
    # a closing bracket that closes one the name opens is the name's own: 办公室（区外事办）
    for opening, closing in (("（", "）"), ("(", ")")):
        if stripped.count(opening) > stripped.count(closing) and closing in cut:
            stripped += closing
    return stripped if len(stripped) >= 2 else None


def find_title(lines: list[str]) -> tuple[str | None, str | None, int | None]:
    """The title line, the organ it names and the year, from the first lines."""
    top = [_compact(line)[:_TITLE_CHARS] for line in lines[:_TITLE_LINES]]
    # a title on one line first; then one broken over two lines
    candidates = [*top, *(a + b for a, b in pairwise(top))]
    for candidate in candidates:
        for pattern in (_TITLE_YEAR_FIRST, _TITLE_ORGAN_FIRST):
            match = pattern.search(candidate)
            if match:
                organ = _organ(match.group("organ"))
                if organ is not None and "年" not in organ[-1:]:
                    return match.group(0), organ, int(match.group("year"))
    for line in top:
        if match := _SHORT_TITLE.search(line):
            return None, None, int(match.group("year"))
    return None, None, None


def crawler_header(lines: list[str]) -> int:
    """How many of the first ``lines`` are a crawler's header (0 when there is none)."""
    count = 0
    for line in lines[:_HEADER_LINES]:
        if not line.strip() or _CRAWLER_HEADER.match(line):
            count += 1
        else:
            break
    return count if any(_CRAWLER_HEADER.match(line) for line in lines[:count]) else 0


def find_metadata(text: str) -> Metadata:
    lines = [line for line in text.splitlines() if line.strip()]
    title, organ, year = find_title(lines)
    year_from: str | None = "title" if year is not None else None
    if year is None:
        period = statistics_period_years(text)
        if period is not None:
            year, year_from = period[0], "period"
        elif (found := first_year(text)) is not None:
            year, year_from = found, "text"
    return Metadata(title, organ, year, year_from, _published_on(lines), _url(lines))


def _url(lines: list[str]) -> str | None:
    """The page's address from a crawler's header, if it has one."""
    header = lines[: crawler_header(lines)]
    for line in header:
        if match := _HEADER_URL.match(line):
            return match.group(1)
    return None


def _published_on(lines: list[str]) -> date | None:
    for line in lines:
        marker = _PUBLISHED.search(line)
        if marker and (found := _date(line[marker.end() :])):
            return found
    for line in reversed(lines[-_DATE_LINES:]):
        if (found := _date(line)) is not None and len(_compact(line)) <= 20:
            return found
    return None


def _date(text: str) -> date | None:
    match = _DATE.match(text.strip())
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


# A section heading: its number and its title ('三、收到和处理政府信息公开申请情况'); the number
# may differ from the format's (some reports renumber), the title may be one of its variants.
_NUMBER = r"[一二三四五六七八九十]{1,2}\s*[、，,.．]\s*"
# Shorter forms seen in real reports (a typo too: 008 prints '行政法复议'); a heading is matched by
# its longest form first, so that a section's text starts after the whole title.
_SHORT_FORMS = {
    "appeals": (
        "政府信息公开行政复议",
        "因政府信息公开工作被申请行政复议",
        "政府信息公开行政法复议",
    ),
    "problems": ("存在的主要问题", "政府信息公开工作存在的主要问题", "存在问题"),
}


def _heading(section: SectionSpec) -> re.Pattern[str]:
    titles = {re.sub("^" + _NUMBER, "", title) for title in (section.title, *section.variants)}
    forms = sorted(titles | set(_SHORT_FORMS.get(section.key, ())), key=len, reverse=True)
    return re.compile(_NUMBER + "(?:" + "|".join(map(re.escape, forms)) + ")")


_HEADINGS = {section.key: _heading(section) for section in SECTIONS}


def is_section_heading(text: str) -> bool:
    """Whether ``text`` starts with one of the six section headings."""
    stripped = text.strip()
    return any(heading.match(stripped) for heading in _HEADINGS.values())


def find_sections(text: str) -> dict[str, str]:
    """Each section's text, from its heading to the next; ``preamble`` is what precedes them."""
    starts: list[tuple[int, int, str]] = []
    position = 0
    for section in SECTIONS:
        match = _HEADINGS[section.key].search(text, position)
        if match is None:
            continue
        starts.append((match.start(), match.end(), section.key))
        position = match.end()
    if not starts:
        return {}
    sections = {"preamble": text[: starts[0][0]].strip()}
    for index, (_, end, key) in enumerate(starts):
        stop = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        sections[key] = text[end:stop].strip()
    return sections
