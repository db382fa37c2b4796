"""Path patterns over parsed kb files: ``*`` for any key or item, ``**`` for any depth, in document order."""

from __future__ import annotations

from archkb.kb.references import match, nodes

DATA = {"id": "a", "items": [{"id": "b", "cite": "s#x"}, {"more": {"id": "c"}}], "cite": ["s#y"]}


def test_every_node_comes_once_with_its_path_in_document_order() -> None:
    paths = [path for path, _ in nodes(DATA)]
    assert paths == [
        (),
        ("id",),
        ("items",),
        ("items", 0),
        ("items", 0, "id"),
        ("items", 0, "cite"),
        ("items", 1),
        ("items", 1, "more"),
        ("items", 1, "more", "id"),
        ("cite",),
        ("cite", 0),
    ]


def test_patterns_name_keys_items_and_depths() -> None:
    assert list(match(DATA, ("**", "id"))) == [
        (("id",), "a"),
        (("items", 0, "id"), "b"),
        (("items", 1, "more", "id"), "c"),
    ]
    assert list(match(DATA, ("items", "*", "id"))) == [(("items", 0, "id"), "b")]
    assert list(match(DATA, ("cite", "*"))) == [(("cite", 0), "s#y")]
    assert list(match(DATA, ("items", 1))) == [(("items", 1), {"more": {"id": "c"}})]
    assert list(match(DATA, ("missing", "*"))) == []
    assert list(match(DATA, ("**", "cite"))) == [(("cite",), ["s#y"]), (("items", 0, "cite"), "s#x")]
