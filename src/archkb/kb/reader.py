"""Read kb/ YAML files strictly into plain data plus the line and column of every node.

PyYAML fails quietly in ways a knowledge base must not: it keeps the last of two duplicate keys,
reads ``no`` as False, ``010`` as 8, ``1:10`` as 70 and ``2024-01-02`` as a date, expands aliases
(alias bombs) and accepts any top-level value. This module builds the data itself from the parser's
event stream (libyaml's C parser where present), so that:

* only ``true``/``false``, ``null``/``~``/empty and plain decimal integers are resolved; every other
  plain scalar is kept as the string that was written;
* duplicate keys, anchors, aliases, explicit tags, several documents, non-mapping top levels,
  nesting deeper than :data:`MAX_DEPTH` and files over :data:`MAX_BYTES` are errors;
* bytes must be UTF-8 without NUL;
* every problem carries ``path:line:col`` (1-based).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import KBError, Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 40

Loc = tuple[int, int]
PathKey = tuple[Any, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

#: libyaml's parser where PyYAML was built with it, else the pure-Python one.
DEFAULT_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Document:
    """One parsed kb file: its data and where each node came from."""

    path: str
    data: Any
    marks: dict[PathKey, Loc] = field(default_factory=dict, compare=False)
    key_marks: dict[PathKey, Loc] = field(default_factory=dict, compare=False)
    name: str = ""  # path relative to the kb folder, POSIX style

    def where(self, path: PathKey, key: bool = False) -> Loc:
        """The 1-based (line, col) of the node at ``path`` (or of its key), else of its nearest parent."""
        marks = self.key_marks if key and tuple(path) in self.key_marks else self.marks
        path = tuple(path)
        while path not in marks and path:
            path = path[:-1]
        return marks.get(path, (1, 1))

    def problem(self, path: PathKey, message: str, key: bool = False) -> Problem:
        line, col = self.where(path, key)
        return Problem(self.path, line, col, message)


def resolve_plain(text: str) -> Any:
    """The value of a plain (unquoted) scalar under archkb's deliberately small YAML core."""
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    return text


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text of a kb file, or a KBError saying where the first bad byte is."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KBError(
            [Problem(path, 1, 1, "file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8")]
        )
    if b"\x00" in raw:
        return _bad_byte(raw, raw.index(b"\x00"), path, "NUL byte in file; kb files are UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return _bad_byte(
            raw, err.start, path, f"byte 0x{raw[err.start]:02X} is not valid UTF-8; save the file as UTF-8"
        )
    return text.removeprefix("\ufeff")


def _bad_byte(raw: bytes, offset: int, path: str, message: str) -> str:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    raise KBError([Problem(path, line, col, message)])


