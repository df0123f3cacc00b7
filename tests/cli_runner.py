"""Run the `volia` command in-process, as a contributor would at a terminal, and keep what it printed.

In-process runs are fast (no interpreter start, no re-import) and report exceptions with their
traceback. One test (test_new.py, at a real terminal) still runs the command as its own process.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from volia.cli.main import main


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


def volia(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """`volia ARGS…` with nobody at the keyboard (stdin is empty and not a terminal)."""
    out, err = io.StringIO(), io.StringIO()
    saved_cwd, saved_env, saved_stdin = Path.cwd(), dict(os.environ), sys.stdin
    try:
        if cwd is not None:
            os.chdir(cwd)
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        sys.stdin = io.StringIO("")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exit_:  # argparse's usage errors
                code = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
        if env is not None:
            os.environ.clear()
            os.environ.update(saved_env)
    return Result(code, out.getvalue(), err.getvalue())
