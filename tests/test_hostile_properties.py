"""Property-based (Hypothesis): no malformed value in any data file ends in a traceback.

Each example takes a valid entry of one data file (every file volia/data/files.py lists, so a new
file is covered the day it is listed), changes one thing in it — a value of the wrong type, an
impossible date, a huge or empty value, odd Unicode, a field removed or added — writes the file,
and checks the data exactly as `volia check` and the build do. The outcome must be a clean load or
a DataError whose every message is one line in the one format, pointing at that file; any other
exception fails the test. max_examples keeps the whole run well under a minute in CI.
"""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from volia.data.files import ALL
from volia.data.loading import load_dataset, load_policy
from volia.data.problems import DataError

FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"
FILES = [spec for spec in ALL if (FIXTURE_DATA / spec.name).exists()]
NAMES = {spec.name for spec in ALL}
# Per file: 30 keep the whole run near 30 s on a 2-core machine, and the same examples every run
# (derandomized). VOLIA_HYPOTHESIS_EXAMPLES=500 explores more, with new random examples each time.
EXAMPLES = int(os.environ.get("VOLIA_HYPOTHESIS_EXAMPLES", "30"))

DATES = st.sampled_from(["2021-02-30", "2021-13", "0000", "0000-00-00", "9999-12-31", "2021-02-29", "2024-02-29",
                         "20210101", "2021-1-1", " 2021", "2021-04-31\n", "", "3000"])
ODD_TEXT = st.sampled_from(["", " ", "\u3164", "\u00ad", "\u061c", "\U000e0041", "\ufe0f", "\u2028", "\u202e",
                            "\x00", "\ud7ff", "\U0010ffff", "Ａｌｅｓ", "\U0001d400", "Տ", "Ꭺ", "index", "::warning::x\n",
                            "x" * 6000, "../../etc/passwd.jpg", "=HYPERLINK(\"x\")", "<script>", "{{ 7*7 }}"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40), DATES, ODD_TEXT)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(st.one_of(st.text(max_size=8), ODD_TEXT),
                                                                         inner, max_size=3)), max_leaves=6)


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += _paths(child, (*path, index))
    return found


def _mutate(entry: Any, path: tuple, action: str, value: Any) -> Any:
    if not path:
        return value  # the whole entry replaced: a list, a number, text …
    parent = entry
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "delete" and isinstance(parent, dict):
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent[f"{last}_extra"] = value
    else:
        parent[last] = value
    return entry


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(shutil.copytree(FIXTURE_DATA, tmp_path_factory.mktemp("properties") / "data"))


@pytest.mark.parametrize("spec", FILES, ids=[spec.name for spec in FILES])
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize="VOLIA_HYPOTHESIS_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_mutated_entry_gives_a_clear_message_or_a_clean_load(work: Path, spec, data) -> None:
    original = (FIXTURE_DATA / spec.name).read_text(encoding="utf-8")
    entries = yaml.safe_load(original)
    if not entries:
        pytest.skip(f"{spec.name} has no entry to mutate")
    index = data.draw(st.integers(0, len(entries) - 1), label="entry")
    entry = copy.deepcopy(entries[index])
    path = data.draw(st.sampled_from(_paths(entry)), label="path")
    action = data.draw(st.sampled_from(["replace", "replace", "delete", "add"]), label="action")
    value = data.draw(VALUES, label="value")
    entries[index] = _mutate(entry, path, action, value)
    target = work / spec.name
    try:
        target.write_text(yaml.safe_dump(entries, allow_unicode=True, width=10_000), encoding="utf-8")
        problems = []
        for load in (load_dataset, load_policy):
            try:
                load(work)
            except DataError as error:
                problems += error.problems
        for problem in problems:
            message = str(problem)
            assert "\n" not in message and "\r" not in message and "\u2028" not in message, message
            assert message.startswith(f"{problem.file}:{problem.line}:") and problem.line >= 1, message
            assert Path(problem.file).name in NAMES, message  # a data file (another one may point at the change)
            assert "\n" not in problem.annotation()
    finally:
        target.write_text(original, encoding="utf-8")
