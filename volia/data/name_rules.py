"""Which characters a person's name may hold, judged by the Unicode properties of each one.

Two records must never look alike while being different text, and a name must never carry text a
reader cannot see. So a name is made of letters of the allowed scripts (one script per word), the
plain space, and visible punctuation; everything that hides, disguises or looks like another
letter is refused, each with a message that names the character:

- control, format (soft hyphen, Arabic letter mark, tag characters, direction marks …), private-use,
  surrogate and unassigned characters;
- separators other than the plain space (no-break, ideographic, line and paragraph separators …);
- combining marks left over after NFC (variation selectors, a mark no letter absorbs);
- compatibility forms that NFKC would fold into another character (fullwidth and mathematical
  letters, ligatures, superscripts, circled digits);
- letters whose Unicode Script property is not one of ALLOWED_SCRIPTS (Armenian, Cherokee, Greek,
  Hangul fillers …), and words that mix two allowed scripts (a Latin "a" in a Cyrillic word).

Python's unicodedata has categories but no Script property; the `regex` package (pinned in
requirements.txt, maintained, with current Unicode data) reads it as \\p{sc=…}.
"""

from __future__ import annotations

import unicodedata

import regex

# The scripts a name's letters may come from: Belarusian and Russian (Cyrillic), and the Latin
# spellings (Łacinka, passport transliteration, Polish, Lithuanian). The one place to add another.
ALLOWED_SCRIPTS = ("Latin", "Cyrillic")
# Letters outside every script that names need: the Belarusian apostrophe (ʼ, MODIFIER LETTER APOSTROPHE).
SCRIPTLESS_LETTERS = frozenset("\u02bc")
# Characters no name needs, and every markup language (HTML, Jinja, Markdown code) does; ";"
# separates names in one cell of the CSV exports.
NAME_FORBIDDEN = "<>{}`;"

_SCRIPT = {script: regex.compile(rf"\p{{sc={script}}}") for script in ALLOWED_SCRIPTS}
_CLASSES = {"Cc": "a control character", "Cf": "an invisible format character", "Co": "a private-use character",
            "Cs": "a surrogate", "Cn": "an unassigned code point", "Zl": "a line separator",
            "Zp": "a paragraph separator", "Zs": "a space other than the plain space",
            "Mn": "a combining mark that joins no letter", "Mc": "a combining mark that joins no letter",
            "Me": "an enclosing mark"}


def name_problem(text: str, hidden_refused: bool = False) -> str | None:
    """Why `text` cannot be a name, or None. `hidden_refused`: the schema has refused the text's
    control, zero-width or direction characters already (one message for them is enough)."""
    forbidden = sorted({ch for ch in text if ch in NAME_FORBIDDEN})
    if forbidden:
        return (f"contains {', '.join(repr(ch) for ch in forbidden)}; expected a name as plain text, "
                f"without any of {' '.join(NAME_FORBIDDEN)}")
    if not unicodedata.is_normalized("NFC", text):
        return "has a letter written as a letter plus a separate accent; expected each letter typed as one character"
    if hidden_refused:
        return None
    for ch in text:
        problem = character_problem(ch)
        if problem:
            return problem
    if not any(_is_letter(ch) for ch in text):
        return "has no letters; expected a name written in letters"
    if text != text.strip(" ") or "  " in text:
        return "has a space at an end or two spaces in a row; expected single spaces between words"
    for word in text.replace("-", " ").split(" "):
        scripts = sorted({script for ch in word if _is_letter(ch) and (script := script_of(ch))})
        if len(scripts) > 1:
            return (f"the word {word!r} mixes {' and '.join(scripts)} letters, which look "
                    "alike; expected each word in one alphabet")
    return None


def character_problem(ch: str) -> str | None:
    """Why one character cannot be in a name, or None."""
    if ch == " ":
        return None
    category = unicodedata.category(ch)
    if category in _CLASSES:
        return f"contains {_describe(ch)}, {_CLASSES[category]}; expected letters, plain spaces and punctuation"
    folded = unicodedata.normalize("NFKC", ch)
    if folded != ch and (not _is_letter(ch) or any(script_of(c) for c in folded)):
        return (f"contains {_describe(ch)}, a look-alike form of another character (fullwidth, mathematical, "
                "ligature …); expected the ordinary character")
    if _is_letter(ch) and ch not in SCRIPTLESS_LETTERS and script_of(ch) is None:
        return (f"contains {_describe(ch)}, a letter outside the {' and '.join(ALLOWED_SCRIPTS)} scripts; "
                f"expected {' or '.join(ALLOWED_SCRIPTS)} letters")
    return None


def script_of(ch: str) -> str | None:
    """The allowed script of a letter, or None (another script, or no script of its own)."""
    return next((script for script, pattern in _SCRIPT.items() if pattern.match(ch)), None)


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}{' ' + name if name else ''}"
