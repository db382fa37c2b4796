"""The prose lint: each check on a small text, on lines of the pages as they were before issue 15
(what it caught first), and on every page generated from the real KB (where it must find nothing)."""

from __future__ import annotations

import pytest

from archkb.pages import generate_pages, prose_lint
from archkb.pages.prose_lint import Vocabulary

from ..conftest import FIXTURES

PROSE = FIXTURES / "prose"
NO_IDS = Vocabulary(frozenset())


def rules_found(markdown: str, vocabulary: Vocabulary = NO_IDS) -> list[str]:
    return [f.rule for f in prose_lint.lint_page("page.md", markdown, vocabulary)]


@pytest.mark.parametrize(
    ("markdown", "rule"),
    [
        pytest.param(
            "## A\n\nThe site runs as pods in the cluster.\n\nThe site runs as pods in the cluster.\n",
            "repeated-sentence",
            id="sentence-twice",
        ),
        pytest.param(
            '## A\n\n??? note "Caveat: Ports under 1024 count as…"\n\n    Ports under 1024 count as privileged '
            "ports.\n",
            "repeated-sentence",
            id="cut-off-title",
        ),
        pytest.param("- 1 restriction apply to it.\n", "number-agreement", id="one-apply"),
        pytest.param("- 1 restrictions to it.\n", "number-agreement", id="one-plural"),
        pytest.param("- 3 restriction applies to it.\n", "number-agreement", id="three-applies"),
        pytest.param("See qa-clusterip-external-ce: Answer.\n", "id-in-text", id="id"),
        pytest.param("It runs (as pods (inside the cluster)).\n", "nested-aside", id="nested"),
        pytest.param("A (rules out pods); B (rules out pods).\n", "repeated-aside", id="aside-twice"),
        pytest.param("Topology of Kubernetes site.\n", "bare-name", id="bare-name"),
    ],
)
def test_each_check_fires(markdown: str, rule: str) -> None:
    vocabulary = Vocabulary(frozenset({"qa-clusterip-external-ce"}), (("Kubernetes site", "the Kubernetes site"),))
    assert rule in rules_found(markdown, vocabulary)


@pytest.mark.parametrize(
    "markdown",
    [
        pytest.param(
            "- 1 restriction applies to the Kubernetes site.\n- 3 restrictions apply to vK8s.\n", id="agreement"
        ),
        pytest.param("OpenShift 4.9 but was not sure. Architecture 1 gives more.\n", id="versions-and-names"),
        pytest.param(
            "| Name | Value |\n|---|---|\n| A long enough cell text here | x |\n| A long enough cell text here | y |\n",
            id="table-rows-repeat",
        ),
        pytest.param(
            "[the thread](qa.md#qa-clusterip-external-ce){ #anchor } and `no-crds`.\n", id="ids-in-links-and-code"
        ),
        pytest.param("In the Kubernetes site, in vK8s.\n", id="reading-forms"),
    ],
)
def test_careful_prose_passes(markdown: str) -> None:
    vocabulary = Vocabulary(
        frozenset({"qa-clusterip-external-ce", "no-crds"}),
        (("Kubernetes site", "the Kubernetes site"), ("vK8s", "vK8s")),
    )
    assert rules_found(markdown, vocabulary) == []


def test_what_the_lint_caught_first() -> None:
    """Lines of the pages generated before issue 15, and every finding on them (the golden file)."""
    vocabulary = Vocabulary(
        frozenset({"qa-clusterip-external-ce", "no-podsecuritypolicies"}), (("Kubernetes site", "the Kubernetes site"),)
    )
    found = prose_lint.lint_page(
        "before-issue-15.md", (PROSE / "before-issue-15.md").read_text(encoding="utf-8"), vocabulary
    )
    expected = (PROSE / "before-issue-15.expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(f) for f in found] == expected
    assert {f.rule for f in found} == {
        "bare-name",
        "number-agreement",
        "repeated-sentence",
        "nested-aside",
        "repeated-aside",
        "id-in-text",
    }


def test_every_generated_page_of_the_real_kb_reads_cleanly(real_kb) -> None:  # type: ignore[no-untyped-def]
    alts = {arch_id: "diagram" for arch_id in real_kb.architecture_ids()} | {"overview": "overview diagram"}
    pages = generate_pages(real_kb, alts, {"Test yourself with the quiz": "quiz.md"})
    found = prose_lint.lint_pages(pages, prose_lint.kb_vocabulary(real_kb))
    assert not found, prose_lint.report(found)
