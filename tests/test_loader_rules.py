"""Every loader rule and every message: one located case per problem code, in Dutch and English, with a fix.

``CASES`` maps each problem code the reader, the schema check and the loader can
emit to an input that produces it, with the line, column and item the problem
must name.  A test enumerates the message catalogs, so a new code without a
case here fails the suite.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import agenda
from agenda import _files
from agenda import errors as _errors
from agenda.errors import AgendaError, Problem, Severity
from agenda.format import _checks, _types, _yaml

Write = Callable[[str], Path]

HEAD = "format: 1\ngemeente: Testdorp\ntitle: Integraal Veiligheidsplan\n"  # lines 1-3

THEME = HEAD + """\
themes:
  - id: jeugd
    name: Jeugd en veiligheid
"""  # lines 4-6; theme keys go on line 7 and further


@attrs.frozen
class Case:
    """An input that produces ``code`` at ``line``:``column``, naming ``item``; ``says`` appear in the English text."""

    text: str | bytes
    line: int
    column: int
    item: str | None = None
    says: tuple[str, ...] = ()
    hint_says: tuple[str, ...] = ()
    max_bytes: int = _yaml.MAX_BYTES


def _indicator(body: str, *, source: bool = True) -> str:
    """A plan whose one indicator (id ``ind``, line 5) has ``body`` from line 7 (or 8 with its source) on."""
    src = "    source: data.politie.nl\n" if source else ""
    return HEAD + "indicators:\n  - id: ind\n    name: Meldingen\n" + src + body


CASES: dict[str, Case] = {
    # --------------------------------------------------------------- reading the file (_yaml)
    "missing": Case(b"", 1, 1),  # the path is replaced by one that does not exist
    "not-file": Case(b"", 1, 1),  # the path is replaced by a directory
    "os-error": Case(b"", 1, 1),  # the path is replaced by a name too long for the file system
    "too-big": Case(HEAD, 1, 1, says=("MB",), max_bytes=10),
    "empty": Case(b"  \n# alleen commentaar\n", 1, 1),
    "binary": Case(b"format: 1\nab\x00c\n", 2, 3),
    "not-utf8": Case("format: 1\ngemeente: Dé".encode() + b"\xe9venter\n", 2, 13, says=("0xe9",)),
    "syntax": Case(HEAD + "motto: [Veilig, Deventer\n", 4, 8),  # at the bracket that is never closed
    "anchor": Case(HEAD + "motto: &m Veilig\n", 4, 8, says=("&m",)),
    "alias": Case(HEAD + "motto: Veilig\nsource: *m\n", 5, 9, says=("*m",)),
    "tag": Case(HEAD + "motto: !!str 12\n", 4, 8, says=("tag:yaml.org,2002:str",)),
    "complex-key": Case(HEAD + "? [a, b]\n: 1\n", 4, 3),
    "duplicate-key": Case(HEAD + "title: Nog een titel\n", 4, 1, says=("'title'", "line 3")),
    "too-deep": Case(HEAD + "motto: " + "[" * 80 + "]" * 80 + "\n", 4, 7 + _yaml.MAX_DEPTH, says=("64",)),
    "documents": Case(HEAD + "---\nformat: 1\n", 4, 1),
    # --------------------------------------------------------------- keys and types (_schema)
    "expected": Case(HEAD + "themes: geen\n", 4, 9, says=("a list", "the text 'geen'"), hint_says=("[{id:",)),
    "unknown-key": Case(HEAD + "mottto: Veilig\n", 4, 1, says=("'mottto'",), hint_says=("'motto'",)),
    "missing-key": Case("format: 1\ngemeente: Testdorp\n", 1, 1, says=("'title'",), hint_says=("title:",)),
    "octal": Case(THEME + "    kbv: 03\n", 7, 10, "jeugd", says=("'03'", "octal"), hint_says=(": 3",)),
    "not-finite": Case(_indicator("    values: {2023: .inf}\n"), 8, 20, "ind", says=("'.inf'",)),
    "too-large": Case(_indicator("    values: {2023: 1e20}\n"), 8, 20, "ind", says=("1e20",)),
    "too-precise": Case(_indicator("    values: {2023: 1.2345678901234567}\n"), 8, 20, "ind",
                        says=("1.2345678901234567",)),
    "range": Case(THEME + "    kbv: 7\n", 7, 10, "jeugd", says=("7", "1", "5")),
    "decimal-comma": Case(_indicator("    unit: per 10.000\n    breaks: {2024: {unit: per 1.000, factor: 0,1}}\n"),
                          9, 48, "ind", says=("'1'", "(0,1)"), hint_says=("(0.1)", '"0,1"')),
    "not-positive": Case(_indicator("    unit: per 10.000\n    breaks: {2024: {unit: per 1.000, factor: 0}}\n"),
                         9, 46, "ind", says=("0 is not a number above 0",), hint_says=("0.1",)),
    "enum": Case(_indicator("    better: beter\n"), 8, 13, "ind", says=("'beter'",), hint_says=("lower, higher, none",)),
    "bad-id": Case(HEAD + "themes:\n  - id: Jeugd Thema\n    name: Jeugd\n", 5, 9, "Jeugd Thema",
                   hint_says=("'jeugd-thema'",)),
    "bad-date": Case(THEME + "    actions:\n      - id: a\n        name: A\n        start: 2024-13\n", 10, 16, "a",
                     says=("'2024-13'",)),
    # 200 wrong years, then the 201st is replaced by one "too-many" at its place (column 19 + 3 * 200)
    "too-many": Case(HEAD + "reporting_years: [" + "0, " * 300 + "0]\n", 4, 619, says=("more than 200",)),
    "bad-colour": Case(HEAD + "statuses:\n  - {id: groen, nl: groen, en: green, colour: \"red;background:url(x)\"}\n",
                       5, 47, "groen", says=("not a colour",), hint_says=("#rrggbb",)),
    "bad-target": Case(_indicator("    targets: {2024: ongeveer 5}\n"), 8, 21, "ind", says=("'ongeveer 5'",),
                       hint_says=("< 550",)),
    "empty-text": Case(HEAD + "motto: '  '\n", 4, 8),
    "duplicate-year": Case(_indicator("    values: {2023: 1, +2023: 2}\n"), 8, 23, "ind", says=("2023", "line 8")),
    # --------------------------------------------------------------- across items (loader)
    "duplicate-id": Case(THEME + "  - id: jeugd\n    name: Nog eens\n", 7, 5, "jeugd", says=("'jeugd'", "line 5"),
                         hint_says=("'jeugd-2'",)),
    "unknown-ref": Case(THEME + "    status: {2023: lopt}\n", 7, 20, "jeugd", says=("'lopt'",),
                        hint_says=("'loopt'",)),
    "cycle": Case(THEME + """\
    actions:
      - {id: a, name: A, needs: [b]}
      - {id: b, name: B, needs: [c]}
      - {id: c, name: C, needs: [a]}
