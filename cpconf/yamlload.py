"""Read a YAML file safely, keeping the line of every value.

PyYAML's defaults are wrong for case files (docs/LIBRARIES.md): `10:00` becomes 600,
`no` becomes False, `2026-11-02` becomes a date that skips our own date checks,
and a repeated key silently wins. So we compose the node tree ourselves and
build plain values from it: plain scalars become null, true/false, decimal
numbers or strings; everything quoted stays a string; duplicate keys are
refused; aliases are followed under a budget so a "billion laughs" file cannot
hang or eat memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cpconf.errors import CaseError, Problem

try:  # the C parser is several times faster; the checks below are ours either way
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_NODES = 200_000  # values built, counting every expansion of an alias
MAX_DEPTH = 50  # nesting: a case file needs five or six levels
FLOW_LIMIT = 1000  # brackets deep, counted in the text before parsing (see _flow_depth_check)
MAX_BYTES = 5_000_000

# Whole numbers only: no field is a fraction, and `10.30` (a time), `1.50` or `2026_0142`
# (references) must stay as typed.
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

Loc = tuple[str | int, ...]


@dataclass
class Document:
    """Plain data read from a YAML file, with the 1-based line of every value."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # found while reading (duplicate keys)
    # (line, what) of each value still marked `# FILL IN` (a case file begun by `cpconf new`)
    todo: list[tuple[int, str]] = field(default_factory=list)

    def line(self, loc: Loc) -> int | None:
        """The line of `loc`, or of its nearest enclosing value (for a missing key)."""
        loc = tuple(loc)
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, self.line(loc), message)


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    # quoted or block scalars are always text; a plain scalar's style is None under
    # PyYAML's Python parser but '' under libyaml's, so test truthiness, not None
    if node.style:
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    return value  # dates, times, `no`, `on`, `0755`, `1.10`… stay as typed


class _Builder:
    def __init__(self, path: str):
        self.path = path
        self.lines: dict[Loc, int] = {}
        self.count = 0
        self.problems: list[Problem] = []
        self.open: set[int] = set()  # the collections being built: an alias back to one loops

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if id(node) in self.open:
            raise CaseError.single(
                self.path,
                "an alias refers to the value it is part of (as in `a: &a [*a]`)",
                node.start_mark.line + 1,
            )
        if len(loc) > MAX_DEPTH:
            raise CaseError.single(
                self.path,
                f"values are nested more than {MAX_DEPTH} levels deep; refusing to read it",
                node.start_mark.line + 1,
            )
        self.count += 1
        if self.count > MAX_NODES:
            raise CaseError.single(
                self.path,
                f"the file expands to more than {MAX_NODES:,} values (nested aliases?); "
                "refusing to read it",
                node.start_mark.line + 1,
            )
        self.lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        self.open.add(id(node))
        try:
            return self._collection(node, loc)
        finally:
            self.open.discard(id(node))

    def _collection(self, node: yaml.Node, loc: Loc) -> Any:
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.append(
                        Problem(
                            self.path,
                            key_node.start_mark.line + 1,
                            "merge keys (<<) are not supported in case files",
                        )
                    )
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append(
                        Problem(self.path, key_node.start_mark.line + 1, "a key must be plain text")
                    )
                    continue
                key = key_node.value
                if key in result:
                    first = self.lines.get((*loc, key))
                    self.problems.append(
                        Problem(
                            self.path,
                            key_node.start_mark.line + 1,
                            f"duplicate key '{key}'"
                            + (f" (first given on line {first})" if first else ""),
                        )
                    )
                    continue
                result[key] = self.build(value_node, (*loc, key))
                # point at the key's line: a value on the next line belongs to it
                self.lines[(*loc, key)] = key_node.start_mark.line + 1
            return result
        raise CaseError.single(self.path, "unexpected YAML node", node.start_mark.line + 1)


