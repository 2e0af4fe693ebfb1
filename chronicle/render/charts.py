"""SVG charts and time strips drawn at build time, as plain strings.

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
import bisect
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


def _text(x: float, y: float, text: str, css: str = "", anchor: str = "start") -> str:
    """A visible label, hidden from assistive technology: in a chart that holds links (role="group") the
    ticks and value labels would otherwise be read out one by one; the title, the desc and the named
    points and bands say the same."""
    a = "" if anchor == "start" else f' text-anchor="{anchor}"'
    c = f' class="{css}"' if css else ""
    return f'<text x="{num(x)}" y="{num(y)}"{a}{c} aria-hidden="true">{esc(text)}</text>'


def _link(href: str, inner: str, tip: str, css: str = "point") -> str:
    return f'<a href="{esc(href)}" class="{css}"><title>{esc(tip)}</title>{inner}</a>'


def _open_svg(chart_id: str, width: float, height: float, title: str, desc: str, css: str,
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
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    if len(days) <= max_ticks and len(days) <= 7:
        return tuple(days)
    for rule in rules:
        ticks = [d for d in days if rule(d)]
        if 0 < len(ticks) <= max(max_ticks, 1):
            return tuple(ticks)
    return (start,) if start == end else (start, end)[:max(max_ticks, 1)]


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


MAX_VALUE_LABELS = 40


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


def _marker(shape: str, x: float, y: float, r: float, css: str) -> str:
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
        inner = f'<rect class="bar" x="6" y="1" width="12" height="10"/>'
    else:
        inner = (f'<path class="line" fill="none" d="M1 6H23"/>' + _marker(marker_of(index), 12, 6, 3.2, "dot"))
    return Markup(f'<svg xmlns="{SVG_NS}" class="swatch {css}" width="24" height="12" viewBox="0 0 24 12" '
                  f'aria-hidden="true" focusable="false">{inner}</svg>')


# --------------------------------------------------------------------------- statistics


def stat_chart(chart_id: str, title: str, desc: str, series: list[ChartSeries], start: dt.date, end: dt.date,
               fmt, small: bool = False) -> Markup:
    """Values over time: one panel per unit (so no two units share a scale), gauges as steps, counts as bars.

    When every value falls on one day and shares one unit, time tells nothing: the
    values are drawn as labelled horizontal bars instead.
    """
    series = [s for s in series if s.points]
    if is_snapshot(series):
        return _snapshot_chart(chart_id, title, desc, series, fmt, small)
    return _time_chart(chart_id, title, desc, series, start, end, fmt, small)


def is_snapshot(series: list[ChartSeries]) -> bool:
    """All values on one day in one unit: drawn as labelled bars, which need no legend."""
    series = [s for s in series if s.points]
    dates = {p.date for s in series for p in s.points}
    units = {s.unit for s in series}
    return len(dates) == 1 and len(units) == 1 and sum(len(s.points) for s in series) > 1


def _time_chart(chart_id, title, desc, series, start, end, fmt, small) -> Markup:
    current = frozenset((si, pi) for si, s in enumerate(series) for pi, p in enumerate(s.points) if p.current)
    plain = [ChartSeries(s.id, s.label, s.unit, s.kind, tuple(_not_current(p) for p in s.points)) for s in series]
    return prepare_time_chart(plain, start, end, fmt, small).render(chart_id, title, desc, current)


def _not_current(p: ChartPoint) -> ChartPoint:
    return ChartPoint(p.date, p.value, p.href, p.tip) if p.current else p


@dataclass
class _Point:
    """A point drawn two ways: as one of many, or as the page's own (bigger, and the one that is labelled)."""

    key: tuple[int, int]            # (series index, point index) in the series given
    plain: str
    current: str


@dataclass
class _ValueLabel:
    keys: frozenset                 # the points it stands for: current if any of them is
    text: str
    x: float
    y: float
    kind: str


@dataclass
class _Panel:
    labels: Labels
    values: list[_ValueLabel]


