"""The downloads page (data/index.html in every language's copy): the open-data files with their
sizes and checksums, linked to the root copy where they are published."""

from __future__ import annotations

from volia.addresses import DOWNLOADS, OPEN_DATA_GUIDE
from volia.analysis import statistics
from volia.model.partial_date import PartialDate
from volia.outputs.open_data import LICENCE, downloads_view
from volia.site.context import BuildContext
from volia.text import i18n
from volia.views.templates import render


def meta(ctx: BuildContext) -> dict[str, object]:
    return {"title": i18n.t("downloads", ctx.lang), "volia_kind": "list"}


def html(ctx: BuildContext) -> str:
    lang = ctx.lang
    return render("downloads.html", DOWNLOADS, lang,
                  files=downloads_view(ctx.exports, lang),
                  built=i18n.date(PartialDate.of(ctx.today), lang),
                  as_of=i18n.date(statistics.as_of(ctx.public), lang) or "—",
                  licence=LICENCE["name"], howto=OPEN_DATA_GUIDE)
