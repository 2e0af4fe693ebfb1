"""The pieces every drawing shares: its data, coordinates, ticks, scales, label placement and markers.

Why hand-written SVG and not a charting library: the site's CSP forbids inline
styles and scripts, every point must be an ``<a href>`` that resolve_links can
make relative, and the text must come from the page's language. The Python
charting libraries either emit ``<style>``/``style=`` and JavaScript (pygal),
or kilobytes of glyph paths with no links or ARIA (matplotlib). These few
functions emit small, valid SVG whose look is entirely in static/chronicle.css.

Everything here is pure: plain data in, a ``Markup`` string out. Dates and
numbers are formatted through ``fmt`` (any object with ``number(v)``,
``short_date(d)`` and ``month(d)``, e.g. render.i18n.Messages) so labels are
in the page's language. Links are given ready-made (``chronicle:`` paths).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
FONT = 11.0           # user units; the CSS sets the same size on .chart-svg text
PALETTE_SIZE = 8      # series colours .s0 … .s7 in the stylesheet
MARKERS = ("circle", "square", "diamond", "triangle")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class ChartPoint:
    date: dt.date
    value: float
    href: str
    tip: str
    current: bool = False


@dataclass(frozen=True)
class ChartSeries:
    id: str
    label: str
    unit: str
    kind: str                       # "gauge" (a level: step line) or "count" (bars)
    points: tuple[ChartPoint, ...]


@dataclass(frozen=True)
class Mark:
    """One linked mark on a strip: an entry, a passage, a day with figures."""

    date: dt.date
    href: str
    tip: str
    weight: int = 1
    current: bool = False


@dataclass(frozen=True)
class Band:
    """A span of days drawn as a band: a phase, a month."""

    start: dt.date
    end: dt.date
    label: str
    css: str = ""


@dataclass(frozen=True)
class Landmark:
    date: dt.date
    label: str
    css: str = ""


@dataclass(frozen=True)
class RoleBar:
    label: str
    tip: str
    start: dt.date | None           # None: begins before the drawn period (or unknown)
    end: dt.date | None             # None: runs past the drawn period
    start_label: str = ""           # e.g. "2019-10" when the bar is cut at the left edge
    end_label: str = ""


@dataclass(frozen=True)
class StripData:
    start: dt.date
    end: dt.date
    phases: tuple[Band, ...] = ()
    landmarks: tuple[Landmark, ...] = ()
    marks: tuple[Mark, ...] = ()
    figures: tuple[Mark, ...] = ()
    roles: tuple[RoleBar, ...] = ()
    handovers: tuple[Landmark, ...] = ()
    row_labels: dict = field(default_factory=dict)   # row key -> label in the page's language


# --------------------------------------------------------------------------- helpers


def esc(value) -> str:
    return escape(str(value), quote=True)


def num(x: float) -> str:
    """A coordinate, short: 12, 12.5, never 12.000001 (nor -0)."""
    s = f"{x:.1f}"
    if s[-1] == "0":
        s = s[:-2]
        return "0" if s == "-0" else s
    return s


def is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def text_width(text: str, size: float = FONT) -> float:
    """An estimate good enough for layout: CJK one em, Latin a little over half."""
    return sum(size if is_wide(ch) else size * 0.58 for ch in text)


def svg_text(x: float, y: float, text: str, css: str = "", anchor: str = "start") -> str:
    """A visible label, hidden from assistive technology: in a chart that holds links (role="group") the
    ticks and value labels would otherwise be read out one by one; the title, the desc and the named
    points and bands say the same."""
    a = "" if anchor == "start" else f' text-anchor="{anchor}"'
    c = f' class="{css}"' if css else ""
    return f'<text x="{num(x)}" y="{num(y)}"{a}{c} aria-hidden="true">{esc(text)}</text>'


def svg_link(href: str, inner: str, tip: str, css: str = "point") -> str:
    return f'<a href="{esc(href)}" class="{css}"><title>{esc(tip)}</title>{inner}</a>'


def open_svg(chart_id: str, width: float, height: float, title: str, desc: str, css: str,
              interactive: bool = True) -> str:
    """The opening tag with the chart's name (title) and description (desc).

    A chart whose points are links is a ``role="group"``, not ``role="img"``: an image's children are
    presentational, so links inside one are focusable yet nameless to a screen reader (axe's
    nested-interactive). As a group the points stay in the tab order, each named by its own title
    (date, value, entry), which is the same path a mouse user takes. A chart without links stays an image.
    """
    role = (f'role="group" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc"'
            if interactive else f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"')
    return (f'<svg xmlns="{SVG_NS}" class="chart-svg {css}" width="{num(width)}" height="{num(height)}" '
            f'viewBox="0 0 {num(width)} {num(height)}" {role} id="{chart_id}">'
            f'<title id="{chart_id}-title">{esc(title)}</title><desc id="{chart_id}-desc">{esc(desc)}</desc>')


@dataclass(frozen=True)
class TimeAxis:
    """Days from ``start`` to ``end`` inclusive, each a slot of equal width."""

    start: dt.date
    end: dt.date
    left: float
    width: float

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def day_w(self) -> float:
        return self.width / self.days

    def x0(self, day: dt.date) -> float:
        return self.left + (day - self.start).days * self.day_w

    def x(self, day: dt.date) -> float:
        return self.x0(day) + self.day_w / 2

    def x1(self, day: dt.date) -> float:
        return self.x0(day) + self.day_w

    def clamp(self, day: dt.date) -> dt.date:
        return min(max(day, self.start), self.end)


def date_ticks(start: dt.date, end: dt.date, max_ticks: int) -> list[dt.date]:
    """Calendar-friendly ticks: the finest of 5-day, 10-day, half-month, month, quarter, year marks that fit."""
    return list(_date_ticks(start, end, max_ticks))


@lru_cache(maxsize=4096)
def _date_ticks(start: dt.date, end: dt.date, max_ticks: int) -> tuple[dt.date, ...]:
    rules = (
        lambda d: d.day in (1, 5, 10, 15, 20, 25),
        lambda d: d.day in (1, 10, 20),
        lambda d: d.day in (1, 15),
        lambda d: d.day == 1,
        lambda d: d.day == 1 and d.month in (1, 4, 7, 10),
        lambda d: d.day == 1 and d.month == 1,
    )
    if (end - start).days > LONG_SPAN:
        return _long_ticks(start, end, max(max_ticks, 1))
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    if len(days) <= max_ticks and len(days) <= 7:
        return tuple(days)
    for rule in rules:
        ticks = [d for d in days if rule(d)]
        if 0 < len(ticks) <= max(max_ticks, 1):
            return tuple(ticks)
    return (start,) if start == end else (start, end)[:max(max_ticks, 1)]


LONG_SPAN = 5000  # days: beyond, ticks and bands are counted by months and years, not found among the days


def _long_ticks(start: dt.date, end: dt.date, max_ticks: int) -> tuple[dt.date, ...]:
    """Month, quarter or every-k-years ticks over a long period (a chronicle may cover centuries),
    computed without listing its days: the same as the rules above give where both apply."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    for step in (1, 3):
        if months // step - 2 <= max_ticks:
            firsts = (dt.date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
                      for i in range(months))
            ticks = tuple(d for d in firsts if start <= d <= end and (d.month - 1) % step == 0)
            if 0 < len(ticks) <= max_ticks:
                return ticks
    for every in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000):
        first = (start.year + every - 1) // every * every
        if first == start.year and (start.month, start.day) != (1, 1):
            first += every
        years = range(first, end.year + 1, every)
        if 0 < len(years) <= max_ticks:
            return tuple(dt.date(y, 1, 1) for y in years)
    return (start, end)[:max_ticks]


