"""status set and value set say what they replaced ("was 112, nu 118") and keep the entry's other fields."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from agenda.edit.update import FieldChange, edit_status, edit_value, status_changes, value_changes
from agenda.format.loader import loads
from tests.test_templates import run_cli

Write = Callable[[str], Path]

PLAN = """\
format: 1
gemeente: Testdorp
title: Integraal Veiligheidsplan
themes:
  - id: jeugd
    name: Jeugd en veiligheid
    goals:
      - id: veilige-school
        name: Een veilige schoolomgeving
        actions:
          - id: vios
            name: Veilig In en Om School
            status:
              2023: {status: loopt, note: "Goed op weg.", progress: 40}
indicators:
  - id: overlast
    name: Meldingen jeugdoverlast
    unit: aantal
    better: lower
    values:
      2022: 112
      2023: {value: 608, source: "CBS", note: "voorlopig"}
"""


class TestFieldChanges:
    """The API: which fields of a year's entry an edit replaced, added or kept."""

    def test_status_replaced_note_kept(self) -> None:
        """A new status word replaces the old one; note and progress are kept, and reported as kept."""
        new = edit_status(PLAN, "f", "vios", 2023, "vertraagd")
        assert '2023: {status: vertraagd, note: "Goed op weg.", progress: 40}' in new
        got = status_changes(loads(PLAN), loads(new), "vios", 2023)
        assert got == (FieldChange("status", "loopt", "vertraagd"), FieldChange("progress", 40, 40),
                       FieldChange("note", "Goed op weg.", "Goed op weg."))
        assert [f.kept for f in got] == [False, True, True]

    def test_value_replaced_source_and_note_kept(self) -> None:
        """A figure replaces the old one in its record; source and note stay."""
        new = edit_value(PLAN, "f", "overlast", 2023, "618")
        assert '2023: {value: 618, source: "CBS", note: "voorlopig"}' in new
        got = {f.field: f for f in value_changes(loads(PLAN), loads(new), "overlast", 2023)}
        assert got["value"] == FieldChange("value", 608, 618) and got["source"].kept and got["note"].kept

    def test_new_entry_has_no_old(self) -> None:
        """A year without an entry gets fields that are new (old is None)."""
        new = edit_value(PLAN, "f", "overlast", 2024, "7")
        assert value_changes(loads(PLAN), loads(new), "overlast", 2024) == (FieldChange("value", None, 7),)

    def test_note_given_replaces(self) -> None:
        """Told otherwise (--note), the note is replaced and reported as was/now."""
        new = edit_status(PLAN, "f", "vios", 2023, "vertraagd", note="Minder capaciteit.")
        got = {f.field: f for f in status_changes(loads(PLAN), loads(new), "vios", 2023)}
        assert got["note"] == FieldChange("note", "Goed op weg.", "Minder capaciteit.") and not got["note"].kept


class TestCommandLine:
    """What the programme manager sees after status set and value set."""

    def test_value_set_says_was_and_now(self, write_plan: Write) -> None:
        """`value set` over 112 prints 'was 112, nu 118'."""
        path = write_plan(PLAN)
        code, out, err = run_cli(["value", "set", str(path), "overlast", "--year", "2022", "--value", "118"])
        assert code == 0, err
        assert "  waarde: was 112, nu 118\n" in out

    def test_target_set_says_was_and_now(self, write_plan: Write) -> None:
        """`target set` over a target prints 'doel: was < 550, nu max. 500'; a new one is said to be new."""
        path = write_plan(PLAN.replace("    values:\n", '    targets: {2023: "< 550"}\n    values:\n'))
        code, out, err = run_cli(["target", "set", str(path), "overlast", "--year", "2023", "--target", "max. 500"])
        assert code == 0, err
        assert "  doel: was < 550, nu max. 500\n" in out
        code, out, _ = run_cli(["target", "set", str(path), "overlast", "--year", "2024", "--target", "< 450",
                                "--lang", "en"])
        assert code == 0 and "  target: < 450 (new)\n" in out

    def test_status_set_reports_kept_fields(self, write_plan: Write) -> None:
        """`status set` names the replaced word in the plan's language and the fields it kept, with how to replace the note."""
        path = write_plan(PLAN)
        code, out, _ = run_cli(["status", "set", str(path), "vios", "--year", "2023", "--status", "vertraagd"])
        assert code == 0
        assert out.splitlines()[1:] == [
            "  status: was loopt, nu vertraagd",
            '  behouden: voortgang 40\u00a0%, toelichting "Goed op weg."',
            "  (geef --note om de toelichting te vervangen)",
        ]
        assert '{status: vertraagd, note: "Goed op weg.", progress: 40}' in path.read_text()

    def test_english_and_json(self, write_plan: Write) -> None:
        """With --lang en the report is English; --format json lists the fields with old, new and kept."""
        path = write_plan(PLAN)
        code, out, _ = run_cli(["value", "set", str(path), "overlast", "--year", "2023", "--value", "1.618",
                                "--lang", "en"])
        assert code == 0 and "  value: was 608, now 1618\n" in out and 'kept: source "CBS"' in out
        code, out, _ = run_cli(["value", "set", str(path), "overlast", "--year", "2023", "--value", "1620",
                                "--format", "json"])
        fields = json.loads(out)["fields"]
        assert {"field": "value", "old": 1618, "new": 1620, "kept": False} in fields
        assert {"field": "source", "old": "CBS", "new": "CBS", "kept": True} in fields

    def test_unchanged_reports_nothing_replaced(self, write_plan: Write) -> None:
        """Recording what is already there says so and lists no field."""
        path = write_plan(PLAN)
        code, out, _ = run_cli(["value", "set", str(path), "overlast", "--year", "2022", "--value", "112"])
        assert code == 0 and "stond er al zo" in out and "was" not in out

    def test_decimal_shown_the_dutch_way(self, write_plan: Write) -> None:
        """A fraction is shown with a decimal comma in Dutch."""
        path = write_plan(PLAN.replace("unit: aantal", "unit: per 1.000 inwoners"))
        code, out, _ = run_cli(["value", "set", str(path), "overlast", "--year", "2022", "--value", "7,5"])
        assert code == 0 and "  waarde: was 112, nu 7,5\n" in out
        assert loads(path.read_text()).get("overlast").value(2022).value == Decimal("7.5")  # type: ignore[union-attr]
