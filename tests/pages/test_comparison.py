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
    assert (
        cells[1 + order.index("vk8s")].startswith("✗")
        and real_kb.restrictions["no-crds"].name in cells[1 + order.index("vk8s")]
    )
    assert cells[1 + order.index("mk8s")].startswith("✓")


def test_an_unstated_field_reads_not_stated_never_a_dash(real_kb) -> None:  # type: ignore[no-untyped-def]
    """vK8s and mK8s leave their Service types open: the cell says so, instead of "—" plus a badge."""
    md = comparison.page(real_kb)
    row = next(ln for ln in md.splitlines() if ln.startswith(f"| **{field_label(real_kb, 'service_types')}** |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    order = [a.id for a in real_kb.architectures]
    for arch in ("vk8s", "mk8s"):
        assert cells[1 + order.index(arch)].startswith("Not stated in the sources"), cells
    structured = md[: md.index("## ", md.index("## Structured fields") + 3)]
    assert "— <span" not in structured and "| — |" not in structured


def test_a_capability_only_our_inference_rules_out_is_marked_open(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = comparison.page(real_kb)
    row = next(
        ln for ln in md.splitlines() if ln.startswith("| ") and real_kb.label("run-privileged-pods") in ln.split("|")[1]
    )
    cells = [c.strip() for c in row.strip("|").split("|")]
    vk8s = cells[1 + [a.id for a in real_kb.architectures].index("vk8s")]
    assert vk8s.startswith("? ") and "low confidence" in vk8s, vk8s