def calendar_bands(start: dt.date, end: dt.date, most: int = 240) -> tuple[str, list[tuple[dt.date, dt.date]]]:
    """Alternating bands under a strip: months, or over long periods years, decades or centuries,
    so there are at most ``most`` of them whatever the period. Returns (unit, bands)."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months <= most:
        bands, day = [], start
        while day <= end:
            nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
            bands.append((day, min(end, nxt - dt.timedelta(days=1))))
            day = nxt
        return "month", bands
    for every, unit in ((1, "year"), (10, "decade"), (100, "century"), (1000, "millennium")):
        if (end.year - start.year) // every + 1 <= most:
            break
    bands, day = [], start
    while day <= end:
        nxt_year = (day.year // every + 1) * every
        last = end if nxt_year > end.year else dt.date(nxt_year, 1, 1) - dt.timedelta(days=1)
        bands.append((day, min(end, last)))
        if last >= end:
            break
        day = last + dt.timedelta(days=1)
    return unit, bands


def nice_scale(vmax: float, ticks: int = 4, integers: bool = True, vmin: float = 0.0) -> list[float]:
    """Round steps from 0 (or a round value below a negative vmin) to a round top that covers vmax."""
    vmin, vmax = min(vmin, 0.0), max(vmax, 0.0)
    if vmax - vmin <= 0:
        return [0, 1]
    raw = (vmax - vmin) / ticks
    mag = 10 ** math.floor(math.log10(raw))
    step = mag * 10
    for m in (1, 2, 2.5, 5, 10):
        if m * mag >= raw:
            step = m * mag
            break
    if integers:
        step = max(1, step)
        if not float(step).is_integer():
            step = math.ceil(step)
    low = math.floor(vmin / step + 1e-9)
    high = max(math.ceil(vmax / step - 1e-9), low + 1)
    return [round(i * step, 10) for i in range(low, high + 1)]


class Labels:
    """Greedy placement of value labels: the first free candidate position wins, else none is shown."""

    def __init__(self, bounds: tuple[float, float, float, float]):
        self.bounds = bounds
        self.boxes: list[tuple[float, float, float, float]] = []

    def block(self, box):
        self.boxes.append(box)

    def place(self, text: str, candidates: list[tuple[float, float, str]], size: float = FONT):
        w = text_width(text, size)
        left, top, right, bottom = self.bounds
        for x, y, anchor in candidates:
            x0 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
            box = (x0, y - size * 0.85, x0 + w, y + size * 0.2)
            if box[0] < left or box[2] > right or box[1] < top or box[3] > bottom:
                continue
            if any(not (box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3]) for b in self.boxes):
                continue
            self.boxes.append(box)
            return x, y, anchor
        return None


def marker(shape: str, x: float, y: float, r: float, css: str) -> str:
    if shape == "square":
        return f'<rect class="{css}" x="{num(x - r)}" y="{num(y - r)}" width="{num(2 * r)}" height="{num(2 * r)}"/>'
    if shape == "diamond":
        r *= 1.3
        return (f'<path class="{css}" d="M{num(x)} {num(y - r)}L{num(x + r)} {num(y)}L{num(x)} {num(y + r)}'
                f'L{num(x - r)} {num(y)}Z"/>')
    if shape == "triangle":
        r *= 1.25
        return (f'<path class="{css}" d="M{num(x)} {num(y - r)}L{num(x + r)} {num(y + r * 0.8)}'
                f'L{num(x - r)} {num(y + r * 0.8)}Z"/>')
    return f'<circle class="{css}" cx="{num(x)}" cy="{num(y)}" r="{num(r)}"/>'


def series_css(index: int) -> str:
    return f"s{index % PALETTE_SIZE}"


def marker_of(index: int) -> str:
    return MARKERS[index % len(MARKERS)]


def swatch(kind: str, index: int) -> Markup:
    """A tiny legend key (HTML side) matching a series' colour and marker."""
    css = series_css(index)
    if kind == "count":
        inner = '<rect class="bar" x="6" y="1" width="12" height="10"/>'
    else:
        inner = ('<path class="line" fill="none" d="M1 6H23"/>' + marker(marker_of(index), 12, 6, 3.2, "dot"))
    return Markup(f'<svg xmlns="{SVG_NS}" class="swatch {css}" width="24" height="12" viewBox="0 0 24 12" '
                  f'aria-hidden="true" focusable="false">{inner}</svg>')
