"""The book as XHTML sections: title page, front pages, contents, parts and entries, appendices, indexes.

The PDF joins the sections into one document and numbers its pages (``target-counter``); the EPUB makes
each section a file of its own and links instead of numbering. Links are written ``#id`` here; the EPUB
writer turns them into ``file.xhtml#id``.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from chronicle.book import words
from chronicle.book.appendix import Appendix
from chronicle.book.model import Book, BookEntry, BookPage, Localised, Version


@dataclass(frozen=True)
class Section:
    file: str
    kind: str
    lang: str
    title: str
    body: str


@dataclass(frozen=True)
class NavItem:
    level: int
    title: str
    target: str


def lang_attr(lang: str) -> str:
    code = words.attr_lang(lang)
    return f' lang="{code}" xml:lang="{code}"'


def show(value: Localised | None, context: str) -> str:
    """A text, marked with its language when that is not the language around it."""
    if value is None:
        return ""
    if value.lang != context:
        return f"<span{lang_attr(value.lang)}>{escape(value.text)}</span>"
    return escape(value.text)


class Sections(Appendix):
    """``pdf``: page numbers in the contents, cross-references and indexes; ``pages`` (anchor → page, from a
    first layout): index entries once per page; ``facing``: each entry's original on a left-hand page and its
    translation on the right."""

    def __init__(self, book: Book, pdf: bool, pages: dict | None = None, facing: bool = False):
        self.book = book
        self.pdf = pdf
        self.pages = pages
        self.facing = facing
        self.lang = book.lang
        self.second = book.langs[1] if len(book.langs) > 1 else None
        self.before, self.after = words.page_parts(self.lang)

    def label(self, key: str, **values) -> str:
        return escape(words.label(self.lang, key, **values))

    def both(self, value: dict | None, tag: str = "span", cls: str = "") -> str:
        """The first language, and in a bilingual book the second when it differs."""
        if not value:
            return ""
        out = show(value[self.lang], self.lang)
        if self.second and value[self.second].text != value[self.lang].text:
            other = value[self.second]
            out += f' <{tag} class="tr{(" " + cls) if cls else ""}"{lang_attr(other.lang)}>{escape(other.text)}</{tag}>'
        return out

    def page_ref(self, target: str) -> str:
        return f' <a class="pg" href="#{target}"></a>' if self.pdf else ""

    # -- the whole book ---------------------------------------------------------------------------------
    def all(self) -> list[Section]:
        b = self.book
        out = [Section("title.xhtml", "title", self.lang, b.title[self.lang].text, self.title_page())]
        out += [self.page(p, "front") for p in b.front]
        if self.pdf:
            out.append(Section("contents.xhtml", "toc", self.lang, words.label(self.lang, "book_contents"),
                               self.contents()))
        for part in b.parts:
            out.append(Section(f"{part.anchor}.xhtml", "part", self.lang, part.title[self.lang].text,
                               self.part(part)))
            out += [Section(f"{e.anchor}.xhtml", "entry", self.lang, e.versions[0].title.text, self.entry(e))
                    for e in part.entries]
        out += self.appendices()
        out += [self.page(p, "back") for p in b.back]
        out += self.indexes()
        return out

    def outline(self) -> list[NavItem]:
        """Parts, entries, front and back pages and appendices, as the contents and the EPUB's navigation list."""
        b = self.book
        items = [NavItem(1, p.versions[0].title.text, p.anchor) for p in b.front]
        for part in b.parts:
            items.append(NavItem(1, part.title[self.lang].text, part.anchor))
            items += [NavItem(2, e.versions[0].title.text, e.anchor) for e in part.entries]
        items += [NavItem(1, title, anchor) for anchor, title in self.appendix_titles()]
        return items

    # -- front ------------------------------------------------------------------------------------------
    def title_page(self) -> str:
        b = self.book
        out = ['<section class="titlepage" id="title">']
        for i, lang in enumerate(b.langs):
            cls = "titles" if i == 0 else "titles tr"
            out.append(f'<div class="{cls}"{lang_attr(lang)}>')
            out.append(f'<h1 class="book-title">{show(b.title[lang], lang)}</h1>')
            if b.subtitle:
                out.append(f'<p class="subtitle">{show(b.subtitle[lang], lang)}</p>')
            if b.author:
                out.append(f'<p class="author">{show(b.author[lang], lang)}</p>')
            if b.place:
                out.append(f'<p class="place">{show(b.place[lang], lang)}</p>')
            if b.period.get(lang):
                out.append(f'<p class="period">{escape(b.period[lang])}</p>')
            out.append("</div>")
        if b.last_date:
            made = words.label(self.lang, "book_made", date=words.date(b.last_date, self.lang))
            out.append(f'<p class="imprint">{escape(made)}</p>')
        out.append("</section>")
        return "\n".join(out)

    def contents(self) -> str:
        title = self.label("book_contents")
        out = [f'<nav class="toc" id="contents" data-running="{title}"><h1 class="page-title bm1">{title}</h1>', "<ol>"]
        open_part = False
        for item in self.outline():
            if item.level == 1 and open_part:
                out.append("</ol></li>")
                open_part = False
            is_part = item.level == 1 and item.target.startswith("part-")
            link = f'<a href="#{item.target}">{escape(item.title)}</a>'
            if is_part:
                out.append(f'<li class="toc-part">{link}<ol>')
                open_part = True
            else:
                out.append(f'<li class="toc-{"entry" if item.level == 2 else "page"}">{link}</li>')
        if open_part:
            out.append("</ol></li>")
        out.append("</ol></nav>")
        return "\n".join(out)

    def page(self, page: BookPage, where: str) -> Section:
        first = page.versions[0]
        out = [f'<section class="page {where}" id="{page.anchor}" data-running="{escape(first.title.text)}">',
               f'<h1 class="page-title bm1">{show(first.title, self.lang)}</h1>']
        out.append(self.text(first))
        for v in page.versions[1:]:
            out.append(f'<div class="translation" id="{v.anchor}"{lang_attr(v.lang)}>')
            out.append(f'<h2 class="page-title-tr">{show(v.title, v.lang)}</h2>')
            out.append(self.text(v))
            out.append("</div>")
        out.append("</section>")
        return Section(f"{page.anchor}.xhtml", where, self.lang, first.title.text, "\n".join(out))

    # -- parts and entries ------------------------------------------------------------------------------
    def part(self, part) -> str:
        entries = part.entries
        span = words.period(entries[0].date, entries[-1].date, self.lang) if entries else ""
        return (f'<section class="part" id="{part.anchor}" data-running="{escape(part.title[self.lang].text)}">'
                f'<h1 class="part-title bm1">{self.both(part.title, "span")}</h1>'
                + (f'<p class="part-dates">{escape(span)}</p>' if span else "") + "</section>")

    def text(self, v: Version) -> str:
        if v.body is None:
            return f'<p class="untranslated">{escape(words.label(v.lang, "book_no_translation"))}</p>'
        note = ""
        if not v.translated:
            note = f'<p class="untranslated">{escape(words.label(v.lang, "not_translated"))}</p>'
        return f'{note}<div class="text"{lang_attr(v.text_lang)}>\n{v.body}\n</div>'

    def entry(self, e: BookEntry) -> str:
        first = e.versions[0]
        out = [f'<article class="entry" id="{e.anchor}" data-running="{escape(e.running)}">',
               '<div class="original">',
               f'<header><h2 class="entry-title bm2">{show(first.title, self.lang)}</h2>'
               f'<p class="dateline">{escape(first.dateline)}</p></header>',
               self.text(first)]
        if e.figures:
            out.append(self.figures(e))
        if e.named:
            sep = words.list_separator(self.lang)
            names = sep.join(f'<a class="who" id="{n.id}" href="#person-{n.pid}">{escape(n.name)}</a>'
                             for n in e.named)
            out.append(f'<p class="named">{self.label("people_in_entry")}{words.colon(self.lang)}{names}</p>')
        if e.tags:
            sep = words.list_separator(self.lang)
            tags = sep.join(f'<a class="tag" id="{t.id}" href="#{t.pid}">{escape(t.name)}</a>' for t in e.tags)
            out.append(f'<p class="entry-tags">{self.label("tags")}{words.colon(self.lang)}{tags}</p>')
        out.append("</div>")
        for v in e.versions[1:]:
            out.append(f'<section class="translation" id="{v.anchor}"{lang_attr(v.lang)}>')
            out.append(f'<header><h3 class="entry-title-tr">{show(v.title, v.lang)}</h3>'
                       f'<p class="dateline">{escape(v.dateline)}</p></header>')
            out.append(self.text(v))
            out.append("</section>")
        out.append("</article>")
        return "\n".join(out)

    def figures(self, e: BookEntry) -> str:
        items = []
        for f in e.figures:
            value = f"{escape(f.value)}{'' if words.zh(self.lang) else ' '}{escape(f.unit)}" if f.unit else escape(f.value)
            if f.target:
                value = f'<a href="#{f.target}">{value}</a>'
            note = f'（{escape(f.note)}）' if f.note and words.zh(self.lang) else (f" ({escape(f.note)})" if f.note else "")
            items.append(f"<li>{escape(f.label)}{words.colon(self.lang)}{value}{note}</li>")
        return (f'<div class="entry-figures"><p class="figures-title">{self.label("book_entry_figures")}</p>'
                f'<ul>{"".join(items)}</ul></div>')
