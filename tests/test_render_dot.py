"""Tests for the dependency diagram (agenda.render.dot), the dot backend and the escaping module."""

from __future__ import annotations

import doctest
import re
import shutil
import subprocess
import time
from pathlib import Path

import attrs
import pytest

from agenda.model import Action, Agenda, Goal, StatusRecord, Theme
from agenda.render import _backend, _quote
from agenda.render._backend import (
    GraphvizMissingError,
    GraphvizTimeoutError,
    GraphvizTooLargeError,
    dot_nodes,
    render_image,
    render_images,
    write_diagram,
)
from agenda.render.dot import render_dot
from tests.render_fixtures import HOSTILE, check_golden, shuffled, small_plan

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


def _node_line(dot: str, node_id: str) -> str:
    return next(line for line in dot.splitlines() if re.match(rf'\s*"?{re.escape(node_id)}"? \[', line))


class TestQuoting:
    def test_doctests(self) -> None:
        """The examples in the escaping module's docstrings hold."""
        assert doctest.testmod(_quote).failed == 0

    def test_hostile_label_is_quoted_and_not_html(self) -> None:
        """A name with quotes, backslashes and tags becomes one quoted DOT string, never an HTML label."""
        dot = render_dot(small_plan(), 2024)
        line = _node_line(dot, "hostile")
        assert 'label="Quote \\" back\\\\slash <b>bold</b>' in line
        assert "label=<" not in line

    def test_name_that_is_entirely_a_tag_stays_text(self) -> None:
        """A name that looks like a whole HTML-like label (``<...>``) is still quoted as text."""
        plan = Agenda("G", "T", themes=(Theme("t", "<b>x</b>"),))
        assert 'label="<b>x</b>"' in _node_line(render_dot(plan, 2024), "t")

    def test_newline_in_name_becomes_line_break(self) -> None:
        """A newline in a name becomes DOT's ``\\n`` and not a raw newline inside the string."""
        plan = Agenda("G", "T", themes=(Theme("t", "een\ntwee"),))
        assert 'label="een\\ntwee"' in _node_line(render_dot(plan, 2024), "t")

    def test_trailing_backslash_does_not_break_the_string(self) -> None:
        """A name ending in a backslash is doubled so the closing quote stays a quote."""
        plan = Agenda("G", "T", themes=(Theme("t", "eind\\"),))
        assert 'label="eind\\\\"' in _node_line(render_dot(plan, 2024), "t")