@dataclass
class PreparedChart:
    """A time chart laid out once, drawn for any page: which points are the page's own is decided per
    render, so the entry pages that share a window of values share one layout."""

    width: float
    height: float
    small: bool
    interactive: bool
    parts: list                     # str | _Point | _Panel (where the panel's value labels go)

    def render(self, chart_id: str, title: str, desc: str, current: frozenset = frozenset()) -> Markup:
        out = [_open_svg(chart_id, self.width, self.height, title, desc, "chart-small" if self.small else "chart-full",
                         interactive=self.interactive)]
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, _Point):
                out.append(part.current if part.key in current else part.plain)
            else:
                out.extend(self._labels(part, current))
        return Markup("".join(out))

    def _labels(self, panel: _Panel, current) -> list[str]:
        # current values first, then the highest: they get the best places. Past MAX_VALUE_LABELS points
        # only the current one is labelled: the table beside the chart has every value, and placing
        # labels is quadratic in their number.
        values = sorted(panel.values, key=lambda v: (not (v.keys & current), v.y))
        if self.small or len(values) > MAX_VALUE_LABELS:
            values = [v for v in values if v.keys & current]
        if not values:
            return []
        labels = Labels(panel.labels.bounds)
        labels.boxes = list(panel.labels.boxes)
        out = []
        for v in values:
            gap = 8 if v.kind == "gauge" else 3
            spot = labels.place(v.text, [(v.x, v.y - gap, "middle"), (v.x + 7, v.y + 4, "start"),
                                         (v.x - 7, v.y + 4, "end"), (v.x, v.y + 15, "middle")])
            if spot:
                out.append(_text(spot[0], spot[1], v.text, "value" + (" current" if v.keys & current else ""), spot[2]))
        return out


