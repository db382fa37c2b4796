"""Consistency and coverage of the real knowledge base in kb/."""

from __future__ import annotations

import yaml

from archkb.kb import load_kb

from ..conftest import REAL_KB

REQUIRED_CONCEPTS = {
    "f5-xc", "regional-edge", "customer-edge", "customer-site", "virtual-site", "xc-mesh", "xc-app-stack",
    "ce-ha-cluster", "global-control-plane", "hosted-api-server", "kubeconfig", "serviceaccount", "nodeport",
    "clusterip", "cni", "ingress-controller", "service-discovery", "namespace", "operator", "crd", "clusterrole",
    "podsecuritypolicy",
}  # fmt: skip
VK8S_RESTRICTIONS = {
    "no-root-containers", "no-privileged-ports", "no-host-network", "no-crds", "no-clusterroles",
    "no-podsecuritypolicies", "no-namespace-creation", "no-operators",
}  # fmt: skip


def test_every_source_section_is_cited_by_a_fact(real_kb) -> None:  # type: ignore[no-untyped-def]
    cited = {str(c) for fact in real_kb.facts.values() for c in fact.cites}
    cited |= {str(c) for fact in real_kb.facts.values() for note in fact.notes for c in note.cites}
    cited |= {str(c) for fact in real_kb.facts.values() for entry in fact.history for c in entry.cites}
    missing = [f"{s.id}#{x.id}" for s in real_kb.sources.values() for x in s.sections if f"{s.id}#{x.id}" not in cited]
    assert not missing, "sections no fact cites:\n" + "\n".join(missing)


def test_the_article_and_its_five_comments_are_sources(real_kb) -> None:  # type: ignore[no-untyped-def]
    article = next(s for s in real_kb.sources.values() if s.kind == "article")
    assert (article.version, article.updated) == ("12.0", "2024-03-14")
    assert any(r.date == "2023-10" for r in article.revisions)
    comments = [s for s in real_kb.sources.values() if s.kind == "comment"]
    assert len(comments) == 5 and all(c.in_reply_to for c in comments)


def test_four_architectures_in_order_of_sophistication(real_kb) -> None:  # type: ignore[no-untyped-def]
    assert [(a.order, a.id) for a in real_kb.architectures] == [
        (1, "secure-k8s-gateway"),
        (2, "k8s-site"),
        (3, "vk8s"),
        (4, "mk8s"),
    ]


def test_first_two_need_mesh_only_last_two_app_stack(real_kb) -> None:  # type: ignore[no-untyped-def]
    needs = {a.id: set(a.value("needs")) for a in real_kb.architectures}
    assert "app-stack" not in needs["secure-k8s-gateway"] | needs["k8s-site"]
    assert all("app-stack" in needs[a] for a in ("vk8s", "mk8s"))


def test_architecture_one_history_of_service_types(real_kb) -> None:  # type: ignore[no-untyped-def]
    fact = real_kb.architecture("secure-k8s-gateway").fields["service_types"]
    assert set(fact.value) == {"nodeport", "clusterip"} and fact.since == "2023-10"
    assert [(h.value, h.until) for h in fact.history] == [(("nodeport",), "2023-10")]


def test_required_concepts_exist_with_definitions(real_kb) -> None:  # type: ignore[no-untyped-def]
    assert REQUIRED_CONCEPTS <= set(real_kb.concepts)
    abbreviations = {a for c in real_kb.concepts.values() for a in c.abbreviations}
    assert {"RE", "CE", "vK8s", "mK8s", "pK8s"} <= abbreviations
    assert {"hypervisor", "hyperscaler", "bare-metal", "kubernetes-pod"} <= set(
        real_kb.concepts["customer-edge"].runs_on
    )


def test_vk8s_restrictions_are_lifted_by_mk8s(real_kb) -> None:  # type: ignore[no-untyped-def]
    for rid in VK8S_RESTRICTIONS:
        restriction = real_kb.restrictions[rid]
        assert "vk8s" in restriction.applies_to and "mk8s" in restriction.lifted_by, rid
    assert set(real_kb.restrictions["no-operators"].follows_from) == {"no-crds", "no-clusterroles"}
    assert real_kb.restrictions["k8s-site-no-app-stack"].applies_to == ("k8s-site",)


def test_cni_table_answers_the_reader_question(real_kb) -> None:  # type: ignore[no-untyped-def]
    cells = {row.fact.value for row in real_kb.cni_table.rows}
    assert cells <= {"yes", "no", "conditional"} and {"yes", "no"} <= cells
    assert len(real_kb.cni_table.rows) >= 8


def test_every_fact_cites_a_source_and_has_a_confidence(real_kb) -> None:  # type: ignore[no-untyped-def]
    bad = [f.id for f in real_kb.facts.values() if not f.cites or f.confidence not in {"high", "medium", "low"}]
    assert not bad, bad


def test_pure_python_and_libyaml_loaders_give_the_same_model(real_kb) -> None:  # type: ignore[no-untyped-def]
    assert load_kb(REAL_KB, loader=yaml.SafeLoader) == real_kb


def test_every_architecture_has_a_reading_form(real_kb) -> None:  # type: ignore[no-untyped-def]
    assert {a.id: a.reading for a in real_kb.architectures} == {
        "secure-k8s-gateway": "the Secure K8s Gateway", "k8s-site": "the Kubernetes site",
        "vk8s": "vK8s", "mk8s": "mK8s",
    }  # fmt: skip


def test_confidence_comes_from_the_source_that_carries_the_claim(real_kb) -> None:  # type: ignore[no-untyped-def]
    """Microsoft's kubenet page, not the reader comment cited with it, makes the kubenet facts high;
    a blog's claim next to a kernel doc stays medium."""
    assert real_kb.facts["kubenet"].confidence == "high" and real_kb.facts["cni-aks-kubenet"].confidence == "high"
    notes = {n.id: n for n in real_kb.restrictions["no-privileged-ports"].fact.notes}
    assert notes["n-privileged-port-meaning"].confidence == "high" and notes["n-vk8s-high-ports"].confidence == "medium"
    assert (
        real_kb.facts["gw-adv-small-footprint"].confidence
        == real_kb.facts["qa-clusterip-a-nothing-installed"].confidence
        == "low"
    )


def test_mesh_keeps_the_articles_term_observability(real_kb) -> None:  # type: ignore[no-untyped-def]
    assert "observability" in (real_kb.concepts["xc-mesh"].definition.text or "")
