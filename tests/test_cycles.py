"""The cyclic garbage collector is paused around loading and generation, and restored as it was."""

from __future__ import annotations

import gc

import pytest

from archkb.gcpause import no_cycle_collection
from archkb.kb.model import KB
from archkb.quiz import bank
from archkb.site.rerun import Unit, regenerate


def test_pauses_and_restores_and_nests() -> None:
    assert gc.isenabled()
    with no_cycle_collection():
        assert not gc.isenabled()
        with no_cycle_collection():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner block does not switch it back on early"
    assert gc.isenabled()


def test_restores_after_an_exception_and_keeps_a_callers_choice() -> None:
    with pytest.raises(RuntimeError), no_cycle_collection():
        raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with no_cycle_collection():
            pass
        assert not gc.isenabled(), "a caller's disabled collector stays disabled"
    finally:
        gc.enable()


def test_generation_and_the_question_bank_run_with_the_collector_paused(real_kb: KB, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def render(kb: KB) -> dict[str, str]:
        seen.append(gc.isenabled())
        return {"x.md": "x"}

    regenerate(real_kb, [Unit("x", (), render)])
    real_assemble = bank.assemble
    monkeypatch.setattr(bank, "assemble", lambda kb, questions: (seen.append(gc.isenabled()), real_assemble(kb, questions))[1])
    bank.bank_and_left_out(real_kb)
    assert seen == [False, False]
    assert gc.isenabled()
