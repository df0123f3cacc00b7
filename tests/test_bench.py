"""The benchmark still runs: tiny sizes, one run each (its figures are measured by `make bench`, not here)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import make_records

pytestmark = pytest.mark.slow  # runs the benchmark script (12 and 24 records)


def test_the_benchmark_runs_and_reports_every_build_at_every_size() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_build.py"), "--sizes", "12", "24",
                          "--repeat", "1"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    rows = re.findall(r"^\s+(\d+) (volia, en|plain mkdocs, en|volia, be\+ru\+en)\s+([\d.]+)\s+(\d+)(.*)$",
                      run.stdout, flags=re.MULTILINE)
    assert {(size, kind) for size, kind, *_ in rows} == {
        (size, kind) for size in ("12", "24") for kind in ("volia, en", "plain mkdocs, en", "volia, be+ru+en")}
    for size, kind, _seconds, _peak, rest in rows:
        if kind != "volia, be+ru+en":  # both one-language builds made one page per published record
            with_page = sum(r["publication"] != "counted" for r in make_records(int(size)))
            assert int(rest.split()[0]) == with_page, (size, kind, rest)
    assert "per added record:" in run.stdout and "growth 12 → 24 records" in run.stdout
    # The preview after one edit: the edited page was shown first, then the site rebuilt dirty.
    assert len(re.findall(r"preview \(make serve\) after one edit: the page and its lists written in [\d.]+ s "
                          r".*rebuilt \(first look \+ dirty\)", run.stdout)) == 2, run.stdout
