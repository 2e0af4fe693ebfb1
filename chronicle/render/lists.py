"""What the commendation lists are, said to readers in their language: compiled, proposed or adopted."""

from __future__ import annotations

from dataclasses import dataclass

from chronicle.model import ListStatus
from chronicle.render.i18n import Messages


@dataclass(frozen=True)
class ListsNotice:
    draft: bool         # not adopted: pages and reports must not read as a decision
    notice: str         # the sentence on the commendations page (and its description for search engines)
    awards_heading: str  # a profile's heading over the person's awards
    awards_note: str    # a line under it, for drafts
    note: str = ""      # the content's own note on the lists (commendations.yaml note:), in this language
    note_lang: str = ""


def lists_notice(lists: ListStatus, lang: str, languages: tuple[str, ...], config=None) -> ListsNotice:
    from dataclasses import replace

    from chronicle.render.i18n import html_lang
    said = _notice(lists, lang, languages, config)
    if lists.note is None:
        return said
    text, used = lists.note.pick(lang, languages)
    return replace(said, note=text, note_lang=html_lang(used))


def _notice(lists: ListStatus, lang: str, languages: tuple[str, ...], config=None) -> ListsNotice:
    t = Messages.of(lang, config)

    def txt(value) -> str:
        return value.get(lang, languages) if value is not None else ""

    by = txt(lists.compiled_by) or t("lists_by_default")
    issuer = txt(lists.issuer)
    if lists.adopted:
        notice = t("lists_adopted", issuer=issuer, date=t.date(lists.date) if lists.date else "",
                   document=lists.document)
        return ListsNotice(False, notice, t("profile_awards"), "")
    if lists.status == "proposed" and issuer:
        notice = t("lists_proposed", by=by, issuer=issuer)
    else:
        notice = t("lists_compiled", by=by)
    return ListsNotice(True, notice, t("profile_awards_draft"), t("profile_awards_draft_note", by=by))
