"""Tests for agenda.graph: the plan graph of ids and the stdlib cycle finder."""

from __future__ import annotations

import subprocess
import sys

import pytest

from agenda.graph import Cycle, CycleError, EdgeKind, build_graph, dependents_index, find_cycles
from agenda.model import Action, Agenda, Goal, Indicator, Location, Pillar, Tag, Theme


def _loc(line: int) -> Location:
    return Location("agenda.yaml", line, 5)


def _plan() -> Agenda:
    a1 = Action("a1", "Eerste", pillar="p", location=_loc(10))
    a2 = Action("a2", "Tweede", needs=("a1", "onbekend"), contributes_to=("g2",), location=_loc(20))
    a3 = Action("a3", "Derde", needs=("a2",), tags=("t",), location=_loc(30))
    g1 = Goal("g1", "Doel 1", pillar="p", actions=(a1, a2))
    g2 = Goal("g2", "Doel 2", actions=(a3,))
    direct = Action("a4", "Los", needs=("g1",))
    theme = Theme(
        "th", "Thema", pillars=(Pillar("p", "Pijler"),), tags=(Tag("t", "Vorm"),), goals=(g1, g2), actions=(direct,)
    )
    indicator = Indicator("i", "Meting", measures=("g1", "weg"))
    return Agenda("Testdorp", "Plan", themes=(theme,), indicators=(indicator,))


def _cyclic(edges: dict[str, tuple[str, ...]]) -> Agenda:
    actions = tuple(Action(i, i.upper(), needs=n, location=_loc(k + 1)) for k, (i, n) in enumerate(edges.items()))
    return Agenda("Testdorp", "Plan", themes=(Theme("t", "T", actions=actions),))


class TestBuildGraph:
    def test_nodes_are_ids_in_file_order_with_their_kind(self) -> None:
        """Every item becomes a node named by its id, the plan first, each with its level."""
        graph = build_graph(_plan())
        assert graph.nodes() == ("agenda", "th", "p", "t", "g1", "a1", "a2", "g2", "a3", "a4", "i")
        assert [graph.kind(n) for n in ("agenda", "th", "p", "t", "g1", "a1", "i")] == [
            "plan",
            "theme",
            "pillar",
            "tag",
            "goal",
            "action",
            "indicator",
        ]

    def test_edges_are_typed(self) -> None:
        """Containment, grouping, needs, contributions and measurements are separate edge kinds."""
        graph = build_graph(_plan())
        assert ("g1", "a1", EdgeKind.CONTAINS) in graph.edges(EdgeKind.CONTAINS)
        assert ("th", "a4", EdgeKind.CONTAINS) in graph.edges()
        assert graph.edges(EdgeKind.NEEDS) == [
            ("a2", "a1", EdgeKind.NEEDS),
            ("a3", "a2", EdgeKind.NEEDS),
            ("a4", "g1", EdgeKind.NEEDS),
        ]
        assert graph.edges(EdgeKind.CONTRIBUTES) == [("a2", "g2", EdgeKind.CONTRIBUTES)]
        assert graph.edges(EdgeKind.MEASURES) == [("i", "g1", EdgeKind.MEASURES)]
        assert set(graph.edges(EdgeKind.GROUPS)) == {
            ("p", "g1", EdgeKind.GROUPS),
            ("p", "a1", EdgeKind.GROUPS),
            ("t", "a3", EdgeKind.GROUPS),
        }

    def test_unknown_references_are_left_out(self) -> None:
        """A `needs` or `measures` naming an unknown id adds neither node nor edge."""
        graph = build_graph(_plan())
        assert "onbekend" not in graph and "weg" not in graph

    def test_descendants_with_depth_and_kinds(self) -> None:
        """Descendants follow edges forward, stopping at the given depth and edge kinds."""
        graph = build_graph(_plan())
        assert graph.descendants("agenda", depth=1) == ["th"]
        assert graph.descendants("th", depth=1, kinds=[EdgeKind.CONTAINS]) == ["p", "t", "g1", "g2", "a4"]
        assert graph.descendants("th", kinds=[EdgeKind.CONTAINS]) == ["p", "t", "g1", "a1", "a2", "g2", "a3", "a4"]

    def test_ancestors_and_dependents(self) -> None:
        """Ancestors follow edges backward; dependents are who needs an item, transitively."""
        graph = build_graph(_plan())
        assert graph.ancestors("a1", kinds=[EdgeKind.CONTAINS]) == ["agenda", "th", "g1"]
        assert graph.dependents("a1") == ["a2", "a3"]
        assert graph.dependents("g1") == ["a4"]
        assert graph.dependencies("a3") == ["a1", "a2"]

    def test_around_is_both_directions_within_depth(self) -> None:
        """The ids around an item include it and its neighbours either way, in file order."""
        graph = build_graph(_plan())
        assert graph.around("a2", 1) == ["g1", "a1", "a2", "g2", "a3"]
        assert graph.around("a2", 1, kinds=[EdgeKind.NEEDS]) == ["a1", "a2", "a3"]

    def test_subgraph_keeps_edges_between_kept_ids(self) -> None:
        """A subgraph holds only the chosen ids and the edges among them."""
        sub = build_graph(_plan()).subgraph(["a1", "a2", "a3"])
        assert sub.nodes() == ("a1", "a2", "a3")
        assert {(a, b) for a, b, _ in sub.edges()} == {("a2", "a1"), ("a3", "a2")}

    def test_topological_order_puts_dependencies_first(self) -> None:
        """Each id comes after everything it needs; ties keep file order."""
        order = build_graph(_plan()).topological_order()
        assert order.index("a1") < order.index("a2") < order.index("a3")
        assert order.index("g1") < order.index("a4")
        assert order[0] == "agenda"

    def test_topological_order_refuses_a_cycle(self) -> None:
        """A cycle in the needs makes topological_order raise a CycleError naming it."""
        graph = build_graph(_cyclic({"a": ("b",), "b": ("a",)}))
        with pytest.raises(CycleError, match="a → b → a"):
            graph.topological_order()

    def test_unknown_item_is_a_key_error(self) -> None:
        """Asking about an id the graph does not hold raises KeyError."""
        with pytest.raises(KeyError):
            build_graph(_plan()).descendants("nope")

    def test_dependents_index_is_sorted(self) -> None:
        """The dependents index maps each needed id to the sorted ids that need it."""
        index = dependents_index(_cyclic({"c": ("a",), "b": ("a",), "a": ()}))
        assert index == {"a": ["b", "c"]}


