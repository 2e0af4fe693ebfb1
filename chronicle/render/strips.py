"""The whole period at a glance, as SVG: months, phases, landmarks, entries, density, figures and roles."""

from __future__ import annotations

import bisect
import datetime as dt
import math
from functools import lru_cache

from markupsafe import Markup

from chronicle.render.svg import (  # noqa: F401  (the data types are part of this module's interface)
    FONT, Band, Landmark, Mark, RoleBar, StripData, TimeAxis, calendar_bands, date_ticks, esc, num, open_svg, svg_link,
    svg_text, text_width,
)


# --------------------------------------------------------------------------- strips


ROW_H = 22.0


def _month_bands(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    return calendar_bands(start, end)[1]


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
    """Month names over a strip (years over long periods); the same for every profile of a chronicle,
    so drawn once per language."""
    out = []
    unit, bands = calendar_bands(axis.start, axis.end)
    for a, b in bands:
        name = fmt.month(a) if unit == "month" else str(a.year)
        x0, x1 = axis.x0(a), axis.x1(b)
        if text_width(name) + 6 > x1 - x0:
            name = fmt.short_date(a) if unit == "month" and text_width(fmt.short_date(a)) + 6 <= x1 - x0 else ""
        if name:
            out.append(svg_text(x0 + 4, month_y, name, "month-label"))
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
        out.append(svg_text(x, bottom + FONT + 4, fmt.short_date(d), "tick", "middle"))
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
                body.append(svg_text((x0 + x1) / 2, y + ROW_H / 2 + FONT * 0.35, ph.label, "phase-label", "middle"))
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
            body.append(svg_text(cx, ty, lm.label, f"landmark-label {lm.css}", "middle"))
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
            body.append(svg_link(m.href, rect, m.tip, "point"))
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
                body.append(svg_text((x0 + x1) / 2, base - h - 2, fmt.number(c), "density-label", "middle"))
        y += dh + 2

    # days with figures: a dot per day, bigger for more figures, linked to the paragraph of the first
    if data.figures:
        rows.append(("figures", y))
        most = max(f.weight for f in data.figures)
        for f in data.figures:
            r = 3.0 + 4.0 * math.sqrt(f.weight / most)
            inner = f'<circle class="figure-dot{" current" if f.current else ""}" cx="{num(axis.x(f.date))}" cy="{num(y + ROW_H / 2)}" r="{num(r)}"/>'
            body.append(svg_link(f.href, inner, f.tip, "point figure"))
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
            body.append(svg_text(tx, y + FONT, label, "role-label"))
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
                    body.append(svg_text(x0 - 3, base_y, role.start_label, "role-date", "end"))
                elif width_ > start_w + 8:
                    body.append(svg_text(x0 + 3, base_y, role.start_label, "role-date on-bar"))
                    inside_used = start_w + 6
            same_day = role.start is not None and role.end == role.start and role.start_label
            if role.end_label and not same_day:
                w = text_width(role.end_label, FONT - 1)
                if x1 + w + 4 <= axis.left + axis.width:
                    body.append(svg_text(x1 + 3, base_y, role.end_label, "role-date"))
                elif width_ - inside_used > w + 8:
                    body.append(svg_text(x1 - 3, base_y, role.end_label, "role-date on-bar", "end"))
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
    out.append(open_svg(chart_id, width, height, title, desc, "strip" + (" strip-compact" if compact else ""),
                         interactive=any("<a " in part for part in body)))
    out.append(_strip_frame(axis, tuple(ticks), band_top, bottom, fmt))
    for key, top in rows:
        if labels.get(key):
            out.append(svg_text(4, top + ROW_H / 2 + FONT * 0.35, labels[key], "row-label"))
    out.extend(body)
    out.append("</svg>")
    return Markup("".join(out))
