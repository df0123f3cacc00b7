"""Which pages a pull request changes, for the run's summary beside the built site (issue 18).

The records and facilities as they were (the base branch's files, written to a folder by
scripts/ci-checks.sh) are compared with the data as it is: an entry added, changed or taken out
names its page in the built site, so a reviewer opens exactly those files from the artifact.
"""

from __future__ import annotations

from pathlib import Path

from volia.addresses import facility_uri, html_uri, record_uri
from volia.data.files import FACILITIES, RECORDS, DataFile
from volia.data.problems import DataError, one_line
from volia.data.safe_yaml import load_yaml


def _entries(path: Path, spec: DataFile) -> dict[str, dict]:
    try:
        loaded = load_yaml(path, str(path)) if path.exists() else []
    except DataError:
        return {}
    return {e[spec.key]: dict(e) for e in loaded or [] if isinstance(e, dict) and isinstance(e.get(spec.key), str)} \
        if isinstance(loaded, list) else {}


def changed_pages(before: Path, after: Path) -> list[tuple[str, str, str]]:
    """(page, what it is, added / changed / taken out) for every entry that differs, sorted by page."""
    found = []
    for spec, uri, kind in ((RECORDS, record_uri, "record"), (FACILITIES, facility_uri, "facility")):
        old, new = _entries(before / spec.name, spec), _entries(after / spec.name, spec)
        for key in sorted(set(old) | set(new)):
            if old.get(key) == new.get(key):
                continue
            how = "added" if key not in old else "taken out" if key not in new else "changed"
            entry = new.get(key) or old[key]
            if spec is RECORDS and entry.get("publication") == "counted":
                found.append(("(no page: counted only)", f"{kind} {key}", how))
                continue
            found.append((html_uri(uri(key)), f"{kind} {key}", how))
    return sorted(found)


def summary(before: Path, after: Path, artifact: str) -> str:
    """Markdown for the run's summary page ($GITHUB_STEP_SUMMARY)."""
    pages = changed_pages(before, after)
    if not pages:
        return "### Pages this pull request changes\n\nNo record or facility page changes.\n"
    lines = [f"- `{one_line(page)}`: {one_line(what)} ({how})" for page, what, how in pages]
    return ("### Pages this pull request changes\n\n"
            f"The built site is this run's artifact `{artifact}` (the run's *Summary*, then *Artifacts*): "
            "unzip it and open these files in a browser, no server needed.\n\n" + "\n".join(lines) + "\n")
