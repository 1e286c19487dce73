"""The yearly-cycle commands: status/value/target set, new-year and check-ready."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from agenda.cli import main
from tests.conftest import MINIMAL

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the CLI and return (exit code, stdout, stderr)."""

    def go(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    return go


@pytest.fixture
def plan(write_plan: Callable[[str], Path]) -> Path:
    """MINIMAL written to a file."""
    return write_plan(MINIMAL)


class TestHelp:
    """Help shows examples, in Dutch by default and in English on request."""

    @pytest.mark.parametrize("cmd", [["status", "set"], ["value", "set"], ["target", "set"], ["new-year"],
                                     ["check-ready"]])
    def test_examples_both_languages(self, run: Run, cmd: list[str]) -> None:
        """Every command's help has examples and exit codes, in nl and en."""
        code, out, _ = run(*cmd, "--help")
        assert code == 0 and "Voorbeeld" in out and "Afsluitcodes" in out
        code, out, _ = run(*cmd, "--help", "--lang", "en")
        assert code == 0 and "Example" in out and "Exit codes" in out

    def test_usage_error_is_2(self, run: Run, plan: Path) -> None:
        """A missing required option is a usage error (exit 2)."""
        code, _, _ = run("status", "set", str(plan), "vios", "--status", "loopt")
        assert code == 2


class TestSet:
    """Recording statuses, values and targets."""

    def test_status_set_writes_and_reports_lines(self, run: Run, plan: Path) -> None:
        """The status is written and the changed line is named."""
        code, out, _ = run("status", "set", str(plan), "vios", "--year", "2024", "--status", "vertraagd",
                           "--note", "Minder capaciteit.", "--progress", "40")
        assert code == 0 and "regel 13" in out
        assert '2024: {status: vertraagd, progress: 40, note: "Minder capaciteit."}' in plan.read_text("utf-8")

    def test_dry_run_prints_diff(self, run: Run, plan: Path) -> None:
        """--dry-run prints the diff and leaves the file alone."""
        code, out, err = run("status", "set", str(plan), "vios", "--year", "2024", "--status", "loopt", "--dry-run")
        assert code == 0 and "+            status: {2023: loopt, 2024: loopt}" in out and "proefdraai" in err
        assert plan.read_text("utf-8") == MINIMAL

    def test_json(self, run: Run, plan: Path) -> None:
        """--format json gives a machine-readable result with the diff."""
        code, out, _ = run("value", "set", str(plan), "overlast", "--year", "2024", "--value", "7,4",
                           "--format", "json")
        data = json.loads(out)
        assert code == 0 and data["written"] is True and data["lines"] == [19] and "2024: 7.4" in data["diff"]

    def test_unknown_id_exit_1_both_languages(self, run: Run, plan: Path) -> None:
        """An unknown id exits 1 with a did-you-mean, in Dutch or English."""
        code, _, err = run("status", "set", str(plan), "vio", "--year", "2024", "--status", "loopt")
        assert code == 1 and "Bedoelt u 'vios'?" in err
        code, _, err = run("status", "set", str(plan), "vio", "--year", "2024", "--status", "loopt", "--lang", "en")
        assert code == 1 and "Did you mean 'vios'?" in err
        assert plan.read_text("utf-8") == MINIMAL

    def test_refusal_json(self, run: Run, plan: Path) -> None:
        """A refusal in JSON lists the problems."""
        code, out, _ = run("target", "set", str(plan), "overlast", "--year", "2024", "--target", "minder",
                           "--format", "json")
        data = json.loads(out)
        assert code == 1 and data["ok"] is False and data["problems"][0]["code"] == "bad-target"

    def test_unreadable_exit_2(self, run: Run, tmp_path: Path) -> None:
        """A missing file exits 2."""
        code, _, err = run("value", "set", str(tmp_path / "nee.yaml"), "x", "--year", "2024", "--value", "1")
        assert code == 2 and "niet gevonden" in err

    def test_unchanged(self, run: Run, plan: Path) -> None:
        """Recording what is already there says so and writes nothing."""
        code, out, _ = run("status", "set", str(plan), "vios", "--year", "2023", "--status", "loopt")
        assert code == 0 and "niets gewijzigd" in out


class TestYear:
    """Opening a year and checking readiness."""

    def test_whole_cycle(self, run: Run, plan: Path) -> None:
        """Open 2024, see what is missing, fill it in, and check-ready turns from 1 to 0."""
        code, out, _ = run("new-year", str(plan), "--year", "2024")
        assert code == 0 and "geopend" in out and "[vios]" in out and "[overlast]" in out
        code, out, _ = run("check-ready", str(plan), "--year", "2024")
        assert code == 1 and "nog niet klaar" in out
        assert run("status", "set", str(plan), "vios", "--year", "2024", "--status", "risico")[0] == 0
        code, out, _ = run("check-ready", str(plan), "--year", "2024", "--format", "json")
        data = json.loads(out)
        assert code == 1 and data["counts"] == {"year": 0, "status": 0, "explanation": 1, "value": 1}
        run("status", "set", str(plan), "vios", "--year", "2024", "--status", "risico", "--note", "Geen locatie.")
        run("value", "set", str(plan), "overlast", "--year", "2024", "--value", "512")
        code, out, _ = run("check-ready", str(plan), "--year", "2024", "--lang", "en")
        assert code == 0 and "ready for the college" in out

    def test_a_year_outside_the_plan_is_said_at_once(self, run: Run, write_plan: Callable[[str], Path]) -> None:
        """new-year 2031 on a plan of 2023-2026 opens it, and warns that it lies outside the plan's period."""
        plan = write_plan(MINIMAL.replace("title: Integraal Veiligheidsplan\n",
                                          "title: Integraal Veiligheidsplan\nperiod: {from: 2023, to: 2026}\n"))
        code, _, err = run("new-year", str(plan), "--year", "2031")
        assert code == 0 and "het verslagjaar 2031 ligt buiten de looptijd van het plan (2023-2026)" in err
        code, _, err = run("new-year", str(plan), "--year", "2024")
        assert code == 0 and "buiten de looptijd" not in err

    def test_check_ready_unopened(self, run: Run, plan: Path) -> None:
        """A year that is not opened is reported as missing."""
        code, out, _ = run("check-ready", str(plan), "--year", "2025")
        assert code == 1 and "agenda new-year" in out

    def test_check_ready_invalid_file(self, run: Run, write_plan: Callable[[str], Path]) -> None:
        """An invalid plan exits 1 with its problems."""
        bad = write_plan(MINIMAL.replace("better: lower", "better: lager"))
        code, _, err = run("check-ready", str(bad), "--year", "2023")
        assert code == 1 and "lager" in err