def read_document(path: Path, display: str | None = None, loader: type = DEFAULT_LOADER, name: str = "") -> Document:
    """Read and parse one kb file; raise KBError with every problem found in it."""
    shown = display or str(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise KBError(
            [Problem(shown, 1, 1, f"file is {size} bytes, over the {MAX_BYTES}-byte cap for a kb file; split it")]
        )
    doc = parse(decode(path.read_bytes(), shown), shown, loader)
    return Document(doc.path, doc.data, doc.marks, doc.key_marks, name or path.name)


def parse(text: str, path: str, loader: type = DEFAULT_LOADER) -> Document:
    """Parse YAML text into a :class:`Document`; raise KBError with every problem found."""
    builder = _Builder(path, text)
    try:
        events = loader(text)  # the pure-Python reader checks every character here, libyaml while parsing
    except yaml.reader.ReaderError as err:
        raise KBError([_unreadable(err, text, path)]) from None
    try:
        builder.run(events)
    except yaml.reader.ReaderError as err:
        builder.problems.append(_unreadable(err, text, path))
    except yaml.MarkedYAMLError as err:
        builder.syntax_error(err)
    except _Stop:
        pass
    finally:
        events.dispose()
    if builder.problems:
        raise KBError(builder.problems)
    return Document(path, builder.root, builder.marks, builder.key_marks)


def _unreadable(err: yaml.reader.ReaderError, text: str, path: str) -> Problem:
    """A character YAML does not allow in a file (a control character, U+FFFE...), where it is."""
    at = err.position
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    code = err.character if isinstance(err.character, int) else ord(err.character)
    return Problem(path, line, col, f"control or special character U+{code:04X} is not allowed in kb files; remove it")


class _Stop(Exception):
    """Parsing cannot go on (the problem is already recorded)."""


def _loc(mark: Any) -> Loc:
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Builds plain data from YAML events with an explicit stack (deep input cannot recurse)."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []
        self.marks: dict[PathKey, Loc] = {}
        self.key_marks: dict[PathKey, Loc] = {}
        self.root: Any = None
        self.documents = 0
        # stack items: [container, path, pending_key, first_key_locs]
        self.stack: list[list[Any]] = []

    def fail(self, mark: Any, message: str, stop: bool = False) -> None:
        line, col = _loc(mark)
        self.problems.append(Problem(self.path, line, col, message))
        if stop:
            raise _Stop

    def syntax_error(self, err: yaml.MarkedYAMLError) -> None:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or str(err)
        if "nesting depth" in problem:
            problem = f"nesting too deep; kb files are shallow (at most {MAX_DEPTH} levels)"
        elif "\\t" in problem or "\t" in problem or _char_at(self.text, mark) == "\t":
            problem = "tab character in indentation; indent with spaces"
        else:
            problem = f"invalid YAML: {problem}"
            if err.context:
                problem += f" ({err.context})"
        self.fail(mark, problem)

    def run(self, loader: Any) -> None:
        while True:
            event = loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                break
            self.handle(event)
        if self.documents == 0:
            self.problems.append(
                Problem(
                    self.path, 1, 1, "file is empty or only comments; a kb file is a mapping that starts with `kind:`"
                )
            )

    def handle(self, event: Any) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fail(
                    event.start_mark,
                    "several YAML documents in one file (a second `---`); keep one document per file",
                    stop=True,
                )
        elif isinstance(event, yaml.AliasEvent):
            self.fail(
                event.start_mark, f"alias *{event.anchor} is not allowed in kb files; write the value out", stop=True
            )
        elif isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.check_node(event)
            self.node(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            container, path, _, _ = self.stack.pop()
            if not self.stack:
                self.root = container

    def check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self.fail(event.start_mark, f"anchor &{event.anchor} is not allowed in kb files; write values out")
        tag = event.tag
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            if isinstance(event, yaml.ScalarEvent) and event.implicit[0]:
                return
            self.fail(
                event.start_mark,
                f"explicit tag {tag} is not allowed in kb files",
                stop=tag.startswith("tag:yaml.org,2002:python"),
            )

    def node(self, event: Any) -> None:
        if isinstance(event, yaml.ScalarEvent):
            plain = not event.style and event.tag is None  # libyaml says '' where PyYAML says None
            value: Any = resolve_plain(event.value) if plain else event.value
            self.place(value, event)
            return
        if len(self.stack) >= MAX_DEPTH:
            self.fail(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels; kb files are shallow", stop=True)
        container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
        path = self.place(container, event)
        if path is not None:
            self.stack.append([container, path, None, {}])

    def place(self, value: Any, event: Any) -> PathKey | None:
        """Put a new node where it belongs; return its path (None when it was a mapping key)."""
        loc = _loc(event.start_mark)
        if not self.stack:
            if not isinstance(value, dict):
                kind = "a list" if isinstance(value, list) else f"the scalar {value!r}"
                self.fail(
                    event.start_mark, f"top level must be a mapping that starts with `kind:`, not {kind}", stop=True
                )
            self.marks[()] = loc
            return ()
        top = self.stack[-1]
        container, path, pending, firsts = top
        child: PathKey
        if isinstance(container, list):
            child = path + (len(container),)
            container.append(value)
        elif pending is None:
            self.key(top, event)
            return None
        else:
            child = path + (pending,)
            top[2] = None
            if pending is not _DUPLICATE:
                container[pending] = value
        self.marks[child] = loc
        return child

    def key(self, top: list[Any], event: Any) -> None:
        container, path, _, firsts = top
        if not isinstance(event, yaml.ScalarEvent):
            self.fail(event.start_mark, "mapping keys must be plain words, not lists or mappings", stop=True)
        name = event.value
        loc = _loc(event.start_mark)
        if name in firsts:
            first = firsts[name]
            self.fail(
                event.start_mark, f"duplicate key '{name}' (first at line {first[0]}, again at line {loc[0]}); keep one"
            )
            top[2] = _DUPLICATE
            return
        firsts[name] = loc
        self.key_marks[path + (name,)] = loc
        top[2] = name


_DUPLICATE = object()


def _char_at(text: str, mark: Any) -> str:
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if mark.column < len(line) else ""