def read_text(path: Path, what: str = "case file") -> str:
    """The file's text, or a CaseError saying plainly why it cannot be read."""
    name = str(path)
    try:
        if not path.exists():
            raise CaseError.single(name, f"no such {what}")
        if path.is_dir():
            raise CaseError.single(name, f"this is a folder, not a {what}")
        if not path.is_file():  # a device or a pipe: reading it could block or never end
            raise CaseError.single(name, f"this is not a regular file, so not a {what}")
        if path.stat().st_size > MAX_BYTES:
            raise CaseError.single(
                name, f"the file is larger than {MAX_BYTES:,} bytes; is it a {what}?"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise CaseError.single(name, f"cannot read the {what}: {exc.strerror}") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CaseError.single(
            name, f"the {what} is saved as UTF-16 ('Unicode'): save it as UTF-8 text"
        )
    if b"\x00" in raw:
        raise CaseError.single(name, f"this is a binary file, not a YAML {what}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CaseError.single(name, "the file is not UTF-8 text: save it as UTF-8", line) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise CaseError.single(name, f"the {what} is empty")
    return text


# `cpconf new` marks each example value to replace with this comment: `name: Amy  # FILL IN: …`
FILL_IN = "FILL IN"
_FILL_IN = re.compile(r"(?:^|\s)#\s*FILL IN\b:?\s*(.*)$")


def still_to_fill_in(text: str) -> list[tuple[int, str]]:
    """Each line marked `# FILL IN`, with what its comment says is to go there."""
    if FILL_IN not in text:  # the usual case: one fast scan
        return []
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        m = _FILL_IN.search(line)
        if m:
            what = m.group(1).strip().rstrip(".")
            out.append((number, f"still to fill in{': ' + what if what else ''}"))
    return out


def _flow_depth_check(text: str, name: str) -> None:
    """Refuse flow collections nested past any use before libyaml sees them.

    libyaml's composer recurses in C: `[[[[…` fifty thousand deep crashes the process
    rather than raising. Block nesting needs an indent per level, so the file-size limit
    bounds it; flow brackets cost one character a level, so they are counted here (only
    when there are enough of them to matter: the count is cheap, the scan is not).
    """
    if text.count("[") + text.count("{") < FLOW_LIMIT:
        return
    depth = 0
    for line_no, line in enumerate(text.splitlines(), 1):
        for ch in line:
            if ch in "[{":
                depth += 1
                if depth > FLOW_LIMIT:  # brackets in quoted text count too: hence the margin
                    raise CaseError.single(
                        name,
                        f"values are nested more than {MAX_DEPTH} levels deep; refusing to read it",
                        line_no,
                    )
            elif ch in "]}":
                depth = max(0, depth - 1)


def parse_yaml(text: str, name: str) -> Document:
    """Parse YAML text into a Document, or raise CaseError naming the line."""
    _flow_depth_check(text, name)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (
            f"{exc.context}, {exc.problem}"  # e.g. "found duplicate anchor …, second occurrence"
            if exc.context and exc.problem
            else exc.problem or exc.context or "invalid YAML"
        )
        if exc.context == "while scanning a quoted scalar" and exc.context_mark:
            # an unclosed quote runs to the end of the file: say where it opens, not where
            # the file ends
            mark = exc.context_mark
            what = "a quoted string opens here and is never closed (a missing closing quote)"
        line = mark.line + 1 if mark else None
        lines = text.splitlines()
        at = (
            lines[mark.line][mark.column : mark.column + 1]
            if mark and mark.line < len(lines)
            else ""
        )
        if "tab" in what or at == "\t":
            what += " (a tab: indent with spaces, not tabs)"
        elif "mapping values are not allowed" in what:
            # `venue: Room 2: Town Hall`: a second ': ' in a value
            what = (
                "a value holds ': ' (a colon and a space), which YAML reads as a new key: "
                "put the value in quotes"
            )
        if mark:
            what += f", column {mark.column + 1}"
        raise CaseError.single(name, f"YAML syntax error: {what}", line) from None
    except yaml.YAMLError as exc:
        raise CaseError.single(name, f"YAML syntax error: {exc}") from None
    except RecursionError:  # PyYAML's pure-Python composer recurses per level of nesting
        raise CaseError.single(
            name, f"values are nested more than {MAX_DEPTH} levels deep; refusing to read it"
        ) from None
    finally:
        loader.dispose()
    if node is None:
        raise CaseError.single(name, "the file is empty")
    builder = _Builder(name)
    data = builder.build(node, ())
    # duplicate keys and the like are reported together with the model's problems
    return Document(name, data, builder.lines, builder.problems, still_to_fill_in(text))


def load_yaml(path: Path, what: str = "case file") -> Document:
    return parse_yaml(read_text(path, what), str(path))
