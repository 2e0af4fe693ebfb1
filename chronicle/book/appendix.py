"""The back of the book: people, figures, commendation lists, and the indexes (mixed into book.sections)."""

from __future__ import annotations

from html import escape

from chronicle.book import words


class Appendix:
    """Needs from the section writer: book, lang, second, pdf, pages, both(), label(), page_ref()."""

    def appendix_titles(self) -> list[tuple[str, str]]:
        """(anchor, title) of each appendix, back page and index, in book order."""
        b = self.book
        out = []
        if b.people:
            out.append(("appendix-people", words.label(self.lang, "book_appendix_people")))
        if b.stats:
            out.append(("appendix-figures", words.label(self.lang, "book_appendix_figures")))
        if b.lists:
            out.append(("appendix-commendations", b.lists.title[self.lang]))
        out += [(p.anchor, p.versions[0].title.text) for p in b.back]
        if b.tag_index:
            out.append(("index-tags", words.label(self.lang, "book_index_tags")))
        if b.people_index:
            out.append(("index-people", words.label(self.lang, "book_index_people")))
        return out

    def appendices(self) -> list:
        from chronicle.book.sections import Section
        out = []
        titles = dict(self.appendix_titles())
        if self.book.people:
            out.append(Section("people.xhtml", "appendix", self.lang, titles["appendix-people"],
                               self.people_appendix()))
        if self.book.stats:
            out.append(Section("figures.xhtml", "appendix", self.lang, titles["appendix-figures"],
                               self.figures_appendix()))
        if self.book.lists:
            out.append(Section("commendations.xhtml", "appendix", self.lang, titles["appendix-commendations"],
                               self.lists_appendix()))
        return out

    def heading(self, anchor: str, title: str, intro: str = "") -> str:
        out = (f'<section class="appendix" id="{anchor}" data-running="{escape(title)}">'
               f'<h1 class="appendix-title bm1">{escape(title)}</h1>')
        if self.second:
            key = {"appendix-people": "book_appendix_people", "appendix-figures": "book_appendix_figures",
                   "index-people": "book_index_people", "index-tags": "book_index_tags"}.get(anchor)
            if key:
                out += f'<p class="appendix-title-tr tr" lang="{words.attr_lang(self.second)}">' \
                       f'{escape(words.label(self.second, key))}</p>'
        if intro:
            out += f'<p class="intro">{escape(intro)}</p>'
        return out

    # -- people -----------------------------------------------------------------------------------------
    def people_appendix(self) -> str:
        out = [self.heading("appendix-people", words.label(self.lang, "book_appendix_people"),
                            words.label(self.lang, "people_intro"))]
        sep = words.list_separator(self.lang)
        colon = words.colon(self.lang)
        for p in self.book.people:
            names = escape(p.names[self.lang])
            if self.second and p.names[self.second] != p.names[self.lang]:
                names += f' <span class="tr" lang="{words.attr_lang(self.second)}">{escape(p.names[self.second])}</span>'
            out.append(f'<div class="person" id="{p.anchor}"><h3 class="person-name">{names}</h3>')
            if p.aliases:
                out.append(f'<p class="aliases">{self.label("profile_aliases")}{colon}{escape(sep.join(p.aliases))}</p>')
            if p.groups[self.lang]:
                out.append(f'<p class="groups">{self.label("group")}{colon}{escape(sep.join(p.groups[self.lang]))}</p>')
            if p.roles:
                out.append('<ul class="roles">')
                for r in p.roles:
                    line = self.both(r.title)
                    if r.org:
                        line += ("，" if words.zh(self.lang) else ", ") + self.both(r.org)
                    dates = self.role_dates(r.start, r.end)
                    out.append(f"<li>{line}{(' ' + dates) if dates else ''}</li>")
                out.append("</ul>")
            for lang, (html, used) in p.bio.items():
                cls = "bio" if lang == self.lang else "bio tr"
                out.append(f'<div class="{cls}" lang="{words.attr_lang(used)}" xml:lang="{words.attr_lang(used)}">'
                           f"{html}</div>")
            if p.entries:
                out.append(f'<p class="mentioned">{self.label("mentioned_in", n=p.entries)}</p>')
            out.append("</div>")
        out.append("</section>")
        return "\n".join(out)

    def role_dates(self, start: str, end: str) -> str:
        if not start and not end:
            return ""
        if words.zh(self.lang):
            return f"（{start or ''}—{end or words.label(self.lang, 'open_ended')}）" if start else f"（至{end}）"
        return f"({start or '…'} – {end or words.label(self.lang, 'open_ended')})"

    # -- figures ----------------------------------------------------------------------------------------
    def figures_appendix(self) -> str:
        b = self.book
        out = [self.heading("appendix-figures", words.label(self.lang, "book_appendix_figures"),
                            words.label(self.lang, "stats_intro"))]
        head = "".join(f'<th scope="col">{self.label(k)}</th>' for k in ("date", "value", "note", "source"))
        for s in b.stats:
            unit = f" ({self.both(s.unit)})" if s.unit and not words.zh(self.lang) else (f"（{self.both(s.unit)}）" if s.unit else "")
            kind = self.label(f"kind_{s.kind}")
            out.append(f'<div class="stat" id="{s.anchor}"><h3 class="stat-name">{self.both(s.label)}{unit}</h3>'
                       f'<p class="stat-kind">{kind}</p>')
            out.append(f'<table class="stat-table"><thead><tr>{head}</tr></thead><tbody>')
            for line in s.lines:
                unit_text = s.unit[self.lang].text if s.unit else ""
                value = escape(line.value[self.lang]) + ((" " if not words.zh(self.lang) else "") + escape(unit_text)
                                                         if unit_text else "")
                source = escape(b.entry_titles.get(line.entry, ""))
                out.append(f'<tr><td>{escape(words.date(line.date, self.lang))}</td><td class="num">{value}</td>'
                           f'<td>{self.both(line.note)}</td>'
                           f'<td><a href="#{line.target}">{source}</a>{self.page_ref(line.target)}</td></tr>')
            out.append("</tbody></table></div>")
        out.append("</section>")
        return "\n".join(out)

    # -- commendation lists -----------------------------------------------------------------------------
    def lists_appendix(self) -> str:
        lists = self.book.lists
        out = [self.heading("appendix-commendations", lists.title[self.lang])]
        if self.second:
            out.append(f'<p class="appendix-title-tr tr" lang="{words.attr_lang(self.second)}">'
                       f"{escape(lists.title[self.second])}</p>")
        if lists.note:
            out.append(f'<p class="status-note">{escape(lists.note[self.lang])}</p>')
        colon = words.colon(self.lang)
        for c in lists.categories:
            out.append(f'<div class="category" id="{c.anchor}"><h3 class="category-name">{self.both(c.name)}</h3>')
            if c.description:
                out.append(f'<p class="category-description">{self.both(c.description, "span")}</p>')
            for a in c.awards:
                names = escape(a.names[self.lang])
                if self.second and a.names[self.second] != a.names[self.lang]:
                    names += f' <span class="tr" lang="{words.attr_lang(self.second)}">{escape(a.names[self.second])}</span>'
                role = f'<span class="award-role">{self.both(a.role)}</span>' if a.role else ""
                out.append(f'<div class="award"><p class="award-name"><a href="#person-{a.pid}">{names}</a> {role}</p>')
                out.append(f'<p class="citation">{self.both(a.citation, "span")}</p>')
                if a.evidence:
                    refs = words.list_separator(self.lang).join(
                        f'<a href="#{ev.target}">{escape(words.date(ev.date, self.lang))}</a>{self.page_ref(ev.target)}'
                        for ev in a.evidence)
                    out.append(f'<p class="evidence">{self.label("book_evidence")}{colon}{refs}</p>')
                out.append("</div>")
            out.append("</div>")
        out.append("</section>")
        return "\n".join(out)

    # -- indexes ----------------------------------------------------------------------------------------
    def indexes(self) -> list:
        from chronicle.book.sections import Section
        b = self.book
        out = []
        if b.tag_index:
            out.append(Section("index-tags.xhtml", "index", self.lang, words.label(self.lang, "book_index_tags"),
                               self.index("index-tags", "book_index_tags", b.tag_index, False)))
        if b.people_index:  # last: the people index is the back of the book
            out.append(Section("index-people.xhtml", "index", self.lang, words.label(self.lang, "book_index_people"),
                               self.index("index-people", "book_index_people", b.people_index, True)))
        return out

    def index(self, anchor: str, key: str, entries, people: bool) -> str:
        note = ""
        if people:
            note = words.label(self.lang, "book_index_note" if self.pdf else "book_index_note_epub")
        out = [self.heading(anchor, words.label(self.lang, key), note), '<div class="index-list">']
        if self.pdf and self.pages is None:
            out.append("</div></section>")  # the first layout: the index comes last, its length changes nothing before it
            return "\n".join(out)
        for item in entries:
            refs = self.index_refs(item.targets)
            head = (f'<a href="#{item.anchor}">{escape(item.label)}</a>' if people else escape(item.label))
            out.append(f'<p class="ix" id="{item.anchor}-ix">{head} <span class="refs">{refs}</span></p>'
                       if people else f'<p class="ix" id="{item.anchor}">{head} <span class="refs">{refs}</span></p>')
        out.append("</div></section>")
        return "\n".join(out)

    def index_refs(self, targets) -> str:
        """Page numbers (PDF), each page once; or the dates of the entries (EPUB), each entry once."""
        sep = ", " if not words.zh(self.lang) else "，"
        seen, refs = set(), []
        for target in targets:
            key = self.pages.get(target.id) if self.pdf else target.entry
            if key is None or key in seen:
                continue
            seen.add(key)
            if self.pdf:
                refs.append(f'<a class="n" href="#{target.id}"></a>')
            else:
                refs.append(f'<a href="#{target.id}">{escape(words.short_date(target.date, self.lang))}</a>')
        return sep.join(refs)
