"""Value records: equality, hash, repr and replace over __slots__, as the dataclasses they replace."""

from __future__ import annotations

import pytest
from archkb.values import Value


class Point(Value):
    __slots__ = ("x", "y", "tags")

    def __init__(self, x: int, y: int = 0, tags: tuple[str, ...] = ()) -> None:
        self.x = x
        self.y = y
        self.tags = tags


class Other(Point):
    """Same fields, other class: never equal to a Point."""

    __slots__ = ()


def test_equal_by_fields_and_type() -> None:
    assert Point(1, 2) == Point(1, 2)
    assert Point(1, 2) != Point(1, 3)
    assert Point(1, 2) != Other(1, 2) and Other(1, 2) != Point(1, 2), "records of different classes are never equal"
    assert Point(1, 2) != (1, 2, ())


def test_hash_follows_equality() -> None:
    assert len({Point(1, 2), Point(1, 2), Point(2, 1)}) == 2


def test_replace_changes_only_the_named_fields() -> None:
    base = Point(1, 2, ("a",))
    moved = base.replace(y=5)
    assert moved == Point(1, 5, ("a",)) and base == Point(1, 2, ("a",))


def test_replace_rejects_an_unknown_field() -> None:
    with pytest.raises(TypeError, match="Point has no field z"):
        Point(1).replace(z=3)


def test_repr_names_every_field() -> None:
    assert repr(Point(1, 2)) == "Point(x=1, y=2, tags=())"


def test_no_attributes_beyond_the_fields() -> None:
    with pytest.raises(AttributeError):
        Point(1).z = 3  # type: ignore[attr-defined]
