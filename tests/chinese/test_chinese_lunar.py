"""Tests for chronicle.chinese.lunar.

Expected values were checked against lunar-python and against well-known
dates (Spring Festival days, the 2020 leap 4th month, the 2033 leap 11th
month, the years without a 腊月三十 such as 2022 and 2025).
"""

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lunar_python import LunarYear, Solar

from chronicle.chinese import lunar as lunar_module
from chronicle.chinese.lunar import (
    FESTIVALS,
    SOLAR_TERMS,
    Festival,
    LunarDate,
    candidate_years,
    check_lunar,
    check_weekday,
    festivals_between,
    lunar_date,
    weekday_zh,
)

D = dt.date
REPO = Path(__file__).resolve().parents[2]
ENTRIES = REPO / "content" / "entries"

# date, lunar year, month, day, leap, zh, en, colloquial, festival ids
TABLE = [
    ("2020-01-23", 2019, 12, 29, False, "腊月廿九", "29th day of the 12th lunar month", "大年二十九", []),
    ("2020-01-24", 2019, 12, 30, False, "腊月三十", "30th day of the 12th lunar month", "大年三十", ["chuxi"]),
    ("2020-01-25", 2020, 1, 1, False, "正月初一", "1st day of the 1st lunar month", "大年初一", ["spring-festival"]),
    ("2020-01-28", 2020, 1, 4, False, "正月初四", "4th day of the 1st lunar month", "大年初四", []),
    ("2020-02-03", 2020, 1, 10, False, "正月初十", "10th day of the 1st lunar month", "大年初十", []),
    ("2020-02-04", 2020, 1, 11, False, "正月十一", "11th day of the 1st lunar month", "", ["start-of-spring"]),
    ("2020-02-08", 2020, 1, 15, False, "正月十五", "15th day of the 1st lunar month", "", ["lantern-festival"]),
    ("2020-02-24", 2020, 2, 2, False, "二月初二", "2nd day of the 2nd lunar month", "", ["longtaitou"]),
    ("2020-04-04", 2020, 3, 12, False, "三月十二", "12th day of the 3rd lunar month", "", ["qingming", "pure-brightness"]),
    ("2020-05-22", 2020, 4, 30, False, "四月三十", "30th day of the 4th lunar month", "", []),
    ("2020-05-23", 2020, 4, 1, True, "闰四月初一", "1st day of the leap 4th lunar month", "", []),
    ("2020-06-20", 2020, 4, 29, True, "闰四月廿九", "29th day of the leap 4th lunar month", "", []),
    ("2020-06-21", 2020, 5, 1, False, "五月初一", "1st day of the 5th lunar month", "", ["summer-solstice"]),
    ("2020-06-25", 2020, 5, 5, False, "五月初五", "5th day of the 5th lunar month", "", ["dragon-boat"]),
    ("2020-08-25", 2020, 7, 7, False, "七月初七", "7th day of the 7th lunar month", "", ["qixi"]),
    ("2020-09-02", 2020, 7, 15, False, "七月十五", "15th day of the 7th lunar month", "", ["zhongyuan"]),
    ("2020-10-01", 2020, 8, 15, False, "八月十五", "15th day of the 8th lunar month", "", ["mid-autumn"]),
    ("2020-10-25", 2020, 9, 9, False, "九月初九", "9th day of the 9th lunar month", "", ["double-ninth"]),
    ("2020-11-15", 2020, 10, 1, False, "十月初一", "1st day of the 10th lunar month", "", []),
    ("2020-12-15", 2020, 11, 1, False, "冬月初一", "1st day of the 11th lunar month", "", []),
    ("2020-12-21", 2020, 11, 7, False, "冬月初七", "7th day of the 11th lunar month", "", ["dongzhi", "winter-solstice"]),
    ("2021-01-13", 2020, 12, 1, False, "腊月初一", "1st day of the 12th lunar month", "", []),
    ("2020-01-02", 2019, 12, 8, False, "腊月初八", "8th day of the 12th lunar month", "", ["laba"]),
    ("2020-01-17", 2019, 12, 23, False, "腊月廿三", "23rd day of the 12th lunar month", "", ["xiaonian"]),
    ("2021-02-11", 2020, 12, 30, False, "腊月三十", "30th day of the 12th lunar month", "大年三十", ["chuxi"]),
    ("2021-02-12", 2021, 1, 1, False, "正月初一", "1st day of the 1st lunar month", "大年初一", ["spring-festival"]),
    # 2022 and 2025 have no 腊月三十: 除夕 falls on the 29th.
    ("2022-01-31", 2021, 12, 29, False, "腊月廿九", "29th day of the 12th lunar month", "大年二十九", ["chuxi"]),
    ("2022-02-01", 2022, 1, 1, False, "正月初一", "1st day of the 1st lunar month", "大年初一", ["spring-festival"]),
    ("2023-01-21", 2022, 12, 30, False, "腊月三十", "30th day of the 12th lunar month", "大年三十", ["chuxi"]),
    ("2025-01-28", 2024, 12, 29, False, "腊月廿九", "29th day of the 12th lunar month", "大年二十九", ["chuxi"]),
    ("2025-01-29", 2025, 1, 1, False, "正月初一", "1st day of the 1st lunar month", "大年初一", ["spring-festival"]),
    ("2024-02-09", 2023, 12, 30, False, "腊月三十", "30th day of the 12th lunar month", "大年三十", ["chuxi"]),
    ("2024-02-10", 2024, 1, 1, False, "正月初一", "1st day of the 1st lunar month", "大年初一", ["spring-festival"]),
    ("2023-03-21", 2023, 2, 30, False, "二月三十", "30th day of the 2nd lunar month", "", ["spring-equinox"]),
    ("2023-03-22", 2023, 2, 1, True, "闰二月初一", "1st day of the leap 2nd lunar month", "", []),
    ("2017-07-23", 2017, 6, 1, True, "闰六月初一", "1st day of the leap 6th lunar month", "", []),
    ("2017-08-21", 2017, 6, 30, True, "闰六月三十", "30th day of the leap 6th lunar month", "", []),
    ("2017-08-22", 2017, 7, 1, False, "七月初一", "1st day of the 7th lunar month", "", []),
    # The "2033 problem": the leap month is the 11th, after 冬至.
    ("2033-12-21", 2033, 11, 30, False, "冬月三十", "30th day of the 11th lunar month", "", ["dongzhi", "winter-solstice"]),
    ("2033-12-22", 2033, 11, 1, True, "闰冬月初一", "1st day of the leap 11th lunar month", "", []),
    ("2034-01-19", 2033, 11, 29, True, "闰冬月廿九", "29th day of the leap 11th lunar month", "", []),
    ("2034-01-20", 2033, 12, 1, False, "腊月初一", "1st day of the 12th lunar month", "", ["major-cold"]),
    ("2034-02-18", 2033, 12, 30, False, "腊月三十", "30th day of the 12th lunar month", "大年三十", ["chuxi", "rain-water"]),
    ("2034-02-19", 2034, 1, 1, False, "正月初一", "1st day of the 1st lunar month", "大年初一", ["spring-festival"]),
    ("2014-10-24", 2014, 9, 1, True, "闰九月初一", "1st day of the leap 9th lunar month", "", []),
    ("2012-06-21", 2012, 5, 3, False, "五月初三", "3rd day of the 5th lunar month", "", ["summer-solstice"]),
    ("2000-02-05", 2000, 1, 1, False, "正月初一", "1st day of the 1st lunar month", "大年初一", ["spring-festival"]),
    ("1984-02-02", 1984, 1, 1, False, "正月初一", "1st day of the 1st lunar month", "大年初一", ["spring-festival"]),
    ("1984-11-23", 1984, 10, 1, True, "闰十月初一", "1st day of the leap 10th lunar month", "", []),
    ("1950-02-17", 1950, 1, 1, False, "正月初一", "1st day of the 1st lunar month", "大年初一", ["spring-festival"]),
    ("2050-01-23", 2050, 1, 1, False, "正月初一", "1st day of the 1st lunar month", "大年初一", ["spring-festival"]),
]


