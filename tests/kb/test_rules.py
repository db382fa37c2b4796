"""The consistency rules: each documented, each able to fail (the broken fixtures prove it)."""

from __future__ import annotations

import pytest

from archkb.kb import rules

from ..conftest import FIXTURES, ROOT

#: The broken fixture that makes each rule fire.
FIRING_FIXTURE = {
    "orders_are_contiguous": "order-gap",
    "lifted_restrictions_do_not_apply": "applies-and-lifted",
    "derived_restrictions_follow": "derived-restriction-missing",
    "restrictions_do_not_contradict_capabilities": "capability-contradicts-restriction",
    "exposure_conditions_name_exposed_types": "condition-for-unexposed-type",
    "history_precedes_current": "history-without-since",
    "abbreviations_are_unique": "duplicate-abbreviation",
    "topology_groups_do_not_cycle": "topology-group-cycle",
    "topologies_agree_with_facts": "topology-contradicts-placement",
    "topologies_fit_a_diagram": "topology-too-many-nodes",
    "blocked_terms_have_one_cause": "blocks-with-two-causes",
    "cni_keys_agree_with_conditions": "cni-condition-keyed-yes",
    "comments_say_when": "comment-without-date",
    "confidence_rests_on_the_claim": "mixed-confidence-without-basis",
}


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.__name__)
def test_every_rule_is_listed_in_the_contributing_guide(rule) -> None:  # type: ignore[no-untyped-def]
    description = rules.describe(rule).replace("``", "`")
    assert f"   - {description}\n" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.__name__)
def test_every_rule_has_a_broken_fixture(rule) -> None:  # type: ignore[no-untyped-def]
    case = FIXTURES / "broken" / FIRING_FIXTURE[rule.__name__]
    assert (case / "expected.txt").is_file()


def test_real_kb_breaks_no_rule(real_kb) -> None:  # type: ignore[no-untyped-def]
    assert rules.check(real_kb) == []
