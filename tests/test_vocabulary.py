"""Every word of the data's vocabulary (read from the schemas by volia/model/vocabulary.py) has its
words on the site, in every language: one test per entry, so a value added to a schema fails here
until the site can say it."""

from __future__ import annotations

import pytest

from volia.model import vocabulary as v
from volia.model.languages import LANGUAGES
from volia.text import i18n

ENTRIES = [
    *[(f"status_{s}", s) for s in v.STATUSES],
    *[(f"status_group_{s}", s) for s in v.STATUSES],
    *[(f"how_{m}", m) for m in v.RELEASE_MODES],
    *[(f"kind_{k}", k) for k in v.SENTENCE_KINDS],
    *[(f"regime_{r}", r) for r in v.REGIMES],
    *[(f"facility_{k}", k) for k in v.FACILITY_KINDS],
    *[(f"removed_{r}", r) for r in v.REMOVAL_REASONS],
    *[(f"letters_{s}", s) for s in v.LETTER_STATUSES],
]


@pytest.mark.parametrize(("key", "value"), ENTRIES, ids=[key for key, _ in ENTRIES])
def test_every_value_has_its_words_in_every_language(key: str, value: str) -> None:
    for lang in LANGUAGES:
        assert i18n.strings().get(key, {}).get(lang), f"{key} ({value!r}) has no {lang} text in strings.yaml"


def test_the_named_groups_are_values_of_the_schema() -> None:
    assert set(v.PAGE_LEVELS) < set(v.PUBLICATION_LEVELS)
    assert set(v.SERVING) | set(v.LEFT_PRISON) | set(v.NOT_RECOGNISED) == set(v.STATUSES)
    assert set(v.TERM_KINDS) < set(v.SENTENCE_KINDS)
    assert "counted" in v.PUBLICATION_LEVELS and "counted" not in v.PAGE_LEVELS