@pytest.mark.parametrize("iso,year,month,day,leap,zh,en,colloquial,fest_ids", TABLE, ids=[row[0] for row in TABLE])
def test_lunar_date_table(iso, year, month, day, leap, zh, en, colloquial, fest_ids):
    ld = lunar_date(D.fromisoformat(iso))
    assert (ld.year, ld.month, ld.day, ld.leap) == (year, month, day, leap)
    assert ld.zh == zh
    assert ld.en == en
    assert ld.colloquial == colloquial
    assert [f.id for f in ld.festivals] == fest_ids


def test_table_is_big_enough():
    assert len(TABLE) >= 30


def test_lunar_date_is_frozen_and_hashable():
    ld = lunar_date(D(2020, 1, 25))
    assert isinstance(ld, LunarDate)
    with pytest.raises(AttributeError):
        ld.day = 2  # type: ignore[misc]
    assert hash(ld) == hash(lunar_date(D(2020, 1, 25)))


def test_accepts_datetime():
    assert lunar_date(dt.datetime(2020, 1, 25, 23, 59)).zh == "正月初一"


def test_festival_names_both_languages():
    ld = lunar_date(D(2020, 1, 24))
    assert ld.festivals == (Festival("chuxi", "除夕", "Chinese New Year's Eve", "festival"),)
    ld = lunar_date(D(2020, 1, 25))
    assert ld.festivals[0].en == "Spring Festival (Chinese New Year)"
    assert lunar_date(D(2020, 2, 8)).festivals[0] == Festival("lantern-festival", "元宵节", "Lantern Festival", "festival")