""", 8, 9, "a", says=("a → b → c → a",), hint_says=("a → b (8)", "b → c (9)", "c → a (10)")),
    "end-before-start": Case(THEME + "    actions:\n      - {id: a, name: A, start: 2025, end: 2024-06}\n", 8, 9,
                             "a", says=("2024-06", "2025")),
    "period": Case(HEAD + "period: {from: 2024, to: 2020}\n", 4, 9, says=("2020", "2024"),
                   hint_says=("from: 2020, to: 2024",)),
    "breakdown-sum": Case(_indicator("""\
    categories: [{id: a, name: A}, {id: b, name: B}]
    breakdown: {2019: {a: 100, b: 73}}
    values: {2019: 167}
"""), 10, 20, "ind", says=("2019", "173", "167")),
    "values-differ": Case(_indicator("""\
    values:
      2023:
        - {value: 127, source: tekst}
        - {value: 136, source: tabel}
"""), 11, 11, "ind", says=("2023", "127 (tekst)", "136 (tabel)")),
    "no-source": Case(_indicator("    values: {2023: 1}\n", source=False), 5, 5, "ind"),
    "no-actions": Case(THEME + "    goals:\n      - {id: doel, name: Een doel}\nreporting: {actions_per_goal: true}\n",
                       8, 9, "doel"),
    "budget-items": Case(THEME + """\
    actions:
      - id: a
        name: A
        budget:
          - amount: 75000
            kind: incidenteel
            items:
              - {amount: 40000, kind: incidenteel}
              - {amount: 20000, kind: incidenteel, every: 2}
