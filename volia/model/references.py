"""What records point to: facilities, Criminal Code articles, regions, organisations, and the
notices of pages taken down."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from volia.model.languages import Localized
from volia.model.partial_date import PartialDate
from volia.model.records import Source


@dataclass(frozen=True)
class Facility:
    id: str
    kind: str
    name: Localized
    address: dict[str, str]
    region: str | None = None
    sources: tuple[Source, ...] = ()
    city: Localized = field(default_factory=dict)
    regime: str | None = None
    conditions: dict[str, Localized] = field(default_factory=dict)  # parcels, visits, letters

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Facility:
        return cls(
            id=data["id"],
            kind=data["kind"],
            name=dict(data["name"]),
            address=dict(data["address"]),
            region=data.get("region"),
            sources=tuple(Source.from_data(s) for s in data.get("sources", ())),
            city=dict(data.get("city", {})),
            regime=data.get("regime"),
            conditions={k: dict(v) for k, v in data.get("conditions", {}).items()},
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
