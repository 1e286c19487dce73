"""The command line wholly Dutch (English with --lang en), and one language rule for every command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from agenda.cli import COMMANDS, build_parser
from agenda.cli._argparse import translate_error
from tests.conftest import MINIMAL
from tests.test_templates import run_cli

Write = Callable[[str], Path]

# Words argparse writes by itself; none may reach a Dutch user.
ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "invalid choice", "the following arguments",
           "error:", "PATH", "YEAR", "ITEM")


class TestDutchHelp:
    """Every help page speaks Dutch by default."""

    def test_top_level(self) -> None:
        """`agenda --help` has Dutch usage, titles and help line."""
        code, out, _ = run_cli(["--help"])
        assert code == 0 and out.startswith("gebruik: agenda [-h] [--version] [--lang {nl,en}] opdracht")
        assert "\nargumenten:\n" in out and "\nopties:\n" in out and "toon deze hulp en stop" in out
        assert not any(word in out for word in ENGLISH)

    @pytest.mark.parametrize("command", sorted(COMMANDS))
    def test_every_command(self, command: str) -> None:
        """Each command's help is free of argparse's English, with Dutch metavars."""
        argv = [command, "set", "--help"] if command in ("status", "value", "target") else [command, "--help"]
        code, out, _ = run_cli(argv)
        assert code == 0 and out.startswith("gebruik: agenda ")
        assert not any(word in out for word in ENGLISH), out
        assert out.count("\nopties:\n") == 1

    def test_metavars(self) -> None:
        """Values are named in Dutch: BESTAND, ID, JAAR, GETAL."""
        _, out, _ = run_cli(["value", "set", "--help"])
        assert "BESTAND ID" in out and "--year JAAR" in out and "--value GETAL" in out and "--source BRON" in out

    def test_lang_en_help(self) -> None:
        """`agenda --lang en --help` works and is English, before or after the command."""
        code, out, _ = run_cli(["--lang", "en", "--help"])
        assert code == 0 and out.startswith("usage: agenda") and "positional arguments:" in out
        assert "Use --lang nl for Dutch." in out
        code, out, _ = run_cli(["validate", "--help", "--lang", "en"])
        assert code == 0 and "FILE" in out and "BESTAND" not in out


class TestDutchErrors:
    """Usage errors are Dutch sentences, with a suggestion for a typo."""

    def test_misspelled_command(self) -> None:
        """A misspelled command gets "Bedoelt u 'validate'?" and exit code 2."""
        code, _, err = run_cli(["valdate", "agenda.yaml"])
        assert code == 2
        assert "agenda: fout: 'valdate' is geen opdracht van agenda. Bedoelt u 'validate'?" in err

    @pytest.mark.parametrize(("argv", "shows"), [([], "validate      controleer een agenda-bestand"),
                                                 (["status"], "set       leg de status van één onderdeel"),
                                                 (["--lang", "en"], "validate      check a plan file")])
    def test_the_bare_word_shows_the_help(self, argv: list[str], shows: str) -> None:
        """`agenda` or `agenda status` alone shows what to choose from, not only that something is missing."""
        code, _, err = run_cli(argv)
        assert code == 2 and shows in err and "ontbreken" not in err

    def test_unknown_command_lists_commands(self) -> None:
        """A word that resembles no command lists the commands."""
        _, _, err = run_cli(["xyzzy"])
        assert "Opdrachten: validate, export" in err and "Zie agenda --help." in err

    def test_missing_arguments(self) -> None:
        """Missing arguments are named with their Dutch metavars."""
        code, _, err = run_cli(["status", "set"])
        assert code == 2 and "fout: deze argumenten ontbreken: BESTAND, ID, --year, --status" in err
        assert err.startswith("gebruik: agenda status set")

    def test_invalid_choice_with_suggestion(self) -> None:
        """An invalid choice lists the choices and suggests the closest."""
        _, _, err = run_cli(["validate", "x.yaml", "--format", "jsn"])
        assert "fout: --format: 'jsn' is geen geldige keuze (kies uit: text, json) Bedoelt u 'json'?" in err

    def test_not_a_whole_number(self) -> None:
        """A year that is not a number is said in Dutch."""
        _, _, err = run_cli(["check-ready", "x.yaml", "--year", "twintig"])
        assert "fout: --year: 'twintig' is geen geheel getal" in err

    def test_unrecognized(self) -> None:
        """An unknown option is named by the command it was given to, with that command's usage and the
        nearest option it has."""
        code, _, err = run_cli(["validate", "x.yaml", "--strikt"])
        assert code == 2 and err.startswith("gebruik: agenda validate")
        assert "agenda validate: fout: onbekende argumenten: --strikt Bedoelt u '--strict'?" in err

    def test_misspelled_required_option(self) -> None:
        """A misspelled required option is said as the typo it is, not as the option that is missing."""
        code, _, err = run_cli(["status", "set", "p.yaml", "x", "--yaer", "2025", "--status", "loopt"])
        assert code == 2 and err.startswith("gebruik: agenda status set")
        assert "agenda status set: fout: onbekende argumenten: --yaer Bedoelt u '--year'?" in err
        assert "ontbreken" not in err

    def test_unknown_short_option_and_extra_file(self) -> None:
        """A short option and a second file are named too, by the command, without a guess."""
        _, _, err = run_cli(["init", "--gemeente", "X", "-o", "x.yaml"])
        assert err.startswith("gebruik: agenda init") and "agenda init: fout: onbekende argumenten: -o" in err
        _, _, err = run_cli(["validate", "a.yaml", "b.yaml"])
        assert "agenda validate: fout: onbekende argumenten: b.yaml\n" in err

    def test_values_that_look_like_options(self, write_plan: Write) -> None:
        """The value of an option may start with "--" and an abbreviation is still an option."""
        path = write_plan(MINIMAL)
        code, out, err = run_cli(["status", "set", str(path), "vios", "--year", "2023", "--stat", "afgerond",
                                  "--note", "--zie bijlage 2", "--dry-run"])
        assert code == 0, err
        assert '"--zie bijlage 2"' in out

    def test_english(self) -> None:
        """With --lang en, the messages stay argparse's English, with the suggestion in English."""
        _, _, err = run_cli(["--lang", "en", "valdate"])
        assert "agenda: error: 'valdate' is not an agenda command. Did you mean 'validate'?" in err

    @pytest.mark.parametrize(("english", "dutch"), [
        ("argument --year: expected one argument", "--year: hier hoort een waarde achter"),
        ("ambiguous option: --f could match --from, --format", "onduidelijke optie: --f kan --from, --format zijn"),
        ("argument -o/--output: expected one argument", "-o/--output: hier hoort een waarde achter"),
        ("something else", "something else"),
    ])
    def test_translate(self, english: str, dutch: str) -> None:
        """argparse's own templates are matched and said in Dutch; an unknown message passes unchanged."""
        assert translate_error(english, "nl") == dutch

    def test_parser_still_parses(self) -> None:
        """The localised parser gives the same namespace as before."""
        args = build_parser("nl", "status").parse_args(["status", "set", "p.yaml", "vios", "--year", "2024",
                                                        "--status", "loopt"])
        assert (args.path, args.item, args.year, args.status) == ("p.yaml", "vios", 2024, "loopt")


