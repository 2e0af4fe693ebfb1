"""Chinese lunar calendar facts for Gregorian dates.

All astronomy (new moons, leap months, solar terms) comes from lunar-python,
a maintained library: calendar tables typed by hand drift out of date (the
2033 leap month is the classic trap), so this module only names and checks.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from lunar_python import Lunar, LunarYear, Solar

__all__ = [
    "Festival",
    "LunarDate",
    "FESTIVALS",
    "SOLAR_TERMS",
    "lunar_date",
    "festivals_between",
    "weekday_zh",
    "check_weekday",
    "check_lunar",
    "candidate_years",
]


@dataclass(frozen=True)
class Festival:
    """A named day; ``kind`` is "festival" or "solar-term" so pages can style them apart."""

    id: str
    zh: str
    en: str
    kind: str


@dataclass(frozen=True)
class LunarDate:
    """A lunar date with the wordings a Chinese reader expects to see."""

    year: int
    month: int
    day: int
    leap: bool
    zh: str
    en: str
    colloquial: str
    festivals: tuple[Festival, ...]


# --- names -----------------------------------------------------------------

_MONTH_ZH = ("", "正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
_DAY_ZH = (
    "",
    "初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
    "廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十",
)
# The 大年 forms count towards or from New Year, so they use full numerals.
_DANIAN_LATE = {29: "大年二十九", 30: "大年三十"}

_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _f(id_: str, zh: str, en: str, kind: str = "festival") -> Festival:
    return Festival(id_, zh, en, kind)


_CHUXI = _f("chuxi", "除夕", "Chinese New Year's Eve")
_QINGMING = _f("qingming", "清明", "Qingming Festival (Tomb-Sweeping Day)")
_DONGZHI = _f("dongzhi", "冬至", "Dongzhi Festival (Winter Solstice)")

# Traditional festivals fixed to a (non-leap) lunar month and day.
_LUNAR_FESTIVALS: dict[tuple[int, int], Festival] = {
    (1, 1): _f("spring-festival", "春节", "Spring Festival (Chinese New Year)"),
    (1, 15): _f("lantern-festival", "元宵节", "Lantern Festival"),
    (2, 2): _f("longtaitou", "龙抬头", "Longtaitou (Dragon Raises Its Head)"),
    (5, 5): _f("dragon-boat", "端午节", "Dragon Boat Festival"),
    (7, 7): _f("qixi", "七夕", "Qixi Festival"),
    (7, 15): _f("zhongyuan", "中元节", "Zhongyuan Festival (Ghost Festival)"),
    (8, 15): _f("mid-autumn", "中秋节", "Mid-Autumn Festival"),
    (9, 9): _f("double-ninth", "重阳节", "Double Ninth Festival"),
    (12, 8): _f("laba", "腊八", "Laba Festival"),
    (12, 23): _f("xiaonian", "小年", "Little New Year (Xiaonian)"),
}

# The 24 solar terms in calendar order, starting with the first one of January.
SOLAR_TERMS: tuple[Festival, ...] = tuple(
    _f(en.lower().replace("'", "").replace(" ", "-"), zh, en, "solar-term")
    for zh, en in (
        ("小寒", "Minor Cold"), ("大寒", "Major Cold"),
        ("立春", "Start of Spring"), ("雨水", "Rain Water"),
        ("惊蛰", "Awakening of Insects"), ("春分", "Spring Equinox"),
        ("清明", "Pure Brightness"), ("谷雨", "Grain Rain"),
        ("立夏", "Start of Summer"), ("小满", "Grain Buds"),
        ("芒种", "Grain in Ear"), ("夏至", "Summer Solstice"),
        ("小暑", "Minor Heat"), ("大暑", "Major Heat"),
        ("立秋", "Start of Autumn"), ("处暑", "End of Heat"),
        ("白露", "White Dew"), ("秋分", "Autumn Equinox"),
        ("寒露", "Cold Dew"), ("霜降", "Frost's Descent"),
        ("立冬", "Start of Winter"), ("小雪", "Minor Snow"),
        ("大雪", "Major Snow"), ("冬至", "Winter Solstice"),
    )
)
_TERM_BY_ZH = {t.zh: t for t in SOLAR_TERMS}
# 清明 and 冬至 are festivals as well as solar terms: both entries are listed.
_TERM_FESTIVALS = {"清明": _QINGMING, "冬至": _DONGZHI}

# Every traditional festival, in the order of the year (solar-term ones in place).
FESTIVALS: tuple[Festival, ...] = (
    _LUNAR_FESTIVALS[(1, 1)], _LUNAR_FESTIVALS[(1, 15)], _LUNAR_FESTIVALS[(2, 2)],
    _QINGMING, _LUNAR_FESTIVALS[(5, 5)], _LUNAR_FESTIVALS[(7, 7)],
    _LUNAR_FESTIVALS[(7, 15)], _LUNAR_FESTIVALS[(8, 15)], _LUNAR_FESTIVALS[(9, 9)],
    _DONGZHI, _LUNAR_FESTIVALS[(12, 8)], _LUNAR_FESTIVALS[(12, 23)], _CHUXI,
)


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- conversion --------------------------------------------------------------

# A year's solar-term table runs from the previous 大雪 to the next 惊蛰; lunar-python
# keys the repeated terms at either end in Latin and Lunar.getJieQi() names them in Chinese.
_LATIN_TERMS = {
    "DONG_ZHI": "冬至", "DA_HAN": "大寒", "XIAO_HAN": "小寒", "LI_CHUN": "立春",
    "DA_XUE": "大雪", "YU_SHUI": "雨水", "JING_ZHE": "惊蛰",
}


GREGORIAN_FROM = 1583  # lunar-python's Solar is a Julian-calendar date before 1582-10-15
_JD_OF_ORDINAL_0 = 1721424.5  # Julian day at the start of datetime's ordinal 0 (proleptic Gregorian)


def _solar_ordinal(jd: float) -> int:
    """The datetime ordinal of the day holding Julian day ``jd``, as lunar-python's Solar rounds it.

    Before 1583 Solar is a Julian-calendar date (1500-02-29 exists there), so the day is
    counted from the Julian day itself, in the proleptic Gregorian calendar datetime uses."""
    s = Solar.fromJulianDay(jd)
    if s.getYear() < GREGORIAN_FROM:
        return int(jd - _JD_OF_ORDINAL_0)
    return datetime.date(s.getYear(), s.getMonth(), s.getDay()).toordinal()


@lru_cache(maxsize=512)
def _year(year: int) -> tuple[tuple[tuple[int, int, int, int], ...], dict[int, str]]:
    """The lunar months and solar terms lunar-python uses for days of Gregorian ``year``.

    A Lunar per day costs milliseconds: each rebuilds the solar-term table, and
    before Spring Festival (lunar year != Gregorian year) lunar-python, which
    caches a single LunarYear, recomputes the year's astronomy twice. Here each
    LunarYear is computed once.
    Months are (first day's ordinal, lunar year, month, day count), the month
    negative when leap; terms map a day's ordinal to its Chinese name.
    """
    ly = LunarYear.fromYear(year)
    months = tuple(
        (_solar_ordinal(m.getFirstJulianDay()), m.getYear(), m.getMonth(), m.getDayCount())
        for m in ly.getMonths()
    )
    terms: dict[int, str] = {}
    # Lunar.getJieQi() takes the first entry of this table that falls on the day.
    for name, jd in zip(Lunar.JIE_QI_IN_USE, ly.getJieQiJulianDays()):
        try:
            day = _solar_ordinal(jd)
        except ValueError:  # rounding can carry past a month's end (e.g. 1月32日): getJieQi() never matches it
            continue
        terms.setdefault(day, _LATIN_TERMS.get(name, name))
    return months, terms


def _lunar_ymd(d: datetime.date) -> tuple[int, int, int]:
    """(lunar year, month, day) of d, the month negative when leap, as Lunar.fromSolar finds it."""
    n = d.toordinal()
    for first, year, month, count in _year(d.year)[0]:
        if n - first < count:
            return year, month, n - first + 1
    raise ValueError(f"{d} is outside the lunar calendar lunar-python computes")


def _is_new_year_eve(d: datetime.date) -> bool:
    """True on the last day of a lunar year, whether that is the 29th or the 30th."""
    return _lunar_ymd(d)[0] != _lunar_ymd(d + datetime.timedelta(days=1))[0]


@lru_cache(maxsize=16384)
def lunar_date(d: datetime.date) -> LunarDate:
    """The lunar date of a Gregorian day, with its festivals and solar term.

    Cached because a build asks about the same day more than once (the entry
    page, its annotation check, the festival list).
    """
    year, raw_month, day = _lunar_ymd(d)
    month, leap = abs(raw_month), raw_month < 0
    zh = ("闰" if leap else "") + _MONTH_ZH[month] + "月" + _DAY_ZH[day]
    en = f"{_ordinal(day)} day of the {'leap ' if leap else ''}{_ordinal(month)} lunar month"

    # Only the last two days of the year's final month can be 除夕 or a 大年 day.
    eve = month == 12 and day >= 29 and _is_new_year_eve(d)
    in_last_month = eve or (month == 12 and day == 29 and _is_new_year_eve(d + datetime.timedelta(days=1)))

    colloquial = ""
    if month == 1 and not leap and day <= 10:
        colloquial = "大年" + _DAY_ZH[day]
    elif in_last_month:
        colloquial = _DANIAN_LATE[day]

    festivals: list[Festival] = []
    if eve:
        festivals.append(_CHUXI)
    if not leap and (month, day) in _LUNAR_FESTIVALS:
        festivals.append(_LUNAR_FESTIVALS[(month, day)])
    term_zh = _year(d.year)[1].get(d.toordinal())
    if term_zh:
        if term_zh in _TERM_FESTIVALS:
            festivals.append(_TERM_FESTIVALS[term_zh])
        festivals.append(_TERM_BY_ZH[term_zh])

    return LunarDate(year, month, day, leap, zh, en, colloquial, tuple(festivals))


def festivals_between(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, Festival]]:
    """Festivals and solar terms from start to end inclusive, in date order.

    Candidate days are read off the per-year tables rather than found by
    describing every day, which keeps multi-year ranges cheap; each is then
    described by lunar_date so both functions always agree.
    """
    if start > end:
        return []
    days: set[int] = set()
    for year in range(start.year, end.year + 1):
        months, terms = _year(year)
        for first, _, month, count in months:
            days.update(first + day - 1 for m, day in _LUNAR_FESTIVALS if m == month)
            if abs(month) == 12:
                days.add(first + count - 1)  # 除夕
        days.update(terms)
    lo, hi = start.toordinal(), end.toordinal()
    out: list[tuple[datetime.date, Festival]] = []
    for n in sorted(x for x in days if lo <= x <= hi):
        d = datetime.date.fromordinal(n)
        out.extend((d, f) for f in lunar_date(d).festivals)
    return out


# --- weekday -------------------------------------------------------------------

def weekday_zh(d: datetime.date) -> str:
    """The weekday as written in Chinese, e.g. 星期四."""
    return _WEEKDAYS_ZH[d.weekday()]


_ZH_WEEKDAY_DIGIT = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_WEEKDAY = {}
for _i, _name in enumerate(_WEEKDAYS_EN):
    _EN_WEEKDAY[_name.lower()] = _i
    _EN_WEEKDAY[_name[:3].lower()] = _i
_EN_WEEKDAY.update({"tues": 1, "thur": 3, "thurs": 3})
del _i, _name


def _parse_weekday(text: str) -> int | None:
    found = _weekday_and_lang(text)
    return found[0] if found else None


def _weekday_and_lang(text: str) -> tuple[int, str] | None:
    """(0 = Monday .. 6, the language it is written in) for 星期四, 周四, Thursday, Thu, jeudi, Donnerstag …"""
    from chronicle.calendar_words import weekday_of

    s = re.sub(r"\s+", "", text).lower().rstrip(".")
    m = re.fullmatch(r"(?:星期|周|礼拜)([一二三四五六日天])", s)
    if m:
        return _ZH_WEEKDAY_DIGIT[m.group(1)], "zh"
    if s in _EN_WEEKDAY:
        return _EN_WEEKDAY[s], "en"
    return weekday_of(s)


def check_weekday(text: str, d: datetime.date) -> str | None:
    """None when ``text`` names d's weekday, else a message saying what it should be, in the words the diary
    uses: "… is a Wednesday (星期三)" for 星期四, "… is a Wednesday" for Thursday, "(mercredi)" for jeudi."""
    shown = text.strip()
    found = _weekday_and_lang(text)
    if found is None:
        return f"weekday: {shown} is not a weekday; expected e.g. 星期四, 周四, 礼拜四 or Thursday"
    wd, lang = found
    if wd == d.weekday():
        return None
    said = _WEEKDAYS_EN[d.weekday()]
    if lang == "zh":
        said += f" ({weekday_zh(d)})"
    elif lang != "en":
        from chronicle.calendar_words import weekday_name
        said += f" ({weekday_name(d.weekday(), lang)})"
    return f"weekday: {shown}, but {d.isoformat()} is a {said}"


# --- lunar annotations -----------------------------------------------------------

@dataclass(frozen=True)
class _Spec:
    """What a lunar annotation claims; None fields match anything."""

    month: int | None = None
    day: int | None = None
    leap: bool = False
    festival: str | None = None   # a Festival id
    eve: bool = False             # 大年三十: said of New Year's Eve even in 29-day years


_FESTIVAL_ALIASES: dict[str, str] = {
    "除夕": "chuxi", "除夕夜": "chuxi", "大年夜": "chuxi",
    "春节": "spring-festival",
    "元宵": "lantern-festival", "元宵节": "lantern-festival",
    "上元": "lantern-festival", "上元节": "lantern-festival",
    "龙抬头": "longtaitou", "二月二": "longtaitou",
    "清明": "qingming", "清明节": "qingming",
    "端午": "dragon-boat", "端午节": "dragon-boat", "端阳": "dragon-boat", "端阳节": "dragon-boat",
    "七夕": "qixi", "七夕节": "qixi",
    "中元": "zhongyuan", "中元节": "zhongyuan",
    "中秋": "mid-autumn", "中秋节": "mid-autumn",
    "重阳": "double-ninth", "重阳节": "double-ninth",
    "腊八": "laba", "腊八节": "laba",
    "小年": "xiaonian",
    "冬至": "dongzhi", "冬至节": "dongzhi",
}
for _t in SOLAR_TERMS:
    _FESTIVAL_ALIASES.setdefault(_t.zh, _t.id)
del _t

_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_MONTH_NAMES = {"正": 1, "元": 1, "冬": 11, "腊": 12}


def _parse_month(s: str) -> int | None:
    if s in _MONTH_NAMES:
        return _MONTH_NAMES[s]
    if s in _NUM:
        return _NUM[s]
    if s in ("十一", "十二"):
        return 10 + _NUM[s[1]]
    return None


def _parse_day(s: str) -> int | None:
    """初一..初十, 十一..十九, 二十/廿, 廿一/二十一..廿九, 三十/卅; None otherwise."""
    s = s.replace("二十", "廿").replace("三十", "卅")
    if len(s) == 2 and s[0] == "初" and s[1] in _NUM:
        return _NUM[s[1]]
    tens = {"十": 10, "廿": 20, "卅": 30}
    if not s or s[0] not in tens:
        return None
    base = tens[s[0]]
    if len(s) == 1:
        return base if base >= 20 else None  # a bare 十 is written 初十
    if len(s) == 2 and s[1] in _NUM and s[1] != "十" and base < 30:
        return base + _NUM[s[1]]
    return None


def _parse_lunar(text: str) -> _Spec | None:
    s = re.sub(r"\s+", "", text)
    s = re.sub(r"^(?:农历|阴历|旧历)", "", s)
    if not s:
        return None
    if s in _FESTIVAL_ALIASES:
        return _Spec(festival=_FESTIVAL_ALIASES[s])
    if s.startswith("大年"):
        day = _parse_day(s[2:])
        if day is None:
            return None
        if 1 <= day <= 10 and s[2] == "初":
            return _Spec(month=1, day=day)
        if day == 29:
            return _Spec(month=12, day=29)
        if day == 30:
            return _Spec(month=12, day=30, eve=True)
        return None
    m = re.fullmatch(r"(闰?)(正|元|冬|腊|十[一二]|[一二三四五六七八九十])月(.*)", s)
    if m:
        month = _parse_month(m.group(2))
        if not m.group(3):
            return _Spec(month=month, leap=bool(m.group(1)))
        day = _parse_day(m.group(3))
        if day is None:
            return None
        return _Spec(month=month, day=day, leap=bool(m.group(1)))
    day = _parse_day(s)
    if day is not None:
        return _Spec(day=day)
    return None


def _matches(spec: _Spec, ld: LunarDate) -> bool:
    if spec.festival is not None:
        return any(f.id == spec.festival for f in ld.festivals)
    if spec.eve and any(f.id == "chuxi" for f in ld.festivals):
        return True
    if spec.day is not None and spec.day != ld.day:
        return False
    if spec.month is not None and (spec.month != ld.month or spec.leap != ld.leap):
        return False
    return True


def _lunar_unparseable(shown: str) -> str:
    return f"lunar: {shown} is not a lunar date; expected e.g. 正月十五, 腊月廿九, 大年初一 or 元宵"


def check_lunar(text: str, d: datetime.date) -> str | None:
    """None when the lunar annotation ``text`` fits d, else a message giving both sides.

    Accepts the ways diarists write it: 腊月廿九 / 腊月二十九, 大年二十九 (the
    colloquial count to New Year, i.e. 腊月廿九), 大年初一, 初一 (day only, any
    month), 闰四月初一, 冬月 / 十一月, and festival or solar-term names such as
    元宵, 中秋, 清明. 大年三十 also fits 除夕 in years whose 腊月 has 29 days,
    because people call New Year's Eve that regardless.
    """
    shown = text.strip()
    spec = _parse_lunar(text)
    if spec is None:
        return _lunar_unparseable(shown)
    ld = lunar_date(d)
    if _matches(spec, ld):
        return None
    actual = ld.zh + (f" ({ld.colloquial})" if ld.colloquial else "")
    return f"lunar: {shown}, but {d.isoformat()} is {actual}"


def candidate_years(
    month: int,
    day: int,
    weekday: str | None = None,
    lunar: str | None = None,
    start: int = 1950,
    end: int = 2050,
) -> list[int]:
    """Years in [start, end] whose month/day fits the weekday and lunar annotations.

    Lets a diary that wrote only "1月23日 星期四 大年二十九" be dated. Raises
    ValueError for an annotation that cannot be read, since every year would
    otherwise silently fail to match.
    """
    if weekday is not None and _parse_weekday(weekday) is None:
        raise ValueError(check_weekday(weekday, datetime.date(2000, 1, 1)))
    if lunar is not None and _parse_lunar(lunar) is None:
        raise ValueError(_lunar_unparseable(lunar.strip()))
    years: list[int] = []
    for year in range(start, end + 1):
        try:
            d = datetime.date(year, month, day)
        except ValueError:
            continue
        if weekday is not None and check_weekday(weekday, d) is not None:
            continue
        if lunar is not None and check_lunar(lunar, d) is not None:
            continue
        years.append(year)
    return years
