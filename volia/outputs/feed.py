"""An Atom feed of the records, most recently changed first, so that readers can follow updates.

A record's time is the later of its `last_verified` and `as_of`: the day someone last checked or
changed it. Asking git for every record's history would cost one `git log` per record; the data
already says when each record was last looked at. Only the feed's own `updated` asks git, once:
the last commit that touched data/prisoners.yaml (when git and the history are there).

It reads the public cut, so only records with a page appear: a minimal record gives its name and
status and nothing else; a counted-only record never appears. The feed is handed to MkDocs as a
generated file (hooks/volia_outputs.py), like every other file of the site.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from volia.addresses import FEED, HOME, language_url, record_uri, relative
from volia.analysis.freshness import DEFAULT_FRESH_MONTHS, Freshness
from volia.model.languages import pick
from volia.model.partial_date import PartialDate
from volia.model.publication import PublicDataset
from volia.model.records import Record
from volia.views.records import display_name, status_label
from volia.views.templates import render

MAX_ENTRIES = 200  # readers poll the whole file; older changes stay on the site itself

# The feed's own words. (Interface strings of pages live in volia/locale/strings.yaml.)
TITLE = {
    "be": "Воля: новыя і змененыя запісы",
    "ru": "Воля: новые и изменённые записи",
    "en": "Volia: records added or changed",
}
SUBTITLE = {
    "be": "Палітычныя вязні Беларусі; кожны запіс датаваны апошняй праверкай паводле крыніц.",
    "ru": "Политические заключённые Беларуси; каждая запись датирована последней проверкой по источникам.",
    "en": "Political prisoners of Belarus; each record is dated by its last check against the sources.",
}
AUTHOR = "Volia"

# Characters XML 1.0 cannot carry at all; the schema already refuses them in names and lines.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    updated: str
    status: str
    status_label: str
    summary: str


@dataclass(frozen=True)
class Feed:
    lang: str
    id: str
    title: str
    subtitle: str
    author: str
    home: str
    self_link: str
    updated: str
    entries: tuple[Entry, ...]


# ---- Building ----

def build_feed(dataset: PublicDataset, lang: str, today: dt.date, *, site_root: str = "",
               repository: str | None = None, data_changed: dt.datetime | None = None,
               limit: int = MAX_ENTRIES, fresh_months: int = DEFAULT_FRESH_MONTHS) -> Feed:
    """The feed for one language's copy of the site (its feed.xml sits at that copy's root)."""
    base = language_url(site_root, lang) or ""
    published = sorted(dataset.records, key=lambda r: r.id)
    published.sort(key=_changed, reverse=True)  # newest first; ties stay in id order
    fresh = Freshness(today, fresh_months)
    entries = tuple(_entry(r, lang, base, repository, fresh) for r in published[:limit])
    times = [_changed(r) for r in published]
    if data_changed is not None:
        times.append(data_changed.astimezone(dt.UTC))
    # Atom requires a time; with no records and no history, the build's date stands in.
    updated = max(times) if times else _midnight(today)
    return Feed(
        lang=lang,
        id=_urn(repository, lang, "feed"),
        title=TITLE[lang],
        subtitle=SUBTITLE[lang],
        author=AUTHOR,
        home=_link(base, relative(FEED, HOME)),
        self_link=_link(base, FEED),
        updated=_stamp(updated),
        entries=entries,
    )


def render_feed(feed: Feed) -> str:
    return render("feed.xml", FEED, feed.lang, feed=feed)


@functools.cache
def last_commit(path: Path) -> dt.datetime | None:
    """When the last commit touching `path` was made, or None without git or history.

    A shallow clone would date every file by its one commit, so CI checks out the full history.
    Cached per path, so that a build of every language asks git once per process.
    """
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%cI", "--", path.name],
            cwd=path.parent, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    text = done.stdout.strip()
    if done.returncode != 0 or not text:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


# ---- Helpers ----

def _entry(record: Record, lang: str, base: str, repository: str | None, fresh: Freshness) -> Entry:
    label = status_label(record, lang, fresh)
    summary = label
    if record.is_full and pick(record.summary, lang):
        summary = f"{label}. {pick(record.summary, lang)}"
    return Entry(
        id=_urn(repository, lang, record.id),
        title=_clean(display_name(record, lang)),
        link=_link(base, relative(FEED, record_uri(record.id))),
        updated=_stamp(_changed(record)),
        status=record.status,
        status_label=label,
        summary=_clean(summary),
    )


def _changed(record: Record) -> dt.datetime:
    latest: PartialDate = max(record.last_verified, record.as_of, key=lambda d: d.sort_key)
    return _midnight(latest.earliest())


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _link(base: str, path: str) -> str:
    # Relative links resolve against the feed's own address (RFC 4287 and xml:base), so the feed
    # works wherever the site is published; with a site URL they are absolute for every reader.
    return urljoin(base, path) if base else path


def _urn(repository: str | None, lang: str, name: str) -> str:
    """A stable id that does not change when the site moves to another address."""
    namespace = repository or "volia"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{namespace}#feed/{lang}/{name}").urn


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)
