"""What the charts and strips show, taken from the site graph, in the page's language.

render/charts.py and render/strips.py draw; this module decides what to draw: which statistics share a
chart (a ``group`` of stats.yaml), where each point links (the paragraph that
recorded it), how a person's roles fall over the period. Text goes through
Messages so every label, unit and date is in the page's language.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from chronicle.graph.nodes import EntryNode, PersonNode, SiteGraph, StatNode, StatPoint
from chronicle.model import Text
from chronicle.render import charts, strips
from chronicle.render import svg as shapes
from chronicle.render.i18n import Messages
from chronicle.render.urls import INTERNAL, site_path

ENTRY_CHART_POINTS = 30
WINDOW_STEP = 10
CHARTS_KEPT = 64


class Visuals:
    def __init__(self, graph: SiteGraph):
        self.g = graph
        self.langs = graph.languages
        self.stat_by_id = {s.stat.id: s for s in graph.stats}
        entries = graph.entries
        self.period = (entries[0].date, entries[-1].date) if entries else None
        self._positions: dict[str, dict[str, int]] = {}
        self._roles_by_org: dict | None = None
        self._charts: dict[tuple, tuple[StatNode, charts.PreparedChart, str]] = {}

    # -- small helpers -----------------------------------------------------
    def txt(self, value: Text | None, lang: str) -> str:
        return value.get(lang, self.langs) if value is not None else ""

    def entry_href(self, lang: str, stem: str, anchor: str | None = None) -> str:
        return INTERNAL + site_path(lang, "entry", stem) + (f"#{anchor}" if anchor else "")

    def stat_unit(self, node: StatNode, lang: str) -> str:
        return self.txt(node.stat.unit, lang)

    def point(self, node: StatNode, p: StatPoint, lang: str, t: Messages, current: str | None) -> charts.ChartPoint:
        unit = self.stat_unit(node, lang)
        tip = f"{t.short_date(p.date)}: {t.number(p.value)} {unit}".rstrip()
        note = self.txt(p.note, lang)
        if note:
            tip += f" ({note})"
        return charts.ChartPoint(p.date, p.value, self.entry_href(lang, p.entry, p.anchor), tip,
                                 current is not None and p.entry == current)

    def series(self, node: StatNode, lang: str, t: Messages, current: str | None = None) -> charts.ChartSeries:
        return charts.ChartSeries(node.stat.id, self.txt(node.stat.label, lang), self.stat_unit(node, lang),
                                  node.stat.kind, tuple(self.point(node, p, lang, t, current) for p in node.points))

    def describe(self, nodes: list[StatNode], lang: str, t: Messages) -> str:
        """The chart said in words, for <desc>: per series its span and its low, high, last or total."""
        parts = []
        for node in nodes:
            pts = node.points
            if not pts:
                continue
            label, unit = self.txt(node.stat.label, lang), self.stat_unit(node, lang)
            if len(pts) == 1:
                parts.append(t("chart_desc_one", label=label, value=t.number(pts[0].value), unit=unit,
                               date=t.date(pts[0].date)))
            elif node.stat.kind == "count":
                parts.append(t("chart_desc_count", label=label, n=len(pts), start=t.date(pts[0].date),
                               end=t.date(pts[-1].date), total=t.number(node.summary), unit=unit))
            else:
                values = [p.value for p in pts]
                parts.append(t("chart_desc_gauge", label=label, n=len(pts), start=t.date(pts[0].date),
                               end=t.date(pts[-1].date), low=t.number(min(values)), high=t.number(max(values)),
                               last=t.number(values[-1]), unit=unit))
        return " ".join(parts)

    def legend(self, nodes: list[StatNode], lang: str) -> list[dict]:
        return [{"swatch": charts.swatch(n.stat.kind, i), "label": self.txt(n.stat.label, lang),
                 "unit": self.stat_unit(n, lang), "id": n.stat.id, "kind": n.stat.kind}
                for i, n in enumerate(nodes)]

    # -- the stats page ----------------------------------------------------
    def group_title(self, group: str, nodes: list[StatNode], lang: str, t: Messages) -> str:
        key = f"statgroup_{group}"
        if group and key in t.messages:
            return t(key)
        return t.sep.join(self.txt(n.stat.label, lang) for n in nodes)

    def stat_groups(self, lang: str) -> list[dict]:
        """The statistics by ``group`` (a statistic without one is its own group), each with its chart.

        A group of several statistics gets one chart with a series each; a lone statistic
        gets a chart when it has more than one value.
        """
        t = Messages.of(lang, self.g.config)
        order: dict[str, list[StatNode]] = {}
        for node in self.g.stats:
            order.setdefault(node.stat.group or f"stat:{node.stat.id}", []).append(node)
        groups = []
        for key, nodes in order.items():
            charted = [n for n in nodes if n.points]
            several = len(nodes) > 1
            n_points = sum(len(n.points) for n in charted)
            chart = None
            chart_id = ("chart-group-" + key) if several else ("chart-stat-" + nodes[0].stat.id)
            title = self.group_title(key if several else "", nodes, lang, t)
            legend = []
            if self.period and n_points > 1 and (several or len(charted[0].points) > 1):
                series = [self.series(n, lang, t) for n in charted]
                chart = charts.stat_chart(chart_id, t("chart_title", label=title), self.describe(charted, lang, t),
                                          series, *self.period, t)
                if len(charted) > 1 and not charts.is_snapshot(series):
                    legend = self.legend(charted, lang)
            groups.append({"id": key.replace("stat:", "stat-"), "several": several, "title": title,
                           "stats": nodes, "chart": chart, "chart_id": chart_id, "legend": legend})
        for group, region in zip(groups, unique_names([g["title"] for g in groups])):
            group["region"] = region
        return groups

    # -- entry pages -------------------------------------------------------
    def entry_charts(self, node: EntryNode, lang: str) -> list[dict]:
        """A small chart of each statistic this entry records that has more than one value; its point stands out."""
        t = Messages.of(lang, self.g.config)
        out = []
        for stat_id in dict.fromkeys(p.stat for p in node.stats):
            stat = self.stat_by_id[stat_id]
            if len(stat.points) < 2 or not self.period:
                continue
            label = self.txt(stat.stat.label, lang)
            chart_id = f"chart-e-{stat_id}"
            window, chart, described = self.entry_chart(stat, node.stem, lang)
            current = frozenset((0, i) for i, p in enumerate(window.points) if p.entry == node.stem)
            svg = chart.render(chart_id, t("chart_entry_title", label=label),
                               described + " " + t("chart_entry_desc", date=t.date(node.date)), current)
            out.append({"id": stat_id, "label": label, "chart": svg, "chart_id": chart_id})
        return out

    def entry_windows(self, node: EntryNode, keys) -> list:
        """What the entry's small charts show, as keys (render/keys.py): one per window of values."""
        out = []
        for stat_id in dict.fromkeys(p.stat for p in node.stats):
            stat = self.stat_by_id[stat_id]
            if len(stat.points) < 2 or not self.period:
                continue
            start = self.window_start(stat, node.stem)
            out.append((stat_id, start, keys.window_fp(stat, start, ENTRY_CHART_POINTS)))
        return out

    def entry_chart(self, stat: StatNode, stem: str, lang: str) -> tuple[StatNode, charts.PreparedChart, str]:
        """The window of values an entry's small chart shows, laid out once for every entry that shares it."""
        start = self.window_start(stat, stem)
        key = (stat.stat.id, start, lang)
        found = self._charts.get(key)
        if found is None:
            if start is None:
                window, period = stat, self.period
            else:
                points = stat.points[start:start + ENTRY_CHART_POINTS]
                window, period = StatNode(stat.stat, points), (points[0].date, points[-1].date)
            t = Messages.of(lang, self.g.config)
            chart = charts.prepare_time_chart([self.series(window, lang, t)], *period, t, small=True)
            found = self._charts[key] = (window, chart, self.describe([window], lang, t))
            if len(self._charts) > CHARTS_KEPT:  # pages come in date order: older windows are not needed again
                del self._charts[next(iter(self._charts))]
        return found

    def window_start(self, stat: StatNode, stem: str, size: int = ENTRY_CHART_POINTS) -> int | None:
        """Where an entry's window of values starts (None: the statistic fits whole).

        A long chronicle's entry pages show the values around their own, so they stay small; windows start
        at multiples of WINDOW_STEP, so the entry's value lies well inside its window and the entries of
        one step share one chart."""
        if len(stat.points) <= size:
            return None
        positions = self._positions.get(stat.stat.id)
        if positions is None:
            positions = self._positions[stat.stat.id] = {}
            for i, p in enumerate(stat.points):
                positions.setdefault(p.entry, i)
        index = positions.get(stem, 0)
        return max(0, min((index - size // 3) // WINDOW_STEP * WINDOW_STEP, len(stat.points) - size))

    # -- strips ------------------------------------------------------------
    def phases(self, lang: str) -> tuple[shapes.Band, ...]:
        return tuple(shapes.Band(ph.start, ph.end, self.txt(ph.name, lang), f"ph{i % 4}")
                     for i, ph in enumerate(self.g.config.phases))

    def phase_list(self, lang: str) -> list[dict]:
        return [{"id": ph.id, "name": self.txt(ph.name, lang), "start": ph.start, "end": ph.end, "css": f"ph{i % 4}"}
                for i, ph in enumerate(self.g.config.phases)]

    def landmarks(self, lang: str) -> tuple[shapes.Landmark, ...]:
        zh = lang.startswith("zh")
        return tuple(shapes.Landmark(day, f.zh if zh else f.en.split(" (")[0], f.kind) for day, f in self.g.festivals)

    def timeline_strip(self, lang: str) -> Markup | None:
        if not self.period:
            return None
        t = Messages.of(lang, self.g.config)
        marks = tuple(shapes.Mark(e.date, self.entry_href(lang, e.stem),
                                  f"{t.short_date(e.date)}: {e.versions[lang].title}") for e in self.g.entries)
        figures = []
        for e in self.g.entries:
            if not e.stats:
                continue
            said = []
            for p in e.stats:
                node = self.stat_by_id[p.stat]
                said.append(f"{self.txt(node.stat.label, lang)} {t.number(p.value)} {self.stat_unit(node, lang)}".rstrip())
            first = next((p.anchor for p in e.stats if p.anchor), None)
            figures.append(shapes.Mark(e.date, self.entry_href(lang, e.stem, first),
                                       f"{t.short_date(e.date)}: " + t.sep.join(said), len(e.stats)))
        data = shapes.StripData(
            *self.period, phases=self.phases(lang), landmarks=self.landmarks(lang), marks=marks,
            figures=tuple(figures),
            row_labels={"phases": t("phase"), "landmarks": t("strip_landmarks"), "entries": t("strip_entries"),
                        "density": t("strip_density"), "figures": t("strip_figures")})
        start, end = self.period
        desc = t("strip_desc", n=len(marks), start=t.date(start), end=t.date(end), phases=len(data.phases),
                 landmarks=len(data.landmarks), figures=len(figures))
        return strips.strip("strip-timeline", t("strip_title"), desc, data, t)

    def person_roles(self, p: PersonNode, lang: str) -> tuple[list[shapes.RoleBar], list]:
        """Dated roles as bars over the period (open-ended ones run to its end); undated ones are only listed."""
        t = Messages.of(lang, self.g.config)
        bars, undrawn = [], []
        start, end = self.period
        for r in p.person.roles:
            title = self.txt(r.title, lang)
            org = self.txt(r.org, lang)
            if r.start is None and r.end is None:
                undrawn.append(r)
                continue
            a = r.start.first_day() if r.start else None
            b = r.end.last_day() if r.end else None
            if (a and a > end) or (b and b < start):
                undrawn.append(r)
                continue
            span = (r.start.iso() if r.start else "…") + " – " + (r.end.iso() if r.end else t("open_ended"))
            tip = f"{title}{t.sep + org if org else ''}: {span}"
            start_label = (r.start.iso() if a < start else t.short_date(a)) if a else ""
            end_label = (r.end.iso() if b > end else t.short_date(b)) if b else t("open_ended")
            bars.append(shapes.RoleBar(title, tip, a, b, start_label, end_label))
        return bars, undrawn

    def handovers(self, p: PersonNode, lang: str) -> list[dict]:
        """Days in the period when one of this person's roles ends or begins and, in the same organisation,
        someone else's role begins or ends (the same day or the next): a relay of duties, e.g. on 2020-02-25."""
        if not self.period:
            return []
        start, end = self.period
        one = dt.timedelta(days=1)
        found: dict[dt.date, dict] = {}
        for r in p.person.roles:
            if r.org is None:
                continue
            own_end = r.end.last_day() if r.end else None
            own_start = r.start.first_day() if r.start else None
            for other, o in self.roles_by_org().get(r.org, ()):
                if other is p:
                    continue
                o_start = o.start.first_day() if o.start else None
                o_end = o.end.last_day() if o.end else None
                hits = []
                if own_end and start <= own_end < end and o_start in (own_end, own_end + one):
                    hits.append((own_end, "after"))
                if own_start and start < own_start <= end and o_end in (own_start, own_start - one):
                    hits.append((own_start, "before"))
                for day, side in hits:
                    item = found.setdefault(day, {"date": day, "after": [], "before": []})
                    entry = {"name": other.names[lang], "pid": other.pid, "title": self.txt(o.title, lang)}
                    if entry not in item[side]:
                        item[side].append(entry)
        return [found[d] for d in sorted(found)]

    def roles_by_org(self) -> dict:
        """Every published person's roles by organisation, in people order: hand-overs are looked up here
        instead of in everyone's roles, which would make profiles quadratic in the number of people."""
        if self._roles_by_org is None:
            index: dict = {}
            for other in self.g.people:
                if not other.restricted:
                    for o in other.person.roles:
                        index.setdefault(o.org, []).append((other, o))
            self._roles_by_org = index
        return self._roles_by_org

    def person_strip(self, p: PersonNode, lang: str) -> tuple[Markup | None, list, list]:
        if not self.period:
            return None, list(p.person.roles), []
        t = Messages.of(lang, self.g.config)
        marks = []
        for stem in p.entries:
            e = self.g.entry_by_stem[stem]
            passages = p.passages.get(stem) or []
            marks.append(shapes.Mark(e.date, self.entry_href(lang, stem, passages[0].anchor if passages else None),
                                     f"{t.short_date(e.date)}: {e.versions[lang].title}"))
        bars, undrawn = self.person_roles(p, lang)
        name = p.names[lang]
        relays = self.handovers(p, lang) if bars else []
        lines = []
        for h in relays:
            who = t.sep.join(x["name"] for x in h["after"] + h["before"])
            lines.append(shapes.Landmark(h["date"], f"{t('handover')} {t.short_date(h['date'])}: {who}", "handover"))
        data = shapes.StripData(*self.period, phases=self.phases(lang), marks=tuple(marks), roles=tuple(bars),
                                handovers=tuple(lines),
                                row_labels={"phases": t("phase"), "entries": t("strip_mentions"),
                                            **({"roles": t("profile_roles")} if bars else {})})
        start, end = self.period
        desc = t("person_strip_desc", name=name, n=len(marks), start=t.date(start), end=t.date(end), roles=len(bars))
        svg = strips.strip("strip-person", t("person_strip_title", name=name), desc, data, t, compact=True)
        return svg, undrawn, relays


def unique_names(names: list[str]) -> list[bool]:
    """For sections named by content: which may be landmarks (regions). Two regions of one name are one too
    many for a screen reader's list of landmarks (axe: landmark-unique), so a repeated name makes none."""
    seen: dict[str, int] = {}
    for name in names:
        key = " ".join(name.split()).casefold()
        seen[key] = seen.get(key, 0) + 1
    return [seen[" ".join(name.split()).casefold()] == 1 for name in names]