class TestDiagram:
    def test_golden(self) -> None:
        """The diagram of the small plan matches the golden DOT file."""
        check_golden("small.dot", render_dot(small_plan(), 2024))

    def test_golden_english(self) -> None:
        """The English diagram matches its golden DOT file."""
        check_golden("small.en.dot", render_dot(small_plan(), 2024, lang="en"))

    @pytest.mark.parametrize("seed", range(5))
    def test_order_of_the_yaml_does_not_matter(self, seed: int) -> None:
        """Shuffling themes, goals, actions, indicators and records gives byte-identical DOT."""
        assert render_dot(shuffled(small_plan(), seed), 2024) == render_dot(small_plan(), 2024)

    def test_status_colour_mark_and_border(self) -> None:
        """A lagging action is filled with its status colour, shows its mark and has a bold dashed border."""
        line = _node_line(render_dot(small_plan(), 2024), "straatcoaches")
        assert 'fillcolor="#d55e00"' in line
        assert "‼ risico" in line
        assert "bold,dashed" in line

    def test_status_of_another_year(self) -> None:
        """The colour follows the chosen year: not started in 2023, completed in 2024."""
        assert "○ niet gestart" in _node_line(render_dot(small_plan(), 2023), "bibob-uitbreiding")
        assert "peripheries=2" in _node_line(render_dot(small_plan(), 2024), "bibob-uitbreiding")

    def test_edge_kinds_differ(self) -> None:
        """Containment, needs and contribution edges are drawn differently."""
        dot = render_dot(small_plan(), 2024)
        contains = next(line for line in dot.splitlines() if '"weerbare-organisatie" -> training' in line)
        needs = next(line for line in dot.splitlines() if "hostile -> training" in line)
        contributes = next(line for line in dot.splitlines() if 'straatcoaches -> "weerbare-organisatie"' in line)
        assert "arrowhead=none" in contains
        assert "style=bold" in needs and "heeft nodig" in needs
        assert "style=dashed" in contributes

    def test_title_year_legend_and_clusters(self) -> None:
        """The graph label has the title and the year; there is a legend and a cluster per theme."""
        dot = render_dot(small_plan(), 2024, lang="en")
        assert "Veiligheidsagenda 2024-2027" in dot and "reporting year 2024" in dot
        assert "subgraph cluster__legend" in dot
        assert "subgraph cluster_ondermijning" in dot and "subgraph cluster_jeugd" in dot

    def test_one_theme_keeps_its_outside_dependencies(self) -> None:
        """Drawing one theme shows its items and what its dependencies point at, not the rest."""
        dot = render_dot(small_plan(), 2024, theme="jeugd")
        assert "straatcoaches [" in dot
        assert '"bibob-uitbreiding" [' in dot
        assert "training [" not in dot

    def test_around_depth(self) -> None:
        """``around`` keeps the items within ``depth`` steps, following edges both ways."""
        one = render_dot(small_plan(), 2024, around="training", depth=1)
        assert "hostile [" in one and '"weerbare-organisatie" [' in one
        assert "straatcoaches [" not in one
        two = render_dot(small_plan(), 2024, around="training", depth=2)
        assert "straatcoaches [" in two

    def test_unknown_item_is_refused(self) -> None:
        """An unknown theme or item id raises ValueError naming it."""
        with pytest.raises(ValueError, match="nergens"):
            render_dot(small_plan(), 2024, around="nergens")
        with pytest.raises(ValueError, match="training"):
            render_dot(small_plan(), 2024, theme="training")

    def test_large_plan_gets_layout_limits(self) -> None:
        """Above the threshold the graph gets straight edges and a network-simplex limit."""
        themes = tuple(
            Theme(
                f"t{i}",
                f"T{i}",
                goals=(Goal(f"g{i}", "G", actions=tuple(Action(f"a{i}-{j}", "A") for j in range(200))),),
            )
            for i in range(8)
        )
        dot = render_dot(Agenda("G", "T", themes=themes), 2024)
        assert "splines=line" in dot and "nslimit=" in dot
        # Graphviz 2.43 fails on thousands of nodes with newrank ("trouble in init_rank").
        assert "newrank" not in dot
        assert "newrank=true" in render_dot(small_plan(), 2024)

    def test_unknown_status_word_is_shown(self) -> None:
        """A status id that is not in the vocabulary is shown with a question mark, not dropped."""
        plan = Agenda("G", "T", themes=(Theme("t", "T", status=(StatusRecord(2024, "groen"),)),))
        assert "? groen" in _node_line(render_dot(plan, 2024), "t")


@pytest.mark.dot
@needs_dot
class TestDot:
    def test_svg_shows_hostile_text_escaped(self) -> None:
        """``dot -Tsvg`` accepts the hostile plan and the SVG shows the name as escaped text."""
        svg = render_image(render_dot(small_plan(), 2024), "svg").decode("utf-8")
        assert "Quote &quot; back\\slash &lt;b&gt;bold&lt;/b&gt;" in svg
        assert "<b>bold</b>" not in svg

    @pytest.mark.parametrize("fmt", ["png", "pdf"])
    def test_binary_formats(self, fmt: str) -> None:
        """PNG and PDF come back as their file signatures."""
        data = render_image(render_dot(small_plan(), 2024), fmt)
        assert data.startswith(b"\x89PNG" if fmt == "png" else b"%PDF")

    def test_every_hostile_character_alone(self) -> None:
        """Each awkward character on its own in a name still gives valid DOT."""
        for text in ['"', "\\", "<", ">", "{", "}", ":", "\n", "<>", "\\N", "é ✓", HOSTILE]:
            plan = Agenda("G", text, themes=(Theme("t", text, goals=(Goal("g", text),)),))
            render_image(render_dot(plan, 2024), "svg")

    def test_refused_text_raises(self) -> None:
        """DOT that ``dot`` refuses raises GraphvizError with dot's message."""
        with pytest.raises(_backend.GraphvizError, match="syntax"):
            render_image("digraph {", "svg")


