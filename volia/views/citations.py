"""Citations in essays: sources from data/sources.yaml as small numbered notes, numbered per page in
the order of their first use, and the numbered list of those sources at the end of the page.

The numbering is per page: `PageCitations` holds one page's order while Jinja renders it (the
macros cite and notes keep one per page being rendered). Everything here is plain data; the markup
is in templates/citations.html and every text in it is escaped there.
"""

from __future__ import annotations

from typing import Any

from volia.model.partial_date import PartialDate
from volia.model.policy import PolicyData
from volia.text import i18n
from volia.text.names import script_lang


class PageCitations:
    """The sources one page cites, in the order it first cites them."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def number(self, source_id: str) -> int:
        """The note number of a source on this page: a new number on first use, the same one after."""
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1


def known(policy: PolicyData, source_id: str) -> dict[str, Any]:
    if source_id not in policy.sources:
        raise KeyError(f"cite: unknown source {source_id!r}; expected one of: {', '.join(sorted(policy.sources))}")
    return policy.sources[source_id]


def source_date(policy: PolicyData, source_id: str, lang: str) -> str:
    return i18n.date(PartialDate.parse(known(policy, source_id)["date"]), lang)


def note_view(policy: PolicyData, source_id: str, number: int, lang: str) -> dict[str, Any]:
    """One note of the list: its number and the source's title, publisher, date (in `lang`) and address."""
    source = known(policy, source_id)
    return {"number": number, "title": source["title"], "publisher": source["publisher"],
            "title_lang": script_lang(source["title"]), "publisher_lang": script_lang(source["publisher"]),
            "date": source_date(policy, source_id, lang), "url": source["url"]}


def notes(policy: PolicyData, cited: PageCitations, lang: str) -> list[dict[str, Any]]:
    return [note_view(policy, source_id, index, lang) for index, source_id in enumerate(cited.order, start=1)]
