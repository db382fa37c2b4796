"""Pages, diagrams and quiz questions that gather every architecture stay bounded on a large KB.

The synthetic x3 KB of scripts/synth_kb.py has 12 architectures: more than one comparison page and
more than the overview draws.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from pathlib import Path

import pytest

from archkb import urls
from archkb.diagrams.alt_text import OVERVIEW_MAX, overview_alt_text
from archkb.diagrams.dot import overview_dot
from archkb.errors import KBError
from archkb.kb import load_kb
from archkb.kb.model import ARCHITECTURES_PER_GROUP, KB
from archkb.pages import comparison, escape, generate_pages, sources
from archkb.quiz.bank import Built, bank_and_left_out
from archkb.quiz.evidence import MAX_CHOICES, reading, short_name
from archkb.quiz.from_architectures import FIELDS
from archkb.site.generate import site_nav

from ..conftest import REAL_KB
from .test_synth_kb import synth


@pytest.fixture(scope="module")
def big_kb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synth.make_synthetic_kb(REAL_KB, tmp_path_factory.mktemp("x3") / "kb", 3)


@pytest.fixture(scope="module")
def big_kb(big_kb_dir: Path) -> KB:
    return load_kb(big_kb_dir)


@pytest.fixture(scope="module")
def big_bank(big_kb: KB, big_kb_dir: Path) -> Built:
    return bank_and_left_out(big_kb)


def header_links(markdown: str) -> list[str]:
    """The architecture pages linked from the first table header of a comparison page."""
    first = next(line for line in markdown.splitlines() if line.startswith("| Field |"))
    return re.findall(r"\]\(architectures/([^ )]+)\.md", first)


def test_comparison_is_split_into_pages_of_at_most_page_size_columns(big_kb: KB) -> None:
    pages = comparison.pages(big_kb)
    assert list(pages) == comparison.page_paths(big_kb) == ["comparison.md", "comparison-2.md"]
    columns = {path: header_links(md) for path, md in pages.items()}
    assert all(0 < len(ids) <= comparison.PAGE_SIZE for ids in columns.values())
    shown = [arch_id for ids in columns.values() for arch_id in ids]
    assert shown == [a.id for a in big_kb.architectures], "every architecture once, in order"
    for path, md in pages.items():
        for other in pages:
            assert (f"]({other})" in md) == (other != path), f"{path} links every other page of the pager"


def test_each_architecture_page_links_the_comparison_page_with_its_column(big_kb: KB) -> None:
    generated = generate_pages(big_kb)
    bad = []
    for arch in big_kb.architectures:
        target = comparison.page_of(big_kb, arch.id)
        if arch.id not in header_links(generated[target]):
            bad.append(f"{arch.id}: {target} has no column for it")
        if f"](../{target})" not in generated[f"architectures/{arch.id}.md"]:
            bad.append(f"{arch.id}: its page does not link {target}")
    assert not bad, "\n".join(bad)


def test_every_comparison_and_sources_page_is_in_the_nav(big_kb: KB) -> None:
    pages = list(generate_pages(big_kb))
    listed = [
        p
        for section in site_nav(big_kb, pages)
        for items in section.values()
        for p in ([items] if isinstance(items, str) else items)
    ]
    assert {"comparison.md", "comparison-2.md", "sources.md", "sources-2.md", "sources-3.md"} <= set(listed)


def test_sources_are_split_into_pages_of_at_most_sources_per_page(big_kb: KB, real_kb: KB) -> None:
    pages = sources.pages(big_kb)
    assert list(pages) == sources.page_paths(big_kb) == ["sources.md", "sources-2.md", "sources-3.md"]
    listed = {path: re.findall(r"^## .*\{#source-([^}]+)\}$", md, re.M) for path, md in pages.items()}
    assert all(0 < len(ids) <= urls.SOURCES_PER_PAGE for ids in listed.values())
    shown = [source for ids in listed.values() for source in ids]
    assert shown == [s.replace(".", "-") for s in big_kb.sources], "every source once, in order"
    for path, ids in listed.items():
        assert all(urls.source_page(big_kb, s) == path for s in big_kb.sources if s.replace(".", "-") in ids)
        assert "Page " in pages[path] and all(f"]({other})" in pages[path] for other in pages if other != path)
    real = sources.pages(real_kb)
    assert (
        list(real) == ["sources.md"]
        and "Page 1 of" not in real["sources.md"]
        and real["sources.md"].startswith("# Sources {#sources}")
    )


def test_the_real_kb_keeps_one_comparison_page_without_a_pager(real_kb: KB) -> None:
    pages = comparison.pages(real_kb)
    assert list(pages) == ["comparison.md"] and "Page 1 of" not in pages["comparison.md"]
    assert pages["comparison.md"] == comparison.page(real_kb)


def test_the_overview_draws_at_most_overview_max_architectures_and_says_so(big_kb: KB) -> None:
    graph = overview_dot(big_kb)
    clusters = re.findall(r"subgraph \"?cluster_arch\.([^\" {]+)", graph.source)
    assert clusters == [a.id for a in big_kb.architectures[:OVERVIEW_MAX]]
    assert f"1 to {OVERVIEW_MAX} of {len(big_kb.architectures)}" in graph.source
    assert f"1 to {OVERVIEW_MAX} of {len(big_kb.architectures)}" in overview_alt_text(big_kb)


def test_the_real_overview_draws_every_architecture_without_a_note(real_kb: KB) -> None:
    graph = overview_dot(real_kb)
    assert len(re.findall(r"subgraph \"?cluster_arch\.", graph.source)) == len(real_kb.architectures)
    assert "overview-note" not in graph.source and " of 4;" not in overview_alt_text(real_kb)


def test_the_synthetic_kb_is_the_one_described(big_kb: KB, real_kb: KB) -> None:
    assert len(big_kb.architectures) == 3 * len(real_kb.architectures) > OVERVIEW_MAX >= len(real_kb.architectures)


def test_indexed_lookups_agree_with_a_full_scan(big_kb: KB) -> None:
    bad = []
    for arch in big_kb.architectures:
        if big_kb.restrictions_for(arch.id) != tuple(
            r for r in big_kb.restrictions.values() if arch.id in r.applies_to
        ):
            bad.append(f"restrictions_for({arch.id})")
        if big_kb.restrictions_lifted_by(arch.id) != tuple(
            r for r in big_kb.restrictions.values() if arch.id in r.lifted_by
        ):
            bad.append(f"restrictions_lifted_by({arch.id})")
    for r in big_kb.restrictions.values():
        if big_kb.restrictions_following(r.id) != tuple(
            o for o in big_kb.restrictions.values() if r.id in o.follows_from
        ):
            bad.append(f"restrictions_following({r.id})")
    for concept in big_kb.concepts:
        if big_kb.architectures_using(concept) != tuple(a for a in big_kb.architectures if concept in a.concepts):
            bad.append(f"architectures_using({concept})")
        if big_kb.architecture_ids_using(concept) != tuple(a.id for a in big_kb.architectures if concept in a.concepts):
            bad.append(f"architecture_ids_using({concept})")
    assert not bad, "\n".join(bad)
    assert any(big_kb.restrictions_for(a.id) for a in big_kb.architectures), "the scan must have something to find"


def test_plain_text_drops_exactly_the_control_characters_that_are_not_spaces() -> None:
    chars = [chr(c) for c in range(0x110000)]
    dropped = {c for c in chars if escape.plain(f"a{c}b") == "ab"}
    spaced = {c for c in chars if escape.plain(f"a{c}b") == "a b"}
    assert dropped == {c for c in chars if unicodedata.category(c) == "Cc" and not c.isspace()}
    assert spaced == {c for c in chars if c.isspace()}
    assert escape.plain("  one\t\ntwo\x00three\x85 ") == "one twothree"


def test_loading_restores_the_garbage_collector_as_it_was(base_kb: Path) -> None:
    assert gc.isenabled()
    load_kb(base_kb)
    assert gc.isenabled()
    (base_kb / "concepts.yaml").write_text("kind: concepts\nconcepts: []\n", encoding="utf-8")
    with pytest.raises(KBError):
        load_kb(base_kb)
    assert gc.isenabled(), "a KB with problems restores it too"
    gc.disable()
    try:
        with pytest.raises(KBError):
            load_kb(base_kb)
        assert not gc.isenabled(), "a caller's disabled collector stays disabled"
    finally:
        gc.enable()


def test_no_question_shows_more_choices_than_a_group_of_architectures(big_bank: Built, big_kb: KB) -> None:
    """The x3 KB has 12 architectures: a question listing every one of them would show 12 choices."""
    limit = max(MAX_CHOICES, ARCHITECTURES_PER_GROUP)
    questions = big_bank.bank.questions
    bad = [
        f"{q.template} {q.id}: {len(q.choices)} choices, {len(q.prompts)} prompts"
        for q in questions
        if max(len(q.choices), len(q.prompts)) > limit
    ]
    assert not bad, "\n".join(bad)
    assert len(big_kb.architectures) > limit, "the KB must be larger than a group for this to mean anything"


def test_questions_across_architectures_are_asked_group_by_group(big_bank: Built, big_kb: KB) -> None:
    groups = big_kb.architecture_groups()
    group_of = {a.id: n for n, group in enumerate(groups, 1) for a in group}
    across = (
        {"order-sophistication"} | {f"which-{n}" for n in FIELDS} | {f"match-{n}" for n, w in FIELDS.items() if w.match}
    )
    asked: dict[str, set[int]] = {}
    for q in big_bank.bank.questions:
        if q.template not in across:
            continue
        numbers = {group_of[a] for a in q.architectures}
        assert len(numbers) == 1, f"{q.id} ({q.text}) spans groups {numbers}"
        (number,) = numbers
        group = groups[number - 1]
        assert q.teaches == urls.comparison_page(number), f"{q.id} teaches {q.teaches}"
        assert q.text.startswith(f"Among architectures {group[0].order} to {group[-1].order}: "), q.text
        asked.setdefault(q.template, set()).add(number)
    assert asked.get("order-sophistication") == set(range(1, len(groups) + 1)) - {
        n for n, g in enumerate(groups, 1) if len(g) < 3
    }
    assert any(len(numbers) > 1 for t, numbers in asked.items() if t.startswith("which-")), asked


def test_restriction_questions_show_a_sample_that_keeps_the_key_true(big_bank: Built, big_kb: KB) -> None:
    """ "Which of these restrictions apply to X?": right ones apply to X, wrong ones do not, and the
    choices stay few however many restrictions the KB has."""
    by_name = {r.name: r for r in big_kb.restrictions.values()}
    checked = 0
    for q in big_bank.bank.questions:
        if q.template != "limits-of":
            continue
        (arch,) = q.architectures
        right = {q.choices[i] for i in q.answer}
        assert all(arch in by_name[c].applies_to for c in right), q.id
        assert not any(arch in by_name[c].applies_to for c in set(q.choices) - right), q.id
        assert len(q.choices) <= MAX_CHOICES and len(q.choices) > len(right), q.id
        checked += 1
    assert 0 < checked <= big_kb.architecture_count(), "one question per architecture with such restrictions"


def test_short_names_stay_short_only_where_no_other_architecture_shares_them(big_kb: KB, real_kb: KB) -> None:
    for kb in (big_kb, real_kb):
        for arch in kb.architectures:
            shared = [a.id for a in kb.architectures if a.short_form == arch.short_form]
            assert short_name(arch, kb) == (arch.name if len(shared) > 1 else arch.short_form), arch.id
            assert kb.short_form_count(arch.short_form) == len(shared)
    assert short_name(real_kb.architecture("vk8s"), real_kb) == "vK8s"


def test_running_text_names_an_architecture_by_its_reading_only_where_no_other_shares_it(
    big_kb: KB, real_kb: KB
) -> None:
    for kb in (big_kb, real_kb):
        for arch in kb.architectures:
            shared = [a.id for a in kb.architectures if a.reading == arch.reading]
            assert kb.reading_count(arch.reading) == len(shared)
            assert reading(arch, kb) == (short_name(arch, kb) if len(shared) > 1 else arch.reading), arch.id
    assert reading(real_kb.architecture("k8s-site"), real_kb, capitalized=True) == "The Kubernetes site"


def test_architecture_groups_cover_every_architecture_once_in_order(big_kb: KB, real_kb: KB) -> None:
    for kb in (big_kb, real_kb):
        groups = kb.architecture_groups()
        assert [a for g in groups for a in g] == list(kb.architectures)
        assert (
            all(len(g) == ARCHITECTURES_PER_GROUP for g in groups[:-1])
            and 0 < len(groups[-1]) <= ARCHITECTURES_PER_GROUP
        )
    assert len(real_kb.architecture_groups()) == 1
