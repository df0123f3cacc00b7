"""Hostile input, round two (issue 16): every data file checked, every character of a name judged,
ids that would replace a page the site makes, links out of the repository, messages a CI runner
would obey, and the small holes. Each class has a negative control: a valid value that passes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_runner import volia
from hostile.images import camera_jpeg, portrait
from hostile.sites import FULL_ID, copy_fixture_data, edit_records

from volia import addresses
from volia.data import rules
from volia.data.links import symlink_problems
from volia.data.loading import load_dataset
from volia.data.name_rules import ALLOWED_SCRIPTS, name_problem
from volia.data.problems import DataError
from volia.outputs.open_data import _inert_cell

MESSAGE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?P<kind>[a-z ]+) (?P<id>[^:]+): (?P<field>[^:]+): .+ — .+$")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_fixture_data(tmp_path / "data")


def _check(data: Path, *extra: str) -> tuple[int, list[str], str]:
    result = volia("--data", str(data), "check", *extra)
    assert "Traceback" not in result.stderr + result.stdout
    return result.returncode, result.stderr.splitlines()[:-1], result.stdout


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---- Every file, one machinery, one message format ----

BAD_VALUES = [  # file, text to replace, replacement, kind, id, field, expected (end of message)
    ("precedents.yaml", 'date: "2021-05-25"', 'date: "2021-05-32"', "precedent", None, "date", "not a real date"),
    ("counts.yaml", 'date: "2021-04-29"', 'date: "2021-04-31"', "count", None, "date", "not a real date"),
    ("counts.yaml", "held: 169", "held: 169.0", "count", None, "held", "without a decimal point"),
    ("counts.yaml", "held: 169", "held: 99999999999999999999", "count", None, "held", "too large"),
    ("comparisons.yaml", "population:", "population: [1]\n  old_population:", "comparison", None, "population",
     "a whole number"),
    ("sources.yaml", 'date: "2023-03-24"', 'date: "2023-13-24"', "cited source", "alarabiya-rusesabagina", "date",
     "not a real date"),
    ("facilities.yaml", "kind: colony", "kind: [colony]", "facility", "colony-99-testtown", "kind", "expected one of"),
    ("regions.yaml", "id: hrodna", "id: hrodna\n  nmae: x", "region", "hrodna", "nmae", "unknown field"),
    ("articles.yaml", "sources:", "sources: 5\n  old_sources:", "article", None, "sources", "expected a list"),
    ("prisoners.yaml", "months: 54", "months: 54.0", "record", "fictional-ales-testovich", "cases[1].sentence.months",
     "without a decimal point"),
    ("prisoners.yaml", "title: Example source about a fictional person",
     'title: Example source about a fictional person\n      date: "2021-02-29"', "record", "fictional-ales-testovich",
     "sources[0].date", "not a real date"),
]


@pytest.mark.parametrize("name, old, new, kind, ident, field, expected", BAD_VALUES,
                         ids=[f"{b[0]}-{b[5]}-{i}" for i, b in enumerate(BAD_VALUES)])
def test_every_file_is_checked_with_one_message_format(data: Path, name: str, old: str, new: str, kind: str,
                                                       ident: str | None, field: str, expected: str) -> None:
    if old not in (data / name).read_text(encoding="utf-8"):
        pytest.skip(f"{old!r} is no longer in the fixture {name}")
    code, control, _ = _check(data)
    assert code == 0, control  # the negative control: the fixture data passes
    _replace(data / name, old, new)
    code, lines, _ = _check(data)
    assert code == 1 and lines
    ours = [m for m in (MESSAGE.match(line) for line in lines) if m and m["file"].endswith(name)]
    assert ours, lines
    match = next((m for m in ours if m["field"].endswith(field)), None)
    assert match is not None, lines
    assert match["kind"] == kind and (ident is None or match["id"] == ident), match[0]
    assert expected in match[0]
    assert (data / name).read_text(encoding="utf-8").splitlines()[int(match["line"]) - 1].strip(), match[0]


def test_a_count_is_named_by_its_date_and_place(data: Path) -> None:
    _replace(data / "counts.yaml", 'date: "2021-04-29"', 'date: "2021-04-31"')
    _, lines, _ = _check(data)
    assert any(': count 2021-04-31 (#2): date: "2021-04-31" — not a real date' in line for line in lines), lines


def test_an_mpo_photo_from_a_phone_is_read_as_the_jpeg_it_is(data: Path) -> None:
    first, second = portrait(seed=3), portrait((600, 800), seed=4)
    (data / "photos").mkdir(exist_ok=True)
    first.save(data / "photos" / "phone.jpg", "MPO", save_all=True, append_images=[second])

    def add(records: dict[str, dict]) -> None:
        records[FULL_ID]["photo"] = {"file": "phone.jpg", "credit": "a friend", "consent": "the family"}

    edit_records(data, add)
    assert load_dataset(data).records[0].photo["file"] == "phone.jpg"


# ---- Names: every character judged ----

@pytest.mark.parametrize("text, expected", [
    ("   ", "has no letters; expected a name written in letters"),
    ("- . -", "has no letters; expected a name written in letters"),
    ("1984", "has no letters; expected a name written in letters"),
    ("Ales  Testovich", "has a space at an end or two spaces in a row; expected single spaces between words"),
    ("Ales Testovich ", "has a space at an end or two spaces in a row; expected single spaces between words"),
    ("ﬁona Testovich", "contains U+FB01 LATIN SMALL LIGATURE FI, a look-alike form of another character "
                       "(fullwidth, mathematical, ligature …); expected the ordinary character"),
    ("Ales\u200a Testovich", "contains U+200A HAIR SPACE, a space other than the plain space; expected letters, "
                             "plain spaces and punctuation"),
    ("Алеs Тэставіч", "the word 'Алеs' mixes Cyrillic and Latin letters, which look alike; expected each word "
                      "in one alphabet"),
])
def test_names_without_letters_or_with_odd_spacing_are_refused(text: str, expected: str) -> None:
    assert name_problem(text) == expected


@pytest.mark.parametrize("text", ["Aleś Łaciński", "Дар\u02bcя Тэставіч", "Anna-Maria O'Neil", "Ёлкин Пётр",
                                  "Žygimantas Šimkus", "Алесь Тэставіч ʼ🙂", "Ales Testovich Jr.",
                                  "Алесь Тэставіч / Ales Testovich"])
def test_real_names_in_every_allowed_script_pass(text: str) -> None:
    assert name_problem(text) is None


def test_the_allowed_scripts_are_listed_once() -> None:
    assert ALLOWED_SCRIPTS == ("Latin", "Cyrillic")
    source = (Path(rules.__file__).parent / "rules.py").read_text(encoding="utf-8")
    assert "LATIN" not in source and "CYRILLIC" not in source  # no second list by character names


# ---- Ids that would replace a page the site makes ----

@pytest.mark.parametrize("name, old, new", [
    ("prisoners.yaml", "id: fictional-ales-testovich", "id: index"),
    ("facilities.yaml", "id: colony-99-testtown", "id: index"),
    ("regions.yaml", "id: hrodna", "id: index"),
    ("removed.yaml", None, "- id: index\n  date: \"2024-01-01\"\n  reason: safety\n"),
    ("prisoners.yaml", "id: fictional-ales-testovich", "id: status"),
])
def test_an_id_that_names_a_generated_page_is_refused(data: Path, name: str, old: str | None, new: str) -> None:
    path = data / name
    if old is None:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(re.sub(r"^\[\]\s*$", "", text, flags=re.M) + "\n" + new, encoding="utf-8")
    else:
        _replace(path, old, new)
    _, lines, _ = _check(data)
    reserved = [line for line in lines if "is the name of a page the site makes itself" in line]
    assert len(reserved) == 1 and f"{name}:" in reserved[0], lines


def test_an_id_that_only_starts_like_a_generated_page_passes(data: Path) -> None:
    _replace(data / "facilities.yaml", "id: colony-99-testtown", "id: index-colony-99")
    _replace(data / "prisoners.yaml", "- colony-99-testtown", "- index-colony-99")
    _, lines, _ = _check(data)
    assert not [line for line in lines if "page the site makes" in line], lines


def test_the_reserved_ids_cover_every_fixed_page_in_each_folder() -> None:
    """Every page addresses.py writes itself into a folder of pages named by ids is reserved there."""
    folders = {addresses.RECORD_DIR: ("prisoners.yaml", "removed.yaml"),
               addresses.FACILITY_DIR: ("facilities.yaml",)}
    fixed = [value for name, value in vars(addresses).items()
             if name.isupper() and isinstance(value, str) and value.endswith(".md")]
    fixed += [addresses.people_by_status_uri("x"), addresses.people_by_region_uri("x")]
    for path in fixed:
        folder, _, rest = path.partition("/")
        stem = rest.split("/")[0].removesuffix(".md")
        for data_file in folders.get(folder, ()):
            assert stem in rules.RESERVED_IDS[data_file], (path, data_file)


# ---- Links out of the repository ----

def test_a_symlink_under_data_or_photos_is_refused(data: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("- id: stolen\n", encoding="utf-8")
    (data / "photos").mkdir(exist_ok=True)
    camera_jpeg(data / "photos" / "plain.jpg")  # the control: a plain file passes
    code, _, _ = _check(data)
    assert code == 0
    (data / "notes.yaml").symlink_to(secret)
    (data / "photos" / "key.jpg").symlink_to("/etc/hostname")
    (data / "photos" / "folder").symlink_to(tmp_path)
    code, lines, _ = _check(data)
    links = sorted(line.split(":")[0].rsplit("/", 2)[-2:][-1] for line in lines if "a symbolic link" in line)
    assert code == 1 and links == ["folder", "key.jpg", "notes.yaml"], lines


def test_a_symlink_under_docs_is_found(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "essays").mkdir(parents=True)
    (docs / "essays" / "plain.md").write_text("# Plain\n", encoding="utf-8")
    assert symlink_problems(docs, "docs") == []
    (docs / "essays" / "passwd.md").symlink_to("/etc/passwd")
    assert [str(p) for p in symlink_problems(docs, "docs")] == [
        "docs/essays/passwd.md:1: a symbolic link; expected a plain file or folder (a link would publish "
        "whatever it points to on the build machine)"]


# ---- Messages a CI runner would obey ----

INJECTED = "nmae\n::warning file=x::pwned\n::error::also"


@pytest.mark.parametrize("mode", [(), ("--github",)])
def test_no_message_line_can_pose_as_a_workflow_command(data: Path, mode: tuple[str, ...]) -> None:
    _replace(data / "prisoners.yaml", "  publication: full\n",
             '  publication: full\n  "nmae\\n::warning file=x::pwned\\n::error::also": 1\n')
    _replace(data / "regions.yaml", "id: hrodna", 'id: "hrodna\\n::warning::id"')
    result = volia("--data", str(data), "check", *mode)
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert all(line.startswith("::error file=") for line in annotations), annotations
    assert len(annotations) == (len(lines) - 1) / 2 if mode else annotations == []
    assert not any(line.lstrip().startswith("::warning") or line.startswith("::error::") for line in lines)
    assert any("nmae\\u000a::warning" in line for line in lines), lines  # shown, escaped


def test_an_ordinary_message_is_unchanged(data: Path) -> None:
    _replace(data / "prisoners.yaml", "  publication: full\n", "  publication: full\n  nmae: typo\n")
    _, lines, stdout = _check(data, "--github")
    assert any(': record fictional-ales-testovich: nmae: "typo" — unknown field' in line for line in lines)
    assert any(line.startswith("::error file=") and "line=" in line for line in stdout.splitlines())


# ---- Small holes ----

@pytest.mark.parametrize("value", ["  =1+1", " \t=HYPERLINK(\"https://example.invalid\")", "\u00a0+1", "\n=1",
                                   "   -2", " @SUM(1)"])
def test_a_formula_after_leading_whitespace_is_made_text(value: str) -> None:
    assert _inert_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["  Minsk", "Minsk = capital", "Colony No. 1 - Minsk", ""])
def test_ordinary_cells_are_left_alone(value: str) -> None:
    assert _inert_cell(value) == value


def test_a_photo_path_that_climbs_out_says_so(data: Path) -> None:
    def add(records: dict[str, dict]) -> None:
        records[FULL_ID]["photo"] = {"file": "../../secret.jpg", "credit": "a friend", "consent": "the family"}

    edit_records(data, add)
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    messages = [p.expected for p in caught.value.problems]
    assert any(m.startswith("climbs out of photos/") for m in messages), messages
    assert any("a file name directly in data/photos/" in m for m in messages), messages
    assert not any("control characters" in m for m in messages), messages


def test_the_merge_key_is_refused_in_plain_words(data: Path) -> None:
    _replace(data / "regions.yaml", "id: hrodna", "id: hrodna\n  <<: {x: 1}")
    _, lines, _ = _check(data)
    merge = [line for line in lines if "merge key" in line]
    assert merge and "tag:yaml.org" not in merge[0] and "<<" in merge[0], lines


# ---- The build: two generated files never share a path; no link under docs/ ----

def test_two_generated_pages_at_one_path_fail_naming_both() -> None:
    from volia.site.collisions import PathCollision, check_unique_paths
    from volia.site.pages import GeneratedPage

    listing = GeneratedPage("prisoners/index.md", "All prisoners", str, {"volia_kind": "list"})
    record = GeneratedPage("prisoners/index.md", "Index", str, {"volia_kind": "record"})
    removal = GeneratedPage("prisoners/ales.md", "Removed", str, {"volia_kind": "removed"})
    check_unique_paths([listing, removal])  # the control: different paths pass
    with pytest.raises(PathCollision) as caught:
        check_unique_paths([listing, removal, record])
    assert str(caught.value) == ("two generated files share the path prisoners/index.html: the generated page "
                                 "'All prisoners' and record 'index' (data/prisoners.yaml); give one of them "
                                 "another id")


def test_the_build_refuses_a_symlink_under_docs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from volia.cli.build import build_all

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "docs" / "secret.md").symlink_to("/etc/hostname")
    assert build_all(tmp_path / "site", config_file=tmp_path / "mkdocs.yml") == 1
    assert "docs/secret.md:1: a symbolic link" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
