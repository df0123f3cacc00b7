"""A person's record as typed objects, built from data that has already passed validation.

Nothing here reads files or imports MkDocs: the site, the exports and the command line all work
from these objects, so a move away from MkDocs costs an adapter, not a rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from volia.model.languages import Localized
from volia.model.partial_date import PartialDate
from volia.model.vocabulary import LEFT_PRISON, PAGE_LEVELS, SERVING


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
    verified_by: str | None = None  # who did the last check: a role or an organisation

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
            verified_by=data.get("verified_by"),
        )

    # ---- What the site may show ----

    @property
    def has_page(self) -> bool:
        return self.publication in PAGE_LEVELS

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
        return self.latest_case.released if self.status in LEFT_PRISON else None

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