""", 11, 13, "a", says=("50000", "75000")),
    "status-vocab-duplicate": Case(HEAD + """\
statuses:
  - {id: groen, nl: groen, en: green}
  - {id: groen, nl: ook groen, en: also green}
""", 6, 5, "groen", says=("'groen'",)),
    "value-empty": Case(_indicator("    values: {2023: {note: onbekend}}\n"), 8, 20, "ind", says=("2023",)),
    "long-id": Case(HEAD + "themes:\n  - id: " + "a" * 90 + "\n    name: Lang\n", 5, 9, "a" * 90, says=("90", "80")),
    "no-themes": Case(HEAD + "motto: Veilig\n", 1, 1, says=("no themes",), hint_says=("starter: true",)),
    "duplicate-reporting-year": Case(HEAD + "reporting_years: [2023, 2023]\n", 1, 1, says=("2023",)),
    "year-outside-plan": Case(THEME + "period: {from: 2025, to: 2028}\nreporting_years: [2025, 2031]\n", 1, 1,
                              says=("2031", "2025-2028"), hint_says=("typo", "`plans`")),
    "no-final-newline": Case(THEME.rstrip("\n"), 6, 30, says=("line break",)),
    "invisible": Case(THEME + "    description: \"Veilig\u202eeidnerkS\"\n", 5, 5, "jeugd", says=("U+202E",)),
    "budget-amount": Case(THEME + "    actions:\n      - {id: a, name: A, budget: [{kind: structureel}]}\n", 8, 35,
                          "a", hint_says=("amounts:",)),
    "budget-both": Case(THEME + "    actions:\n      - id: a\n        name: A\n        budget:\n"
                        "          - {amount: 5, amounts: {2024: 5}, kind: structureel}\n", 11, 13, "a"),
    "target-contradicts": Case(_indicator("    better: lower\n    targets: {2024: min. 7}\n"), 9, 21, "ind",
                               says=("floor", "lower is better")),
    "bare-target": Case(_indicator("    targets: {2024: \"4,5\"}\n"), 8, 21, "ind", says=("4,5", "exactly")),
    "duplicate-target": Case(_indicator("    targets: {2024: [\"< 5\", \"< 6\"]}\n"), 8, 29, "ind", says=("2024",)),
    "area-and-each": Case(HEAD + "areas: [{id: noord, name: Noord}]\n" + "indicators:\n  - id: ind\n    name: I\n"
                          "    source: x\n    better: higher\n"
                          "    targets: {2024: {target: 7, area: noord, each_area: true}}\n", 10, 21, "ind"),
    "count-fraction": Case(_indicator("    kind: count\n    values: {2023: 1.234}\n"), 9, 20, "ind",
                           says=("1,234",), hint_says=("1234",)),
}

WARNINGS = {"breakdown-sum", "year-outside-plan", "values-differ", "no-source", "no-actions", "budget-items", "no-final-newline",
            "invisible", "target-contradicts", "bare-target"}

# Catalog keys that are not problem codes: hints, and words and phrases filled into messages.
NOT_CODES = {
    "strict",  # loader: an unused note; the CLI says "--strict" itself
    "bound-ceiling", "bound-floor", "better-lower", "better-higher",  # words filled into target-contradicts
    "unknown-key-hint-match", "unknown-ref-match", "unknown-ref-none", "unknown-ref-empty",  # hints
}


def _problem_codes() -> set[str]:
    codes: set[str] = set()
    for catalog in (_files._T, _yaml._T, _types._T, _checks._T, _errors._T):
        for key in catalog.messages:
            if key.endswith("-hint") or key[:2] in ("t-", "f-", "r-", "k-") or key in NOT_CODES:
                continue
            codes.add(key)
    codes.add("syntax")  # every YAML syntax error, whose sentences live in format/_syntax.py
    return codes


# Cases about reading the text itself, which a line more at the end would change.
_AS_WRITTEN = {"syntax", "too-deep", "documents", "too-many", "no-themes", "no-final-newline", "too-big", "empty"}


def _whole(text: str, code: str | None = None) -> str:
    """A case's text as a whole plan: with an empty list of themes at the end where it has none.

    The cases are about something else; a plan without a `themes` key is the no-themes case.
    """
    if code in _AS_WRITTEN or "\nthemes:" in "\n" + text or not text.endswith("\n"):
        return text
    return text + "themes: []\n"


def _run(case: Case, code: str, tmp_path: Path) -> agenda.Validation:
    path = tmp_path / "agenda.yaml"
    data = _whole(case.text, code).encode() if isinstance(case.text, str) else case.text
    path.write_bytes(data)
    if code == "missing":
        path = tmp_path / "bestaat-niet.yaml"
    elif code == "not-file":
        path = tmp_path
    elif code == "os-error":
        path = tmp_path / ("x" * 300)
    return agenda.validate(path, max_bytes=case.max_bytes)


def _one(result: agenda.Validation, code: str) -> Problem:
    found = [p for p in result.problems if p.code == code]
    assert found, f"{code} not among {[p.message('en') for p in result.problems]}"
    return found[0]


class TestEveryCode:
    """Each problem code has a case that produces it, located, named, in two languages, with a fix."""

    def test_every_code_has_a_case(self) -> None:
        """The catalogs' problem codes and the table of cases are the same set."""
        assert _problem_codes() == set(CASES)

    @pytest.mark.parametrize("code", sorted(CASES))
    def test_case_produces_code(self, code: str, tmp_path: Path) -> None:
        """The case gives the code at the expected file, line and column, for the expected item."""
        case = CASES[code]
        result = _run(case, code, tmp_path)
        problem = _one(result, code)
        assert problem.location is not None
        assert (problem.location.line, problem.location.column) == (case.line, case.column), problem.message("en")
        assert problem.location.file.startswith(str(tmp_path))
        assert problem.item == case.item
        for needle in case.says:
            assert needle in problem.text["en"], problem.text["en"]
        for needle in case.hint_says:
            assert needle in problem.hint["en"], problem.hint["en"]

    @pytest.mark.parametrize("code", sorted(CASES))
    def test_message_in_both_languages_with_hint(self, code: str, tmp_path: Path) -> None:
        """The text and the hint exist in Dutch and English, differ between them, and hold no placeholder."""
        problem = _one(_run(CASES[code], code, tmp_path), code)
        for field in (problem.text, problem.hint):
            assert set(field) == {"nl", "en"}
            assert field["nl"].strip() and field["en"].strip()
            assert field["nl"] != field["en"]
            assert not re.search(r"\{[a-z_]+\}", field["nl"] + field["en"]), field
        assert problem.message("nl").startswith(str(problem.location))
        assert problem.hint["nl"] in problem.message("nl") and problem.hint["en"] in problem.message("en")

    @pytest.mark.parametrize("code", sorted(CASES))
    def test_severity(self, code: str, tmp_path: Path) -> None:
        """Warnings leave the plan valid (not in strict mode); errors refuse it."""
        result = _run(CASES[code], code, tmp_path)
        problem = _one(result, code)
        if code in WARNINGS:
            assert problem.severity is Severity.WARNING
            assert result.ok() and result.agenda is not None and not result.ok(strict=True)
        else:
            assert problem.severity is Severity.ERROR
            assert not result.ok() and result.agenda is None


