"""Read a YAML data file safely, keeping the line of every mapping, key and list item.

PyYAML's safe loader is the base; on top of it this loader refuses what a contributor never
needs and an attacker might send (anchors and aliases, custom tags, deep nesting, duplicate keys,
a byte-order mark, tabs, bytes that are not UTF-8), each with one clear message instead of a
traceback. Dates stay strings: the schema checks their form, and a partial date ("2021-03")
must not turn into something else on the way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NoReturn

import yaml
from yaml.constructor import SafeConstructor
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from volia.data.problems import NO_VALUE, DataError, Problem

MAX_DEPTH = 20  # a record is at most about 5 levels deep; far more is an attack or an accident
MAX_BYTES = 20 * 1024 * 1024

# A big list is parsed a few hundred entries at a time. libyaml composes a whole document into
# nodes before anything is built from them (each scalar with two position marks): for a records
# file of 20,000 entries that is about 700 MB at once, most of a build's peak memory, where a
# chunk's nodes are freed before the next chunk is read. The result is the same, lines included.
CHUNKED_FROM = 256 * 1024  # bytes of text: smaller files are parsed whole, as before
CHUNK_ENTRIES = 250
_ENTRY_START = re.compile(r"^-(?: |$)", re.MULTILINE)  # a top-level list item: "- id: …"
_HEAD_LINE = re.compile(r"[ \t]*(?:#.*)?")  # what may come before the first item: comments, blank lines


class Mapping(dict):
    """A dict that remembers its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]
    # (key, line, line of the first occurrence): reported by validation with the record's id,
    # because PyYAML would silently keep only the last value.
    duplicate_keys: list[tuple[str, int, int]]


class Sequence(list):
    """A list that remembers its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class _Refused(Exception):
    def __init__(self, line: int, message: str, value: object = NO_VALUE):
        super().__init__(message)
        self.line, self.message, self.value = line, message, value


class _Resolver(Resolver):
    pass


# Keep YAML's safe implicit types except timestamps (dates stay text) and YAML 1.1's yes/no/on/off
# booleans: `letters: {status: yes}` must stay the word "yes". Only true and false are booleans.
_DROPPED = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class _Constructor(SafeConstructor):
    # libyaml hands back the very same node object wherever an alias (*name) points, so a node
    # met twice is an alias: refusing it also defuses "billion laughs" expansions.
    def construct_document(self, node: Node) -> Any:
        self._seen: set[int] = set()
        self._depth = 0
        return super().construct_document(node)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if id(node) in self._seen:
            raise _Refused(node.start_mark.line + 1,
                           "anchors and aliases (&name, *name) are not allowed; write each value out in full")
        self._seen.add(id(node))
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(node.start_mark.line + 1, f"nested more than {MAX_DEPTH} levels deep")
        try:
            return super().construct_object(node, deep=deep)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> Mapping:
        result = Mapping()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        result.duplicate_keys = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refused(key_node.start_mark.line + 1, "a key must be plain text")
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in result:
                result.duplicate_keys.append((key, line, result.key_lines[key]))
                continue
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_sequence(self, node: SequenceNode, deep: bool = False) -> Sequence:
        result = Sequence(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result

    def construct_undefined(self, node: Node) -> NoReturn:
        if node.tag == "tag:yaml.org,2002:merge":  # `<<:` resolves to this tag; name what was written
            raise _Refused(node.start_mark.line + 1,
                           "the merge key << is not allowed; write each field out in full")
        raise _Refused(
            node.start_mark.line + 1,
            f"the tag {node.tag!r} is not allowed; write plain values without tags",
        )


_Constructor.add_constructor("tag:yaml.org,2002:map", _Constructor.construct_mapping)  # type: ignore[type-var]
_Constructor.add_constructor("tag:yaml.org,2002:seq", _Constructor.construct_sequence)  # type: ignore[type-var]
_Constructor.add_constructor(None, _Constructor.construct_undefined)  # type: ignore[type-var]


class _Loader(CParser, _Constructor, _Resolver):
    """libyaml (C) scans, parses and composes — ten times faster than pure Python on a big file;
    the checks on what was composed happen in _Constructor, in Python."""

    def __init__(self, stream: str):
        CParser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


def load_yaml(path: Path, shown_as: str) -> Any:
    """Parse one YAML file; any reason it cannot be read becomes one Problem in a DataError."""
    return parse_yaml(read_text(path, shown_as), shown_as)


def read_text(path: Path, shown_as: str) -> str:
    """The file's text, refused (a DataError) when it is not plain UTF-8 YAML a person would write."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _file_error(shown_as, 1, f"cannot read the file ({exc.strerror})") from None
    return decode(raw, shown_as)


