"""The comparison matrix."""

from __future__ import annotations

from archkb.kb.model import STRUCTURED_FIELDS
from archkb.pages import comparison
from archkb.pages.fields import field_label


def test_every_structured_field_is_a_row_with_a_cell_per_architecture(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = comparison.page(real_kb)
    for name in STRUCTURED_FIELDS:
        if not any(name in a.fields for a in real_kb.architectures):
            continue
        row = next(ln for ln in md.splitlines() if ln.startswith(f"| **{field_label(real_kb, name)}** |"))
        assert row.count(" | ") == len(real_kb.architectures), row


def test_blocked_capabilities_name_the_restriction(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = comparison.page(real_kb)
    row = next(ln for ln in md.splitlines() if ln.startswith("| ") and real_kb.label("create-crds") in ln.split("|")[1])
    cells = [c.strip() for c in row.strip("|").split("|")]
    order = [a.id for a in real_kb.architectures]
    assert cells[1 + order.index("vk8s")].startswith("✗") and real_kb.restrictions["no-crds"].name in cells[1 + order.index("vk8s")]
    assert cells[1 + order.index("mk8s")].startswith("✓")