def _codes(text: str) -> list[str]:
    return [p.code for p in agenda.validate_text(_whole(text), "x.yaml").problems]


def _first(text: str, code: str) -> Problem:
    return _one(agenda.validate_text(_whole(text), "x.yaml"), code)


class TestYaml11Surprises:
    """YAML 1.1's readings are never applied silently: read as YAML 1.2 or refused."""

    @pytest.mark.parametrize("word", ["no", "yes", "on", "off", "y", "N", "True"])
    def test_bool_words(self, word: str) -> None:
        """Only true/false are booleans; yes/no/on/off where a boolean is expected are refused with the bool hint."""
        text = HEAD + f"statuses:\n  - {{id: klaar, nl: klaar, en: done, done: {word}}}\n"
        if word == "True":
            assert _codes(text) == []
            return
        problem = _first(text, "expected")
        assert problem.hint["en"] == "Write true or false."
        assert (problem.location.line, problem.location.column) == (5, 44)  # type: ignore[union-attr]

    def test_no_stays_text(self) -> None:
        """`no` and `on` where text is expected are the words themselves."""
        plan = agenda.loads(_whole(HEAD + "motto: no\nsource: on\n"))
        assert (plan.motto, plan.source) == ("no", "on")

    def test_octal_number(self) -> None:
        """`0755` where a number is expected is refused as ambiguous, with the number without the zero."""
        problem = _first(_indicator("    values: {2023: 0755}\n"), "octal")
        assert problem.hint["en"].endswith("755.") and problem.item == "ind"

    @pytest.mark.parametrize("text", ["12:30", "1_000", "0x1F", "'12'"])
    def test_not_a_number(self, text: str) -> None:
        """Sexagesimals, underscores, hex and quoted digits are refused where a number is expected."""
        problem = _first(_indicator(f"    values: {{2023: {text}}}\n"), "expected")
        assert "a number" in problem.text["en"] and problem.hint["en"].startswith("Write a number")

    def test_unquoted_date_in_text_stays_text(self) -> None:
        """An unquoted 2024-01-31 where text is expected stays the text, not a date object."""
        assert agenda.loads(_whole(HEAD + "motto: 2024-01-31\n")).motto == "2024-01-31"

    def test_unquoted_date_in_year_field_refused(self) -> None:
        """An unquoted 2024-01-31 where a year is expected is refused."""
        problem = _first(HEAD + "period: {from: 2024-01-31}\n", "expected")
        assert "a year" in problem.text["en"] and (problem.location.line, problem.location.column) == (4, 16)  # type: ignore[union-attr]

    def test_number_where_text_expected(self) -> None:
        """A plain number where text is expected is refused with the advice to quote it."""
        problem = _first(HEAD + "motto: 2024\n", "expected")
        assert '"2024"' in problem.hint["en"]
        assert agenda.loads(_whole(HEAD + "motto: '2024'\n")).motto == "2024"

    def test_impossible_date(self) -> None:
        """A day that is not in the calendar is not a date."""
        assert "bad-date" in _codes(HEAD + "adopted: {on: 2023-02-30}\n")
        assert agenda.loads(_whole(HEAD + "adopted: {on: 2024-02-29}\n")).adopted_on == "2024-02-29"

    def test_decimal_exact(self) -> None:
        """Fractions are Decimal, exactly as written."""
        ind = agenda.loads(_whole(_indicator("    values: {2023: 7.40}\n"))).get("ind")
        assert isinstance(ind, agenda.Indicator) and ind.values[0].value == Decimal("7.40")