def test_qingming_is_both_festival_and_solar_term():
    fs = lunar_date(D(2020, 4, 4)).festivals
    assert [(f.zh, f.kind) for f in fs] == [("清明", "festival"), ("清明", "solar-term")]
    assert fs[1].en == "Pure Brightness"


def test_dongzhi_is_both_festival_and_solar_term():
    fs = lunar_date(D(2020, 12, 21)).festivals
    assert [(f.id, f.kind) for f in fs] == [("dongzhi", "festival"), ("winter-solstice", "solar-term")]


def test_solar_terms_list():
    assert len(SOLAR_TERMS) == 24
    assert [t.en for t in SOLAR_TERMS] == [
        "Minor Cold", "Major Cold", "Start of Spring", "Rain Water", "Awakening of Insects",
        "Spring Equinox", "Pure Brightness", "Grain Rain", "Start of Summer", "Grain Buds",
        "Grain in Ear", "Summer Solstice", "Minor Heat", "Major Heat", "Start of Autumn",
        "End of Heat", "White Dew", "Autumn Equinox", "Cold Dew", "Frost's Descent",
        "Start of Winter", "Minor Snow", "Major Snow", "Winter Solstice",
    ]
    assert SOLAR_TERMS[19].id == "frosts-descent"
    assert all(t.kind == "solar-term" for t in SOLAR_TERMS)
    assert len({t.id for t in SOLAR_TERMS} | {f.id for f in FESTIVALS}) == 24 + len(FESTIVALS)


def test_festival_ids_are_kebab_case():
    import re

    for f in FESTIVALS + SOLAR_TERMS:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", f.id), f.id
        assert f.zh and f.en


