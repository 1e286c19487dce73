"""Generated plan texts in every style + random edits: untouched lines stay byte-identical, the value lands."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda.edit.update import edit_status, edit_target, edit_value
from agenda.errors import AgendaError
from agenda.format.loader import loads, target
from agenda.model import Action, Agenda, Goal, Indicator, StatusRecord, Theme, Value, YearTarget

Draw = Callable[[st.SearchStrategy[Any]], Any]
STATUSES = ("niet-gestart", "loopt", "op-schema", "vertraagd", "risico", "afgerond", "gestopt")
NOTES = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(lambda s: s.strip())


def _comment(draw: Draw, indent: str) -> list[str]:
    choice = draw(st.sampled_from(["", "", "blank", "comment"]))
    return [""] if choice == "blank" else [f"{indent}# opmerking ✓"] if choice == "comment" else []


def _status_lines(draw: Draw, indent: str, key_line: str) -> list[str]:
    """An item's `status:` in one of several styles (or none at all)."""
    years = draw(st.lists(st.sampled_from([2021, 2022, 2023]), unique=True, max_size=3).map(sorted))
    style = draw(st.sampled_from(["none", "flow", "block"]))
    if style == "none" or (style == "block" and not years):
        return []

    def entry(year: int) -> str:
        word = draw(st.sampled_from(STATUSES))
        if draw(st.booleans()):
            return word
        return f'{{status: {word}, note: "toelichting {year}"}}'

    if style == "flow":
        return [f"{indent}status: {{{', '.join(f'{y}: {entry(y)}' for y in years)}}}"]
    lines = [f"{indent}status:"]
    for year in years:
        lines += _comment(draw, indent + "  ")
        if draw(st.booleans()):
            lines.append(f"{indent}  {year}: {entry(year)}" + draw(st.sampled_from(["", "   # na overleg"])))
        else:
            lines += [f"{indent}  {year}:", f"{indent}    status: {draw(st.sampled_from(STATUSES))}",
                      f"{indent}    note: >-", f"{indent}      een lange toelichting", f"{indent}      over twee regels"]
    return lines


@st.composite
def plan_texts(draw: Draw) -> str:
    """A valid plan text with comments, blank lines, flow and block styles, quotes and unicode."""
    lines = ["# kop: één ✓", "format: 1", f"gemeente: {draw(st.sampled_from(['Testdorp', chr(39) + 'Dorp' + chr(39)]))}",
             'title: "Plan — 2024"', "themes:"]
    n = 0
    for t in range(draw(st.integers(1, 2))):
        lines += _comment(draw, "  ")
        lines += [f"  - id: t{t}", f"    name: Thema {t} é"]
        lines += _status_lines(draw, "    ", "")
        lines.append("    goals:")
        for _ in range(draw(st.integers(1, 2))):
            n += 1
            lines += [f"      - id: g{n}", f"        name: 'Doel {n}'"]
            lines += _status_lines(draw, "        ", "")
            lines += _comment(draw, "        ")
            lines.append("        actions:")
            for _ in range(draw(st.integers(1, 3))):
                n += 1
                if draw(st.integers(0, 3)) == 0:
                    lines.append(f"          - {{id: a{n}, name: \"Actie {n}\", status: {{2022: loopt}}}}")
                    continue
                lines += [f"          - id: a{n}", f"            name: Actie {n} ‘x’"]
                lines += _status_lines(draw, "            ", "")
    lines.append("indicators:")
    for i in range(draw(st.integers(1, 2))):
        lines += [f"  - id: i{i}", f"    name: Indicator {i}", "    source: data.politie.nl"]
        if draw(st.booleans()):
            lines.append('    targets: {2022: "< 600"}')
        if draw(st.booleans()):
            lines.append("    values: {2021: 375, 2022: 7.5}")
        else:
            lines += ["    values:", "      2021: {value: 12, note: \"eigen telling\"}  # tel", "", "      2022: 13"]
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    end = draw(st.sampled_from([eol, ""]))
    return eol.join(lines) + end


def _evolve_item(agenda: Agenda, item_id: str, change: Callable[[Any], Any]) -> Agenda:
    def action(a: Action) -> Action:
        return change(a) if a.id == item_id else a

    def goal(g: Goal) -> Goal:
        g = attrs.evolve(g, actions=tuple(action(a) for a in g.actions))
        return change(g) if g.id == item_id else g

    def theme(t: Theme) -> Theme:
        t = attrs.evolve(t, goals=tuple(goal(g) for g in t.goals), actions=tuple(action(a) for a in t.actions))
        return change(t) if t.id == item_id else t

    return attrs.evolve(agenda, themes=tuple(theme(t) for t in agenda.themes),
                        indicators=tuple(change(i) if i.id == item_id else i for i in agenda.indicators))


