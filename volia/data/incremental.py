"""One record edited: its new entry, checked, in the dataset of the previous load — in milliseconds.

The preview (volia/cli/preview.py) shows an edited record's page within two seconds at 5,000
records, and a whole load (parse, schema, rules) takes about five there. A contributor's edit
usually changes a few lines of one record, so the preview compares the records file's text with
the text of the last load, entry by entry (an entry is the lines from one top-level `- ` to the
next), parses only the entries that differ, with their real line numbers, checks them with the
same schema and rules as a whole load, and puts them in place of the old ones.

It answers only the simple case, and says None for anything else (an entry added, removed,
renamed or moved, the file's head changed, a photo or another data file changed), and then the
caller loads everything. Either way the preview loads everything afterwards too: this is the
quick first look, never what a build publishes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from volia.data import rules, schema_check
from volia.data.files import RECORDS
from volia.data.loading import shown_path
from volia.data.problems import DataError
from volia.data.safe_yaml import Sequence, decode, parse_yaml, split_entries
from volia.model.dataset import Dataset
from volia.model.records import Record


def changed_records(dataset: Dataset, old_text: str, data_dir: Path,
                    today: dt.date) -> tuple[Dataset, str, list[str]] | None:
    """The dataset with the records edited since `old_text` (the records file as last loaded), the
    file's new text and the ids of the records that changed; None when the change is not a simple
    edit of existing records (see the module's docstring). Raises DataError for an edited entry
    that breaks a rule: the caller then loads everything, which reports every problem at once."""
    shown = shown_path(data_dir, RECORDS.name)
    try:  # checked entry by entry below: the whole file's checks take most of a second at 5,000 records
        new_text = (data_dir / RECORDS.name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    old_head, old_entries = split_entries(old_text)
    new_head, new_entries = split_entries(new_text)
    if old_head != new_head or len(old_entries) != len(new_entries):
        return None
    edited = [(line, text) for (_, old), (line, text) in zip(old_entries, new_entries, strict=True) if old != text]
    entries = Sequence()
    for line, text in edited:
        # As many empty lines as the file has above the entry: its lines are the file's lines.
        parsed = parse_yaml(decode(("\n" * (line - 1) + text).encode("utf-8"), shown), shown)
        if not isinstance(parsed, list) or len(parsed) != 1:
            return None
        entries.extend(parsed)
    entries.line, entries.item_lines = 1, [getattr(e, "line", 1) for e in entries]
    by_id = {r.id: r for r in dataset.records}
    if any(not isinstance(e, dict) or e.get("id") not in by_id for e in entries):
        return None  # a new id is a new page (or a page taken down): the whole load decides
    problems = schema_check.check(entries, schema_check.validator_for(RECORDS.schema, RECORDS.definition),
                                  shown, RECORDS)
    if not problems:
        known = {"regions": set(dataset.regions), "articles": set(dataset.articles),
                 "facilities": set(dataset.facilities)}
        problems = rules.check_records(rules.RuleContext(entries, shown, known, today, dataset.photos_dir))
    if problems:
        raise DataError(problems)
    fresh = {r.id: r for r in (Record.from_data(e, e.line) for e in entries)}
    if any(by_id[i].has_page != r.has_page for i, r in fresh.items()):
        return None  # a page appears or goes: the site's files change, the whole build decides
    records = tuple(fresh.get(r.id, r) for r in dataset.records)
    return dataclasses.replace(dataset, records=records), new_text, sorted(fresh)
