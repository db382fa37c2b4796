"""Value records for the quiz's start path: equality, hash, repr and ``replace`` over ``__slots__``.

A dataclass would give the same, but importing :mod:`dataclasses` and building each class costs
about 10 ms, almost half of what the quiz may take to show its first question (the target and the
figures are in ``docs/performance.md``). Records the warm quiz start creates subclass :class:`Value`
and list their fields in ``__slots__``, in ``__init__`` order. They are not changed after creation:
equality and hashing assume it.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Self


class Value:
    """Compared, hashed and shown by the values of its ``__slots__``; copied with changes by :meth:`replace`."""

    __slots__: tuple[str, ...] = ()

    def fields(self) -> tuple[object, ...]:
        """The field values, in ``__slots__`` order."""
        return tuple(getattr(self, name) for name in self.__slots__)

    def replace(self, **changes: object) -> Self:
        """A copy with some fields changed (like :func:`dataclasses.replace`)."""
        unknown = sorted(set(changes) - set(self.__slots__))
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(unknown)}")
        return type(self)(**{name: changes.get(name, getattr(self, name)) for name in self.__slots__})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Value) and type(other) is type(self) and self.fields() == other.fields()

    def __hash__(self) -> int:
        return hash(self.fields())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={getattr(self, name)!r}' for name in self.__slots__)})"
