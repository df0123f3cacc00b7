"""The day the build and the checks treat as today."""

from __future__ import annotations

import datetime as dt
import os

TODAY_VARIABLE = "VOLIA_TODAY"


def today() -> dt.date:
    """The date the build treats as today; VOLIA_TODAY=YYYY-MM-DD fixes it for tests.

    Read once per build, into the build context (volia/site/context.py), and once per `volia check`.
    """
    fixed = os.environ.get(TODAY_VARIABLE)
    if fixed:
        return dt.date.fromisoformat(fixed)
    return dt.date.today()