class TestFindCycles:
    def test_spells_out_the_cycle_with_locations(self) -> None:
        """A three-step cycle is reported from its smallest id with the location of each edge."""
        cycles = find_cycles(_cyclic({"b": ("c",), "c": ("a",), "a": ("b",), "d": ("a",)}))
        assert [str(c) for c in cycles] == ["a → b → c → a"]
        assert cycles[0].locations == (_loc(3), _loc(1), _loc(2))
        assert [(x, y) for x, y, _ in cycles[0].edges()] == [("a", "b"), ("b", "c"), ("c", "a")]

    def test_self_loop_and_separate_components(self) -> None:
        """A self-loop and two separate cycles are each reported once."""
        cycles = find_cycles(_cyclic({"x": ("x",), "a": ("b",), "b": ("a",), "p": ("q",), "q": ("p", "r")}))
        assert [str(c) for c in cycles] == ["a → b → a", "p → q → p", "x → x"]

    def test_one_report_per_component(self) -> None:
        """Two cycles sharing items form one component, reported once with all its members."""
        cycles = find_cycles(_cyclic({"a": ("b", "c"), "b": ("a",), "c": ("a",)}))
        assert len(cycles) == 1
        assert cycles[0].component == ("a", "b", "c")
        assert str(cycles[0]) == "a → b → a"

    def test_acyclic_plan_has_no_cycles(self) -> None:
        """A plan whose needs form no cycle yields an empty list; unknown ids are skipped."""
        assert find_cycles(_plan()) == []
        assert find_cycles(_cyclic({"a": ("zz",), "b": ("a",)})) == []

    def test_cycle_is_a_value(self) -> None:
        """A Cycle compares by its ids; CycleError is a ValueError carrying the cycles."""
        cycle = Cycle(("a", "b"), (None, None), ("a", "b"))
        error = CycleError([cycle])
        assert isinstance(error, ValueError)
        assert error.cycles == (cycle,)
        assert str(error) == "a → b → a"

    def test_long_chain_does_not_overflow_the_stack(self) -> None:
        """A cycle through 20,000 items is found without recursion errors."""
        n = 20_000
        cycles = find_cycles(_cyclic({f"a{i}": (f"a{(i + 1) % n}",) for i in range(n)}))
        assert len(cycles) == 1 and len(cycles[0].ids) == n

    def test_importing_the_graph_module_does_not_import_networkx(self) -> None:
        """find_cycles and `import agenda.graph` work without loading networkx."""
        code = (
            "import sys; import agenda.graph as g; from agenda.model import Agenda;"
            "g.find_cycles(Agenda('x', 'y')); print('networkx' in sys.modules)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "False"