def _one_hunk_inside(old: str, new: str) -> None:
    """The edit stays inside one record (a few lines); every line outside it is byte-identical, endings kept."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert ops
    i1, j1, i2, j2 = ops[0][1], ops[0][3], ops[-1][2], ops[-1][4]
    assert a[:i1] == b[:j1] and a[i2:] == b[j2:]
    assert i2 - i1 <= 5  # the generated records are at most five lines long
    assert new.endswith("\n") == old.endswith("\n")
    if "\r\n" in old:
        assert new.count("\n") == new.count("\r\n")
    else:
        assert "\r" not in new


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=plan_texts(), data=st.data())
def test_status_edit(text: str, data: st.DataObject) -> None:
    """A random status edit changes one contiguous block and the plan is the old one plus the new record."""
    before = loads(text, "f")
    items = [i for i in before.items() if isinstance(i, (Theme, Goal, Action))]
    item = data.draw(st.sampled_from(items))
    year = data.draw(st.integers(2020, 2025))
    word = data.draw(st.sampled_from(STATUSES))
    note = data.draw(st.none() | NOTES)
    progress = data.draw(st.none() | st.integers(0, 100))
    new = edit_status(text, "f", item.id, year, word, note=note, progress=progress)
    old = next((r for r in item.status if r.year == year), None)
    record = StatusRecord(year, word, progress if progress is not None else old.progress if old else None,
                          note if note is not None else old.note if old else None, old.recorded if old else None)
    expected = _evolve_item(before, item.id, lambda it: attrs.evolve(
        it, status=tuple(sorted([r for r in it.status if r.year != year] + [record], key=lambda r: r.year))))
    assert loads(new, "f") == expected
    if new != text:
        _one_hunk_inside(text, new)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=plan_texts(), data=st.data())
def test_value_and_target_edit(text: str, data: st.DataObject) -> None:
    """A random value or target edit lands, and nothing else in the plan or the file changes."""
    before = loads(text, "f")
    ind = data.draw(st.sampled_from(before.indicators))
    year = data.draw(st.integers(2020, 2025))
    if data.draw(st.booleans()):
        number = data.draw(st.integers(0, 10_000) | st.decimals(0, 1000, places=2).filter(lambda d: d.is_finite()))
        raw = data.draw(st.sampled_from([str(number), str(number).replace(".", ",")])) if isinstance(
            number, Decimal) else str(number)
        new = edit_value(text, "f", ind.id, year, raw)
        old = ind.values_in(year)
        kept = old[0] if old else Value(year, None)
        value = attrs.evolve(kept, value=number)

        def change(i: Indicator) -> Indicator:
            return attrs.evolve(i, values=tuple(sorted([v for v in i.values if v.year != year] + [value],
                                                       key=lambda v: v.year)))
    else:
        op = data.draw(st.sampled_from(["<", "<=", "min.", "max."]))
        text_target = f"{op} {data.draw(st.integers(0, 999))}"
        new = edit_target(text, "f", ind.id, year, text_target)
        old_t = ind.target(year)
        yt = YearTarget(year, target(text_target), old_t.revised if old_t else None, old_t.note if old_t else None)

        def change(i: Indicator) -> Indicator:
            return attrs.evolve(i, targets=tuple(sorted([t for t in i.targets if t.year != year] + [yt],
                                                        key=lambda t: t.year)))
    assert loads(new, "f") == _evolve_item(before, ind.id, change)
    if new != text:
        _one_hunk_inside(text, new)


@settings(max_examples=30, deadline=None)
@given(text=plan_texts(), word=st.text(min_size=1, max_size=10))
def test_unknown_words_never_write(text: str, word: str) -> None:
    """A status word outside the vocabulary is always refused, never written."""
    if word.strip().lower() in STATUSES or word.strip().lower() in (
            "niet gestart", "op schema", "not started", "in progress", "on track", "delayed", "at risk",
            "completed", "stopped"):
        return
    with pytest.raises(AgendaError) as exc:
        edit_status(text, "f", "t0", 2024, word)
    assert exc.value.problems[0].code == "unknown-status"