class TestAnchorsTagsMerge:
    """Anchors, aliases, merge keys and tags are refused at their place."""

    def test_merge_key(self) -> None:
        """A merge key `<<` with an alias is refused at the anchor and the alias (reading stops there)."""
        text = THEME + "    pillars:\n      - &p {id: p1, name: P}\n      - {<<: *p, id: p2}\n"
        assert _codes(text) == ["anchor", "alias"]
        alias = _first(text, "alias")
        assert (alias.location.line, alias.location.column) == (9, 14)  # type: ignore[union-attr]

    def test_merge_key_without_alias(self) -> None:
        """A merge key with a literal mapping is an unknown key `<<`."""
        problem = _first(HEAD + "<<: {motto: x}\n", "unknown-key")
        assert "'<<'" in problem.text["en"]

    @pytest.mark.parametrize("tag", ["!!int", "!!binary", "!custom", "!!python/object:os.system"])
    def test_tags(self, tag: str) -> None:
        """Any explicit tag is refused."""
        assert "tag" in _codes(HEAD + f"motto: {tag} x\n")

    def test_tag_on_collection(self) -> None:
        """A tag on a mapping or sequence is refused too."""
        assert "tag" in _codes(HEAD + "themes: !!seq []\n")


class TestUnknownKeys:
    """Unknown keys get a "did you mean", also for the Dutch words people reach for."""

    @pytest.mark.parametrize(
        ("key", "match"),
        [("naam", "name"), ("trekker", "owner"), ("eigenaar", "owner"), ("omschrijving", None), ("nmae", "name"),
         ("afhankelijk", "needs"), ("begroting", "budget")],
    )
    def test_did_you_mean(self, key: str, match: str | None) -> None:
        """A misspelt or Dutch key suggests the key meant, or lists the keys allowed."""
        text = THEME + f"    actions:\n      - id: a\n        name: A\n        {key}: x\n"
        problem = _first(text, "unknown-key")
        assert (problem.location.line, problem.location.column, problem.item) == (10, 9, "a")  # type: ignore[union-attr]
        if match is None:
            assert problem.hint["en"].startswith("Allowed here:") and "owner" in problem.hint["en"]
        else:
            assert problem.hint["en"] == f"Did you mean '{match}'?"

    def test_synonym_not_offered_where_it_does_not_belong(self) -> None:
        """A synonym is offered only when the key it means is allowed at that place."""
        problem = _first(HEAD + "bedrag: 5\n", "unknown-key")
        assert "amount" not in problem.hint["en"]