def test_every_year_has_one_chuxi_on_the_last_day():
    for year in range(1950, 2051):
        eves = [d for d, f in festivals_between(D(year, 1, 10), D(year, 2, 25)) if f.id == "chuxi"]
        assert len(eves) == 1, year
        eve = eves[0]
        ld = lunar_date(eve)
        assert ld.month == 12 and ld.day in (29, 30)
        assert lunar_date(eve + dt.timedelta(days=1)).zh == "正月初一"
        # 大年三十 only exists when 腊月 has 30 days.
        assert ld.colloquial == ("大年三十" if ld.day == 30 else "大年二十九")


def test_festivals_between_2020():
    fs = festivals_between(D(2020, 1, 1), D(2020, 12, 31))
    ids = [f.id for _, f in fs]
    assert ids.count("pure-brightness") == 1
    assert len([f for _, f in fs if f.kind == "solar-term"]) == 24
    assert [d for d, _ in fs] == sorted(d for d, _ in fs)
    assert (D(2020, 1, 24), FESTIVALS[-1]) in fs
    by_id = {f.id: d for d, f in fs}
    assert by_id["spring-festival"] == D(2020, 1, 25)
    assert by_id["mid-autumn"] == D(2020, 10, 1)
    assert by_id["dragon-boat"] == D(2020, 6, 25)
    assert by_id["qingming"] == D(2020, 4, 4)
    assert by_id["dongzhi"] == D(2020, 12, 21)
    assert by_id["laba"] == D(2020, 1, 2)
    assert by_id["xiaonian"] == D(2020, 1, 17)


def test_festivals_between_is_inclusive_and_ordered():
    assert festivals_between(D(2020, 1, 24), D(2020, 1, 25)) == [
        (D(2020, 1, 24), lunar_date(D(2020, 1, 24)).festivals[0]),
        (D(2020, 1, 25), lunar_date(D(2020, 1, 25)).festivals[0]),
    ]
    assert festivals_between(D(2020, 1, 26), D(2020, 1, 26)) == []
    assert festivals_between(D(2020, 2, 1), D(2020, 1, 1)) == []


def _festivals_day_by_day(start, end):
    expected = []
    d = start
    while d <= end:
        expected.extend((d, f) for f in lunar_date(d).festivals)
        d += dt.timedelta(days=1)
    return expected


def test_festivals_between_agrees_with_lunar_date_day_by_day():
    start, end = D(2033, 10, 1), D(2034, 3, 31)
    assert festivals_between(start, end) == _festivals_day_by_day(start, end)


def test_no_festivals_in_leap_months():
    # 闰四月 2020 spans 2020-05-23..2020-06-20; only a solar term falls in it.
    assert [(d, f.id) for d, f in festivals_between(D(2020, 5, 23), D(2020, 6, 20))] == [
        (D(2020, 6, 5), "grain-in-ear"),
    ]


# --- differential: the per-year tables against a Lunar per day ----------------------

# Whole lunar years 1901 (正月初一 is 1901-02-19) to 2099, the range chronicles are checked in.
FIRST, LAST = D(1901, 2, 19), D(2099, 12, 31)


def _reference_lunar(d):
    return Solar.fromYmd(d.year, d.month, d.day).getLunar()


def _reference_lunar_date(d):
    """The original implementation: one lunar-python Lunar per day (about 3 ms each)."""
    m = lunar_module
    lunar = _reference_lunar(d)

    def eve_of(x):
        return _reference_lunar(x).getYear() != _reference_lunar(x + dt.timedelta(days=1)).getYear()

    raw_month, day = lunar.getMonth(), lunar.getDay()
    month, leap = abs(raw_month), raw_month < 0
    zh = ("闰" if leap else "") + m._MONTH_ZH[month] + "月" + m._DAY_ZH[day]
    en = f"{m._ordinal(day)} day of the {'leap ' if leap else ''}{m._ordinal(month)} lunar month"
    eve = month == 12 and day >= 29 and eve_of(d)
    in_last_month = eve or (month == 12 and day == 29 and eve_of(d + dt.timedelta(days=1)))
    colloquial = ""
    if month == 1 and not leap and day <= 10:
        colloquial = "大年" + m._DAY_ZH[day]
    elif in_last_month:
        colloquial = m._DANIAN_LATE[day]
    festivals = []
    if eve:
        festivals.append(m._CHUXI)
    if not leap and (month, day) in m._LUNAR_FESTIVALS:
        festivals.append(m._LUNAR_FESTIVALS[(month, day)])
    term_zh = lunar.getJieQi()
    if term_zh:
        if term_zh in m._TERM_FESTIVALS:
            festivals.append(m._TERM_FESTIVALS[term_zh])
        festivals.append(m._TERM_BY_ZH[term_zh])
    return LunarDate(lunar.getYear(), month, day, leap, zh, en, colloquial, tuple(festivals))