class TestBackend:
    def test_missing_dot_raises_with_install_hint(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without ``dot`` the error says how to install Graphviz."""
        monkeypatch.setattr(shutil, "which", lambda name: None)
        with pytest.raises(GraphvizMissingError) as info:
            render_image("digraph {}", "svg")
        assert "apt-get install graphviz" in info.value.message("nl")
        assert "brew install graphviz" in info.value.message("en")

    def test_missing_dot_writes_dot_file(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """``write_diagram`` falls back to the .dot file and says so."""
        monkeypatch.setattr(shutil, "which", lambda name: None)
        result = write_diagram("digraph {}", tmp_path / "plan.svg")
        assert result.fallback
        assert result.path == tmp_path / "plan.dot"
        assert (tmp_path / "plan.dot").read_text(encoding="utf-8") == "digraph {}"
        assert not (tmp_path / "plan.svg").exists()
        assert any("winget install graphviz" in m for m in result.messages)

    def test_timeout(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A ``dot`` that takes too long raises GraphvizTimeoutError."""
        monkeypatch.setattr(shutil, "which", lambda name: "/bin/dot")

        def slow(*args: object, **kwargs: object) -> None:
            raise subprocess.TimeoutExpired(cmd="dot", timeout=1)

        monkeypatch.setattr(subprocess, "run", slow)
        with pytest.raises(GraphvizTimeoutError, match="1 seconds"):
            render_image("digraph {}", "svg", timeout=1)

    def test_counts_nodes_not_edges(self) -> None:
        """dot_nodes counts node statements: not edges, not graph/node/edge defaults, quoted ids too."""
        text = 'digraph {\n\tgraph [rankdir=LR]\n\tnode [shape=box]\n\ta [label="x -> y"]\n' \
               '\t"b c" [label=b]\n\ta -> "b c" [style=bold]\n}\n'
        assert dot_nodes(text) == 2
        dot = render_dot(small_plan(), 2024)
        lines = [ln.strip() for ln in dot.splitlines()]
        expected = sum(1 for ln in lines if " [" in ln and " -> " not in ln.split(" [")[0]
                       and not ln.startswith(("graph ", "node ", "edge ")))
        assert dot_nodes(dot) == expected > 20

    def test_too_large_is_refused_at_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A diagram over the node limit is refused without starting dot, in Dutch and English notation."""
        def never(*args: object, **kwargs: object) -> None:
            raise AssertionError("dot was started")

        monkeypatch.setattr(shutil, "which", lambda name: "/bin/dot")
        monkeypatch.setattr(subprocess, "run", never)
        text = "digraph {\n" + "".join(f"\tn{i} [label=x]\n" for i in range(12001)) + "}\n"
        with pytest.raises(GraphvizTooLargeError) as info:
            render_image(text, "svg", max_nodes=10000)
        assert "12.001" in info.value.message("nl") and "--theme" in info.value.message("nl")
        assert "12,001" in info.value.message("en") and "10,000" in info.value.message("en")

    def test_many_within_a_budget(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """render_images draws what fits in the budget; the rest comes back as a timeout, in order."""
        monkeypatch.setattr(shutil, "which", lambda name: "/bin/dot")

        def fake(cmd: list[str], *, input: bytes, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
            time.sleep(0.3)
            return subprocess.CompletedProcess(cmd, 0, b"<svg/>", b"")

        monkeypatch.setattr(subprocess, "run", fake)
        texts = {f"d{i}": "digraph {}" for i in range(6)}
        out = render_images(texts, "svg", budget=0.5, jobs=1)
        assert list(out) == list(texts)
        assert out["d0"] == b"<svg/>"
        assert isinstance(out["d5"], GraphvizTimeoutError)

    def test_unknown_format(self) -> None:
        """An unknown output format is refused before running anything."""
        with pytest.raises(ValueError, match="bmp"):
            render_image("digraph {}", "bmp")

    def test_dot_suffix_needs_no_program(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """Writing a .dot file never runs Graphviz."""
        monkeypatch.setattr(shutil, "which", lambda name: None)
        result = write_diagram("digraph {}", tmp_path / "x.dot")
        assert not result.fallback and result.fmt == "dot"

    def test_hostile_name_in_evolved_plan(self) -> None:
        """Renaming an action to the hostile name changes only its own label line."""
        plan = small_plan()
        theme = attrs.evolve(plan.themes[1], actions=(attrs.evolve(plan.themes[1].actions[0], name=HOSTILE),))
        dot = render_dot(attrs.evolve(plan, themes=(plan.themes[0], theme)), 2024)
        assert dot.count("back\\\\slash") == 2
