"""Properties of agenda.graph: every cycle is found, and the topological order respects the needs."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings

from agenda.graph import build_graph, find_cycles
from agenda.model import Action, Agenda, Theme
from tests.property.strategies import agendas, needs_graphs


def _plan(edges: dict[str, tuple[str, ...]]) -> Agenda:
    return Agenda("T", "P", themes=(Theme("t", "T", actions=tuple(Action(i, i, needs=n) for i, n in edges.items())),))


class TestCycles:
    @given(needs_graphs())
    @settings(max_examples=300)
    def test_every_cycle_is_found(self, edges: dict[str, tuple[str, ...]]) -> None:
        """Each cyclic component is reported once, and every simple cycle lies inside a reported one."""
        graph = nx.DiGraph([(a, b) for a, targets in edges.items() for b in targets])
        graph.add_nodes_from(edges)
        expected = {
            frozenset(c)
            for c in nx.strongly_connected_components(graph)
            if len(c) > 1 or any(graph.has_edge(n, n) for n in c)
        }
        cycles = find_cycles(_plan(edges))
        assert {frozenset(c.component) for c in cycles} == expected
        assert len(cycles) == len(expected)
        for simple in nx.simple_cycles(graph):
            assert any(set(simple) <= set(c.component) for c in cycles)

    @given(needs_graphs())
    def test_reported_cycles_are_real(self, edges: dict[str, tuple[str, ...]]) -> None:
        """Each reported cycle visits distinct ids and follows real needs edges back to its start."""
        for cycle in find_cycles(_plan(edges)):
            assert len(set(cycle.ids)) == len(cycle.ids)
            for a, b, _ in cycle.edges():
                assert b in edges[a]

    @given(agendas())
    def test_acyclic_plans_have_no_cycles_and_an_order(self, agenda: Agenda) -> None:
        """A plan drawn without cycles has none, and its topological order puts every need first."""
        assert find_cycles(agenda) == []
        order = build_graph(agenda).topological_order()
        position = {item: n for n, item in enumerate(order)}
        for item in agenda.items():
            for target in getattr(item, "needs", ()):
                assert position[target] < position[item.id]

    @given(agendas(cyclic=True))
    def test_cycle_components_match_networkx_on_plans(self, agenda: Agenda) -> None:
        """On whole plans with cycles, the components match networkx's strongly connected components."""
        graph = build_graph(agenda)
        needs = nx.DiGraph([(a, b) for a, b, _ in graph.edges(kind=None) if _ is _.NEEDS])
        expected = {
            frozenset(c)
            for c in nx.strongly_connected_components(needs)
            if len(c) > 1 or any(needs.has_edge(n, n) for n in c)
        }
        assert {frozenset(c.component) for c in find_cycles(agenda)} == expected
