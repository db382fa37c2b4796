"""``archkb quiz --bank-stats``: the bank's mix by level, kind, topic and architecture, the true/false
balance, scenario keys and questions per fact, as a table or JSON.

What a trainer checks before using the bank: how much of it is recall, whether "True" is a safe
guess, whether every architecture is the key of some scenario and whether any fact is drilled over
and over. :func:`bank_mix` is pure (bank in, plain data out); :func:`run_bank_stats` is the shell.
(``--stats`` is the learner's mastery; the bank's mix is a view of the bank, not of progress.)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any

from ..errors import EXIT_OK
from .question import LEVELS, Bank, Question

#: Templates whose question is "which architecture fits this situation".
SCENARIO_TEMPLATES = ("scenario",)


def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def counted(items: Counter[str], total: int, order: list[str] | None = None) -> list[dict[str, Any]]:
    keys = order if order is not None else sorted(items, key=lambda k: (-items[k], k))
    return [{"key": k, "questions": items[k], "share": share(items[k], total)} for k in keys if items[k]]


def true_false(questions: list[Question]) -> dict[str, Any]:
    """How often "True" is the key, overall and per template."""
    tf = [q for q in questions if q.kind == "truefalse"]
    per = {}
    for template in sorted({q.template for q in tf}):
        group = [q for q in tf if q.template == template]
        per[template] = {"questions": len(group), "true": sum(q.answer == (0,) for q in group)}
    return {"questions": len(tf), "true": sum(q.answer == (0,) for q in tf), "by_template": per}


def scenario_keys(questions: list[Question], labels: dict[str, str]) -> dict[str, int]:
    """Architecture label -> how many generated scenario questions it is the key of."""
    keys: Counter[str] = Counter()
    names = {v: k for k, v in labels.items()}
    for q in questions:
        if q.template in SCENARIO_TEMPLATES:
            for i in q.answer:
                if q.choices[i] in names:
                    keys[q.choices[i]] += 1
    return {label: keys[label] for label in labels.values()}


def per_fact(questions: list[Question]) -> dict[str, Any]:
    """How many questions test each fact: generated recall questions (what would make a drill of one
    fact) and questions of any level (a scenario rests on many facts at once)."""
    recall: Counter[str] = Counter(
        f for q in questions if q.level == "recall" and q.origin == "generated" for f in set(q.facts)
    )
    every: Counter[str] = Counter(f for q in questions for f in set(q.facts))
    return {
        "facts_tested": len(every),
        "recall_max": max(recall.values(), default=0),
        "recall_over_2": sorted(f for f, n in recall.items() if n > 2),
        "all_max": max(every.values(), default=0),
        "most_tested": [{"fact": f, "questions": n} for f, n in sorted(every.items(), key=lambda x: (-x[1], x[0]))[:5]],
    }


def bank_mix(bank: Bank) -> dict[str, Any]:
    """The mix of ``bank`` as plain data (what ``--bank-stats --json`` prints)."""
    qs = list(bank.questions)
    total = len(qs)
    archs: Counter[str] = Counter(a for q in qs for a in q.architectures)
    multiple = [q for q in qs if q.kind == "multiple"]
    return {
        "archkb_bank_mix": 1,
        "generator": bank.generator,
        "questions": total,
        "by_level": counted(Counter(q.level for q in qs), total, list(LEVELS)),
        "by_kind": counted(Counter(q.kind for q in qs), total),
        "by_topic": [
            {**row, "label": bank.topics.get(row["key"], row["key"])}
            for row in counted(Counter(q.topic for q in qs), total, list(bank.topics))
        ],
        "by_architecture": [
            {"key": a, "label": label, "questions": archs[a], "share": share(archs[a], total)}
            for a, label in bank.architectures.items()
        ],
        "by_template": counted(Counter(q.template for q in qs), total),
        "true_false": true_false(qs),
        "scenario_keys": scenario_keys(qs, bank.architectures),
        "choose_all_under_3_choices": sum(len(q.choices) < 3 for q in multiple),
        "wrong_choices_without_feedback": sum(
            1
            for q in qs
            if q.kind in ("single", "multiple", "truefalse")
            for i in range(len(q.choices))
            if i not in q.answer and not q.choice_feedback(i)
        ),
        "per_fact": per_fact(qs),
    }


def _rows(title: str, rows: list[dict[str, Any]], label: str = "key") -> list[str]:
    lines = [title]
    lines += [f"  {str(r.get(label) or r['key']):<40} {r['questions']:>4}  {100 * r['share']:5.1f}%" for r in rows]
    return lines


def mix_lines(mix: dict[str, Any]) -> list[str]:
    """The mix as a plain-text table."""
    tf = mix["true_false"]
    facts = mix["per_fact"]
    lines = [f"Question bank: {mix['questions']} questions ({mix['generator']})", ""]
    lines += _rows("By level:", mix["by_level"]) + [""]
    lines += _rows("By kind:", mix["by_kind"]) + [""]
    lines += _rows("By topic:", mix["by_topic"], "label") + [""]
    lines += _rows("By architecture (tagged):", mix["by_architecture"], "label") + [""]
    lines += _rows("By template:", mix["by_template"]) + [""]
    lines.append(
        f"True/false: True is the key of {tf['true']} of {tf['questions']} "
        f"({100 * share(tf['true'], tf['questions']):.0f}%)"
    )
    lines += [f"  {t:<40} {r['true']} of {r['questions']} True" for t, r in tf["by_template"].items()]
    lines += ["", "Scenario keys (which architecture fits):"]
    lines += [f"  {label:<40} {n:>4}" for label, n in mix["scenario_keys"].items()]
    lines += [
        "",
        f"Choose-all questions with fewer than 3 choices: {mix['choose_all_under_3_choices']}",
        f"Wrong choices without feedback: {mix['wrong_choices_without_feedback']}",
        f"Facts tested: {facts['facts_tested']}; recall questions per fact at most {facts['recall_max']}"
        + (f" (over 2: {', '.join(facts['recall_over_2'])})" if facts["recall_over_2"] else "")
        + f"; questions of any level per fact at most {facts['all_max']}",
    ]
    return lines


def run_bank_stats(kb_dir: str, as_json: bool) -> int:
    """Print the bank's mix (``--json``: as JSON on stdout); exit 0."""
    from .cache import load_bank

    mix = bank_mix(load_bank(kb_dir).bank)
    out = json.dumps(mix, indent=2, ensure_ascii=False) if as_json else "\n".join(mix_lines(mix))
    sys.stdout.write(out + "\n")
    sys.stdout.flush()
    return EXIT_OK
