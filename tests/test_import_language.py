"""The import tells a diary's language, reads dated headings in it, and checks weekdays in the writer's words."""

from __future__ import annotations

import datetime as dt

import pytest

from chronicle.chinese.lunar import check_weekday
from chronicle.importer.headings import parse_heading
from chronicle.importer.language import detect_language
from tests.diaries import ENGLISH_DAYS, FRENCH_TEXT, GERMAN_HTML

ZH = "今天是元宵节。师市党委、政府给每家每户发放1公斤元宵，欢度节日。我们社区有76栋居民楼、3730户。"


@pytest.mark.parametrize("text, lang", [
    (" ".join(p for _, ps in ENGLISH_DAYS for p in ps if p.isascii() and len(p) > 20), "en"),
    (FRENCH_TEXT, "fr"),
    (GERMAN_HTML, "de"),
    (ZH * 3, "zh"),
    ("El agua subió durante la noche y por la mañana estaba en la calle del Molino. La señora García abrió "
     "la sala para las familias de las casas de abajo, y los bomberos vinieron con dos equipos para sacar el agua "
     "de los sótanos. Hoy hemos contado cuarenta personas en la sala.", "es"),
])
def test_the_language_is_told_from_the_text(text, lang):
    assert detect_language(text).lang == lang


@pytest.mark.parametrize("text", ["Tom Tom Tom", "Привет, это дневник о наводнении в нашем городе летом.", "12 34 56"])
def test_too_little_text_or_an_unread_script_is_not_guessed(text):
    found = detect_language(text)
    assert found.lang is None and found.reason


@pytest.mark.parametrize("text, lang, expected", [
    ("Tuesday, 1 August", "en", (8, 1, None, "Tuesday")),
    ("1 August 2023", "en", (8, 1, 2023, None)),
    ("August 1st", "en", (8, 1, None, None)),
    ("Mardi 1er août 2023", "fr", (8, 1, 2023, "Mardi")),
    ("Dienstag, 1. August 2023", "de", (8, 1, 2023, "Dienstag")),
    ("Dienstag, den 1. August 2023", "de", (8, 1, 2023, "Dienstag")),
    ("martes, 1 de agosto de 2023", "es", (8, 1, 2023, "martes")),
    ("2023-08-01", "en", (8, 1, 2023, None)),
    ("August 5, 2023 Saturday", "en", (8, 5, 2023, "Saturday")),
])
def test_dated_headings_in_other_languages(text, lang, expected):
    h = parse_heading(text, lang=lang)
    assert h is not None, text
    assert (h.month, h.day, h.year, h.weekday) == expected


@pytest.mark.parametrize("text", ["3 May be enough.", "1 out of 3 houses", "5 Mayfair Gardens were flooded today, all of them."])
def test_sentences_are_not_headings(text):
    assert parse_heading(text, lang="en") is None


def test_the_weekday_check_answers_in_the_writers_words():
    wednesday = dt.date(2023, 8, 2)
    assert check_weekday("Thursday", wednesday) == "weekday: Thursday, but 2023-08-02 is a Wednesday"
    assert check_weekday("星期四", wednesday).endswith("is a Wednesday (星期三)")
    assert check_weekday("jeudi", wednesday).endswith("is a Wednesday (mercredi)")
    assert check_weekday("Donnerstag", wednesday).endswith("(Mittwoch)")
    assert check_weekday("Mittwoch", wednesday) is None and check_weekday("mercredi", wednesday) is None
