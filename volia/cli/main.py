"""`volia`: the contributor's command line.

    volia check                 validate every data file; all problems at once; exit 1 on any
    volia check --github        the same, as GitHub annotations on the exact lines
    volia fmt [--check]         rewrite data files in canonical form (or show the diff and exit 1)
    volia new [--name-en …]     add a record: flags, or questions for the missing ones at a terminal
    volia import-viasna FILE    convert a Viasna export into records, facilities and articles
    volia build [--site DIR]    build the site in every language (see volia/cli/build.py)
    volia preview [--lang be]   serve one language, rebuilt as files change (make serve; volia/cli/preview.py)
    volia pages --out DIR       write every generated page as a Markdown file (no MkDocs needed)
    volia from-issue --event F  an accepted New record issue → a checked record (.github/workflows/)
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from volia.cli import import_viasna
from volia.cli import new_record as scaffold
from volia.data.canonical_form import canonical, key_order, split_header
from volia.data.files import ALL, ARTICLES, FACILITIES, RECORDS
from volia.data.links import symlink_problems
from volia.data.loading import load_dataset, load_policy, shown_path
from volia.data.order import order_problems
from volia.data.problems import DataError, Problem
from volia.data.safe_yaml import load_yaml

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATA = ROOT / "data"
DOCS = ROOT / "docs"
# Every file `volia fmt` keeps in canonical form, with the field its entries are sorted by.
# counts.yaml sorts by date; two figures for one date keep their order (the sort is stable).
FORMATTED = ALL


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="volia", description="Volia data and site tools.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder (default: data/)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate the data")
    check.add_argument("--github", action="store_true", help="also print GitHub Actions annotations")

    fmt = commands.add_parser("fmt", help="rewrite data files in canonical form")
    fmt.add_argument("--check", action="store_true", help="only show differences; exit 1 if any")

    import_viasna.add_arguments(commands)

    new = commands.add_parser("new", help="add a record to data/prisoners.yaml and check it",
                              description="Add a record. Flags not given are asked for when a person is at "
                                          "the terminal; otherwise the missing ones are listed.")
    for question in (*scaffold.QUESTIONS, *scaffold.EXTRA_FLAGS):
        new.add_argument(question.flag, dest=question.key, help=question.prompt,
                         choices=question.choices or None, action="append" if question.many else "store")
    new.add_argument("--another-person", action="store_true",
                     help="the id made from the name is taken by someone else: add a number to it")
    new.add_argument("--dry-run", action="store_true", help="print the record; write nothing")

    issue = commands.add_parser("from-issue", help="turn an accepted New record issue into a record (CI)",
                                description="Read the issue from the event file GitHub Actions writes, write "
                                            "its record (or nothing), and leave comment.md (and record.id, "
                                            "pr-body.md) in --out for the workflow.")
    issue.add_argument("--event", type=Path, required=True, help="the event file ($GITHUB_EVENT_PATH)")
    issue.add_argument("--out", type=Path, required=True, help="folder for the workflow's files")

    changed = commands.add_parser("changed-pages", help="list the pages the data changes (CI's run summary)")
    changed.add_argument("--before", type=Path, required=True, help="a folder with the base branch's data files")
    changed.add_argument("--artifact", default="site", help="the name of the built site's artifact")

    build = commands.add_parser("build", help="build the whole site, every language")
    build.add_argument("--site", type=Path, default=ROOT / "site")
    build.add_argument("--jobs", type=int, default=None,
                       help="languages built at once, each in its own process (default: all; 1: one after another)")

    preview = commands.add_parser("preview", help="serve one language, rebuilt as files change (make serve)",
                                  description="Serve one language on 127.0.0.1; an edited record shows within "
                                              "seconds, then the whole site is rebuilt (volia/cli/preview.py).")
    preview.add_argument("--lang", default="be", help="be, ru or en (default: be)")
    preview.add_argument("--port", type=int, default=8000)

    pages = commands.add_parser("pages", help="write every generated page as Markdown (a way out of MkDocs)",
                                description="Write every page generated from the data, in one language, "
                                            "as a Markdown file with its front matter under DIR.")
    pages.add_argument("--out", type=Path, required=True, help="folder to write into (made if missing)")
    pages.add_argument("--lang", default="be", help="be, ru or en (default: be)")
    pages.add_argument("--site-url", default="", help="the site's address, if it is known")

    args = parser.parse_args(argv)
    handler = {"check": _check, "fmt": _fmt, "new": _new, "import-viasna": _import, "build": _build,
               "preview": _preview, "pages": _pages, "from-issue": _from_issue,
               "changed-pages": _changed_pages}[args.command]
    return handler(args)


# ---- Commands ----

def _check(args: argparse.Namespace) -> int:
    problems = symlink_problems(DOCS, "docs")  # the essays' folder: the build publishes what a link points to
    try:  # the facts behind the essays and the sources they cite, with the same messages
        load_policy(args.data)
    except DataError as found:
        problems += found.problems
    try:
        dataset = load_dataset(args.data)
    except DataError as found:
        problems += found.problems
    problems += _order_problems(args.data)  # in the same run: a contributor fixes everything at once
    if problems:
        error = DataError(problems)
        print(error.report(), file=sys.stderr)
        if args.github:
            for problem in error.problems:
                print(problem.annotation())
        return 1
    shown = sum(r.has_page for r in dataset.records)
    print(f"ok: {len(dataset.records)} records ({shown} with a page), {len(dataset.facilities)} facilities, "
          f"{len(dataset.articles)} articles, {len(dataset.regions)} regions, "
          f"{len(dataset.organisations)} organisation{'' if len(dataset.organisations) == 1 else 's'}")
    return 0


def _order_problems(data_dir: Path) -> list[Problem]:
    """Every entry out of sorted order in every data file, with where it goes."""
    found: list[Problem] = []
    for spec in FORMATTED:
        path = data_dir / spec.name
        try:
            entries = load_yaml(path, str(path)) if path.exists() else None
        except DataError:
            continue  # unreadable: load_dataset or load_policy has said why
        if isinstance(entries, list):
            found += order_problems(entries, spec, shown_path(data_dir, spec.name), path.read_text(encoding="utf-8"))
    return found


def _fmt(args: argparse.Namespace) -> int:
    changed, refused = 0, 0
    for spec in FORMATTED:
        path = args.data / spec.name
        if not path.exists():
            continue
        try:
            entries = load_yaml(path, str(path))
        except DataError as error:
            print(error.report(), file=sys.stderr)
            return 1
        if entries is not None and not isinstance(entries, list):
            print(f"{path}: expected a YAML list of entries (- {spec.key}: ...); not formatted", file=sys.stderr)
            return 1
        text = path.read_text(encoding="utf-8")
        header, lost = split_header(text)
        new_text = canonical(entries or [], key_order(spec), header, key=spec.key)
        if new_text == text:
            continue
        changed += 1
        if lost:
            refused += 1
            print(f"{path}: comments on lines {', '.join(map(str, lost))} would be lost by formatting; "
                  "move them into the comment block at the top of the file, or into a field (note:)",
                  file=sys.stderr)
        if args.check:
            sys.stdout.writelines(difflib.unified_diff(
                text.splitlines(keepends=True), new_text.splitlines(keepends=True),
                f"{path} (as it is)", f"{path} (canonical)"))
            continue
        if lost:
            continue
        path.write_text(new_text, encoding="utf-8")
        print(f"formatted {path}")
    if args.check and changed:
        print(f"\n{changed} file(s) not in canonical form: run `volia fmt` (or `make fmt`).", file=sys.stderr)
        return 1
    return 1 if refused else 0


def _new(args: argparse.Namespace) -> int:
    from volia.addresses import html_uri, record_uri
    from volia.data.clock import today

    keys = [q.key for q in (*scaffold.QUESTIONS, *scaffold.EXTRA_FLAGS)]
    answers = {key: getattr(args, key) for key in keys if getattr(args, key) is not None}
    if args.another_person:
        answers["another_person"] = True
    if scaffold.missing(answers) and sys.stdin.isatty():
        try:
            answers = scaffold.interview(answers, input, scaffold.Known.read(args.data, today()))
        except (EOFError, KeyboardInterrupt):
            print("\ncancelled; nothing was written", file=sys.stderr)
            return 1
        except scaffold.ScaffoldError as error:
            print(f"volia new: {error}; nothing was written", file=sys.stderr)
            return 1
    still = scaffold.missing(answers)
    if still:
        flags = [q.flag + (" (or --name-be, --name-ru)" if q.key == "name_en" else "") for q in still]
        print("volia new: missing " + ", ".join(flags) + " (run it at a terminal to be asked, "
              "or see `volia new --help`)", file=sys.stderr)
        return 2
    try:
        record_id = scaffold.new_id(answers, set(scaffold.taken_ids(args.data)), answers.get("another_person", False))
        record = scaffold.build_record(answers, record_id, today().isoformat())
        if args.dry_run:
            print(canonical([record], key_order(RECORDS)), end="")
            return 0
        added = scaffold.add_record(args.data, record, key_order(RECORDS))
    except scaffold.ScaffoldError as error:
        print(f"volia new: {error}", file=sys.stderr)
        return 1
    except DataError as error:
        print(error.report(), file=sys.stderr)
        print("The new record has the problems above (lines as the file would have been); nothing was "
              "written. Fix the flags or answers and run again.", file=sys.stderr)
        return 1
    print(f"added {added.record_id} at {added.path}:{added.line}")
    if added.reformatted:
        print("  note: the file was not in canonical form; other lines were reformatted too (see git diff)")
    if record["publication"] == "counted":
        print("  a counted record has no page; it only feeds the statistics")
    else:
        print(f"  see it with `make serve`, at http://127.0.0.1:8000/{html_uri(record_uri(added.record_id))}")
    print("  next: add what else you know (see CONTRIBUTING.md), then run `make check`")
    if added.problems:
        print(DataError(added.problems).report(), file=sys.stderr)
        print("The new record is fine, but the data had the problems above already.", file=sys.stderr)
        return 1
    return 0


def _from_issue(args: argparse.Namespace) -> int:
    from volia.cli import issue_form
    from volia.data.clock import today

    return issue_form.run(args.event, args.data, args.out, today().isoformat())


def _changed_pages(args: argparse.Namespace) -> int:
    from volia.cli.changed_pages import summary

    print(summary(args.before, args.data, args.artifact), end="")
    return 0


def _import(args: argparse.Namespace) -> int:
    from volia.data.clock import today

    existing = {spec.name: _entries(args.data / spec.name) for spec in (RECORDS, FACILITIES, ARTICLES)}
    code, result = import_viasna.run(args, existing, today())
    if result is None:
        return code
    for spec, added in ((RECORDS, result.records), (FACILITIES, result.new_facilities),
                        (ARTICLES, result.new_articles)):
        path = args.data / spec.name
        header = split_header(path.read_text(encoding="utf-8"))[0] if path.exists() else ""
        path.write_text(canonical(existing[spec.name] + added, key_order(spec), header),
                        encoding="utf-8")
    return code


def _build(args: argparse.Namespace) -> int:
    from volia.cli.build import build_all

    # The default data folder is what mkdocs.yml reads already; another one is passed on.
    return build_all(args.site, data_dir=None if args.data == DEFAULT_DATA else args.data, jobs=args.jobs)


def _preview(args: argparse.Namespace) -> int:
    from volia.cli.preview import serve

    return serve(args.lang, port=args.port, data_dir=None if args.data == DEFAULT_DATA else args.data)


def _pages(args: argparse.Namespace) -> int:
    from volia.site.markdown_tree import write_tree

    try:
        written = write_tree(args.out, args.data, args.lang, site_root=args.site_url)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"wrote {written} pages to {args.out}")
    return 0


# ---- Helpers ----

def _entries(path: Path) -> list:
    if not path.exists():
        return []
    return list(load_yaml(path, str(path)) or [])


if __name__ == "__main__":
    sys.exit(main())
