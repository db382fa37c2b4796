"""The restrictions page."""

from __future__ import annotations

from archkb import urls
from archkb.pages import restrictions


def test_each_restriction_has_a_section_with_its_relations(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = restrictions.page(real_kb)
    for r in real_kb.restrictions.values():
        assert f"{{#{urls.fact_anchor(r.fact)}}}" in md
    operators = md[md.index("{#no-operators}") :]
    operators = operators[: operators.find("\n## ")]
    assert "**Follows from:**" in operators and "(#no-crds)" in operators and "(#no-clusterroles)" in operators
    crds = md[md.index("{#no-crds}") :]
    assert "**Leads to:**" in crds[: crds.find("\n## ")]


def test_intro_counts_what_lifts_what(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = restrictions.page(real_kb)
    count = len(real_kb.restrictions_for("vk8s"))
    lifted = sum(1 for r in real_kb.restrictions_for("vk8s") if r.lifted_by)
    assert f"{count} restrictions apply to" in md and f"{lifted} of them are lifted by" in md
