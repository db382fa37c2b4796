"""The bank teaches: the issue's "Done when" figures on the real KB, and no key that the topic tag or
the stem's wording gives away."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from archkb.quiz.mix import bank_mix, mix_lines
from archkb.quiz.question import Question

from ..quizkit import archkb, real_built

#: Words that carry no content (a stem and a choice sharing them says nothing).
STOP = set(
    "the a an of to in on and or is are be it its for with by as at from that this which what who can may must "
    "not no your you their they them than then there these those into out only also all any each every one two "
    "three xc does do will would should could has have had was were been being".split()
)


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9][a-z0-9'-]+", text.lower()) if w not in STOP and len(w) > 2}


def level_share(mix: dict, *levels: str) -> float:  # type: ignore[type-arg]
    return sum(r["share"] for r in mix["by_level"] if r["key"] in levels)


def test_the_mix_the_issue_asks_for() -> None:
    mix = bank_mix(real_built().bank)
    by_template = {r["key"]: r["questions"] for r in mix["by_template"]}
    misconceptions = next(r["questions"] for r in mix["by_level"] if r["key"] == "misconception")
    assert level_share(mix, "recall") <= 0.30, mix["by_level"]
    assert level_share(mix, "application", "analysis", "misconception") >= 0.50, mix["by_level"]
    assert misconceptions >= 15, mix["by_level"]
    assert by_template["scenario"] >= 40, by_template
    assert all(n > 0 for n in mix["scenario_keys"].values()), mix["scenario_keys"]
    tf = mix["true_false"]
    assert 0.4 <= tf["true"] / tf["questions"] <= 0.6, tf
    assert mix["choose_all_under_3_choices"] == 0
    assert mix["wrong_choices_without_feedback"] == 0
    assert mix["per_fact"]["recall_max"] <= 2, mix["per_fact"]
    assert next(r["share"] for r in mix["by_topic"] if r["key"] == "glossary") <= 0.15


def test_what_a_learner_reads_passes_the_prose_lint() -> None:
    """Each generated question as the learner sees it after a wrong answer (stem, choices, the
    feedback on each wrong choice unless "Why" says the same, the explanation) has none of the
    problems the prose lint finds on pages: repeated sentences, doubled asides, bare names, ids."""
    from archkb.kb import load_kb
    from archkb.pages.prose_lint import kb_vocabulary, lint_page, report

    from ..quizkit import REAL_KB

    shown = []
    for q in real_built().bank.questions:
        if q.origin != "generated":
            continue
        said = [f for f in q.feedback if f and f != q.explanation]
        shown.append("\n\n".join([f"## {q.id}", q.text, *q.choices, *said, q.explanation]))
    findings = lint_page("quiz bank", "\n\n".join(shown), kb_vocabulary(load_kb(REAL_KB)))
    assert not findings, report(findings)
    twice = [
        f"{q.id}: {q.explanation}"
        for q in real_built().bank.questions
        if len(parts := re.split(r"(?<=\.)\s+", q.explanation)) != len(set(parts))
    ]
    assert not twice, "\n".join(twice)  # the lint lets a sentence repeat on its own line; an explanation may not


def test_explanations_are_short_and_say_why() -> None:
    long = [
        f"{q.id} ({q.template}) {len(q.explanation)}" for q in real_built().bank.questions if len(q.explanation) > 320
    ]
    assert not long, "\n".join(long)


def test_no_key_is_the_only_choice_that_echoes_the_stem() -> None:
    """A learner who picks the choice sharing words with the stem that no other choice shares
    would find the key without knowing anything: no question allows it."""
    bad = []
    for q in real_built().bank.questions:
        if q.kind not in ("single", "multiple"):
            continue
        stem = words(q.text)
        for k in q.answer:
            others = set().union(*(words(c) for i, c in enumerate(q.choices) if i not in q.answer))
            shared = (stem & words(q.choices[k])) - others
            if shared:
                bad.append(f"{q.id} ({q.template}) {sorted(shared)}: {q.text[:80]}")
    assert not bad, "\n".join(bad)


def test_echo_guessing_does_no_better_than_chance() -> None:
    """Picking the choice with most words in common with the stem scores no better than a blind guess."""
    singles = [q for q in real_built().bank.questions if q.kind == "single"]
    echo = chance = 0.0
    for q in singles:
        overlap = [len(words(q.text) & words(c)) for c in q.choices]
        best = [i for i, n in enumerate(overlap) if n == max(overlap)]
        echo += (q.answer[0] in best) / len(best)
        chance += 1 / len(q.choices)
    assert echo <= chance + 0.02 * len(singles), (echo / len(singles), chance / len(singles))


def tags(q: Question) -> list[tuple[str, str]]:
    return [("topic", q.topic), ("level", q.level), *(("architecture", a) for a in q.architectures)]


def test_no_tag_predicts_the_key() -> None:
    """Within a tag (topic, level or architecture), among questions with the same choices, no key is
    right more than half the time; true/false keys under a tag stay between 30% and 70% True."""
    singles: dict[tuple[object, ...], list[str]] = defaultdict(list)
    truths: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for q in real_built().bank.questions:
        for tag in tags(q):
            if q.kind == "single":
                singles[(tag, tuple(sorted(q.choices)))].append(q.choices[q.answer[0]])
            if q.kind == "truefalse":
                truths[tag].append(q.answer == (0,))
    bad = []
    for (tag, _), keys in singles.items():
        key, count = Counter(keys).most_common(1)[0]
        if len(keys) >= 4 and count > len(keys) / 2:
            bad.append(f"{tag}: {key!r} is the key of {count} of {len(keys)}")
    for tag, values in truths.items():
        if len(values) >= 4 and not 0.3 <= sum(values) / len(values) <= 0.7:
            bad.append(f"{tag}: True is the key of {sum(values)} of {len(values)}")
    assert not bad, "\n".join(bad)


def test_bank_stats_prints_the_mix_and_its_json(tmp_path: Path) -> None:
    table = archkb(["quiz", "--bank-stats"], tmp_path)
    assert table.returncode == 0, table.stderr
    assert table.stdout == "\n".join(mix_lines(bank_mix(real_built().bank))) + "\n"
    as_json = archkb(["quiz", "--bank-stats", "--json"], tmp_path)
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == bank_mix(real_built().bank)