class TestOneLanguageRule:
    """--lang, else the plan's language, else Dutch: every command the same."""

    def test_english_plan_edit_and_impact_agree(self, write_plan: Write) -> None:
        """On a plan with `language: en`, `status set` answers in English like `impact` does."""
        path = write_plan(MINIMAL.replace("format: 1\n", "format: 1\nlanguage: en\nreporting_years: [2023]\n"))
        code, out, err = run_cli(["status", "set", str(path), "vios", "--year", "2023", "--status", "vertraagd",
                                  "--note", "Minder capaciteit."])
        assert code == 0, err
        assert "recorded (line" in out and "status: was" in out and "vastgelegd" not in out
        code, out, _ = run_cli(["impact", str(path), "vios"])
        assert "What depends on it" in out
        code, _, err = run_cli(["status", "set", str(path), "vios", "--year", "2023", "--status", "zoek"])
        assert code == 1 and "is not a status of this plan" in err

    def test_explicit_lang_wins(self, write_plan: Write) -> None:
        """--lang nl on an English plan answers in Dutch."""
        path = write_plan(MINIMAL.replace("format: 1\n", "format: 1\nlanguage: en\n"))
        _, out, _ = run_cli(["value", "set", str(path), "overlast", "--year", "2023", "--value", "600", "--lang", "nl"])
        assert "vastgelegd" in out

    def test_invalid_english_plan_answers_in_english(self, write_plan: Write) -> None:
        """Even a plan with errors is answered in its own language."""
        path = write_plan(MINIMAL.replace("format: 1\n", "format: 1\nlanguage: en\n").replace("gemeente: Testdorp\n", ""))
        code, out, err = run_cli(["validate", str(path)])
        assert code == 1 and "not valid" in out and "error" in err and "fout" not in err

    def test_check_ready_uses_plan_language(self, write_plan: Write) -> None:
        """check-ready answers in the plan's language without --lang."""
        path = write_plan(MINIMAL.replace("format: 1\n", "format: 1\nlanguage: en\nreporting_years: [2023]\n"))
        _, out, _ = run_cli(["check-ready", str(path), "--year", "2023"])
        assert "ready" in out and "klaar" not in out
