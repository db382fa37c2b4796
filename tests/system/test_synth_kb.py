"""The synthetic KB generator of scripts/synth_kb.py: valid, consistent, deterministic copies of the real KB."""

from __future__ import annotations

import filecmp
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from archkb.kb.load import load_kb, read_all
from archkb.kb.model import Origin
from archkb.kb.references import global_ids, kind_of

from ..conftest import REAL_KB, ROOT


def _synth() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synth_kb", ROOT / "scripts" / "synth_kb.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synth_kb", module)
    spec.loader.exec_module(module)
    return module


synth = _synth()


def _counts(kb) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {
        "architectures": len(kb.architectures),
        "concepts": len(kb.concepts),
        "restrictions": len(kb.restrictions),
        "threads": len(kb.threads),
        "sources": len(kb.sources),
        "facts": len(kb.facts),
        "topology nodes": sum(len(a.topology.nodes) for a in kb.architectures),
        "terms": sum(len(g.terms) for g in kb.vocabulary.values()),
    }


def test_scale_1_is_a_byte_for_byte_copy(tmp_path: Path, real_kb) -> None:  # type: ignore[no-untyped-def]
    out = synth.make_synthetic_kb(REAL_KB, tmp_path / "x1", 1)
    real_files = sorted(p.relative_to(REAL_KB) for p in REAL_KB.rglob("*.yaml"))
    assert sorted(p.relative_to(out) for p in out.rglob("*.yaml")) == real_files
    _, mismatch, errors = filecmp.cmpfiles(REAL_KB, out, [str(p) for p in real_files], shallow=False)
    assert not mismatch and not errors
    assert _counts(load_kb(out)) == _counts(real_kb)


def test_scale_3_validates_with_three_times_everything_but_the_vocabulary(tmp_path: Path, real_kb) -> None:  # type: ignore[no-untyped-def]
    kb = load_kb(synth.make_synthetic_kb(REAL_KB, tmp_path / "x3", 3))
    one = _counts(real_kb)
    expected = {name: count if name == "terms" else 3 * count for name, count in one.items()}
    cni_rows = len(real_kb.cni_table.rows) if real_kb.cni_table else 0
    expected["facts"] -= 2 * cni_rows  # the one CNI table is shared, not copied
    assert _counts(kb) == expected
    rows = [(r.fact.id, r.fact.value, r.setup, r.platform) for r in kb.cni_table.rows] if kb.cni_table else []
    assert (
        rows == [(r.fact.id, r.fact.value, r.setup, r.platform) for r in real_kb.cni_table.rows]
        if real_kb.cni_table
        else []
    )
    assert [a.order for a in kb.architectures] == list(range(1, 3 * one["architectures"] + 1))
    assert len({a.name for a in kb.architectures}) == len(kb.architectures)


def _copy_of_id(ident: str) -> int:
    found = re.search(r"-c([0-9]+)\Z", ident)
    return int(found.group(1)) if found else 1


def _copy_of_file(origin: Origin) -> int:
    found = re.match(r"c([0-9]{3})/", origin.file)
    return int(found.group(1)) if found else 1


def test_every_reference_of_a_copy_stays_inside_that_copy(tmp_path: Path) -> None:
    kb = load_kb(synth.make_synthetic_kb(REAL_KB, tmp_path / "x3", 3))
    shared = {t.concept for g in kb.vocabulary.values() for t in g.terms if t.concept}
    bad = []
    for arch in kb.architectures:
        cited = [c.source for f in arch.lists["how_it_works"] for c in f.cites]
        nodes = [n.concept for n in arch.topology.nodes if n.concept not in shared]  # vocabulary concepts are shared
        for ident in (arch.id, *arch.concepts, *nodes, *cited):
            if _copy_of_id(ident) != _copy_of_file(arch.origin):
                bad.append(f"{arch.origin}: {arch.id} refers to {ident}")
    for r in kb.restrictions.values():
        for ident in (r.id, *r.applies_to, *r.lifted_by, *r.follows_from):
            if _copy_of_id(ident) != _copy_of_file(r.fact.origin):
                bad.append(f"{r.fact.origin}: {r.id} refers to {ident}")
    assert not bad, "\n".join(bad)


def test_copies_rename_every_shared_id_except_vocabulary_terms(tmp_path: Path) -> None:
    docs = read_all(synth.make_synthetic_kb(REAL_KB, tmp_path / "x2", 2))
    copied = [ident for doc in docs if doc.name.startswith("c002/") for _, ident in global_ids(doc)]
    assert copied and all(ident.endswith("-c2") for ident in copied)
    assert not any(kind_of(doc) == "vocabulary" for doc in docs if doc.name.startswith("c002/"))


def test_output_is_deterministic(tmp_path: Path) -> None:
    first = synth.make_synthetic_kb(REAL_KB, tmp_path / "a", 2)
    second = synth.make_synthetic_kb(REAL_KB, tmp_path / "b", 2)
    files = sorted(str(p.relative_to(first)) for p in first.rglob("*.yaml"))
    assert files == sorted(str(p.relative_to(second)) for p in second.rglob("*.yaml"))
    _, mismatch, errors = filecmp.cmpfiles(first, second, files, shallow=False)
    assert not mismatch and not errors


def test_scale_below_one_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        synth.make_synthetic_kb(REAL_KB, tmp_path / "x0", 0)


def test_copied_questions_test_facts_of_their_own_copy(tmp_path: Path) -> None:
    kb = load_kb(synth.make_synthetic_kb(REAL_KB, tmp_path / "x2", 2))
    questions = [q for doc in kb.raw.get("questions", []) for q in doc["questions"]]
    if not questions:
        pytest.skip("the real KB has no hand-written questions")
    shared = {r.fact.id for r in kb.cni_table.rows} if kb.cni_table else set()  # the one CNI table is not copied
    bad = [
        f"{q['id']} tests {fact}"
        for q in questions
        for fact in q["tests"]
        if fact not in kb.facts
        or (
            fact not in shared
            and q["id"].endswith("-c2") != (fact.endswith("-c2") or fact.split(".")[0].endswith("-c2"))
        )
    ]
    assert not bad, "\n".join(bad)
