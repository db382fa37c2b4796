"""The cyclic garbage collector is paused around loading and generation, and restored as it was."""

from __future__ import annotations

import gc

import pytest

from archkb.gcpause import no_cycle_collection


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