def test_matches_reference_every_day_2019_to_2021():
    d = D(2019, 1, 1)
    while d <= D(2021, 12, 31):
        assert lunar_date(d) == _reference_lunar_date(d), d
        d += dt.timedelta(days=1)


@st.composite
def _tricky_dates(draw):
    """Days near a Gregorian or lunar New Year or a leap month's edges, where tables join."""
    year = draw(st.integers(1902, 2098))
    kind = draw(st.sampled_from(["jan-1", "spring-festival", "leap-month"]))
    if kind == "jan-1":
        anchor = D(year, 1, 1)
    else:
        ly = LunarYear.fromYear(year)
        leap = ly.getLeapMonth()
        month = ly.getMonth(-leap if kind == "leap-month" and leap else 1)
        s = Solar.fromJulianDay(month.getFirstJulianDay())
        anchor = D(s.getYear(), s.getMonth(), s.getDay())
    return anchor + dt.timedelta(days=draw(st.integers(-3, 3)))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.dates(FIRST, LAST), _tricky_dates()))
@example(FIRST)
@example(LAST)
@example(D(2033, 12, 22))   # 闰冬月初一, the "2033 problem"
@example(D(2023, 3, 22))    # 闰二月初一
def test_matches_reference(d):
    assert lunar_date(d) == _reference_lunar_date(d)


def test_latin_keyed_winter_solstice_is_dongzhi():
    # A year's own table keys its December 冬至 as DONG_ZHI; getJieQi() calls it 冬至.
    for year in range(1901, 2100):
        s = Solar.fromYmd(year, 6, 1).getLunar().getJieQiTable()["DONG_ZHI"]
        d = D(s.getYear(), s.getMonth(), s.getDay())
        assert d.year == year
        assert [f.id for f in lunar_date(d).festivals] == ["dongzhi", "winter-solstice"], d


def test_festivals_between_agrees_with_lunar_date_over_the_whole_range():
    assert festivals_between(FIRST, LAST) == _festivals_day_by_day(FIRST, LAST)


# --- weekday ------------------------------------------------------------------

def test_weekday_zh():
    assert weekday_zh(D(2020, 1, 23)) == "星期四"
    assert weekday_zh(D(2020, 1, 26)) == "星期日"
    assert weekday_zh(D(2020, 1, 27)) == "星期一"


@pytest.mark.parametrize("text", [
    "星期四", "周四", "礼拜四", "Thursday", "Thu", "thursday", "THU", "thurs", " 星期四 ", "Thu.",
])
def test_check_weekday_accepts_forms(text):
    assert check_weekday(text, D(2020, 1, 23)) is None


@pytest.mark.parametrize("text", ["星期天", "星期日", "周日", "礼拜天", "礼拜日", "Sunday", "sun"])
def test_check_weekday_sunday_forms(text):
    assert check_weekday(text, D(2020, 1, 26)) is None


def test_check_weekday_mismatch_message():
    assert check_weekday("星期三", D(2020, 1, 23)) == "weekday: 星期三, but 2020-01-23 is a Thursday (星期四)"
    assert check_weekday("Fri", D(2020, 1, 26)) == "weekday: Fri, but 2020-01-26 is a Sunday"  # English in, English out


