"""Pinyin for names and slugs.

A surname often reads differently from the same character in ordinary words
(单 is shan, not dan; 曾 is zeng, not ceng), and compound surnames (欧阳, 司马)
are one unit; general-purpose pinyin gets both wrong. The syllables come from
pypinyin; this module adds the surname rules and the slug conventions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

from pypinyin import Style, lazy_pinyin

from .text import is_cjk

__all__ = [
    "SURNAME_READINGS",
    "COMPOUND_SURNAMES",
    "name_pinyin",
    "name_slug",
    "name_sort_key",
    "slugify",
    "is_slug",
]

# Surnames whose reading differs from the character's everyday reading, as
# given by standard dictionaries (现代汉语词典 marks them 姓).
SURNAME_READINGS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "单": ("shan",), "曾": ("zeng",), "仇": ("qiu",), "解": ("xie",),
    "朴": ("piao",), "区": ("ou",), "查": ("zha",), "盖": ("ge",),
    "覃": ("qin",), "缪": ("miao",), "翟": ("zhai",), "乐": ("yue",),
    "员": ("yun",), "秘": ("bi",), "种": ("chong",), "繁": ("po",),
    "召": ("shao",), "黑": ("he",), "隗": ("wei",), "折": ("she",),
    "句": ("gou",), "阚": ("kan",), "藏": ("zang",), "都": ("du",),
    "薄": ("bo",), "能": ("nai",), "粘": ("nian",), "么": ("yao",),
    "尉": ("wei",), "长": ("chang",), "重": ("chong",), "贾": ("jia",),
    "沈": ("shen",), "柏": ("bai",), "葛": ("ge",), "牟": ("mou",),
    # compound surnames
    "欧阳": ("ou", "yang"), "司马": ("si", "ma"), "上官": ("shang", "guan"),
    "诸葛": ("zhu", "ge"), "东方": ("dong", "fang"), "皇甫": ("huang", "fu"),
    "尉迟": ("yu", "chi"), "公孙": ("gong", "sun"), "慕容": ("mu", "rong"),
    "令狐": ("ling", "hu"), "长孙": ("zhang", "sun"), "宇文": ("yu", "wen"),
    "司徒": ("si", "tu"), "夏侯": ("xia", "hou"), "司空": ("si", "kong"),
    "端木": ("duan", "mu"), "南宫": ("nan", "gong"), "轩辕": ("xuan", "yuan"),
    "呼延": ("hu", "yan"), "赫连": ("he", "lian"), "独孤": ("du", "gu"),
    "西门": ("xi", "men"), "东郭": ("dong", "guo"), "闻人": ("wen", "ren"),
    "澹台": ("tan", "tai"), "万俟": ("mo", "qi"), "单于": ("chan", "yu"),
    "申屠": ("shen", "tu"), "钟离": ("zhong", "li"), "宗政": ("zong", "zheng"),
    "濮阳": ("pu", "yang"), "太史": ("tai", "shi"), "公冶": ("gong", "ye"),
    "公羊": ("gong", "yang"), "百里": ("bai", "li"), "拓跋": ("tuo", "ba"),
    "乐正": ("yue", "zheng"), "第五": ("di", "wu"), "左丘": ("zuo", "qiu"),
    "亓官": ("qi", "guan"), "颛孙": ("zhuan", "sun"), "漆雕": ("qi", "diao"),
})
COMPOUND_SURNAMES: frozenset[str] = frozenset(k for k in SURNAME_READINGS if len(k) == 2)

# Separators inside transliterated names (肖开提.依明, 约翰·史密斯).
_NAME_DOTS = ".·•・‧．･∙"
_DOT_SPLIT_RE = re.compile(f"[{re.escape(_NAME_DOTS)}]+")
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SYLLABLE_RE = re.compile(r"[a-z]+")


def is_slug(s: str) -> bool:
    """True for lower-case ASCII words joined by single hyphens, safe in any URL."""
    return isinstance(s, str) and _SLUG_RE.fullmatch(s) is not None


def _fix_u(syllable: str) -> str:
    """pypinyin writes ü as v; passports and slugs use yu (吕 lyu, 女 nyu)."""
    if syllable[:1] in ("l", "n") and "v" in syllable:
        return syllable.replace("v", "yu")
    return syllable


def _read(text: str) -> list[str]:
    """Syllables of a run of text: pinyin for Chinese, other words kept as written."""
    out: list[str] = []
    for chunk in _split_scripts(text):
        if is_cjk(chunk[0]):
            for item in lazy_pinyin(chunk, style=Style.NORMAL):
                if item.isascii():  # skip characters pypinyin cannot read (e.g. kana)
                    out.append(_fix_u(item))
        else:
            out.extend(chunk.split())
    return out


def _read_with(text: str, overrides: dict[str, tuple[str, ...]]) -> list[str]:
    """Read text, taking the longest override that matches at each position."""
    if not overrides:
        return _read(text)
    out: list[str] = []
    plain_start = 0
    i = 0
    longest = max(len(k) for k in overrides)
    while i < len(text):
        for n in range(min(longest, len(text) - i), 0, -1):
            if text[i:i + n] in overrides:
                out.extend(_read(text[plain_start:i]))
                out.extend(overrides[text[i:i + n]])
                i += n
                plain_start = i
                break
        else:
            i += 1
    out.extend(_read(text[plain_start:]))
    return out


def _normalize_overrides(overrides: dict | None) -> dict[str, tuple[str, ...]]:
    if not overrides:
        return {}
    norm: dict[str, tuple[str, ...]] = {}
    for key, value in overrides.items():
        if isinstance(value, str):
            value = value.replace("-", " ").replace("'", " ").split()
        sylls = tuple(_fix_u(str(v).strip().lower()) for v in value)
        if not key or not sylls or not all(_SYLLABLE_RE.fullmatch(s) for s in sylls):
            raise ValueError(f"bad pinyin override {key!r}: {value!r}")
        norm[str(key)] = sylls
    return norm


def _surname_split(piece: str) -> tuple[str, str]:
    if len(piece) >= 2 and piece[:2] in COMPOUND_SURNAMES:
        return piece[:2], piece[2:]
    return piece[:1], piece[1:]


def _parts(name: str, overrides: dict[str, tuple[str, ...]]) -> list[tuple[str, list[str]]]:
    """The name as (text, syllables) groups: surname then given name, or one group per dotted part.

    A slug runs each group's syllables together and joins the groups with '-'.
    """
    name = name.strip()
    dotted = _DOT_SPLIT_RE.search(name) is not None
    pieces = _DOT_SPLIT_RE.split(name) if dotted else [name]
    groups: list[tuple[str, list[str]]] = []
    for piece in pieces:
        for word in piece.split():
            for chunk in _split_scripts(word):
                if not is_cjk(chunk[0]):
                    groups.append((chunk, [chunk]))
                elif not dotted and not groups:
                    # The first Chinese word of an undotted name starts with the surname.
                    surname, given = _surname_split(chunk)
                    if surname in overrides:
                        reading = list(overrides[surname])
                    elif surname in SURNAME_READINGS:
                        reading = list(SURNAME_READINGS[surname])
                    else:
                        reading = _read_with(surname, overrides)
                    groups.append((surname, reading))
                    if given:
                        groups.append((given, _read_with(given, overrides)))
                else:
                    groups.append((chunk, _read_with(chunk, overrides)))
    return groups


def _split_scripts(run: str) -> list[str]:
    """Split text into alternating CJK and non-CJK chunks."""
    chunks: list[str] = []
    for ch in run:
        if chunks and is_cjk(ch) == is_cjk(chunks[-1][-1]):
            chunks[-1] += ch
        else:
            chunks.append(ch)
    return chunks


def name_pinyin(name: str, overrides: dict | None = None) -> list[str]:
    """Syllables of a personal name, the surname read as a surname.

    ``overrides`` maps the whole name, a surname or any run of characters to
    its reading ("ou yang" or ["ou", "yang"]) for the names no rule gets right.
    """
    norm = _normalize_overrides(overrides)
    key = name.strip()
    if key in norm:
        return list(norm[key])
    return [s for _, sylls in _parts(name, norm) for s in sylls]


def _ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def name_slug(name: str, override: str | None = None) -> str:
    """URL slug for a person: surname and given name each run together (杨趣玲 → yang-quling).

    An explicit ``override`` wins but must itself be a valid slug (ValueError
    otherwise). Returns "" when nothing slug-worthy is left, which callers
    must treat as "no id" since an empty slug would make a broken URL.
    """
    if override is not None:
        if not is_slug(override):
            raise ValueError(f"not a valid slug: {override!r}")
        return override
    pieces = [_ascii_slug("".join(sylls)) for _, sylls in _parts(name, {})]
    return "-".join(p for p in pieces if p)


def name_sort_key(name: str) -> tuple:
    """Sort key ordering names as a Chinese index does.

    By surname pinyin, then the surname characters (so homophone surnames
    such as 张 and 章 stay in separate runs), then the given name's pinyin,
    then the whole name as a final tie-break.
    """
    groups = _parts(name, {})
    if not groups:
        return ((), "", (), name)
    head_text, head = groups[0]
    rest = [s for _, sylls in groups[1:] for s in sylls]
    fold = lambda sylls: tuple(_ascii_slug(s) or s.casefold() for s in sylls)  # noqa: E731
    return (fold(head), head_text.casefold(), fold(rest), name)


def slugify(text: str) -> str:
    """General slug (tags, titles): one hyphen-separated word per pinyin syllable, ASCII only.

    Returns "" when nothing slug-worthy is left (e.g. only punctuation).
    """
    words = [_ascii_slug(s) for s in _read(text.strip())]
    slug = "-".join(w for w in words if w)
    return re.sub(r"-{2,}", "-", slug).strip("-")
