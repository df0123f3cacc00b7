"""Symbolic links are refused wherever the build reads: data/ (and data/photos/), docs/.

A link in those folders would publish whatever it points to on the build machine (a key, a
password file, another checkout) into the site, the checksums and the offline zip. Nothing there
needs one, so every link is a problem, named with its path, whether or not it points inside.
"""

from __future__ import annotations

import os
from pathlib import Path

from volia.data.problems import NO_VALUE, Problem


def symlink_problems(folder: Path, shown_as: str) -> list[Problem]:
    """One problem per symbolic link anywhere under `folder` (not following any of them)."""
    problems = []
    for parent, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted([*dirs, *files]):
            path = Path(parent) / name
            if path.is_symlink():
                shown = f"{shown_as.rstrip('/')}/{path.relative_to(folder).as_posix()}"
                problems.append(Problem(shown, 1, "", "", NO_VALUE,
                                        "a symbolic link; expected a plain file or folder (a link would publish "
                                        "whatever it points to on the build machine)"))
    return problems
