"""The garbage collector is paused only for the duration, and left as the caller had it."""

from __future__ import annotations

import gc

import pytest

import agenda
from agenda._gc import paused
from agenda.graph import build_graph
from agenda.query.reflectie import reflectie

from .conftest import DEVENTER


def test_paused_and_restored() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not switch it back on early
    assert gc.isenabled()


def test_restored_after_an_error() -> None:
    with pytest.raises(ZeroDivisionError), paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_left_off_when_the_caller_switched_it_off() -> None:
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_pipeline_leaves_it_on() -> None:
    plan = agenda.load(DEVENTER)
    build_graph(plan)
    reflectie(plan, 2023)
    assert gc.isenabled()
