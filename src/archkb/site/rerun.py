"""Regenerate only what a KB change touches: remember what each generator read, compare on the next KB.

A *unit* is one generator call (an architecture page, the glossary, the quiz page, ...): a pure
function from the KB to Markdown files. :func:`regenerate` runs each unit on a :class:`RecordingKB`,
which hands out exactly what the real :class:`~archkb.model.KB` would and notes every attribute
read and every method call with its arguments, together with the value it returned. On the next
KB (``mkdocs serve`` after an edit), a unit whose recorded reads all give equal values again, and
whose other arguments are unchanged, keeps its files without running; any other unit runs again.

This is sound because the model is made of frozen dataclasses compared by value, and a unit sees
the KB only through the recorder: whatever it reads, at any depth, came from a recorded read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from ..gcpause import no_cycle_collection
from ..kb.model import KB

#: A read: ``(name,)`` for an attribute, ``(name, args)`` for a method call.
Read = tuple[Any, ...]
Render = Callable[[KB], dict[str, str]]


class RecordingKB:
    """A stand-in for a KB that records what is read from it (see the module docstring)."""

    __slots__ = ("_kb", "reads")

    def __init__(self, kb: KB) -> None:
        self._kb = kb
        self.reads: dict[Read, Any] = {}

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._kb, name)  # AttributeError for what a KB does not have
        if not callable(value):
            self.reads.setdefault((name,), value)
            return value

        def call(*args: Any) -> Any:
            result = _settled(value(*args))
            self.reads.setdefault((name, args), result)
            return result

        return call


def _settled(value: Any) -> Any:
    """A method's result, with a generator turned into a tuple so it can be compared later."""
    return tuple(value) if isinstance(value, Iterator) else value


def read_again(kb: KB, read: Read) -> Any:
    """What ``read`` gives on ``kb``."""
    value = getattr(kb, read[0])
    return _settled(value(*read[1])) if len(read) > 1 else value


def unchanged(kb: KB, reads: dict[Read, Any]) -> bool:
    """Whether every recorded read gives an equal value on ``kb`` (a read that now fails has changed)."""
    for read, before in reads.items():
        try:
            if read_again(kb, read) != before:
                return False
        except Exception:  # e.g. KeyError: the architecture it asked for is gone
            return False
    return True


@dataclass(frozen=True)
class Unit:
    """One generator call: its name (unique in a run), what it gets besides the KB, and the call."""

    name: str
    args: tuple[Any, ...]
    render: Render


@dataclass(frozen=True)
class Output:
    """What a unit produced, and what it read to produce it."""

    args: tuple[Any, ...]
    reads: dict[Read, Any]
    files: dict[str, str]


@dataclass(frozen=True)
class Generation:
    """The outcome of :func:`regenerate`: every unit's output, and which units ran this time."""

    outputs: dict[str, Output]
    ran: tuple[str, ...]

    def files(self) -> dict[str, str]:
        """Every unit's files together (path -> Markdown)."""
        return {path: text for output in self.outputs.values() for path, text in output.files.items()}


def run(kb: KB, unit: Unit) -> Output:
    """Run one unit on a recorder of ``kb``."""
    recorder = RecordingKB(kb)
    files = unit.render(cast(KB, recorder))  # the recorder answers every read a KB would
    return Output(unit.args, recorder.reads, files)


def regenerate(kb: KB, units: list[Unit], previous: Generation | None = None) -> Generation:
    """Every unit's output for ``kb``, running only the units whose reads or arguments changed since ``previous``."""
    before = previous.outputs if previous else {}
    outputs: dict[str, Output] = {}
    ran: list[str] = []
    with no_cycle_collection():  # units make many acyclic objects; see archkb.cycles
        for unit in units:
            old = before.get(unit.name)
            if old is not None and old.args == unit.args and unchanged(kb, old.reads):
                outputs[unit.name] = old
            else:
                outputs[unit.name] = run(kb, unit)
                ran.append(unit.name)
    return Generation(outputs, tuple(ran))
