"""The canonical form of a data file: entries sorted by id, keys in the schema's order, dates and
numbers-as-text quoted, one way to write everything.

One form means two contributors adding records at once touch different lines, so merges rarely
conflict. The comment block at the top of a file is kept; comments elsewhere cannot be placed
back reliably, so `comments_lost` names their lines and the command line says so.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_LOOKS_TYPED = re.compile(
    r"^(?:[-+]?[0-9][0-9_.:eE+-]*|~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|\.inf|\.nan)$"
)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key ("cases:\n  - arrested: ...").
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    style = '"' if _LOOKS_TYPED.match(value) or value == "" else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def key_order(schema: dict[str, Any], node: dict[str, Any] | None = None) -> dict[str, Any]:
    """{'key': subtree} in the schema's property order, following $ref into $defs."""
    node = node if node is not None else schema
    node = _resolve(schema, node)
    if node.get("type") == "array" or "items" in node:
        return key_order(schema, node.get("items", {}))
    order: dict[str, Any] = {}
    for name, sub in node.get("properties", {}).items():
        order[name] = key_order(schema, sub) if isinstance(sub, dict) else {}
    return order


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node and "#/$defs/" in node["$ref"]:
        node = schema["$defs"][node["$ref"].split("/")[-1]]
    return node


def canonical(entries: list[Any], order: dict[str, Any], header: str = "", key: str = "id") -> str:
    """The canonical text of a list file."""
    ordered = [_ordered(e, order) for e in sorted(entries, key=lambda e: _sort_key(e, key))]
    body = yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    # A blank line between entries makes the file easy to scan and diffs easy to read.
    body = re.sub(r"\n(?=- )", "\n\n", body)
    return (header + "\n\n" if header else "") + body


def _sort_key(entry: Any, key: str) -> tuple:
    value = entry.get(key, "") if isinstance(entry, dict) else ""
    # Article numbers sort as numbers ("13" before "130", "361" before "361-1").
    parts = re.split(r"(\d+)", str(value))
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p)


def _ordered(value: Any, order: dict[str, Any]) -> Any:
    if isinstance(value, dict):
        known = [k for k in order if k in value]
        unknown = sorted(k for k in value if k not in order)
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
    lost = [number for number, line in enumerate(lines, start=1)
            if number > len(header) and re.match(r"^\s*#", line)]
    return "\n".join(header), lost