class TestReferences:
    """Unknown references say what exists; duplicate ids name the first place."""

    def test_unknown_ref_lists_existing(self) -> None:
        """With no close match the hint lists the existing ids of that kind."""
        text = THEME + "    pillars: [{id: preventie, name: P}]\n    goals:\n      - {id: g, name: G, pillar: zzz}\n"
        problem = _first(text, "unknown-ref")
        assert problem.item == "g" and "preventie" in problem.hint["en"]

    def test_unknown_ref_none_exist(self) -> None:
        """With nothing of that kind the hint says so."""
        problem = _first(THEME + "    plan: oud-plan\n", "unknown-ref")
        assert problem.hint["en"].startswith("There is no plan yet")

    def test_needs_unknown(self) -> None:
        """A need that names nothing is refused with a suggestion."""
        text = THEME + "    actions:\n      - {id: cameras, name: C}\n      - {id: b, name: B, needs: [camera]}\n"
        assert _first(text, "unknown-ref").hint["en"] == "Did you mean 'cameras'?"

    def test_duplicate_category(self) -> None:
        """A category id used twice in one indicator is refused at the second, naming the first line."""
        problem = _first(_indicator("    categories:\n      - {id: a, name: A}\n      - {id: a, name: B}\n"),
                         "duplicate-id")
        assert (problem.location.line, problem.location.column) == (10, 9)  # type: ignore[union-attr]
        assert "line 9" in problem.text["en"]

    def test_self_cycle(self) -> None:
        """An action that needs itself is a cycle of one."""
        problem = _first(THEME + "    actions:\n      - {id: a, name: A, needs: [a]}\n", "cycle")
        assert "a → a" in problem.text["en"]


