"""The years a chronicle may use, and entries whose year looks like a typo.

Every writer (calendars, lunar dates, zip timestamps in Word files, ICS) is tested from 1000 to
2999; a date outside is an error where it is written, not a traceback in some writer. A
chronicle may narrow the range in chronicle.yaml (``dates: {from: 2019, to: 2023}``), so a
slip like 2202 for 2022 is an error too. Inside the range, an entry far from all the others
(0202 or 2202 beside 2022) gets a warning that names the likely year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import permutations

SUPPORTED = (1000, 2999)
FAR_YEARS = 50       # an entry this far from the rest is always worth a look
SPREAD_FACTOR = 10   # or ten times as far as the rest spread (at least half a year)


@dataclass(frozen=True)
class Span:
    """The years dates may have: chronicle.yaml's ``dates:``, within SUPPORTED."""

    first: int = SUPPORTED[0]
    last: int = SUPPORTED[1]
    configured: bool = False

    def problem(self, year: int, written: str) -> tuple[str, str] | None:
        """(message, hint) when ``year`` is outside the span, else None."""
        if self.first <= year <= self.last:
            return None
        where = "the years chronicle.yaml allows ('dates:')" if self.configured else "the years chronicle supports"
        guesses = likely_years(year, self.first, self.last)
        hint = f"did you mean {' or '.join(str(g) for g in guesses[:3])}?" if guesses else ""
        return f"the year {year:04d} (in {written}) is outside {where}, {self.first} to {self.last}", hint


DEFAULT_SPAN = Span()


def days_in_month(year: int, month: int) -> int:
    """Without datetime, which fails outside the years 1-9999."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def likely_years(year: int, first: int, last: int, near: tuple[int, int] | None = None) -> list[int]:
    """Years the writer may have meant: the digits swapped, or one digit changed, inside [first, last].

    Swaps come first (0202 → 2020), then single-digit slips; among equals, those nearest ``near``."""
    digits = f"{year:04d}"
    if len(digits) != 4:
        return []
    swapped = {int("".join(p)) for p in permutations(digits)} - {year}
    changed = {int(digits[:i] + d + digits[i + 1:]) for i in range(4) for d in "0123456789"} - {year} - swapped
    lo, hi = near or (first, last)
    middle = (lo + hi) / 2

    def rank(candidates):
        inside = [y for y in candidates if first <= y <= last and (near is None or lo - 2 <= y <= hi + 2)]
        return sorted(inside, key=lambda y: (abs(y - middle), y))

    return rank(swapped) + rank(changed)


def outliers(dated: list[tuple[dt.date, object]]) -> list[tuple[object, dt.date, list[int]]]:
    """The items whose date stands far apart from the main body of dates, with likely years.

    A gap splits the sorted dates in two; the smaller side (at most a tenth of them, or two)
    is suspicious when the gap is over FAR_YEARS years, or over SPREAD_FACTOR times the larger
    side's spread (at least half a year). Linear after the sort.
    """
    items = sorted(dated, key=lambda pair: pair[0])
    n = len(items)
    if n < 3:
        return []
    days = [d.toordinal() for d, _ in items]
    small = max(2, n // 10)
    found: dict[int, tuple] = {}
    for cut in range(1, n):
        gap = days[cut] - days[cut - 1]
        left, right = cut, n - cut
        if min(left, right) > small or max(left, right) < 2:
            continue
        if left <= right:
            odd, body = range(cut), (days[cut], days[-1])
        else:
            odd, body = range(cut, n), (days[0], days[cut - 1])
        spread = max(body[1] - body[0], 183)
        if gap <= min(FAR_YEARS * 365, SPREAD_FACTOR * spread):
            continue
        near = (dt.date.fromordinal(body[0]).year, dt.date.fromordinal(body[1]).year)
        for i in odd:
            date, item = items[i]
            if i not in found:
                found[i] = (item, date, likely_years(date.year, *SUPPORTED, near=near))
    return [found[i] for i in sorted(found)]
