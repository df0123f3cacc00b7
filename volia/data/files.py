"""The list of data files: what each holds, the schema that checks it, and how its entries are keyed.

Everything that reads, checks, formats or documents data files takes them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

PHOTO_DIR = "photos"  # under the data folder: the contributed portraits (never published as they are)


@dataclass(frozen=True)
class DataFile:
    name: str  # file name under the data folder
    schema: str  # schema document in volia/schemas/
    definition: str | None  # $defs entry for a list file (None: the document describes the list)
    entry: str  # $defs entry for one entry: what the data dictionary documents
    key: str = "id"  # what entries are sorted by (volia fmt) and, if unique, told apart by
    unique: bool = True  # two entries may not share a key (counts may: two figures for one date)
    optional: bool = False  # a missing file means an empty list

    @property
    def repository_path(self) -> str:
        return f"data/{self.name}"

    @property
    def editor_schema(self) -> str:
        """The file's self-contained schema for editors (volia/schemas/editor/), from the repository's root."""
        return f"volia/schemas/editor/{self.name.removesuffix('.yaml')}.schema.json"

    @property
    def modeline(self) -> str:
        """The first line of the data file: editors that read it complete and check fields as you type."""
        return f"# yaml-language-server: $schema=../{self.editor_schema}"


RECORDS = DataFile("prisoners.yaml", "prisoners.schema.json", None, "record")
REGIONS = DataFile("regions.yaml", "reference.schema.json", "regions", "region")
ARTICLES = DataFile("articles.yaml", "reference.schema.json", "articles", "article")
FACILITIES = DataFile("facilities.yaml", "reference.schema.json", "facilities", "facility")
# Pages taken down. Optional: no file means nothing was removed.
REMOVED = DataFile("removed.yaml", "reference.schema.json", "removed", "removal", optional=True)
# Organisations the data names, with their names per language. Optional, like removed.yaml.
ORGANISATIONS = DataFile("organisations.yaml", "reference.schema.json", "organisations", "organisation",
                         optional=True)
# The facts behind the essays.
PRECEDENTS = DataFile("precedents.yaml", "policy.schema.json", "precedents", "precedent", key="key")
COUNTS = DataFile("counts.yaml", "policy.schema.json", "counts", "count", key="date", unique=False)
COMPARISONS = DataFile("comparisons.yaml", "policy.schema.json", "comparisons", "comparison", key="key")
# The sources essays cite as numbered notes (macros cite and notes).
SOURCES = DataFile("sources.yaml", "policy.schema.json", "sources", "citedSource")

RECORD_FILES = (RECORDS, REGIONS, ARTICLES, FACILITIES, REMOVED, ORGANISATIONS)
POLICY_FILES = (PRECEDENTS, COUNTS, COMPARISONS, SOURCES)
# Every file, in the order the data dictionary lists them and `volia fmt` formats them.
ALL = (RECORDS, FACILITIES, ARTICLES, REGIONS, ORGANISATIONS, PRECEDENTS, COUNTS, COMPARISONS, SOURCES,
       REMOVED)
