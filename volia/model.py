"""Typed records, built from data that has already passed validation.

Nothing here reads files or imports MkDocs: the site, the exports and the command line all work
from these objects, so a move away from MkDocs costs an adapter, not a rewrite.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from volia.dates import PartialDate

LANGUAGES = ("be", "ru", "en")
# When a text is missing in the reader's language, fall back in this order.
SERVING = ("imprisoned", "restricted")  # statuses of people serving a term now
FALLBACK = {"be": ("be", "ru", "en"), "ru": ("ru", "be", "en"), "en": ("en", "be", "ru")}

Localized = dict[str, str]


def pick(text: Localized | None, lang: str) -> str:
    """The text in `lang`, or in the nearest language that has it, or ''."""
    if not text:
        return ""
    for candidate in FALLBACK[lang]:
        if text.get(candidate):
            return text[candidate]
    return ""


def fallback_language(text: Localized | None, lang: str) -> str | None:
    """The language pick(text, lang) takes its text from when that is not `lang`, else None.

    Templates put it in a `lang` attribute, so that a screen reader reads an English summary on a
    Belarusian page as English (WCAG 3.1.2, language of parts)."""
    chosen = next((c for c in FALLBACK[lang] if text and text.get(c)), lang)
    return None if chosen == lang else chosen


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    date: PartialDate | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Source:
        return cls(url=data["url"], title=data["title"], date=PartialDate.parse_optional(data.get("date")))


@dataclass(frozen=True)
class Sentence:
    kind: str
    months: int | None = None
    regime: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Release:
    how: str
    date: PartialDate | None = None
    note: str | None = None


@dataclass(frozen=True)
class Case:
    arrested: PartialDate
    articles: tuple[str, ...] = ()
    court: str | None = None
    judge: str | None = None
    verdict_date: PartialDate | None = None
    sentence: Sentence | None = None
    appeal_date: PartialDate | None = None
    facilities: tuple[str, ...] = ()
    released: Release | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Case:
        sentence = data.get("sentence")
        released = data.get("released")
        return cls(
            arrested=PartialDate.parse(data["arrested"]),
            articles=tuple(data.get("articles", ())),
            court=data.get("court"),
            judge=data.get("judge"),
            verdict_date=PartialDate.parse_optional(data.get("verdict_date")),
            sentence=Sentence(**sentence) if sentence else None,
            appeal_date=PartialDate.parse_optional(data.get("appeal_date")),
            facilities=tuple(data.get("facilities", ())),
            released=Release(
                how=released["how"], date=PartialDate.parse_optional(released.get("date")), note=released.get("note")
            )
            if released
            else None,
        )


@dataclass(frozen=True)
class Record:
    id: str
    publication: str
    status: str
    as_of: PartialDate
    cases: tuple[Case, ...]
    sources: tuple[Source, ...]
    last_verified: PartialDate
    line: int = 0
    name: Localized = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    gender: str = "unknown"
    born: PartialDate | None = None
    region: str | None = None
    occupation: Localized = field(default_factory=dict)
    summary: Localized = field(default_factory=dict)
    bio: Localized = field(default_factory=dict)
    recognised: dict[str, Any] | None = None
    consent: dict[str, Any] | None = None
    letters: dict[str, Any] | None = None
    photo: dict[str, Any] | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any], line: int = 0) -> Record:
        return cls(
            id=data["id"],
            publication=data["publication"],
            status=data["status"],
            as_of=PartialDate.parse(data["as_of"]),
            cases=tuple(Case.from_data(c) for c in data["cases"]),
            sources=tuple(Source.from_data(s) for s in data["sources"]),
            last_verified=PartialDate.parse(data["last_verified"]),
            line=line,
            name=dict(data.get("name", {})),
            aliases=tuple(data.get("aliases", ())),
            gender=data.get("gender", "unknown"),
            born=PartialDate.parse_optional(data.get("born")),
            region=data.get("region"),
            occupation=dict(data.get("occupation", {})),
            summary=dict(data.get("summary", {})),
            bio=dict(data.get("bio", {})),
            recognised=data.get("recognised"),
            consent=data.get("consent"),
            letters=data.get("letters"),
            photo=data.get("photo"),
        )

    # ---- What the site may show ----

    @property
    def has_page(self) -> bool:
        return self.publication in ("full", "minimal")

    @property
    def is_full(self) -> bool:
        return self.publication == "full"

    # ---- Derived facts ----

    @property
    def latest_case(self) -> Case:
        return self.cases[-1]

    @property
    def held(self) -> bool:
        return self.status == "imprisoned"

    @property
    def serving(self) -> bool:
        """In prison or serving a restriction of freedom: letters reach them, a release lies ahead."""
        return self.status in SERVING

    @property
    def is_recognised(self) -> bool:
        return self.recognised is not None

    @property
    def facility(self) -> str | None:
        """Where the person is held now, or was last held."""
        for case in reversed(self.cases):
            if case.facilities:
                return case.facilities[-1]
        return None

    @property
    def articles(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for case in self.cases:
            seen.update(dict.fromkeys(case.articles))
        return tuple(seen)

    @property
    def facilities(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for case in self.cases:
            seen.update(dict.fromkeys(case.facilities))
        return tuple(seen)

    @property
    def sentence_months(self) -> int | None:
        """Months of the latest sentence, when it is known."""
        sentence = self.latest_case.sentence
        return sentence.months if sentence else None

    @property
    def release(self) -> Release | None:
        return self.latest_case.released if self.status in ("released", "deceased") else None

    def age_at_arrest(self) -> int | None:
        """Whole years between birth and the first arrest, when both are known to the month."""
        if not self.born or not self.born.month:
            return None
        first = self.cases[0].arrested
        if not first.month:
            return None
        years = first.year - self.born.year
        birthday_passed = (first.month, first.day or 1) >= (self.born.month, self.born.day or 1)
        return years if birthday_passed else years - 1


@dataclass(frozen=True)
class Facility:
    id: str
    kind: str
    name: Localized
    address: dict[str, str]
    region: str | None = None
    sources: tuple[Source, ...] = ()

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Facility:
        return cls(
            id=data["id"],
            kind=data["kind"],
            name=dict(data["name"]),
            address=dict(data["address"]),
            region=data.get("region"),
            sources=tuple(Source.from_data(s) for s in data.get("sources", ())),
        )


@dataclass(frozen=True)
class Article:
    id: str
    title: Localized
    explanation: Localized
    sources: tuple[Source, ...]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data["id"],
            title=dict(data["title"]),
            explanation=dict(data["explanation"]),
            sources=tuple(Source.from_data(s) for s in data["sources"]),
        )

    @property
    def sort_key(self) -> tuple[int, int]:
        number, _, sub = self.id.partition("-")
        return (int(number), int(sub or 0))


@dataclass(frozen=True)
class Region:
    id: str
    name: Localized

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Region:
        return cls(id=data["id"], name=dict(data["name"]))


@dataclass(frozen=True)
class Organisation:
    """A body the data names (who recognised someone, who published a count), in each language."""

    id: str
    name: Localized
    url: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Organisation:
        return cls(id=data["id"], name=dict(data["name"]), url=data.get("url"))


@dataclass(frozen=True)
class Removal:
    """A page taken down (data/removed.yaml): only what the notice needs, never who it was."""

    id: str
    date: PartialDate
    reason: str

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Removal:
        return cls(id=data["id"], date=PartialDate.parse(data["date"]), reason=data["reason"])


@dataclass(frozen=True)
class Dataset:
    records: tuple[Record, ...]
    facilities: dict[str, Facility]
    articles: dict[str, Article]
    regions: dict[str, Region]
    removed: tuple[Removal, ...] = ()
    photos_dir: Path | None = None  # data/photos/, where the records' photo files are
    organisations: dict[str, Organisation] = field(default_factory=dict)

    def organisation_name(self, written: str, lang: str) -> str:
        """An organisation as the data writes it (recognised.by, a count's publisher), named in
        `lang` when data/organisations.yaml knows it under any of its names; else as written."""
        known = self._organisations_by_name.get(written.casefold())
        return pick(known.name, lang) if known else written

    @cached_property
    def _organisations_by_name(self) -> dict[str, Organisation]:
        return {text.casefold(): o for o in self.organisations.values() for text in o.name.values()}

    # Computed once per dataset (one per build): every list page and statistic reads them.
    @cached_property
    def published(self) -> tuple[Record, ...]:
        """Records that have a page (full or minimal), in id order."""
        return tuple(r for r in self.records if r.has_page)

    @cached_property
    def published_by_facility(self) -> dict[str, tuple[Record, ...]]:
        """Published records under every facility any of their cases names, in id order."""
        return _index(self.published, lambda r: r.facilities)

    @cached_property
    def published_by_article(self) -> dict[str, tuple[Record, ...]]:
        """Published records under every article any of their cases names, in id order."""
        return _index(self.published, lambda r: r.articles)


def _index(records: tuple[Record, ...], keys: Callable[[Record], tuple[str, ...]]) -> dict[str, tuple[Record, ...]]:
    index: dict[str, list[Record]] = {}
    for record in records:
        for key in keys(record):
            index.setdefault(key, []).append(record)
    return {key: tuple(found) for key, found in index.items()}
