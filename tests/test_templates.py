"""Starter plans: every template loads, `init` fills in the gemeente and never overwrites."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

import agenda
from agenda.edit.init import TEMPLATES, init, render_template, template_text


def run_cli(argv: Sequence[str]) -> tuple[int, str, str]:
    """Run the command line; exit code, stdout, stderr."""
    from agenda import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


class TestTemplates:
    @pytest.mark.parametrize("name", TEMPLATES)
    def test_template_loads_strictly(self, name: str) -> None:
        """Every shipped template is a valid plan without a single warning."""
        result = agenda.validate_text(template_text(name), f"{name}.yaml")
        assert result.ok(strict=True), [p.message("en") for p in result.problems]

    @pytest.mark.parametrize("name", TEMPLATES)
    def test_template_teaches_with_comments(self, name: str) -> None:
        """Every template explains itself: it has comments and points to the YAML reference."""
        text = template_text(name)
        assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 8
        assert "yaml-reference" in text

    def test_kbv_template_has_the_five_velden(self) -> None:
        """The kbv template has one theme per KBV veld, in the order 1..5."""
        plan = agenda.loads(template_text("kbv"))
        assert [t.kbv for t in plan.themes] == [1, 2, 3, 4, 5]
        assert plan.config.level("theme", "nl") == "veld"

    def test_deventer_template_is_small_and_has_deventers_shape(self) -> None:
        """The deventer template has strategic and fundament themes, an earlier plan, and stays short."""
        text = template_text("deventer")
        plan = agenda.loads(text)
        kinds = {t.kind for t in plan.themes}
        assert {"strategisch", "fundament"} <= kinds
        assert plan.plans and any(t.continued_in for t in plan.themes)
        assert len(text.splitlines()) < 300
        assert "Deventer" not in plan.gemeente

    def test_unknown_template_is_refused(self) -> None:
        """Asking for a template that does not exist raises ValueError naming the choices."""
        with pytest.raises(ValueError, match="kbv"):
            template_text("amsterdam")


class TestInit:
    @pytest.mark.parametrize("name", TEMPLATES)
    def test_init_writes_a_valid_plan_for_the_gemeente(self, tmp_path: Path, name: str) -> None:
        """The written file loads and names the gemeente, also in its title."""
        path = init(tmp_path / "plan.yaml", "Rivierdal", name)
        plan = agenda.load(path)
        assert plan.gemeente == "Rivierdal"
        assert "Rivierdal" in plan.title
        assert "Voorbeeldgemeente" not in path.read_text(encoding="utf-8")

    @pytest.mark.parametrize("name", ["'s-Hertogenbosch", 'Dorp "aan" zee: # west', "2024", "no", "  Súdwest-Fryslân  "])
    def test_any_name_stays_exactly_that_name(self, name: str) -> None:
        """Names with quotes, colons, hashes, digits or YAML words are written so they read back unchanged."""
        plan = agenda.loads(render_template("kbv", name))
        assert plan.gemeente == " ".join(name.split())

    def test_comments_survive(self, tmp_path: Path) -> None:
        """Filling in the name changes only the gemeente and title lines."""
        before = template_text("kbv").splitlines()
        after = init(tmp_path / "p.yaml", "Rivierdal", "kbv").read_text(encoding="utf-8").splitlines()
        changed = [a for a, b in zip(before, after, strict=True) if a != b]
        assert [line.split(":")[0] for line in changed] == ["gemeente", "title"]

    def test_refuses_to_overwrite(self, tmp_path: Path) -> None:
        """An existing file is never overwritten: FileExistsError, and its content is unchanged."""
        path = tmp_path / "plan.yaml"
        path.write_text("mijn werk\n", encoding="utf-8")
        with pytest.raises(FileExistsError):
            init(path, "Rivierdal", "kbv")
        assert path.read_text(encoding="utf-8") == "mijn werk\n"

    def test_empty_name_is_refused(self, tmp_path: Path) -> None:
        """A blank gemeente name raises ValueError and writes nothing."""
        with pytest.raises(ValueError, match="empty"):
            init(tmp_path / "plan.yaml", "   ", "kbv")
        assert not (tmp_path / "plan.yaml").exists()

    def test_templates_are_plain_yaml(self) -> None:
        """Ordinary YAML tools read the templates too (no agenda-only syntax)."""
        for name in TEMPLATES:
            assert isinstance(yaml.safe_load(template_text(name)), dict)


class TestInitCommand:
    def test_init_command_writes_and_says_what_next(self, tmp_path: Path) -> None:
        """`agenda init` exits 0, writes the file and tells the next step in Dutch."""
        path = tmp_path / "ivp.yaml"
        code, out, _ = run_cli(["init", str(path), "--gemeente", "Rivierdal", "--template", "deventer"])
        assert code == 0
        assert agenda.load(path).gemeente == "Rivierdal"
        assert "agenda validate" in out and "gemaakt" in out

    def test_init_command_refuses_existing_file(self, tmp_path: Path) -> None:
        """`agenda init` on an existing file exits 2 with an English message under --lang en."""
        path = tmp_path / "ivp.yaml"
        path.write_text("x\n", encoding="utf-8")
        code, _, err = run_cli(["init", str(path), "--gemeente", "Rivierdal", "--lang", "en"])
        assert code == 2
        assert "already exists" in err
        assert path.read_text(encoding="utf-8") == "x\n"

    def test_init_command_refuses_unknown_template(self, tmp_path: Path) -> None:
        """An unknown --template is a usage error (exit 2)."""
        code, _, _ = run_cli(["init", str(tmp_path / "p.yaml"), "--gemeente", "X", "--template", "nope"])
        assert code == 2