def prepare_time_chart(series: list[ChartSeries], start: dt.date, end: dt.date, fmt, small: bool = False) -> PreparedChart:
    """Values over time laid out once; ``PreparedChart.render`` names the chart and picks the current points."""
    width = 360.0 if small else 560.0
    start = min([start] + [p.date for s in series for p in s.points])
    end = max([end] + [p.date for s in series for p in s.points])
    panels: dict[str, list[tuple[int, ChartSeries]]] = {}
    for index, s in enumerate(series):
        panels.setdefault(s.unit, []).append((index, s))
    integers = all(float(p.value).is_integer() for s in series for p in s.points)
    scales = {}
    for unit, members in panels.items():
        dense = any(len({p.date for p in s.points}) > 1 for _, s in members)
        totals: dict[tuple, float] = {}
        for _, s in members:
            for p in s.points:
                key = (s.id, p.date) if s.kind == "count" else (s.id, p.date, p.value)
                totals[key] = totals.get(key, 0) + p.value if s.kind == "count" else p.value
        vmax = max(totals.values(), default=1)
        vmin = min(list(totals.values()) + [0])
        scales[unit] = nice_scale(vmax, 4 if dense and not small else 2, integers, vmin)
    tick_w = max(text_width(fmt.number(t)) for ticks in scales.values() for t in ticks)
    left = 10 + tick_w
    axis = TimeAxis(start, end, left, width - left - 14)
    day_w = axis.day_w
    out: list = []
    y = 4.0
    header = FONT + 6
    bodies = []
    for unit, members in panels.items():
        dense = any(len({p.date for p in s.points}) > 1 for _, s in members)
        plot_h = (64.0 if small else 96.0) if dense else (44.0 if small else 56.0)
        top = y + header + FONT  # room for the unit and for labels above the tallest value
        bodies.append((unit, members, top, plot_h))
        y = top + plot_h + 10
    label_w = max(text_width(fmt.short_date(start)), text_width(fmt.short_date(end))) + 12
    ticks = date_ticks(start, end, max(2, int(axis.width // label_w)))
    tick_x = [axis.x(d) for d in ticks]
    height = y + FONT + 8
    for unit, members, top, plot_h in bodies:
        scale = scales[unit]
        lo, hi = scale[0], scale[-1]
        bottom = top + plot_h

        def yv(value, top=top, plot_h=plot_h, lo=lo, hi=hi):
            return top + plot_h - ((value - lo) / (hi - lo)) * plot_h

        out.append('<g class="panel">')
        heading = unit if len(members) > 1 or small else (f"{members[0][1].label} ({unit})" if unit else members[0][1].label)
        out.append(_text(left - 8, top - FONT - 4, heading, "unit"))
        out.append("".join(f'<path class="grid-x" d="M{num(x)} {num(top)}V{num(bottom)}"/>' for x in tick_x))
        for value in scale:
            yy = yv(value)
            out.append(f'<path class="grid{" base" if value == 0 else ""}" d="M{num(left)} {num(yy)}H{num(axis.left + axis.width)}"/>')
            out.append(_text(left - 5, yy + FONT * 0.35, fmt.number(value), "tick", "end"))
        labels = Labels((0, top - header - FONT + 4, width, top + plot_h + 2))
        labels.block((left - 8, top - 2 * FONT - 4, left - 8 + text_width(heading), top - FONT - 2))
        counts = [(i, s) for i, s in members if s.kind == "count"]
        bw = max(2.0, min(day_w * 0.8 / max(len(counts), 1), 16.0))
        values: list[_ValueLabel] = []
        for slot, (index, s) in enumerate(counts):
            stack: dict[dt.date, float] = {}
            day_keys: dict[dt.date, set] = {}
            css = series_css(index)
            for pi, p in sorted(enumerate(s.points), key=lambda ip: ip[1].date):
                base = stack.get(p.date, 0.0)
                stack[p.date] = base + p.value
                x = axis.x0(p.date) + (day_w - bw * len(counts)) / 2 + slot * bw
                y0, y1 = sorted((yv(base + p.value), yv(base)))
                geometry = f'x="{num(x)}" y="{num(y0)}" width="{num(bw)}" height="{num(max(y1 - y0, 0.8))}"/>'
                out.append(_Point((index, pi), f'<g class="{css}">' + _link(p.href, '<rect class="bar" ' + geometry, p.tip) + "</g>",
                                  f'<g class="{css}">' + _link(p.href, '<rect class="bar current" ' + geometry, p.tip) + "</g>"))
                day_keys.setdefault(p.date, set()).add((index, pi))
            for day, total in stack.items():
                x = axis.x0(day) + (day_w - bw * len(counts)) / 2 + slot * bw + bw / 2
                labels.block((x - bw / 2, min(yv(total), yv(0)), x + bw / 2, max(yv(total), yv(0))))
                values.append(_ValueLabel(frozenset(day_keys[day]), fmt.number(total), x, yv(total), "count"))
        for index, s in members:
            if s.kind == "count":
                continue
            pts = sorted(enumerate(s.points), key=lambda ip: ip[1].date)
            css = series_css(index)
            marker = marker_of(index)
            if len(pts) > 1:
                d = [f"M{num(axis.x(pts[0][1].date))} {num(yv(pts[0][1].value))}"]
                d += [f"H{num(axis.x(p.date))}V{num(yv(p.value))}" for _, p in pts[1:]]
                out.append(f'<path class="line {css}" fill="none" d="{"".join(d)}"/>')
            for pi, p in pts:
                x, yy = axis.x(p.date), yv(p.value)
                labels.block((x - 4, yy - 4, x + 4, yy + 4))
                out.append(_Point((index, pi),
                                  f'<g class="{css}">' + _link(p.href, _marker(marker, x, yy, 3.6, "dot"), p.tip) + "</g>",
                                  f'<g class="{css}">' + _link(p.href, _marker(marker, x, yy, 5.0, "dot current"), p.tip) + "</g>"))
                values.append(_ValueLabel(frozenset({(index, pi)}), fmt.number(p.value), x, yy, "gauge"))
        out.append(_Panel(labels, values))
        out.append("</g>")
    last_bottom = bodies[-1][2] + bodies[-1][3] if bodies else y
    for d, x in zip(ticks, tick_x):
        out.append(f'<path class="tick-mark" d="M{num(x)} {num(last_bottom)}v4"/>')
        out.append(_text(x, last_bottom + FONT + 5, fmt.short_date(d), "tick", "middle"))
    out.append("</svg>")
    return PreparedChart(width, height, small, bool(series), _merge(out))


def _merge(parts: list) -> list:
    """Adjacent strings joined, so a render is a short walk over the parts that vary."""
    merged: list = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    return merged


def _snapshot_chart(chart_id, title, desc, series, fmt, small) -> Markup:
    width = 360.0 if small else 560.0
    rows = [(index, s, p) for index, s in enumerate(series) for p in s.points]
    day = rows[0][2].date
    integers = all(float(p.value).is_integer() for _, _, p in rows)
    scale = nice_scale(max(p.value for _, _, p in rows), 4, integers, min(p.value for _, _, p in rows))
    label_w = min(max(text_width(s.label) for _, s, _ in rows) + 8, width * 0.45)
    left = label_w + 6
    right = width - 14 - text_width(fmt.number(scale[-1]))
    row_h = 22.0
    top = FONT + 14
    height = top + row_h * len(rows) + FONT + 12
    out = [_open_svg(chart_id, width, height, title, desc, "chart-snapshot " + ("chart-small" if small else "chart-full"))]
    out.append(_text(4, FONT + 2, fmt.short_date(day) + " · " + series[0].unit, "unit"))
    span = right - left

    def xv(value):
        return left + (value - scale[0]) / (scale[-1] - scale[0]) * span

    for value in scale:
        x = xv(value)
        out.append(f'<path class="grid-x{" base" if value == 0 else ""}" d="M{num(x)} {num(top - 2)}V{num(top + row_h * len(rows))}"/>')
        out.append(_text(x, top + row_h * len(rows) + FONT + 6, fmt.number(value), "tick", "middle"))
    for i, (index, s, p) in enumerate(rows):
        y = top + i * row_h
        label = s.label
        while text_width(label) > label_w - 4 and len(label) > 2:
            label = label[:-2] + "…"
        out.append(_text(left - 6, y + row_h / 2 + FONT * 0.35, label, "series-label", "end"))
        x0, x1 = sorted((xv(0), xv(p.value)))
        w = max(x1 - x0, 1.0)
        rect = f'<rect class="bar{" current" if p.current else ""}" x="{num(x0)}" y="{num(y + 4)}" width="{num(w)}" height="{num(row_h - 8)}"/>'
        out.append(f'<g class="{series_css(index)}">' + _link(p.href, rect, p.tip) + "</g>")
        out.append(_text(x0 + w + 4, y + row_h / 2 + FONT * 0.35, fmt.number(p.value),
                         "value" + (" current" if p.current else "")))
    out.append("</svg>")
    return Markup("".join(out))


# --------------------------------------------------------------------------- strips


ROW_H = 22.0


def _month_bands(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    bands, day = [], start
    while day <= end:
        nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        bands.append((day, min(end, nxt - dt.timedelta(days=1))))
        day = nxt
    return bands


def _week_bins(start: dt.date, end: dt.date, marks) -> list[tuple[dt.date, dt.date, int]]:
    """Entries per calendar week (Monday to Sunday) or, over long spans, per month."""
    if (end - start).days > 26 * 7:
        spans = _month_bands(start, end)
    else:
        spans, day = [], start
        while day <= end:
            last = min(end, day + dt.timedelta(days=6 - day.weekday()))
            spans.append((day, last))
            day = last + dt.timedelta(days=1)
    days = sorted(m.date for m in marks)
    return [(a, b, bisect.bisect_right(days, b) - bisect.bisect_left(days, a)) for a, b in spans]


@lru_cache(maxsize=256)
def _month_labels(axis: TimeAxis, month_y: float, fmt) -> str:
    """Month names over a strip; the same for every profile of a chronicle, so drawn once per language."""
    out = []
    for a, b in _month_bands(axis.start, axis.end):
        name = fmt.month(a)
        x0, x1 = axis.x0(a), axis.x1(b)
        if text_width(name) + 6 > x1 - x0:
            name = fmt.short_date(a) if text_width(fmt.short_date(a)) + 6 <= x1 - x0 else ""
        if name:
            out.append(_text(x0 + 4, month_y, name, "month-label"))
    return "".join(out)


@lru_cache(maxsize=256)
def _strip_frame(axis: TimeAxis, ticks: tuple, band_top: float, bottom: float, fmt) -> str:
    """Month bands, grid and date ticks of a strip: they depend only on the period and the strip's height."""
    out = []
    for i, (a, b) in enumerate(_month_bands(axis.start, axis.end)):
        x0, x1 = axis.x0(a), axis.x1(b)
        out.append(f'<rect class="month-band m{i % 2}" x="{num(x0)}" y="{num(band_top - FONT - 8)}" width="{num(x1 - x0)}" height="{num(bottom - band_top + FONT + 8)}"/>')
    for d in ticks:
        x = axis.x(d)
        out.append(f'<path class="grid-x" d="M{num(x)} {num(band_top)}V{num(bottom)}"/>')
        out.append(_text(x, bottom + FONT + 4, fmt.short_date(d), "tick", "middle"))
    return "".join(out)


def strip(chart_id: str, title: str, desc: str, data: StripData, fmt, compact: bool = False) -> Markup:
    """The whole period at a glance: months, phases, landmarks, one linked mark per entry,
    the density of entries, the days with figures, and (for a person) a bar per role."""
    width = 720.0
    labels = data.row_labels
    label_col = max([text_width(v) for v in labels.values()] + [0]) + 12
    axis = TimeAxis(data.start, data.end, label_col, width - label_col - 10)
    out: list[str] = []
    body: list[str] = []
    y = 4.0
    month_y = y + FONT
    body.append(_month_labels(axis, month_y, fmt))
    y = month_y + 6
    band_top = y
    rows: list[tuple[str, float]] = []   # (row key, top)

    # phases
    if data.phases:
        rows.append(("phases", y))
        for i, ph in enumerate(data.phases):
            a, b = axis.clamp(ph.start), axis.clamp(ph.end)
            if ph.end < data.start or ph.start > data.end:
                continue
            x0, x1 = axis.x0(a), axis.x1(b)
            inner = f'<rect class="phase-band {ph.css}" x="{num(x0)}" y="{num(y + 2)}" width="{num(x1 - x0)}" height="{num(ROW_H - 4)}"/>'
            body.append(f'<g class="phase"><title>{esc(ph.label)}: {esc(fmt.short_date(ph.start))} – {esc(fmt.short_date(ph.end))}</title>{inner}</g>')
            if text_width(ph.label) + 8 <= x1 - x0:
                body.append(_text((x0 + x1) / 2, y + ROW_H / 2 + FONT * 0.35, ph.label, "phase-label", "middle"))
        y += ROW_H

    # landmarks: festivals and solar terms, their names staggered over as many lines as needed
    if data.landmarks:
        lines_end: list[float] = []
        placed = []
        right_edge = axis.left + axis.width
        for lm in data.landmarks:
            x = axis.x(lm.date)
            w = text_width(lm.label, FONT - 1)
            # centred on its day, but kept inside the plot
            cx = min(max(x, axis.left + w / 2), right_edge - w / 2)
            for line, last in enumerate(lines_end):
                if cx - w / 2 > last + 4:
                    lines_end[line] = cx + w / 2
                    break
            else:
                lines_end.append(cx + w / 2)
                line = len(lines_end) - 1
            placed.append((lm, x, cx, line))
        n_lines = max(len(lines_end), 1)
        rows.append(("landmarks", y))
        for lm, x, cx, line in placed:
            ty = y + (FONT) * (line + 1)
            body.append(_text(cx, ty, lm.label, f"landmark-label {lm.css}", "middle"))
        mark_y = y + FONT * n_lines + 6
        for lm, x, cx, line in placed:
            r = 4.0
            body.append(f'<g class="landmark {esc(lm.css)}"><title>{esc(fmt.short_date(lm.date))}: {esc(lm.label)}</title>'
                        f'<path class="landmark-mark" d="M{num(x)} {num(mark_y - r)}L{num(x + r)} {num(mark_y)}L{num(x)} {num(mark_y + r)}L{num(x - r)} {num(mark_y)}Z"/></g>')
        y = mark_y + r + 4

    # one mark per entry (several on a day stack)
    if data.marks or "entries" in labels:
        rows.append(("entries", y))
        per_day: dict[dt.date, int] = {}
        mw = max(2.0, min(axis.day_w * 0.7, 10.0))
        for m in data.marks:
            k = per_day.get(m.date, 0)
            per_day[m.date] = k + 1
            x = axis.x(m.date) - mw / 2
            h = ROW_H - 4
            rect = (f'<rect class="entry-mark{" current" if m.current else ""}" x="{num(x)}" '
                    f'y="{num(y + 2 + k * 3)}" width="{num(mw)}" height="{num(h - k * 3)}" rx="1.5"/>')
            body.append(_link(m.href, rect, m.tip, "point"))
        y += ROW_H

    # density: entries per week
    if data.marks and not compact:
        bins = _week_bins(data.start, data.end, data.marks)
        peak = max((c for _, _, c in bins), default=0) or 1
        dh = ROW_H * 1.6
        rows.append(("density", y))
        for a, b, c in bins:
            x0, x1 = axis.x0(a) + 1, axis.x1(b) - 1
            h = c / peak * (dh - FONT - 2)
            base = y + dh
            body.append(f'<g class="density"><title>{esc(fmt.short_date(a))} – {esc(fmt.short_date(b))}: {c}</title>'
                        f'<rect class="density-bar" x="{num(x0)}" y="{num(base - h)}" width="{num(max(x1 - x0, 1))}" height="{num(max(h, 0.5))}"/></g>')
            if c and text_width(str(c), FONT - 1) < x1 - x0:
                body.append(_text((x0 + x1) / 2, base - h - 2, fmt.number(c), "density-label", "middle"))
        y += dh + 2

    # days with figures: a dot per day, bigger for more figures, linked to the paragraph of the first
    if data.figures:
        rows.append(("figures", y))
        most = max(f.weight for f in data.figures)
        for f in data.figures:
            r = 3.0 + 4.0 * math.sqrt(f.weight / most)
            inner = f'<circle class="figure-dot{" current" if f.current else ""}" cx="{num(axis.x(f.date))}" cy="{num(y + ROW_H / 2)}" r="{num(r)}"/>'
            body.append(_link(f.href, inner, f.tip, "point figure"))
        y += ROW_H

    # a bar per role (a small Gantt): hand-overs show as one bar ending where another begins
    if data.roles:
        rows.append(("roles", y))
        roles_top = y
        y += 4
        for role in data.roles:
            a = role.start or data.start
            b = role.end or data.end
            x0, x1 = axis.x0(axis.clamp(a)), axis.x1(axis.clamp(b))
            label = role.label
            tw = text_width(label)
            max_w = axis.left + axis.width - axis.left
            while tw > max_w and len(label) > 3:
                label = label[:-2] + "…"
                tw = text_width(label)
            tx = min(max(x0, axis.left), axis.left + axis.width - tw)
            body.append(_text(tx, y + FONT, label, "role-label"))
            by = y + FONT + 4
            bar_h = 12.0
            cut_start = role.start is None or role.start < data.start
            cut = (" cut-start" if cut_start else "") + (
                " cut-end" if role.end is None or role.end > data.end else "")
            width_ = max(x1 - x0, 2)
            bar = f'<rect class="role-bar{cut}" x="{num(x0)}" y="{num(by)}" width="{num(width_)}" height="{num(bar_h)}" rx="2"/>'
            body.append(f'<g class="role"><title>{esc(role.tip)}</title>{bar}</g>')
            base_y = by + bar_h - 2.5
            start_w = text_width(role.start_label, FONT - 1) if role.start_label else 0
            inside_used = 0.0
            if role.start_label:
                if not cut_start and x0 - start_w - 4 >= axis.left:
                    body.append(_text(x0 - 3, base_y, role.start_label, "role-date", "end"))
                elif width_ > start_w + 8:
                    body.append(_text(x0 + 3, base_y, role.start_label, "role-date on-bar"))
                    inside_used = start_w + 6
            same_day = role.start is not None and role.end == role.start and role.start_label
            if role.end_label and not same_day:
                w = text_width(role.end_label, FONT - 1)
                if x1 + w + 4 <= axis.left + axis.width:
                    body.append(_text(x1 + 3, base_y, role.end_label, "role-date"))
                elif width_ - inside_used > w + 8:
                    body.append(_text(x1 - 3, base_y, role.end_label, "role-date on-bar", "end"))
            y = by + bar_h + 6
        for h in data.handovers:
            x = axis.x(h.date)
            body.append(f'<g class="handover"><title>{esc(h.label)}</title>'
                        f'<path class="handover-line" d="M{num(x)} {num(roles_top)}V{num(y)}"/></g>')
    bottom = y
    # ticks along the bottom
    label_w = max(text_width(fmt.short_date(data.start)), text_width(fmt.short_date(data.end))) + 12
    ticks = date_ticks(data.start, data.end, max(2, int(axis.width // label_w)))
    height = bottom + FONT + 10
    out.append(_open_svg(chart_id, width, height, title, desc, "strip" + (" strip-compact" if compact else ""),
                         interactive=any("<a " in part for part in body)))
    out.append(_strip_frame(axis, tuple(ticks), band_top, bottom, fmt))
    for key, top in rows:
        if labels.get(key):
            out.append(_text(4, top + ROW_H / 2 + FONT * 0.35, labels[key], "row-label"))
    out.extend(body)
    out.append("</svg>")
    return Markup("".join(out))