@pytest.mark.parametrize("text", ["星期八", "周", "", "Thorsday", "四"])
def test_check_weekday_unrecognised(text):
    assert check_weekday(text, D(2020, 1, 23)) == (
        f"weekday: {text} is not a weekday; expected e.g. 星期四, 周四, 礼拜四 or Thursday"
    )


# --- lunar annotations --------------------------------------------------------------

@pytest.mark.parametrize("text,iso", [
    ("大年二十九", "2020-01-23"),
    ("腊月二十九", "2020-01-23"),
    ("腊月廿九", "2020-01-23"),
    ("十二月廿九", "2020-01-23"),
    ("十二月二十九", "2020-01-23"),
    ("廿九", "2020-01-23"),
    ("农历腊月廿九", "2020-01-23"),
    ("除夕", "2020-01-24"),
    ("大年三十", "2020-01-24"),
    ("大年卅", "2020-01-24"),
    ("腊月三十", "2020-01-24"),
    ("腊月卅", "2020-01-24"),
    ("大年初一", "2020-01-25"),
    ("正月初一", "2020-01-25"),
    ("一月初一", "2020-01-25"),
    ("初一", "2020-01-25"),
    ("春节", "2020-01-25"),
    ("大年初三", "2020-01-27"),
    ("大年初十", "2020-02-03"),
    ("正月十五", "2020-02-08"),
    ("元宵", "2020-02-08"),
    ("元宵节", "2020-02-08"),
    ("十五", "2020-02-08"),
    ("正月", "2020-02-08"),
    ("闰四月初一", "2020-05-23"),
    ("初一", "2020-05-23"),
    ("中秋", "2020-10-01"),
    ("中秋节", "2020-10-01"),
    ("八月十五", "2020-10-01"),
    ("端午", "2020-06-25"),
    ("端午节", "2020-06-25"),
    ("龙抬头", "2020-02-24"),
    ("二月二", "2020-02-24"),
    ("七夕", "2020-08-25"),
    ("中元节", "2020-09-02"),
    ("重阳", "2020-10-25"),
    ("腊八", "2020-01-02"),
    ("小年", "2020-01-17"),
    ("清明", "2020-04-04"),
    ("冬至", "2020-12-21"),
    ("立春", "2020-02-04"),
    ("冬月初七", "2020-12-21"),
    ("十一月初七", "2020-12-21"),
    ("闰冬月初一", "2033-12-22"),
    ("闰十一月初一", "2033-12-22"),
    ("二十", "2020-02-13"),
    ("正月廿", "2020-02-13"),
    ("正月二十", "2020-02-13"),
    ("廿一", "2020-02-14"),
    ("二十一", "2020-02-14"),
    # In a year whose 腊月 has 29 days, New Year's Eve is still called 大年三十.
    ("大年三十", "2022-01-31"),
    ("大年二十九", "2022-01-31"),
    ("除夕", "2022-01-31"),
])
def test_check_lunar_accepts(text, iso):
    assert check_lunar(text, D.fromisoformat(iso)) is None


def test_check_lunar_mismatch_messages():
    assert check_lunar("大年初三", D(2020, 1, 28)) == "lunar: 大年初三, but 2020-01-28 is 正月初四 (大年初四)"
    assert check_lunar("元宵", D(2020, 2, 7)) == "lunar: 元宵, but 2020-02-07 is 正月十四"
    assert check_lunar("大年二十九", D(2020, 1, 24)) == "lunar: 大年二十九, but 2020-01-24 is 腊月三十 (大年三十)"
    assert check_lunar("除夕", D(2020, 1, 23)) == "lunar: 除夕, but 2020-01-23 is 腊月廿九 (大年二十九)"
    assert check_lunar("四月初一", D(2020, 5, 23)) == "lunar: 四月初一, but 2020-05-23 is 闰四月初一"
    assert check_lunar("闰四月初一", D(2020, 4, 23)) == "lunar: 闰四月初一, but 2020-04-23 is 四月初一"
    assert check_lunar("初二", D(2020, 5, 23)) == "lunar: 初二, but 2020-05-23 is 闰四月初一"
    assert check_lunar("腊月三十", D(2022, 1, 31)) == "lunar: 腊月三十, but 2022-01-31 is 腊月廿九 (大年二十九)"
    assert check_lunar("中秋", D(2020, 10, 2)) == "lunar: 中秋, but 2020-10-02 is 八月十六"