def parse_yaml(text: str, shown_as: str, chunk: int = CHUNK_ENTRIES) -> Any:
    """Parse YAML text already read and decoded (load_yaml's second half; the preview parses one
    record's lines this way, after as many empty lines as came before it, so its lines stay right)."""
    if len(text) >= CHUNKED_FROM or chunk != CHUNK_ENTRIES:
        entries = _parse_in_chunks(text, chunk)
        if entries is not None:
            return entries
    return _parse_whole(text, shown_as)


def split_entries(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The file's head (comments before the first entry) and each entry's (first line, text)."""
    starts = [m.start() for m in _ENTRY_START.finditer(text)]
    if not starts:
        return text, []
    entries, line = [], text.count("\n", 0, starts[0]) + 1
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
        entries.append((line, text[begin:end]))
        line += text.count("\n", begin, end)
    return text[:starts[0]], entries


def _parse_in_chunks(text: str, chunk: int) -> Sequence | None:
    """The top-level list parsed `chunk` items at a time; None when the text is anything but a plain
    list (a head that is not comments, a chunk that fails or is not a list): the whole text is then
    parsed in one piece, which reports any problem exactly as it always has. An alias to an anchor
    in another chunk fails here too, and is refused there."""
    head, entries = split_entries(text)
    if not entries or not all(_HEAD_LINE.fullmatch(line) for line in head.split("\n")):
        return None
    result = Sequence()
    result.item_lines = []
    for first in range(0, len(entries), chunk):
        line = entries[first][0]
        piece = "".join(entry for _, entry in entries[first:first + chunk])
        try:  # after as many empty lines as the file has above the chunk: its lines are the file's
            loader = _Loader("\n" * (line - 1) + piece)
            try:
                data = loader.get_single_data()
            finally:
                loader.dispose()
        except (yaml.YAMLError, _Refused, RecursionError):
            return None
        if not isinstance(data, Sequence):
            return None
        result.extend(data)
        result.item_lines.extend(data.item_lines)
    result.line = result.item_lines[0]
    return result


def _parse_whole(text: str, shown_as: str) -> Any:
    try:
        loader = _Loader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except _Refused as exc:
        raise DataError([Problem(shown_as, exc.line, "", "", exc.value, exc.message)]) from None
    except yaml.MarkedYAMLError as exc:
        line, message = explain(exc, text)
        raise _file_error(shown_as, line, message) from None
    except yaml.YAMLError as exc:
        raise _file_error(shown_as, 1, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise _file_error(shown_as, 1, "nested too deeply to read") from None


# PyYAML's words for a broken file, said for someone who edits YAML by hand. Each explanation is
# followed by the line and the line above it, with how far each is indented.
_INDENTATION = ("this line is not indented like the lines above it: the fields of one entry start in the same "
                "column, a field inside another (under cases:, sentence:, name: …) two spaces further in, and "
                "each list item (- …) in the column of the list's other items")
_PLAIN_WORDS = (
    ("did not find expected key", _INDENTATION),
    ("did not find expected '-' indicator", _INDENTATION),
    ("expected <block end>", _INDENTATION),
    ("mapping values are not allowed", "a ': ' inside a value, or a field indented further than the line above "
                                       "it: put a text that holds ': ' in quotes (title: 'Viasna: a statement'), "
                                       "or indent the field like the fields around it"),
    ("could not find expected ':'", "a line without a ':' after its field name: write each field as "
                                    "'name: value' on one line (a long text in quotes)"),
    ("found unexpected end of stream", "a quote opens here and is never closed: end the text with the same "
                                       "quote (\" or ') that starts it"),
    ("expected ',' or ']'", "a [ opens a list on this line and is not closed with ]: close it, or put a text "
                            "that starts with [ in quotes"),
    ("expected ',' or '}'", "a { opens a group on this line and is not closed with }: close it, or put a text "
                            "that starts with { in quotes"),
    ("cannot start any token", "a value starts with a character YAML keeps for itself (such as @, ` or %): "
                               "put the whole value in quotes"),
)


# A value that starts with a quote and does not end with it: `as_of: "2024-06-01`.
_QUOTE_LEFT_OPEN = re.compile(r"""^\s*(?:- )?[^\s#'"][^:]*:\s+(?:"(?:[^"\\]|\\.)*|'(?:[^']|'')*)\s*$""")


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line a YAML syntax error is on, and what to do about it in plain words."""
    what = exc.problem or exc.context or "malformed YAML"
    # "while scanning …" errors are found where the scanner gave up; the cause is where it began.
    mark = exc.context_mark if (exc.context or "").startswith(("while scanning", "while parsing a flow")) \
        and exc.context_mark \
        else exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    lines = text.splitlines()
    if "expected <document start>" in what:
        empty = next((n for n, t in enumerate(lines[:line], start=1) if t.strip() in ("[]", "{}")), 0)
        if empty:
            held = lines[empty - 1].strip()
            return empty, (f"this line says the list is empty ({held}), and entries follow below it: replace {held} "
                           "with them, that is, delete this line (a list is either [] or its entries, each "
                           "starting with '- ')")
    # A quote left open swallows the lines below it, and YAML complains only where it gives up.
    opened = next((n for n in range(line, 0, -1) if n <= len(lines) and _QUOTE_LEFT_OPEN.match(lines[n - 1])), 0)
    if opened:
        line, what = opened, "found unexpected end of stream"
    plain = next((words for phrase, words in _PLAIN_WORDS if phrase in what), f"not valid YAML ({what})")
    return line, f"{plain}. {_shown_lines(lines, line)}"


def _shown_lines(lines: list[str], line: int) -> str:
    def shown(number: int) -> str:
        text = lines[number - 1] if 0 < number <= len(lines) else ""
        indent = len(text) - len(text.lstrip(" "))
        return f"“{text.strip()}” ({indent} space{'' if indent == 1 else 's'} in)"
    above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip() and not lines[n - 1].lstrip()
                  .startswith("#")), 0)
    here = f"Line {line}: {shown(line)}"
    return f"{here}; line {above} above it: {shown(above)}" if above else here


def decode(raw: bytes, shown_as: str) -> str:
    """The text of a file's bytes, refused (a DataError) when it is not plain UTF-8 YAML a person would write."""
    if len(raw) > MAX_BYTES:
        raise _file_error(shown_as, 1, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _file_error(shown_as, 1, "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _file_error(shown_as, line, f"byte {raw[exc.start]:#04x} is not UTF-8; save the file as UTF-8") from None
    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            raise _file_error(shown_as, number, "a tab in the indentation; indent with spaces")
    _check_depth(text, shown_as)
    return text


def _check_depth(text: str, shown_as: str) -> None:
    """Refuse deep nesting before libyaml's composer recurses into it (a crash, not an error).

    libyaml's event parser keeps its own stack, so walking its events is safe at any depth and
    exact: brackets inside quoted text do not count."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _file_error(shown_as, _line(event.start_mark), f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # malformed YAML: the real parse reports it with its line


def _file_error(shown_as: str, line: int, message: str) -> DataError:
    return DataError([Problem(shown_as, line, "", "", NO_VALUE, message)])


def _line(mark: Any) -> int:
    return mark.line + 1 if mark is not None else 1
