"""The command-line entry: the command table, lazy groups and the exit codes of plain usage."""

from __future__ import annotations

import subprocess
import sys

import pytest

from agenda.cli import COMMANDS, build_parser, main


def _registered(parser: object) -> set[str]:
    sub = parser._subparsers._group_actions[0]  # type: ignore[attr-defined]
    return set(sub.choices)


class TestCommandTable:
    """The table that loads one group per command stays true to the parsers."""

    def test_table_lists_every_command(self) -> None:
        """COMMANDS names exactly the subcommands the groups register."""
        assert set(COMMANDS) == _registered(build_parser("nl"))

    @pytest.mark.parametrize("command", sorted(COMMANDS))
    def test_each_command_found_in_its_group(self, command: str) -> None:
        """Building the parser for one command registers that command."""
        assert command in _registered(build_parser("en", command))

    def test_validate_loads_no_other_group(self) -> None:
        """`agenda validate` imports neither networkx nor the other command groups."""
        code = (
            "import sys\nfrom agenda.cli import build_parser\nbuild_parser('nl', 'validate')\n"
            "print(sorted(m for m in sys.modules if m.startswith('agenda.cli.') or m == 'networkx'))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.strip() == "['agenda.cli._argparse', 'agenda.cli._check', 'agenda.cli._common']"


class TestUsage:
    """Plain usage mistakes exit 2 without a traceback."""

    def test_unknown_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown command exits 2 and names the choices."""
        assert main(["bestaat-niet"]) == 2
        assert "validate" in capsys.readouterr().err

    def test_no_command(self) -> None:
        """No command at all exits 2."""
        assert main([]) == 2

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the version and exits 0."""
        assert main(["--version"]) == 0
        assert capsys.readouterr().out.startswith("agenda ")


class TestPublicNames:
    """Every name in agenda.__all__ is reachable, whatever was imported before."""

    def test_all_names_resolve_after_submodules(self) -> None:
        """After every submodule is imported, each public name is still the documented object."""
        code = (
            "import pkgutil, importlib, agenda\n"
            "for m in pkgutil.walk_packages(agenda.__path__, 'agenda.'):\n"
            "    if not m.name.endswith('__main__'):\n"
            "        importlib.import_module(m.name)\n"
            "import types\n"
            "bad = [n for n in agenda.__all__ if isinstance(getattr(agenda, n), types.ModuleType)]\n"
            "print(bad)\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.strip() == "[]"
