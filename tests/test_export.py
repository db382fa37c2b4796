"""The JSON export of the resolved KB: complete, deterministic, free of machine paths."""

from __future__ import annotations

import json

from archkb.export import kb_to_json


def test_every_fact_is_exported_with_id_citation_and_history(real_kb) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(kb_to_json(real_kb))
    facts = data["facts"]
    assert set(facts) == set(real_kb.facts)
    for ident, fact in facts.items():
        assert fact["id"] == ident and fact["cites"], ident
        assert fact["confidence"] in {"high", "medium", "low"}
    history = facts["secure-k8s-gateway.service_types"]["history"]
    assert history and history[0]["until"] == "2023-10"


def test_export_is_deterministic_and_has_no_machine_paths(real_kb) -> None:  # type: ignore[no-untyped-def]
    text = kb_to_json(real_kb)
    assert text == kb_to_json(real_kb)
    for leak in ("/home/", "/tmp/", "/root/", "site-packages", "/work/"):
        assert leak not in text


def test_export_holds_the_kb_not_its_lookup_index(real_kb) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(kb_to_json(real_kb))
    assert not [key for key in data if key.startswith("_")], (
        "private fields such as the model's _index are not KB content"
    )
    assert {"architectures", "concepts", "facts", "sources"} <= set(data)
