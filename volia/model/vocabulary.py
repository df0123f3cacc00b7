"""The words the data is written in — statuses, publication levels, release modes … — read once
from the JSON Schemas (volia/schemas/), so that validation, the model, statistics and `volia new`
can never disagree about them. Each tuple keeps the schema's order, which is also display order.
"""

from __future__ import annotations

from volia.schemas import enum as _enum

PUBLICATION_LEVELS = _enum("record", "publication")  # full, minimal, counted
STATUSES = _enum("record", "status")  # imprisoned, restricted, released, deceased, not-recognised
GENDERS = _enum("record", "gender")
CONSENT_BASES = _enum("record", "consent", "basis")
LETTER_STATUSES = _enum("record", "letters", "status")
SENTENCE_KINDS = _enum("case", "sentence", "kind")
REGIMES = _enum("case", "sentence", "regime")
RELEASE_MODES = _enum("case", "released", "how")
FACILITY_KINDS = _enum("facility", "kind")
REMOVAL_REASONS = _enum("removal", "reason")
STRATEGIES = _enum("precedent", "strategy")

# What the statuses and levels mean; the schema names them, these say which is which.
PAGE_LEVELS = ("full", "minimal")  # levels that publish a page; "counted" only feeds the statistics
SERVING = ("imprisoned", "restricted")  # statuses of people serving a term now
LEFT_PRISON = ("released", "deceased")  # statuses whose last case ends in a release
# Convicted, not (or not yet) recognised as a political prisoner (Viasna's "np"): never counted or
# shown as a political prisoner; where the person is now is not stated.
NOT_RECOGNISED = ("not-recognised",)
TERM_KINDS = ("imprisonment", "restriction", "home-restriction")  # sentences with a term to serve

for _subset, _whole in ((PAGE_LEVELS, PUBLICATION_LEVELS), (SERVING, STATUSES), (LEFT_PRISON, STATUSES),
                        (NOT_RECOGNISED, STATUSES), (TERM_KINDS, SENTENCE_KINDS)):
    if not set(_subset) <= set(_whole):  # a renamed enum value in the schema must be renamed here too
        raise RuntimeError(f"vocabulary: {_subset} is not part of the schema's {_whole}")
