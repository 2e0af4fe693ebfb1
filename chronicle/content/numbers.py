"""Figures as the writer wrote them: never a silent 3 for "3,730", never infinity, never a 400-digit count.

YAML reads ``3.730`` as 3.73, ``1e5`` as text and ``3,730`` as text (or, inside { }, as 3 and a
key '730', caught in yamlio). Each gets an error that says what was read and what to write.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

MAX_NUMBER = 10 ** 15
LIMIT_TEXT = "±10^15 (a million billion)"

_EXPONENT = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+")
_NOT_FINITE = re.compile(r"[-+]?\.?(?:nan|inf|infinity)", re.IGNORECASE)
_GROUPED = re.compile(r"([-+]?)(\d{1,3})([,，\s.'’])(\d{3})(?:\3\d{3})*(?:([.,])(\d+))?")
_DECIMAL_COMMA = re.compile(r"([-+]?\d+)[,，](\d+)")
_LEADING_ZERO = re.compile(r"[-+]?0\d+")
_WITH_WORDS = re.compile(r"^[约近]?(\d+(?:\.\d+)?)(?![\d.,eE])\s*(?:余|多|几|\+)?\D.*$")
_DOT_GROUPED = re.compile(r"[-+]?\d{1,3}\.\d{3}")


class NumberProblem(ValueError):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


def check_number(value, dot_groups: bool = False):
    """``value`` as a plain int or float, or NumberProblem saying what to write instead.

    ``dot_groups``: one of the chronicle's languages writes "3.730" for three thousand
    seven hundred and thirty, so that shape is an error rather than 3.73.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _text_problem(value)
    raw = getattr(value, "raw", "") or str(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise NumberProblem(f"{raw} is not a finite number", "write the figure in digits, e.g. 3730")
    if abs(value) > MAX_NUMBER:
        shown = raw if len(raw) <= 24 else f"{raw[:12]}… ({len(raw)} characters)"
        raise NumberProblem(f"{shown} is too large: figures up to {LIMIT_TEXT} are supported",
                            "check for extra digits; write very large quantities in a larger unit")
    if dot_groups and _DOT_GROUPED.fullmatch(raw):
        whole = raw.replace(".", "")
        raise NumberProblem(f"{raw} is read as the decimal {float(value):g}, but this chronicle's languages "
                            "also write it for " + whole.lstrip("+"),
                            f"write {whole.lstrip('+')} for the whole number, or {float(value):g} for the decimal")
    return float(value) if type(value) is not float and isinstance(value, float) else value


def _text_problem(value) -> NumberProblem:
    if not isinstance(value, str):
        return NumberProblem(f"expected a number, got {value!r}")
    text = value.strip()
    if _EXPONENT.fullmatch(text):
        number = float(text)
        if not math.isfinite(number) or abs(number) > MAX_NUMBER:
            return NumberProblem(f"{text} is too large: figures up to {LIMIT_TEXT} are supported",
                                 "check the exponent")
        plain = str(int(number)) if number.is_integer() else repr(number)
        return NumberProblem(f"'{text}' is read as text, not as a number", f"write {plain}")
    if _NOT_FINITE.fullmatch(text):
        return NumberProblem(f"'{text}' is not a finite number", "write the figure in digits, e.g. 3730")
    grouped = _GROUPED.fullmatch(text)
    if grouped:
        sign, _, sep, _, point, decimals = grouped.groups()
        if not point or point != sep:
            digits = sign.lstrip("+") + re.sub(r"\D", "", text[:grouped.start(5)] if point else text)
            whole = digits + (f".{decimals}" if point else "")
            return NumberProblem(f"'{text}' is read as text, not as a number",
                                 f"write {whole}, without the separator between the thousands")
    comma = _DECIMAL_COMMA.fullmatch(text)
    if comma:
        return NumberProblem(f"'{text}' is read as text, not as a number",
                             f"write {comma.group(1)}.{comma.group(2)} (a point before the decimals)")
    if _LEADING_ZERO.fullmatch(text):
        return NumberProblem(f"'{text}' is read as text, not as a number",
                             f"write {int(text)}, without the leading zero")
    words = _WITH_WORDS.match(text)
    if words:
        return NumberProblem(f"expected a number, got {value!r}",
                             f"write the number alone, value: {words.group(1)}, and keep the words in a note")
    return NumberProblem(f"expected a number, got {value!r}")


@lru_cache(maxsize=64)
def dot_groups(languages: tuple[str, ...]) -> bool:
    """Whether any of ``languages`` groups thousands with '.' (de, es, it, …), per Babel's locale data."""
    from babel.numbers import get_group_symbol

    from chronicle.render.i18n import babel_locale
    def groups_with_point(lang: str) -> bool:
        try:
            return get_group_symbol(babel_locale(lang)) == "."
        except Exception:  # noqa: BLE001 - Babel's UnknownLocaleError and friends: a language it does not know
            return False
    return any(groups_with_point(lang) for lang in languages)
