"""Build benchmark: Volia's build against plain MkDocs on the same pages, at several sizes.

For each size N it
1. writes N fictional records (bench/synthetic.py) and builds the site in one language and in all three;
2. takes every page of that build (records, lists, essays) and writes its content as pre-written
   Markdown at the same path, then builds them with plain MkDocs + Material: same theme, search and
   offline plugins, same navigation, no hooks, no macros — the same pages, made the plain way;
3. prints seconds, peak memory, bytes per record page and search-index bytes for each; per added
   record against plain; three languages (built in parallel processes) against one; each language's
   search index; the bytes a first visit to a record page loads (from the built files: the page and
   every stylesheet, script and image it asks for as it opens; the search index only loads when the
   search is used); and the offline zip: its size, its files and what takes most of it;
4. edits one record under the preview (`make serve`, volia/cli/preview.py) and prints the seconds
   until the edited page and its lists are written, and until the whole site is rebuilt.

Each build runs in its own process, `--repeat` times (interleaved); the fastest run counts, since a
2-core machine's other work only ever slows a build. Peak memory is the largest sum of the resident
memory of the build's processes (a three-language build runs one process per language at once).

    python bench/bench_build.py                 # sizes 1000 and 5000, each build 3 times
    python bench/bench_build.py --sizes 1000 5000 20000   # 20,000: about half an hour more
    python bench/bench_build.py --sizes 200 1000 --repeat 1
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PLAIN_CONFIG = """\
site_name: Plain baseline
docs_dir: docs
site_dir: {site}
use_directory_urls: false
theme:
  name: material
  language: en
  font: false
plugins:
  - search
  - offline
