"""YAML syntax errors in plain Dutch (English with --lang en), at the place where the problem starts.

A curated set of typos a programme manager makes, each with the sentence, the place and the item.
The public corpora (the YAML test suite, PyYAML's test data) are read in ``tests/test_corpora.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

from agenda.errors import AgendaError, Problem, UnreadableError
from agenda.format import _yaml
from agenda.format.loader import validate_text
from tests.conftest import MINIMAL
from tests.test_templates import run_cli

# libyaml's and PyYAML's own words: none may reach a Dutch reader.
ENGLISH = ("mapping values", "not allowed", "did not find", "could not find", "expected", "found", "scanning",
           "while parsing", "stream", "token", "indicator", "character that")


class Typo(NamedTuple):
    old: str
    new: str
    line: int
    column: int
    item: str | None
    says: str  # a part of the Dutch sentence


TYPOS = {
    "unclosed double quote": Typo("name: Veilig In en Om School", 'name: "Veilig In en Om School', 12, 19, "vios",
                                  'de tekst die hier met " begint, wordt nergens afgesloten'),
    "unclosed single quote": Typo("name: Veilig In en Om School", "name: 'Veilig In en Om School", 12, 19, "vios",
                                  "de tekst die hier met ' begint"),
    "key indented further": Typo("            status: {2023: loopt}", "              status: {2023: loopt}", 13, 15,
                                 "vios", "'status' springt verder in dan de regel erboven"),
    "key indented less": Typo("            status: {2023: loopt}", "           status: {2023: loopt}", 13, 12, "vios",
                              "'status' springt minder ver in dan de regels erboven"),
    "colon in a text": Typo("name: Veilig In en Om School", "name: Let op: school", 12, 19, "vios",
                            "in deze tekst staat een dubbele punt met een spatie erachter"),
    "tab": Typo("            status: {2023: loopt}", "\tstatus: {2023: loopt}", 13, 1, "vios",
                "hier staat een tab waar YAML spaties verwacht"),
    "unclosed brace": Typo("status: {2023: loopt}", "status: {2023: loopt", 13, 21, "vios",
                           "de { op deze regel wordt niet gesloten met }"),
    "unclosed bracket": Typo("values: {2022: 375, 2023: 608}", "values: [375, 608", 19, 13, "overlast",
                             "de [ op deze regel wordt niet gesloten met ]"),
    "missing colon": Typo("    better: lower", "    better lower", 17, 5, "overlast",
                          "op deze regel ontbreekt de dubbele punt na 'better'"),
    "text after a quote": Typo("name: Veilig In en Om School", 'name: "Veilig" In en Om School', 12, 28, "vios",
                               "na de tekst tussen aanhalingstekens staat nog iets"),
    "reserved character": Typo("name: Veilig In en Om School", "name: @Veilig", 12, 19, "vios",
                               "een tekst kan niet met @ beginnen"),
    "dash among keys": Typo("    better: lower", "    - better: lower", 17, 5, "overlast",
                            "hier staat een lijstregel (-) tussen sleutels van een onderdeel"),
    "dash without space": Typo("  - id: overlast", "  -id: overlast", 15, 3, None,
                               "na het streepje (-) ontbreekt een spatie"),
    "unknown escape": Typo("name: Veilig In en Om School", 'name: "Veilig \\q"', 12, 27, "vios",
                           "tussen dubbele aanhalingstekens staat een onbekende code"),
    "text after a bar": Typo("name: Veilig In en Om School", "name: | x", 12, 21, "vios",
                             "na | of > mag op deze regel niets meer staan"),
    "list after a key": Typo("    better: lower", "    better: - lower", 17, 13, "overlast",
                             "een lijst met streepjes (-) kan niet achter een sleutel"),
    "control character": Typo("name: Veilig In en Om School", "name: Veilig\x07", 12, 25, "vios",
                              "het onzichtbare teken U+0007 mag niet in het bestand staan"),
}


def syntax_problem(text: str) -> Problem:
    with pytest.raises(UnreadableError) as info:
        _yaml.parse(text, "agenda.yaml")
    problems = [p for p in info.value.problems if p.code == "syntax"]
    assert len(problems) == 1, "one typo gives one problem"
    return problems[0]


class TestCuratedTypos:
    """Each typo: one problem, in Dutch, at the line where it starts, naming its item, with the line and a caret."""

    @pytest.mark.parametrize("name", TYPOS)
    def test_typo(self, name: str) -> None:
        """The sentence, the place and the item are right, and no English comes through."""
        typo = TYPOS[name]
        assert typo.old in MINIMAL
        problem = syntax_problem(MINIMAL.replace(typo.old, typo.new, 1))
        assert problem.location is not None
        assert (problem.location.line, problem.location.column) == (typo.line, typo.column)
        assert problem.item == typo.item
        assert typo.says in problem.text["nl"]
        assert not any(word in problem.text["nl"] + problem.hint["nl"] for word in ENGLISH)
        assert problem.text["en"] != problem.text["nl"]

    def test_caret_under_the_place(self) -> None:
        """The hint ends with the line and a caret under the column."""
        problem = syntax_problem(MINIMAL.replace("name: Veilig In en Om School", 'name: "Veilig In en Om School'))
        assert problem.hint["nl"].endswith(
            '\n    12 |             name: "Veilig In en Om School\n       |                   ^')
        assert problem.message("nl").startswith(
            'agenda.yaml:12:19: fout [vios]: de tekst die hier met " begint, wordt nergens afgesloten\n'
            '    Zet een " aan het eind van de tekst, op deze regel.\n    12 |')

    def test_unclosed_quote_is_not_reported_at_the_end(self) -> None:
        """A missing closing quote is reported where the text starts, not ten lines later in another item."""
        text = MINIMAL.replace("name: Een veilige schoolomgeving", 'name: "Een veilige schoolomgeving')
        problem = syntax_problem(text)
        assert problem.location is not None and problem.location.line == 9 and problem.item == "veilige-school"

    def test_colon_fix_is_written_out(self) -> None:
        """For a colon in a text the hint gives the line with the text in quotes."""
        problem = syntax_problem(MINIMAL.replace("name: Veilig In en Om School", "name: Let op: school"))
        assert 'name: "Let op: school"' in problem.hint["nl"]

    def test_item_whose_id_is_not_first(self) -> None:
        """The item is found also when its id is not its first key."""
        text = MINIMAL.replace("  - id: overlast\n    name: Meldingen jeugdoverlast\n",
                               "  - name: Meldingen jeugdoverlast\n    id: overlast\n")
        problem = syntax_problem(text.replace("    better: lower", "    better lower"))
        assert problem.item == "overlast"

    def test_top_level_has_no_item(self) -> None:
        """A typo in a top-level key names no item."""
        problem = syntax_problem(MINIMAL.replace("title: Integraal Veiligheidsplan", "title Integraal"))
        assert problem.item is None and problem.location is not None and problem.location.line == 3

    def test_validate_reports_one_problem(self) -> None:
        """Through the loader, one typo is one problem: no flood of follow-up errors."""
        result = validate_text(MINIMAL.replace("name: Veilig In en Om School", 'name: "Veilig'), "agenda.yaml")
        assert len(result.problems) == 1 and result.problems[0].code == "syntax"


class TestCommandLine:
    """agenda validate shows the Dutch sentence, or the English one with --lang en."""

    def test_dutch_and_english(self, tmp_path: Path) -> None:
        """The same typo in both languages, with the caret line."""
        path = tmp_path / "agenda.yaml"
        path.write_text(MINIMAL.replace("    better: lower", "    better lower"), encoding="utf-8")
        code, _, err = run_cli(["validate", str(path)])
        assert code == 2 and "fout [overlast]: op deze regel ontbreekt de dubbele punt na 'better'" in err
        assert "    17 |     better lower\n       |     ^" in err
        code, _, err = run_cli(["validate", str(path), "--lang", "en"])
        assert "error [overlast]: the colon after 'better' is missing on this line" in err


def _check_corpus_file(text: str, name: str) -> None:
    try:
        _yaml.parse(text, name)
    except AgendaError as exc:
        for problem in exc.problems:
            if problem.code != "syntax":
                continue
            own_words = re.sub(r"'[^']*'", "", problem.text["nl"])  # the file's own words are quoted
            assert not any(word in own_words for word in ENGLISH), problem.text["nl"]
            assert problem.location is not None and problem.location.line >= 1
            assert problem.text["nl"] and problem.hint["nl"]


class TestAnyTypo:
    """Whatever single character is typed anywhere, the answer is a Dutch problem or a valid tree."""

    @pytest.mark.slow
    def test_single_character_typos(self) -> None:
        """Inserting or replacing one character at any place never raises anything but AgendaError."""
        from hypothesis import given, settings
        from hypothesis import strategies as st

        @settings(max_examples=300, deadline=None)
        @given(st.integers(0, len(MINIMAL) - 1), st.sampled_from(list("\"':-{}[]#&*!|>@`%\t ,?")), st.booleans())
        def check(at: int, char: str, replace: bool) -> None:
            text = MINIMAL[:at] + char + MINIMAL[at + (1 if replace else 0):]
            _check_corpus_file(text, "agenda.yaml")

        check()
