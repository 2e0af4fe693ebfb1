"""Statistics drawn as SVG: values over time in panels by unit, or one day's values as labelled bars.

The shared pieces (data, axes, ticks, labels, markers) are in render/svg.py; the
whole-period strips of the timeline and the profiles in render/strips.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from chronicle.render.svg import (  # noqa: F401  (the data types are part of this module's interface)
    FONT, ChartPoint, ChartSeries, Labels, TimeAxis, date_ticks, marker, marker_of, nice_scale, num,
    open_svg, series_css, svg_link, svg_text, swatch, text_width,
)

MAX_VALUE_LABELS = 40


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
        out = [open_svg(chart_id, self.width, self.height, title, desc, "chart-small" if self.small else "chart-full",
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
                out.append(svg_text(spot[0], spot[1], v.text, "value" + (" current" if v.keys & current else ""), spot[2]))
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
        out.append(svg_text(left - 8, top - FONT - 4, heading, "unit"))
        out.append("".join(f'<path class="grid-x" d="M{num(x)} {num(top)}V{num(bottom)}"/>' for x in tick_x))
        for value in scale:
            yy = yv(value)
            out.append(f'<path class="grid{" base" if value == 0 else ""}" d="M{num(left)} {num(yy)}H{num(axis.left + axis.width)}"/>')
            out.append(svg_text(left - 5, yy + FONT * 0.35, fmt.number(value), "tick", "end"))
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
                out.append(_Point((index, pi), f'<g class="{css}">' + svg_link(p.href, '<rect class="bar" ' + geometry, p.tip) + "</g>",
                                  f'<g class="{css}">' + svg_link(p.href, '<rect class="bar current" ' + geometry, p.tip) + "</g>"))
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
            shape = marker_of(index)
            if len(pts) > 1:
                d = [f"M{num(axis.x(pts[0][1].date))} {num(yv(pts[0][1].value))}"]
                d += [f"H{num(axis.x(p.date))}V{num(yv(p.value))}" for _, p in pts[1:]]
                out.append(f'<path class="line {css}" fill="none" d="{"".join(d)}"/>')
            for pi, p in pts:
                x, yy = axis.x(p.date), yv(p.value)
                labels.block((x - 4, yy - 4, x + 4, yy + 4))
                out.append(_Point((index, pi),
                                  f'<g class="{css}">' + svg_link(p.href, marker(shape, x, yy, 3.6, "dot"), p.tip) + "</g>",
                                  f'<g class="{css}">' + svg_link(p.href, marker(shape, x, yy, 5.0, "dot current"), p.tip) + "</g>"))
                values.append(_ValueLabel(frozenset({(index, pi)}), fmt.number(p.value), x, yy, "gauge"))
        out.append(_Panel(labels, values))
        out.append("</g>")
    last_bottom = bodies[-1][2] + bodies[-1][3] if bodies else y
    for d, x in zip(ticks, tick_x):
        out.append(f'<path class="tick-mark" d="M{num(x)} {num(last_bottom)}v4"/>')
        out.append(svg_text(x, last_bottom + FONT + 5, fmt.short_date(d), "tick", "middle"))
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
    out = [open_svg(chart_id, width, height, title, desc, "chart-snapshot " + ("chart-small" if small else "chart-full"))]
    out.append(svg_text(4, FONT + 2, fmt.short_date(day) + " · " + series[0].unit, "unit"))
    span = right - left

    def xv(value):
        return left + (value - scale[0]) / (scale[-1] - scale[0]) * span

    for value in scale:
        x = xv(value)
        out.append(f'<path class="grid-x{" base" if value == 0 else ""}" d="M{num(x)} {num(top - 2)}V{num(top + row_h * len(rows))}"/>')
        out.append(svg_text(x, top + row_h * len(rows) + FONT + 6, fmt.number(value), "tick", "middle"))
    for i, (index, s, p) in enumerate(rows):
        y = top + i * row_h
        label = s.label
        while text_width(label) > label_w - 4 and len(label) > 2:
            label = label[:-2] + "…"
        out.append(svg_text(left - 6, y + row_h / 2 + FONT * 0.35, label, "series-label", "end"))
        x0, x1 = sorted((xv(0), xv(p.value)))
        w = max(x1 - x0, 1.0)
        rect = f'<rect class="bar{" current" if p.current else ""}" x="{num(x0)}" y="{num(y + 4)}" width="{num(w)}" height="{num(row_h - 8)}"/>'
        out.append(f'<g class="{series_css(index)}">' + svg_link(p.href, rect, p.tip) + "</g>")
        out.append(svg_text(x0 + w + 4, y + row_h / 2 + FONT * 0.35, fmt.number(p.value),
                         "value" + (" current" if p.current else "")))
    out.append("</svg>")
    return Markup("".join(out))
