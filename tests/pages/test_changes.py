"""What changed: fact history, updates and disagreements, source revisions."""

from __future__ import annotations

from archkb import urls
from archkb.pages import changes


def test_service_types_before_and_after_october_2023(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = changes.page(real_kb)
    fact = real_kb.facts["secure-k8s-gateway.service_types"]
    section = md[md.index(f"{{#{urls.history_anchor(fact)}}}") :]
    table = section[: section.index("The current fact")]
    assert "until 2023-10" in table and "since 2023-10" in table
    before, after = table.split("since 2023-10")
    assert real_kb.label("clusterip") not in before.split("until 2023-10")[1]
    assert real_kb.label("clusterip") in after


def test_every_update_and_disagreement_is_listed(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = changes.page(real_kb)
    notes = [n for f in real_kb.facts.values() for n in f.notes if n.kind in ("update", "disagreement")]
    assert notes
    assert not [n.id for n in notes if f"#{urls.note_anchor(n)})" not in md]


def test_revisions_newest_first(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = changes.page(real_kb)
    md = md[md.index("{#revisions}") :]
    dates = [r.date for s in real_kb.sources.values() for r in s.revisions]
    positions = [md.index(f"**{d}**") for d in sorted(dates, reverse=True)]
    assert positions == sorted(positions)


def test_titles_not_ids_and_the_current_docs_stage_is_dated(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = changes.page(real_kb)
    assert "qa-clusterip-external-ce:" not in md and "no-podsecuritypolicies:" not in md
    assert "Exposing ClusterIP Services when the CE sits outside the cluster: Answer" in md
    history = md[md.index("## Facts that changed") : md.index("## Updates")]
    assert "| as of 2025-11, another source |" in history, (
        "the third stage of the gateway's Service types is in the dated history"
    )
