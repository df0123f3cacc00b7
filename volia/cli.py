"""`volia`: the contributor's command line.

    volia check                 validate every data file; all problems at once; exit 1 on any
    volia check --github        the same, as GitHub annotations on the exact lines
    volia fmt [--check]         rewrite data files in canonical form (or show the diff and exit 1)
    volia import-viasna FILE    convert a Viasna export into records, facilities and articles
    volia build [--site DIR]    build the site in every language (see volia/build_site.py)
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

from volia.dataset import ARTICLES, FACILITIES, RECORDS, REGIONS, ROOT, SCHEMA_DIR, DataFile, load_dataset
from volia.loader import load_yaml
from volia.problems import DataError
from volia.yaml_format import canonical, key_order, split_header

DEFAULT_DATA = ROOT / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="volia", description="Volia data and site tools.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder (default: data/)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate the data")
    check.add_argument("--github", action="store_true", help="also print GitHub Actions annotations")

    fmt = commands.add_parser("fmt", help="rewrite data files in canonical form")
    fmt.add_argument("--check", action="store_true", help="only show differences; exit 1 if any")

    importer = commands.add_parser("import-viasna", help="import a Viasna JSON export")
    importer.add_argument("file", type=Path)
    importer.add_argument("--as-of", required=True, help="date the export describes (YYYY-MM-DD)")
    importer.add_argument("--verified", help="last_verified for new records (default: today)")

    build = commands.add_parser("build", help="build the whole site, every language")
    build.add_argument("--site", type=Path, default=ROOT / "site")

    args = parser.parse_args(argv)
    handler = {"check": _check, "fmt": _fmt, "import-viasna": _import, "build": _build}[args.command]
    return handler(args)


# ---- Commands ----

def _check(args: argparse.Namespace) -> int:
    try:
        dataset = load_dataset(args.data)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        if args.github:
            for problem in error.problems:
                print(problem.annotation())
        return 1
    shown = len(dataset.published)
    print(f"ok: {len(dataset.records)} records ({shown} with a page), {len(dataset.facilities)} facilities, "
          f"{len(dataset.articles)} articles, {len(dataset.regions)} regions")
    return 0


def _fmt(args: argparse.Namespace) -> int:
    changed = 0
    for spec in (RECORDS, FACILITIES, ARTICLES, REGIONS):
        path = args.data / spec.name
        if not path.exists():
            continue
        try:
            entries = load_yaml(path, str(path))
        except DataError as error:
            print(error.report(), file=sys.stderr)
            return 1
        text = path.read_text(encoding="utf-8")
        header, lost = split_header(text)
        new_text = canonical(entries or [], _order(args.data, spec), header)
        if new_text == text:
            continue
        changed += 1
        if args.check:
            sys.stdout.writelines(difflib.unified_diff(
                text.splitlines(keepends=True), new_text.splitlines(keepends=True),
                f"{path} (as it is)", f"{path} (canonical)"))
            continue
        if lost:
            print(f"{path}: comments on lines {', '.join(map(str, lost))} are not kept by formatting; "
                  "move them into the header comment or a field", file=sys.stderr)
            return 1
        path.write_text(new_text, encoding="utf-8")
        print(f"formatted {path}")
    if args.check and changed:
        print(f"\n{changed} file(s) not in canonical form: run `volia fmt` (or `make fmt`).", file=sys.stderr)
        return 1
    return 0


def _import(args: argparse.Namespace) -> int:
    from volia.dates import today
    from volia.importers.viasna import convert

    try:
        rows = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        print(f"{args.file}: cannot read the export: {error}", file=sys.stderr)
        return 1
    if not isinstance(rows, list):
        print(f"{args.file}: expected a JSON list of people, found {type(rows).__name__}", file=sys.stderr)
        return 1
    existing = {spec.name: _entries(args.data / spec.name) for spec in (RECORDS, FACILITIES, ARTICLES)}
    result = convert(
        rows,
        known_facilities={f["id"]: f for f in existing[FACILITIES.name]},
        known_articles={a["id"] for a in existing[ARTICLES.name]},
        known_ids={r["id"] for r in existing[RECORDS.name]},
        as_of=args.as_of,
        verified=args.verified or today().isoformat(),
    )
    for spec, added in ((RECORDS, result.records), (FACILITIES, result.new_facilities),
                        (ARTICLES, result.new_articles)):
        path = args.data / spec.name
        header = split_header(path.read_text(encoding="utf-8"))[0] if path.exists() else ""
        path.write_text(canonical(existing[spec.name] + added, _order(args.data, spec), header),
                        encoding="utf-8")
    print(f"imported {len(result.records)} records, {len(result.new_facilities)} new facilities, "
          f"{len(result.new_articles)} new articles")
    for line in result.unmapped:
        print(f"  not mapped: {line}")
    return 0


def _build(args: argparse.Namespace) -> int:
    from volia.build_site import build_all

    return build_all(args.site)


# ---- Helpers ----

def _entries(path: Path) -> list:
    if not path.exists():
        return []
    return list(load_yaml(path, str(path)) or [])


def _order(data_dir: Path, spec: DataFile) -> dict:
    """Key order for a file, from its schema; $refs between the schema files resolve by name."""
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.json"))]
    merged = {"$defs": {name: d for doc in documents for name, d in doc.get("$defs", {}).items()}}
    own = json.loads((SCHEMA_DIR / spec.schema).read_text(encoding="utf-8"))
    return key_order(merged, merged["$defs"][spec.definition] if spec.definition else own)


if __name__ == "__main__":
    sys.exit(main())
