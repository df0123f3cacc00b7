"""search/names.js: the index that finds a person, a few dozen bytes per record.

Finding a person is what most readers come to search for, and at thousands of records the theme's
full-text index (every page's words, with positions) runs to megabytes. So record pages stay out of
the theme's index, and each language's copy gets this file instead: for every published record its
page, its name as that language's pages title it, and the folded words of every spelling the page
shows (volia.text.search_keys). It holds nothing the record page does not show.

It is a script, not JSON, because an unzipped copy opened over file:// may not fetch files, but it
may run scripts from its own folder. It loads with the search, when a reader first uses it
(docs/assets/javascripts/search-on-demand.iframe-worker.js), never with a page.
"""

from __future__ import annotations

import json

from volia.addresses import RECORD_DIR
from volia.model.publication import PublicDataset
from volia.text import collation, names, search_keys, translit
from volia.views.records import display_name

PATH = "search/names.js"
GLOBAL = "__voliaNames"  # the one name the file defines; name-search.js reads it


def names_index(public: PublicDataset, lang: str) -> dict[str, object]:
    """Every published record, in the order of the list of people (surname first, then the id):
    [record id, title, folded words]."""
    key = collation.sort_key(lang)
    people = []
    for record in public.records:
        title = display_name(record, lang)
        spellings = [title, *(s.text for s in translit.derive(record.name, record.aliases))]
        words = " ".join(search_keys.words_of_all(spellings))
        people.append(((key(names.surname_first(title)), record.id), [record.id, title, words]))
    people.sort(key=lambda person: person[0])
    return {"dir": f"{RECORD_DIR}/", "people": [entry for _, entry in people]}


def names_script(public: PublicDataset, lang: str) -> str:
    """The file's text: one assignment of JSON (which no contributed string can leave: JSON escapes
    quotes and backslashes, and a script file has no </script> to end it)."""
    return script(names_index(public, lang))


def script(index: dict[str, object]) -> str:
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return f"window.{GLOBAL}={data};\n"


def read_script(text: str) -> dict:
    """The data of a file `script` wrote (the offline copy adds each person's place to it)."""
    prefix = f"window.{GLOBAL}="
    if not (text.startswith(prefix) and text.endswith(";\n")):
        raise ValueError(f"not a names index written by names_script: {text[:60]!r}")
    data = json.loads(text[len(prefix):-2])
    if not isinstance(data, dict):
        raise ValueError("a names index holds an object")
    return data
