"""Hostile YAML is refused quickly, with one clear message and no traceback.

Each case writes a broken data/prisoners.yaml into a copy of the fixture data and runs `volia check`
as a contributor would, in a separate process: exit code 1, the exact message line on stderr and no
Python traceback. The time is measured twice: the checking itself, in this process, must take under
two seconds (an alias bomb, expanded, would take forever); the whole command, interpreter start
included, gets a looser bound, because the test machine may be busy with other builds.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from cli_runner import volia

from volia.data.loading import load_dataset
from volia.data.problems import DataError

SECONDS = 2.0  # for refusing the file
COMMAND_SECONDS = 10.0  # for the whole `volia check` process, Python's start-up included


def _billion_laughs() -> bytes:
    """Nine levels of nine aliases: 9⁹ (387 million) copies of "lol" once expanded."""
    lines = ['- id: laughs', '  a0: &a0 "lol"']
    for level in range(1, 10):
        lines.append(f"  a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def _deep_flow() -> bytes:
    return b"- id: deep\n  name: " + b"[" * 5000 + b"]" * 5000 + b"\n"


def _deep_block() -> bytes:
    lines = ["- id: deep"] + [f"{'  ' * (level + 1)}k{level}:" for level in range(60)] + [f"{'  ' * 61}x"]
    return ("\n".join(lines) + "\n").encode()


CANARY = "VOLIA-CANARY-FILE"

CASES = [
    ("alias-bomb", _billion_laughs(),
     "prisoners.yaml:2: anchors and aliases (&name, *name) are not allowed; write each value out in full"),
    ("merge-key", b'- id: a\n  consent: &c {basis: person}\n  x:\n    <<: *c\n',
     "prisoners.yaml:4: the merge key << is not allowed; write each field out in full"),
    ("deep-flow-nesting", _deep_flow(), "prisoners.yaml:2: nested more than 20 levels deep"),
    ("deep-block-nesting", _deep_block(),
     "prisoners.yaml:21: nested more than 20 levels deep"),
    ("duplicate-key", b'- id: a\n  status: imprisoned\n  status: released\n',
     "prisoners.yaml:3: record a: status: this key is given twice (first at line 2); YAML would keep only "
     "the last value and lose the other: keep one"),
    ("python-object", f'- !!python/object/apply:os.system ["touch {CANARY}"]\n'.encode(),
     "prisoners.yaml:1: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; "
     "write plain values without tags"),
    ("python-name", b"- id: !!python/name:os.system x\n",
     "prisoners.yaml:1: the tag 'tag:yaml.org,2002:python/name:os.system' is not allowed; "
     "write plain values without tags"),
    ("custom-tag", b"- id: a\n  name: !include /etc/passwd\n",
     "prisoners.yaml:2: the tag '!include' is not allowed; write plain values without tags"),
    ("not-utf-8", b'- id: a\n  name:\n    en: "Ales \xff"\n',
     "prisoners.yaml:3: byte 0xff is not UTF-8; save the file as UTF-8"),
    ("utf-16", "- id: a\n".encode("utf-16"),
     "prisoners.yaml:1: byte 0xff is not UTF-8; save the file as UTF-8"),
    ("byte-order-mark", b"\xef\xbb\xbf- id: a\n",
     "prisoners.yaml:1: the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"),
    ("tab-indent", b"- id: a\n\tstatus: imprisoned\n", "prisoners.yaml:2: a tab in the indentation; indent with spaces"),
    ("unclosed-quote", b'- id: "a\n',
     "prisoners.yaml:1: a quote opens here and is never closed: end the text with the same quote (\" or ') that "
     "starts it. Line 1: “- id: \"a” (0 spaces in)"),
    ("empty", b"", "prisoners.yaml:1: the file is empty; expected a YAML list of entries (- id: ...)"),
    ("too-big", b"# " + b"x" * (21 * 1024 * 1024) + b"\n",
     "prisoners.yaml:1: the file is larger than 20 MB"),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_yaml_is_refused_quickly_and_clearly(data_dir: Path, content: bytes, expected: str) -> None:
    (data_dir / "prisoners.yaml").write_bytes(content)
    env = {**os.environ, "VOLIA_TODAY": "2026-11-26", "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.perf_counter()
    result = volia("--data", data_dir, "check", cwd=data_dir, env=env)
    elapsed = time.perf_counter() - started
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert expected in lines, result.stderr  # paths are shown relative to where the command runs
    assert "Traceback" not in result.stderr + result.stdout
    assert elapsed < COMMAND_SECONDS, f"{elapsed:.2f} s"
    assert not (data_dir / CANARY).exists()  # no tag ran a command

    started = time.perf_counter()
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    refused_in = time.perf_counter() - started
    assert refused_in < SECONDS, f"{refused_in:.2f} s"
    assert expected.split(":", 1)[1] in [str(p).split(":", 1)[1] for p in caught.value.problems]


def test_the_same_data_without_the_trap_passes(data_dir: Path) -> None:
    """The control: `volia check` on the untouched copy exits 0, so the failures above are the traps'."""
    env = {**os.environ, "VOLIA_TODAY": "2026-11-26"}
    result = volia("--data", data_dir, "check", env=env)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert result.stdout.startswith("ok: ")