def test_big_new_year_thirty_is_not_any_29th():
    # 2021-02-10 is 腊月廿九 but the year has a 腊月三十, so it is not 大年三十.
    assert check_lunar("大年三十", D(2021, 2, 10)) == "lunar: 大年三十, but 2021-02-10 is 腊月廿九 (大年二十九)"


@pytest.mark.parametrize("text", [
    "某某", "", "大年十五", "腊月三十一", "十", "初十一", "十三月初一", "January", "正月初",
])
def test_check_lunar_unparseable(text):
    assert check_lunar(text, D(2020, 1, 23)) == (
        f"lunar: {text} is not a lunar date; expected e.g. 正月十五, 腊月廿九, 大年初一 or 元宵"
    )


# --- the bundled diary ---------------------------------------------------------------

def _front_matter(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---"), path
    return yaml.safe_load(text.split("---", 2)[1])


ENTRY_FILES = sorted(ENTRIES.glob("*.md"))


def test_diary_entries_exist():
    assert ENTRY_FILES, ENTRIES


def _entry_date(path, meta):
    """The front-matter date, else the date the file is named after (translations omit it)."""
    date = meta.get("date") or path.name[:10]
    return D.fromisoformat(date) if isinstance(date, str) else date


def test_diary_has_annotated_entries():
    annotated = [p for p in ENTRY_FILES if {"weekday", "lunar"} & set(_front_matter(p) or {})]
    assert len(annotated) >= 20


@pytest.mark.parametrize("path", ENTRY_FILES, ids=[p.name for p in ENTRY_FILES])
def test_diary_annotations_agree(path):
    meta = _front_matter(path) or {}
    date = _entry_date(path, meta)
    if "weekday" in meta:
        assert check_weekday(str(meta["weekday"]), date) is None
    if "lunar" in meta:
        assert check_lunar(str(meta["lunar"]), date) is None


# --- year inference -----------------------------------------------------------------

def test_candidate_years_unique():
    assert candidate_years(1, 23, "星期四", "大年二十九") == [2020]
    assert candidate_years(1, 24, "星期五", "除夕") == [2020]


def test_candidate_years_ambiguous():
    assert candidate_years(1, 25, lunar="大年初一") == [1963, 1982, 2020]
    assert candidate_years(2, 8, lunar="元宵") == [1963, 1982, 2020]
    assert candidate_years(1, 23, lunar="大年二十九") == [1982, 2001, 2020, 2039]


def test_candidate_years_weekday_only():
    years = candidate_years(1, 23, "星期四")
    assert 2020 in years and len(years) == 14
    assert all(D(y, 1, 23).weekday() == 3 for y in years)


def test_candidate_years_none():
    assert candidate_years(1, 23, "星期四", "中秋") == []
    assert candidate_years(2, 30) == []


def test_candidate_years_leap_day_and_range():
    assert candidate_years(2, 29, "星期六") == [1964, 1992, 2020, 2048]
    assert candidate_years(1, 28, "Tue", "大年初四", start=1900, end=2100) == [2020]
    assert candidate_years(1, 1, start=2000, end=2002) == [2000, 2001, 2002]


def test_candidate_years_rejects_unreadable_annotations():
    with pytest.raises(ValueError, match="星期八 is not a weekday"):
        candidate_years(1, 23, "星期八")
    with pytest.raises(ValueError, match="某某 is not a lunar date"):
        candidate_years(1, 23, lunar="某某")
