"""The canonical form of a data file: entries sorted by id, keys in the schema's order, dates and
numbers-as-text quoted, one way to write everything.

One form means two contributors adding records at once touch different lines, so merges rarely
conflict. The comment block at the top of a file is kept; comments elsewhere (whole-line or at the
end of a line) cannot be placed back reliably, so `split_header` names their lines and the command
line refuses to drop them.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import Any

import yaml

from volia import schemas
from volia.data.files import DataFile

_LOOKS_TYPED = re.compile(
    r"^(?:[-+]?[0-9][0-9_.:eE+-]*|~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|\.inf|\.nan)$"
)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key ("cases:\n  - arrested: ...").
        super().increase_indent(flow, False)


# Longer one-line texts are written folded (">-"): wrapped, yet read back as the same single line,
# and a changed sentence shows as a changed line in a diff.
_FOLD_OVER = 80


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > _FOLD_OVER and " " in value:  # a long URL has nowhere to fold: left as it is
        # PyYAML falls back to a quoted style by itself when a text cannot be folded safely.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    style = '"' if _LOOKS_TYPED.match(value) or value == "" else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


@cache
def key_order(spec: DataFile) -> dict[str, Any]:
    """{'key': subtree} for one data file, in its schema's property order. Cached: callers must
    not change what they get."""
    if spec.definition:
        return _key_order(schemas.definitions()[spec.definition])
    return _key_order(schemas.documents()[spec.schema])


def _key_order(node: dict[str, Any]) -> dict[str, Any]:
    node = schemas.resolve(node)
    if node.get("type") == "array" or "items" in node:
        return _key_order(node.get("items", {}))
    return {name: _key_order(sub) if isinstance(sub, dict) else {} for name, sub in node.get("properties", {}).items()}


def canonical(entries: list[Any], order: dict[str, Any], header: str = "", key: str = "id") -> str:
    """The canonical text of a list file."""
    ordered = [_ordered(e, order) for e in sorted(entries, key=lambda e: sort_key(e, key))]
    body = yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    # A blank line between entries makes the file easy to scan and diffs easy to read.
    body = re.sub(r"\n(?=- )", "\n\n", body)
    return (header + "\n\n" if header else "") + body


def sort_key(entry: Any, key: str) -> tuple:
    value = entry.get(key, "") if isinstance(entry, dict) else ""
    # Article numbers sort as numbers ("13" before "130", "361" before "361-1").
    parts = re.split(r"(\d+)", str(value))
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p)


def _ordered(value: Any, order: dict[str, Any]) -> Any:
    if isinstance(value, dict):
        known = [k for k in order if k in value]
        # Keys the schema does not name (free-form maps such as a count's `extra`) keep the
        # author's order, which may carry meaning; in records they are schema errors anyway.
        unknown = [k for k in value if k not in order]
        return {k: _ordered(value[k], order.get(k, {})) for k in known + unknown}
    if isinstance(value, list):
        return [_ordered(item, order) for item in value]
    return value


def split_header(text: str) -> tuple[str, list[int]]:
    """The leading comment block, and the lines of any other comments (which formatting drops)."""
    lines = text.splitlines()
    header: list[str] = []
    for line in lines:
        if line.startswith("#") or (header and not line.strip()):
            header.append(line)
        else:
            break
    while header and not header[-1].strip():
        header.pop()
    lost = [number for number in comment_lines(text) if number > len(header)]
    return "\n".join(header), lost


def comment_lines(text: str) -> list[int]:
    """The line of every comment, whole-line or at the end of a line ("key: value  # note").

    PyYAML's scanner drops comments but marks where each token starts and ends; a "#" that lies
    outside every token is a comment, and one inside a token is text (a URL's "#anchor", "a#b").
    """
    try:
        tokens = list(yaml.scan(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        # Unreadable YAML is reported by the loader; here, count whole-line comments only.
        return [n for n, line in enumerate(text.splitlines(), start=1) if line.lstrip().startswith("#")]
    spans: list[tuple[int, int]] = []
    found: set[int] = set()
    for token in tokens:
        start, end = token.start_mark.index, token.end_mark.index
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            # A block scalar's token also covers its header line, which may end in a comment.
            line_end = text.find("\n", start)
            header = text[start:line_end if line_end != -1 else len(text)]
            if "#" in header:
                found.add(text.count("\n", 0, start) + 1)
        if end > start:  # zero-width tokens (block ends, implicit keys) cover nothing
            spans.append((start, end))
    spans.sort()
    starts = [s for s, _ in spans]
    for match in re.finditer("#", text):
        at = match.start()
        index = bisect.bisect_right(starts, at) - 1
        if index >= 0 and spans[index][0] <= at < spans[index][1]:
            continue
        found.add(text.count("\n", 0, at) + 1)
    return sorted(found)