class TestFiles:
    """Files that are not plans at all get one clear, located error."""

    def test_bom_accepted(self, tmp_path: Path) -> None:
        """A UTF-8 byte-order mark is accepted."""
        path = tmp_path / "a.yaml"
        path.write_bytes(b"\xef\xbb\xbf" + _whole(HEAD).encode())
        assert agenda.load(path).gemeente == "Testdorp"

    def test_utf16_refused(self, tmp_path: Path) -> None:
        """A UTF-16 file is refused as binary or not UTF-8, not misread."""
        path = tmp_path / "a.yaml"
        path.write_bytes(HEAD.encode("utf-16"))
        assert [p.code for p in agenda.validate(path).problems] in (["binary"], ["not-utf8"])

    @pytest.mark.parametrize("cut", [5, 20, 37, 45])
    def test_truncated(self, cut: int, tmp_path: Path) -> None:
        """A file cut short anywhere gives located errors, never an exception."""
        text = THEME + "    goals: [{id: doel, name: 'Een doel', actions: [{id: a, name: A}]}]\n"
        path = tmp_path / "a.yaml"
        path.write_bytes(text.encode()[: len(text) - cut])
        result = agenda.validate(path)
        assert result.errors and all(p.location is not None for p in result.errors)

    def test_truncated_inside_character(self, tmp_path: Path) -> None:
        """A file cut inside a multi-byte character is not UTF-8, at that place."""
        path = tmp_path / "a.yaml"
        path.write_bytes((HEAD + "motto: Veiligheid €").encode()[:-1])
        problem = _one(agenda.validate(path), "not-utf8")
        assert (problem.location.line, problem.location.column) == (4, 19)  # type: ignore[union-attr]

    def test_tab_indent(self) -> None:
        """Indenting with a tab is a syntax error with the tab hint."""
        problem = _first(HEAD + "themes:\n\t- id: x\n", "syntax")
        assert problem.hint["en"].startswith("Indent with spaces, not tabs.") and problem.location.line == 5  # type: ignore[union-attr]

    def test_control_character(self) -> None:
        """An invisible control character is located at its place."""
        problem = _first(HEAD + "motto: Veilig\x07\n", "syntax")
        assert (problem.location.line, problem.location.column) == (4, 14)  # type: ignore[union-attr]
        assert "U+0007" in problem.text["en"]

    def test_lone_surrogate_text(self) -> None:
        """Text from the API with a lone surrogate is refused as not UTF-8, not raised."""
        problem = _first(HEAD + "motto: \ud800\n", "not-utf8")
        assert problem.location.line == 4  # type: ignore[union-attr]

    @pytest.mark.parametrize("text", ["Deventer", "- 1\n- 2\n", "42", "null", "[]"])
    def test_not_a_mapping(self, text: str) -> None:
        """A document that is not a block of keys says so."""
        codes = [p.code for p in agenda.validate_text(text, "x.yaml").problems]
        assert codes[:1] in (["expected"], ["empty"])

    def test_deep_nesting_stops_early(self) -> None:
        """10,000 levels of nesting give one too-deep error."""
        assert _codes("a: " + "[" * 10_000) == ["too-deep"]


class TestAllAtOnce:
    """Every problem of a file is reported in one run, ordered by place, errors before warnings."""

    def test_many_problems(self) -> None:
        """Problems from the schema check and from the cross-item checks come together, sorted."""
        text = THEME + """\
    kbv: 9
    status: {2023: onbekend}
    goals:
      - {id: doel, name: D}
indicators:
  - {id: jeugd, name: Dubbel}
reporting: {actions_per_goal: true}
"""
        result = agenda.validate_text(text, "x.yaml")
        assert [p.code for p in result.errors] == ["range", "unknown-ref", "duplicate-id"]
        assert [p.code for p in result.warnings] == ["no-actions", "no-source"]
        lines = [p.location.line for p in result.errors]  # type: ignore[union-attr]
        assert lines == sorted(lines)


class TestStrict:
    """Strict mode turns warnings into errors; the API raises AgendaError only."""

    def test_load_strict(self, write_plan: Write) -> None:
        """load() accepts a plan with warnings; load(strict=True) raises with the warnings."""
        path = write_plan(_whole(_indicator("    values: {2023: 1}\n", source=False)))
        assert agenda.load(path).indicators[0].id == "ind"
        with pytest.raises(AgendaError) as info:
            agenda.load(path, strict=True)
        assert [p.code for p in info.value.problems] == ["no-source"]

    def test_loads_raises_agenda_error_only(self) -> None:
        """loads() of a bad plan raises AgendaError, a ValueError, with the problems in its message."""
        with pytest.raises(ValueError, match="onbekende sleutel") as info:
            agenda.loads(_whole(HEAD + "x: 1\n"))
        assert isinstance(info.value, AgendaError)
        assert "unknown key" in info.value.render("en")

    def test_validation_ok(self) -> None:
        """Validation.ok reflects errors, and warnings in strict mode."""
        result = agenda.validate_text(_whole(_indicator("", source=False)))
        assert result.ok() and not result.ok(strict=True)
        assert result.errors == () and [p.code for p in result.warnings] == ["no-source"]


class TestPartialItems:
    """Items that miss a required key are reported, and never crash the build of the rest."""

    def test_source_without_name(self, tmp_path: Path) -> None:
        """An indicator source without its name is one missing-key error, not a traceback."""
        text = _whole(HEAD + "indicators:\n  - id: ind\n    name: Meldingen\n    source: {url: 'https://example.org'}\n")
        path = tmp_path / "agenda.yaml"
        path.write_text(text, encoding="utf-8")
        result = agenda.validate(path)
        assert [p.code for p in result.errors] == ["missing-key"]
