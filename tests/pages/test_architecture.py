"""Architecture pages: every section the issue lists, from the facts."""

from __future__ import annotations

import re

from archkb import urls
from archkb.pages import architecture

from ..sitekit import render_markdown


def test_sections_of_each_architecture(real_kb) -> None:  # type: ignore[no-untyped-def]
    bad = []
    for arch in real_kb.architectures:
        md = architecture.page(real_kb, arch, "alt")
        expected = [
            "{#diagram}",
            "{#how-it-works}",
            "{#at-a-glance}",
            "{#needs}",
            "{#setup}",
            "{#exposes}",
            "{#capabilities}",
            "{#concepts}",
        ]
        expected.append("{#sources-cited}")
        expected += (
            ["{#restrictions}"] if real_kb.restrictions_for(arch.id) or real_kb.restrictions_lifted_by(arch.id) else []
        )
        expected += [
            f"{{#{n.replace('_', '-')}}}"
            for n in ("use_cases", "advantages", "limits", "traffic_controls")
            if arch.lists.get(n)
        ]
        bad += [f"{arch.id}: {e}" for e in expected if e not in md]
    assert not bad, bad


def test_diagram_slot(real_kb) -> None:  # type: ignore[no-untyped-def]
    arch = real_kb.architecture("vk8s")
    with_diagram = architecture.page(real_kb, arch, 'A "diagram" <of> vK8s')
    assert f"](../{urls.diagram_file('vk8s')})" in with_diagram
    html = render_markdown(with_diagram)
    short = re.search(r'<img alt="([^"]*)"', html)
    assert short and short.group(1) == f"Diagram of {arch.reading}, described in text below it"
    assert 'A "diagram" &lt;of&gt; vK8s' in html.split("The diagram as text", 1)[1], "the long description"
    without = architecture.page(real_kb, arch, None)
    assert "diagrams/" not in without and "Diagram not rendered" in without


def test_restrictions_and_lifts(real_kb) -> None:  # type: ignore[no-untyped-def]
    vk8s = architecture.page(real_kb, real_kb.architecture("vk8s"), None)
    mk8s = architecture.page(real_kb, real_kb.architecture("mk8s"), None)
    for r in real_kb.restrictions_for("vk8s"):
        assert f"(../restrictions.md#{urls.fact_anchor(r.fact)})" in vk8s
    lifted = real_kb.restrictions_lifted_by("mk8s")
    assert lifted and "Restrictions it lifts" in mk8s
    assert all(f"#{urls.fact_anchor(r.fact)})" in mk8s for r in lifted)


def test_exposure_conditions_are_admonitions_linked_to_the_qa(real_kb) -> None:  # type: ignore[no-untyped-def]
    arch = real_kb.architecture("secure-k8s-gateway")
    md = architecture.page(real_kb, arch, None)
    assert arch.exposure_conditions
    for cond in arch.exposure_conditions:
        assert f'id="{urls.fact_anchor(cond)}"' in md
    assert '!!! tip "Condition for' in md
    assert "](../qa.md#" in md


def test_history_is_announced_with_a_link_to_what_changed(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = architecture.page(real_kb, real_kb.architecture("secure-k8s-gateway"), None)
    fact = real_kb.facts["secure-k8s-gateway.service_types"]
    assert f"(../changes.md#{urls.history_anchor(fact)})" in md
    assert "until 2023-10" in md


def test_check_yourself_block_only_on_a_site_with_the_quiz(real_kb) -> None:  # type: ignore[no-untyped-def]
    arch = real_kb.architecture("vk8s")
    with_quiz = architecture.page(real_kb, arch, None, check=True)
    assert "## Check yourself {#check-yourself}" in with_quiz and 'data-architecture="vk8s"' in with_quiz
    assert with_quiz.index("{#check-yourself}") > with_quiz.index("{#concepts}"), (
        "appended after the page's own sections"
    )
    html = render_markdown(with_quiz)
    assert 'class="archkb-check"' in html and 'href="../quiz.md"' in html
    assert "check-yourself" not in architecture.page(real_kb, arch, None)


def test_the_articles_aliases_are_on_the_architecture_pages(real_kb) -> None:  # type: ignore[no-untyped-def]
    wanted = {"k8s-site": "running your CE as a pod", "vk8s": "managed Namespace", "mk8s": "physical K8s"}
    for arch_id, alias in wanted.items():
        assert alias in architecture.page(real_kb, real_kb.architecture(arch_id)), arch_id
    assert "pK8s" in architecture.page(real_kb, real_kb.architecture("mk8s"))


def test_the_gateway_page_gives_the_ingress_on_nodeport_workaround(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = architecture.page(real_kb, real_kb.architecture("secure-k8s-gateway"))
    assert "ingress controller in the cluster, expose it as a NodePort Service" in md


def test_restrictions_read_in_agreement_and_lifted_ones_once_per_place(real_kb) -> None:  # type: ignore[no-untyped-def]
    site = architecture.page(real_kb, real_kb.architecture("k8s-site"))
    assert '!!! warning "1 restriction applies"' in site
    mk8s = architecture.page(real_kb, real_kb.architecture("mk8s"))
    lifted = len(real_kb.restrictions_lifted_by("mk8s"))
    assert f"mK8s lifts {lifted} restrictions of vK8s:" in mk8s
    assert "which applies to" not in mk8s