not_in_nav: |
  /prisoners/*.md
  /facilities/*.md
  /articles/*.md
  /dates/*.md
  /about/*.md
nav:
{nav}
"""


# ---- One build (runs in a child process) ----

class TreeMemory:
    """The largest sum of resident memory of this process and all its descendants, sampled (Linux /proc)."""

    def __init__(self, every: float = 0.05) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(every,), daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self, every: float) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree_rss(os.getpid()))
            self._stop.wait(every)

    @staticmethod
    def _tree_rss(root: int) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # the process ended meanwhile
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        tree, grew = {root}, True
        while grew:
            more = {pid for pid, parent in parents.items() if parent in tree} - tree
            tree |= more
            grew = bool(more)
        return sum(rss.get(pid, 0) for pid in tree)


def _child(kind: str, work: Path, languages: list[str]) -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with TreeMemory() as memory:
        seconds = _build(kind, work, languages)
    print(json.dumps({"seconds": seconds, "peak_mb": memory.peak / 2**20}))


def _child_preview(work: Path) -> None:
    """`make serve` after one edit (volia/cli/preview.py): English built once, then one record in the
    middle of the file edited (its English name, and a line added, so every later record's lines
    move) and the preview rebuilt: the seconds until the edited page and its lists are written
    (the browser reloads then), and until the whole site is rebuilt."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from volia.cli.preview import Preview
    from volia.data.incremental import split_entries

    preview = Preview("en", work / "site-preview", data_dir=work / "data")
    preview.build()
    path = work / "data" / "prisoners.yaml"
    original = path.read_text(encoding="utf-8")
    head, entries = split_entries(original)
    line, text = entries[len(entries) // 2]
    edited = text.replace("\n    en: ", "\n    en: Edited ", 1) \
        .replace("\n  summary:\n", "\n  summary:\n    ru: Правка.\n", 1)
    path.write_text(head + "".join(t if n != line else edited for n, t in entries), encoding="utf-8")
    shown: list[float] = []
    started = time.perf_counter()
    preview.on_first_look = lambda: shown.append(time.perf_counter() - started)
    how = preview.rebuild()
    whole = time.perf_counter() - started
    path.write_text(original, encoding="utf-8")
    print(json.dumps({"first_look_s": shown[0] if shown else None, "rebuild_s": whole, "how": how}))


def _build(kind: str, work: Path, languages: list[str]) -> float:
    started = time.perf_counter()
    if kind == "volia":
        from volia.cli.build import build_all

        code = build_all(work / f"site-{'-'.join(languages)}", languages=tuple(languages),
                         data_dir=work / "data")
        if code:
            raise SystemExit(code)
    else:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(str(work / "plain" / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    return time.perf_counter() - started


def _run(kind: str, work: Path, languages: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(work), *languages],
                         capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(f"{kind} build failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---- Measurements ----

def _record_pages(site: Path) -> list[Path]:
    return sorted((site / "prisoners").glob("fictional-person-*.html"))


def _sizes(site: Path) -> dict:
    pages = _record_pages(site)
    # The offline build loads search_index.js (the same index wrapped in a script): measure that.
    index = site / "search" / "search_index.js"
    if not index.exists():
        index = site / "search" / "search_index.json"
    return {"pages": len(pages),
            "bytes_per_record_page": sum(p.stat().st_size for p in pages) // max(len(pages), 1),
            "search_index_bytes": index.stat().st_size if index.exists() else 0}


def _index_bytes(site: Path) -> dict[str, dict[str, int]]:
    """Each language's two search indexes, loaded once the search is used: the names that find people
    (search/names.js) and the theme's full-text index of everything else (search_index.json)."""
    sizes = {}
    for lang, folder in (("be", ""), ("ru", "ru"), ("en", "en")):
        search = site / folder / "search"
        if (search / "search_index.json").exists():
            names = search / "names.js"
            sizes[lang] = {"names": names.stat().st_size if names.exists() else 0,
                           "full_text": (search / "search_index.json").stat().st_size}
    return sizes


_ASKS = re.compile(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="([^"#?]+)[^"]*"[^>]*>')
_CSS_URL = re.compile(r"""url\(["']?(?!data:)([^"')?#]+)""")


def first_load(page: Path) -> dict[str, int]:
    """What a first visit to `page` loads, by kind, raw and gzip (as GitHub Pages sends text): the
    page, and every stylesheet, script, icon and image its HTML asks for, and what the stylesheets
    ask for (an upper bound: a rule may not apply). Nothing the scripts would fetch on their own is
    missing: with search on demand, no script fetches anything as the page opens (a browser test
    checks it; measured in Chromium, the list is the same)."""
    files = {page.resolve()}
    for address in _ASKS.findall(page.read_text(encoding="utf-8")):
        if "://" not in address and not address.startswith("data:"):
            files.add((page.parent / address).resolve())
    for css in [f for f in files if f.suffix == ".css"]:
        for address in _CSS_URL.findall(css.read_text(encoding="utf-8")):
            files.add((css.parent / address).resolve())
    sizes: Counter[str] = Counter()
    for file in files:
        kind = {".html": "HTML", ".css": "CSS", ".js": "JS"}.get(file.suffix, "images")
        body = file.read_bytes()
        sizes[kind] += len(body)
        sizes["raw"] += len(body)
        sizes["gzip"] += len(gzip.compress(body, compresslevel=6, mtime=0)) if file.suffix != ".jpg" else len(body)
    return dict(sizes)


def zip_figures(path: Path) -> dict:
    """The offline zip: bytes, files, and the compressed bytes of each kind of file in it."""
    kinds: Counter[str] = Counter()
    with zipfile.ZipFile(path) as archive:
        entries = archive.infolist()
        for entry in entries:
            parts = entry.filename.split("/")[1:]  # below the zip's one folder
            if parts[0] in ("ru", "en"):
                parts = parts[1:]
            if parts[0] == "prisoners" and len(parts) == 2 and parts[1] != "index.html":
                kind = "record pages"
            elif parts[0] == "search":
                kind = "search indexes"
            elif parts[0] == "assets":
                kind = "theme, scripts, styles"
            elif parts[0] == "data":
                kind = "open data"
            elif parts[-1].endswith(".html"):
                kind = "other pages"
            else:
                kind = "other files"
            kinds[kind] += entry.compress_size
    return {"bytes": path.stat().st_size, "files": len(entries), "kinds": dict(kinds)}


def _write_plain(work: Path, site: Path) -> None:
    """The same site as hand-written Markdown: every page Volia built, its content as a raw HTML
    block at the same path, under the same navigation — so the two builds differ only in how the
    pages come to be (hooks, macros, templates) and not in what they contain."""
    import yaml
    from bs4 import BeautifulSoup

    docs = work / "plain" / "docs"
    for page in sorted(site.glob("**/*.html")):
        relative = page.relative_to(site)
        if relative.name == "404.html" or relative.parts[0] in ("assets", "search"):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.md-content__inner")
        title = soup.title.get_text().rsplit(" - ", 1)[0] if soup.title else relative.stem
        target = docs / relative.with_suffix(".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        body = "".join(str(child) for child in article.children) if article else ""
        target.write_text(f"---\ntitle: {json.dumps(title)}\n---\n\n{body}\n", encoding="utf-8")
    nav_lines = [line for line in _nav_section(ROOT / "mkdocs.yml").splitlines() if line.strip()]
    nav = yaml.safe_load("\n".join(nav_lines))
    def present(entry: dict) -> bool:  # a page, or a section whose pages all exist
        target = next(iter(entry.values()))
        return all((docs / t).exists() for t in (target if isinstance(target, list) else [target]))

    nav = [entry for entry in nav if present(entry)]
    (work / "plain" / "mkdocs.yml").write_text(
        PLAIN_CONFIG.format(site=work / "plain-site", nav=yaml.safe_dump(nav, allow_unicode=True)), encoding="utf-8")


def _nav_section(config: Path) -> str:
    """The `nav:` block of mkdocs.yml, as text (the file has !ENV tags that plain YAML refuses)."""
    text = config.read_text(encoding="utf-8")
    start = text.index("\nnav:\n") + len("\nnav:\n")
    lines = []
    for line in text[start:].splitlines():
        if line and not line.startswith(" "):
            break
        lines.append(line.split("#", 1)[0].rstrip())
    return "\n".join(lines)


SEARCH_TIMING = """async ([query, waitFor]) => {
  const box = document.querySelector('input.md-search__input');
  const started = performance.now();
  box.focus();
  box.value = query;
  box.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
  const found = () => [...document.querySelectorAll('a.md-search-result__link')].some(a => a.href.includes(waitFor));
  while (!found()) {
    if (performance.now() - started > 60000) return -1;
    await new Promise(r => setTimeout(r, 10));
    box.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
  }
  return performance.now() - started;
}"""


def _unzipped(site: Path, work: Path) -> Path:
    """The site's offline zip, unpacked as a reader would."""
    with zipfile.ZipFile(site / "volia-offline.zip") as archive:
        archive.extractall(work / "unzipped")
    return work / "unzipped" / "volia"


def search_timing(copy: Path, size: int, slowdown: int = 4) -> dict:
    """In Chromium over file://, the CPU slowed `slowdown` times, in the unzipped offline copy `copy`:
    the time to open a person's page (a book of fifty at thousands of records: offline_books.py),
    and from the first keystroke in the search field to the person among the results (the index
    loads on that keystroke: search on demand)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    from volia.outputs import names_index

    index = names_index.read_script((copy / "en" / names_index.PATH).read_text(encoding="utf-8"))
    wanted = f"fictional-person-{size:05d}"  # the last record; full or minimal, it has a page
    person = next((p for p in index["people"] if p[0] == wanted), index["people"][-1])
    wanted = person[0]
    place = person[3] if len(person) > 3 else f"{wanted}.html"
    record = copy / "en" / index["dir"] / place.split("#")[0]
    number = int(wanted.rsplit("-", 1)[1])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context().new_page()
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
        started = time.perf_counter()
        page.goto(record.as_uri() + (f"#{wanted}" if "#" in place else ""), wait_until="load")
        opened = time.perf_counter() - started
        page.wait_for_timeout(500)
        first = page.evaluate(SEARCH_TIMING, [f"Fictional Person {number}", wanted])
        page.locator("input.md-search__input").fill("")
        again = page.evaluate(SEARCH_TIMING, [f"Person {number}", wanted])
        browser.close()
    return {"open_s": opened, "first_search_s": first / 1000, "next_search_s": again / 1000, "slowdown": slowdown}


def bench(size: int, repeat: int, browser: bool = False) -> dict:
    """Each build `repeat` times, the kinds interleaved so that a busy moment of the machine slows
    all of them alike; the fastest run of each counts (the least disturbed one)."""
    from synthetic import make_dataset

    work = Path(tempfile.mkdtemp(prefix=f"volia-bench-{size}-"))
    try:
        make_dataset(size, work / "data")
        runs: dict[str, list[dict]] = {"one": [], "plain": [], "three": []}
        for _ in range(repeat):
            runs["one"].append(_run("volia", work, ["en"]))
            if not (work / "plain").exists():
                _write_plain(work, work / "site-en" / "en")
            runs["plain"].append(_run("plain", work, []))
            runs["three"].append(_run("volia", work, ["be", "ru", "en"]))
        one, plain, three = (min(runs[k], key=lambda r: r["seconds"]) for k in ("one", "plain", "three"))
        # Once, not `repeat` times: a whole build and a rebuild (the first look is most of a second).
        preview = _run("preview", work, [])
        site_en, whole = work / "site-en" / "en", work / "site-be-ru-en"
        record = _record_pages(whole)[0].name
        return {"size": size, "volia_en": {**one, **_sizes(site_en)},
                "volia_3_languages": three, "plain_en": {**plain, **_sizes(work / "plain-site")},
                "indexes": _index_bytes(whole),
                "first_load": {lang: first_load(whole / folder / "prisoners" / record)
                               for lang, folder in (("be", ""), ("en", "en"))},
                "zip": zip_figures(whole / "volia-offline.zip"), "preview": preview,
                "browser": search_timing(_unzipped(whole, work), size) if browser else None}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: list[dict]) -> None:
    print(f"{'records':>8} {'build':<22} {'seconds':>8} {'peak MB':>8} {'pages':>6} {'B/page':>7} {'index B':>10}")
    for r in results:
        for label, key in (("volia, en", "volia_en"), ("plain mkdocs, en", "plain_en"),
                           ("volia, be+ru+en", "volia_3_languages")):
            m = r[key]
            page, index = m.get("bytes_per_record_page", ""), m.get("search_index_bytes", "")
            sizes = f"{m.get('pages', ''):>6} {page:>7} {index:>10}"
            print(f"{r['size']:>8} {label:<22} {m['seconds']:>8.2f} {m['peak_mb']:>8.0f} {sizes}")
    print()
    for r in results:
        ratio = r["volia_en"]["seconds"] / r["plain_en"]["seconds"]
        memory = r["volia_en"]["peak_mb"] / r["plain_en"]["peak_mb"]
        langs = r["volia_3_languages"]["seconds"] / r["volia_en"]["seconds"]
        print(f"{r['size']:>6} records: volia/plain = {ratio:.2f}× the time, {memory:.2f}× the memory (goal ≤ 1); "
              f"three languages/one = {langs:.2f}× (goal ≤ 1.7, one process per language)")
        names = ", ".join(f"{lang} {size['names'] / 1000:,.0f} kB ({size['names'] / r['size']:.0f} B per record)"
                          for lang, size in r["indexes"].items())
        essays = ", ".join(f"{lang} {size['full_text'] / 1000:,.0f} kB" for lang, size in r["indexes"].items())
        one = max(r["indexes"].get("en", {}).get("names", 0), 1)
        three = sum(size["names"] for size in r["indexes"].values()) / one
        print(f"        names index (finds people): {names}; three languages {three:.2f}× one (goal ≤ 3.3)")
        print(f"        full-text index (essays and other pages, no record pages): {essays}; "
              "both load only once the search is used")
        for lang, load in r["first_load"].items():
            parts = ", ".join(f"{kind} {load.get(kind, 0) / 1000:,.0f} kB" for kind in ("HTML", "CSS", "JS", "images"))
            print(f"        first load of a record page ({lang}): {load['raw'] / 1000:,.0f} kB, "
                  f"{load['gzip'] / 1000:,.0f} kB gzip ({parts}; no search index) (goal ≤ 350 kB)")
        z = r["zip"]
        kinds = sorted(z["kinds"].items(), key=lambda kv: -kv[1])
        share = ", ".join(f"{kind} {size / z['bytes']:.0%}" for kind, size in kinds)
        print(f"        offline zip: {z['bytes'] / 1e6:,.1f} MB, {z['files']:,} files; of it {share} "
              "(goal ≤ 60 MB at 20,000)")
        v = r["preview"]
        look = f"{v['first_look_s']:.2f} s" if v["first_look_s"] is not None else "not shown early"
        print(f"        preview (make serve) after one edit: the page and its lists written in {look} "
              f"(goal ≤ 2 s at 5,000), the whole site rebuilt ({v['how']}) in {v['rebuild_s']:.1f} s")
        if r["browser"]:
            b = r["browser"]
            first, then = (f"{b[k]:.2f} s" if b[k] >= 0 else "NOT FOUND in 60 s"
                           for k in ("first_search_s", "next_search_s"))
            print(f"        the unzipped copy over file://, CPU {b['slowdown']}× slower: a person's page opens "
                  f"in {b['open_s']:.2f} s; "
                  f"a name found {first} after the first keystroke, index loading included "
                  f"(goal ≤ 2 s), then {then} (goal ≤ 1 s)")
    if len(results) >= 2:
        small, large = results[0], results[-1]
        growth = large["volia_en"]["seconds"] / small["volia_en"]["seconds"]
        factor = large["size"] / small["size"]
        print(f"growth {small['size']} → {large['size']} records: {growth:.2f}× the time for {factor:.0f}× the records "
              f"(goal ≤ {factor * 1.1:.1f}×)")
        # Per page: the cost of each added page, fixed costs (start-up, data load, theme) set aside.
        extra = large["size"] - small["size"]
        ours = (large["volia_en"]["seconds"] - small["volia_en"]["seconds"]) / extra * 1000
        plain = (large["plain_en"]["seconds"] - small["plain_en"]["seconds"]) / extra * 1000
        print(f"per added record: volia {ours:.2f} ms, plain {plain:.2f} ms → {ours / plain:.2f}× (goal ≤ 0.8)")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        if sys.argv[2] == "preview":
            _child_preview(Path(sys.argv[3]))
        else:
            _child(sys.argv[2], Path(sys.argv[3]), sys.argv[4:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build; the fastest counts (default 3)")
    parser.add_argument("--browser", action="store_true",
                        help="also time a record page and a search over file:// in Chromium, CPU 4× slower")
    args = parser.parse_args()
    results = [bench(size, args.repeat, args.browser) for size in args.sizes]
    print(f"fastest of {args.repeat} runs of each build, on {os.cpu_count()} cores")
    report(results)


if __name__ == "__main__":
    main()
