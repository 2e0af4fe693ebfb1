"""Giving every dated heading its year: written, given with --year, or inferred from the annotations.

Diaries often write "1月23日 星期四 大年二十九" and never the year. The weekday
and the lunar date pin it down: only some years have 23 January on a Thursday,
and of those only one is 腊月廿九. Every heading must agree on one year (a
diary that crosses New Year moves on by one when the month goes backwards).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chronicle.importer.documents import ImportProblem
from chronicle.importer.headings import Heading

FIRST_YEAR, LAST_YEAR = 1900, 2100


@dataclass(frozen=True)
class Dating:
    dates: list[dt.date]
    how: str                 # a sentence for the summary: where the year came from
    warnings: list[str]      # annotations that disagree with the dates (with --year or written years)


def rollovers(headings: list[Heading]) -> list[int]:
    """How many New Years lie between the first heading and each one (the month went backwards)."""
    out, count, previous = [], 0, None
    for h in headings:
        if previous is not None and h.month < previous:
            count += 1
        out.append(count)
        previous = h.month
    return out


def date_headings(headings: list[Heading], year: int | None = None) -> Dating:
    """The date of every heading; raises ImportProblem when the year cannot be known."""
    if not headings:
        return Dating([], "", [])
    offsets = rollovers(headings)
    written = [(i, h.year) for i, h in enumerate(headings) if h.year is not None]
    if len(written) == len(headings):
        years = [h.year for h in headings]
        how = "years as written in the headings"
    elif year is not None or written:
        years, anchor, anchor_off = [], year, 0
        first_written = written[0] if written else None
        for i, h in enumerate(headings):
            if h.year is not None:
                anchor, anchor_off = h.year, offsets[i]
                years.append(h.year)
            elif anchor is not None:
                years.append(anchor + offsets[i] - anchor_off)
            else:  # before the first written year, counted back from it
                years.append(first_written[1] - (offsets[first_written[0]] - offsets[i]))
        how = f"year {year} as given with --year" if year is not None else "years as written in the headings"
    else:
        base, how = infer_year(headings, offsets)
        years = [base + off for off in offsets]
    dates = []
    for h, y in zip(headings, years):
        try:
            dates.append(dt.date(y, h.month, h.day))
        except ValueError:
            raise ImportProblem(f"line {h.line}: '{h.text}' is not a date in {y}",
                                "correct the heading, or give the right year with --year", h.line) from None
    return Dating(dates, how, _disagreements(headings, dates) if (year is not None or written) else [])


def _fits(h: Heading, year: int) -> bool:
    from chronicle.chinese.lunar import candidate_years

    try:
        return bool(candidate_years(h.month, h.day, h.weekday, h.lunar, start=year, end=year))
    except ValueError:
        return False


def infer_year(headings: list[Heading], offsets: list[int]) -> tuple[int, str]:
    """The one year that fits every weekday and lunar annotation; ImportProblem when none or several do."""
    annotated = [(h, off) for h, off in zip(headings, offsets) if h.weekday or h.lunar]
    example = f"chronicle import FILE --year {dt.date.today().year}"
    if not annotated:
        raise ImportProblem("the headings have no year, and no weekday or lunar date to work it out from",
                            f"give the year of the first heading: {example}")
    # Weekdays first (cheap arithmetic), then lunar dates, year by year so the calendar is computed once per year.
    bases = list(range(FIRST_YEAR, LAST_YEAR + 1))
    weekday_only = [(h, off) for h, off in annotated if h.weekday]
    bases = [b for b in bases if all(_weekday_fits(h, b + off) for h, off in weekday_only)]
    lunar = [(h, off) for h, off in annotated if h.lunar]
    bases = [b for b in bases if all(_fits(h, b + off) for h, off in lunar)]
    n_wd, n_lunar = len(weekday_only), len(lunar)
    said = " and ".join(x for x in (f"{n_wd} weekday{'s' if n_wd != 1 else ''}" if n_wd else "",
                                    f"{n_lunar} lunar date{'s' if n_lunar != 1 else ''}" if n_lunar else "") if x)
    if len(bases) == 1:
        return bases[0], f"year {bases[0]} inferred from {said} in the headings"
    if not bases:
        raise ImportProblem(*_no_year(annotated))
    today = dt.date.today().year
    near = sorted(bases, key=lambda b: abs(b - today))[:6]
    more = f" and {len(bases) - len(near)} more" if len(bases) > len(near) else ""
    likely = max([b for b in bases if b <= today] or bases[:1])
    raise ImportProblem(f"the year is ambiguous: {', '.join(str(b) for b in sorted(near))}{more} all fit the {said} "
                        "in the headings",
                        f"give the year of the first heading with --year, e.g. chronicle import FILE --year {likely}")


def _weekday_fits(h: Heading, year: int) -> bool:
    from chronicle.chinese.lunar import check_weekday

    try:
        d = dt.date(year, h.month, h.day)
    except ValueError:
        return False
    return check_weekday(h.weekday, d) is None


def _no_year(annotated) -> tuple[str, str]:
    """Which year most headings fit, and the headings that spoil it (likely typos)."""
    from chronicle.chinese.lunar import check_lunar, check_weekday

    from chronicle.chinese.lunar import check_lunar as _lunar_ok

    today = dt.date.today().year

    def weekday_hits(b: int) -> int:
        return sum(1 for h, off in annotated if h.weekday and _weekday_fits(h, b + off))

    def hits(b: int) -> int:
        lunar = 0
        for h, off in annotated:
            if h.lunar:
                try:
                    lunar += _lunar_ok(h.lunar, dt.date(b + off, h.month, h.day)) is None
                except ValueError:
                    pass
        return weekday_hits(b) + lunar

    years = sorted(range(FIRST_YEAR, LAST_YEAR + 1), key=lambda b: (-weekday_hits(b), abs(b - today)))
    best = max(years[:24], key=lambda b: (hits(b), -abs(b - today)))
    odd = []
    for h, off in annotated:
        try:
            d = dt.date(best + off, h.month, h.day)
        except ValueError:
            continue
        problems = [p for p in (check_weekday(h.weekday, d) if h.weekday else None,
                                check_lunar(h.lunar, d) if h.lunar else None) if p]
        if problems:
            odd.append(f"line {h.line}: {h.text} ({'; '.join(problems)})")
    message = f"no year from {FIRST_YEAR} to {LAST_YEAR} fits every heading's weekday and lunar date"
    if odd:
        message += f"; most fit {best}, but not:\n  " + "\n  ".join(odd[:5]) + (
            f"\n  … and {len(odd) - 5} more" if len(odd) > 5 else "")
    return message, f"correct those headings, or give the year with --year (e.g. --year {best})"


def _disagreements(headings: list[Heading], dates: list[dt.date]) -> list[str]:
    from chronicle.chinese.lunar import check_lunar, check_weekday

    out = []
    for h, d in zip(headings, dates):
        for problem in (check_weekday(h.weekday, d) if h.weekday else None, check_lunar(h.lunar, d) if h.lunar else None):
            if problem:
                out.append(f"line {h.line}: {h.text}: {problem}")
    return out
