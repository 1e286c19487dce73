"""Mutated plans through the loader: always a Validation with located errors, never another exception."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import agenda
from agenda.errors import AgendaError

from .plans import plan_yaml, plans

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_NASTY = [":", "[", "]", "{", "}", "&", "*", "!", "|", ">", "-", "#", "\t", "\n", "---", "...", "? ", "<<: ", "'",
          '"', "%", "@", "`", ",", "\x00", "\x07", "\ufeff", "\u2028", "\x85", "é", "€", "😀", "\ud800", " " * 70,
          "&a ", "*a", "!!int ", "0755", "no", "12:30", "2024-01-31", ".inf", "1e999", "9" * 40]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The text of a valid plan after a few random edits of lines, characters or bytes."""
    text = plan_yaml(draw(plans()))[:4000]  # bounded, so every call stays quick
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "flip", "truncate", "indent"]))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if kind == "delete" and lines:
            del lines[i]
        elif kind == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif kind == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "indent" and lines:
            lines[i] = draw(st.sampled_from(["  ", "\t", ""])) + lines[i].lstrip()
        text = "\n".join(lines)
        pos = draw(st.integers(0, len(text)))
        if kind == "insert":
            text = text[:pos] + draw(st.sampled_from(_NASTY) | st.text(max_size=3)) + text[pos:]
        elif kind == "truncate":
            text = text[:pos]
        elif kind == "flip" and text:
            data = bytearray(text.encode("utf-8", "surrogatepass"))
            k = draw(st.integers(0, len(data) - 1))
            data[k] ^= 1 << draw(st.integers(0, 7))
            text = data.decode("utf-8", "replace")
    return text


def _check(result: agenda.Validation) -> None:
    assert isinstance(result, agenda.Validation)
    for problem in result.errors:
        assert problem.location is not None and problem.location.line >= 1 and problem.location.column >= 1
        assert problem.text["nl"] and problem.text["en"]
    assert (result.agenda is None) == bool(result.errors)


class TestMutations:
    """Whatever is done to a valid plan, the loader answers with problems, never a crash."""

    @_SETTINGS
    @given(mutated())
    def test_validate_text(self, text: str) -> None:
        """validate_text returns a Validation whose errors are all located."""
        _check(agenda.validate_text(text, "x.yaml"))

    @_SETTINGS
    @given(mutated())
    def test_loads_raises_only_agenda_error(self, text: str) -> None:
        """loads returns a model or raises AgendaError, nothing else."""
        problems: tuple[agenda.Problem, ...] = ()
        try:
            agenda.loads(text)
        except AgendaError as exc:
            problems = exc.problems
            assert problems
        assert all(p.location is not None for p in problems if p.severity is agenda.Severity.ERROR)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def test_bytes_through_file(self, tmp_path_factory: Any, data: st.DataObject) -> None:
        """Random byte edits of a valid plan on disk: validate returns a Validation with located errors."""
        raw = bytearray(plan_yaml(data.draw(plans()))[:4000].encode())
        for _ in range(data.draw(st.integers(1, 5))):
            pos = data.draw(st.integers(0, len(raw)))
            raw[pos:pos] = data.draw(st.binary(min_size=1, max_size=4))
        path = tmp_path_factory.mktemp("m") / "x.yaml"
        path.write_bytes(bytes(raw))
        _check(agenda.validate(path))

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=300))
    def test_arbitrary_text(self, text: str) -> None:
        """Any text at all gives a Validation, located."""
        _check(agenda.validate_text(text, "x.yaml"))
