"""The strict reader's own corners: where too-deep nesting is reported, whatever libyaml's own limit."""

from __future__ import annotations

from agenda.format import _yaml
from agenda.format._yaml import MAX_DEPTH, Node, _too_deep_at


class TestTooDeepAt:
    """The place of a too-deep error is computed the same way as the event loop would find it."""

    def test_flow_from_the_start(self) -> None:
        """With nothing open yet, the collection that passes MAX_DEPTH is the one reported."""
        text = "[" * (MAX_DEPTH + 10)
        assert _too_deep_at(text, []) == (1, MAX_DEPTH + 1)

    def test_counts_open_block_nodes(self) -> None:
        """Open block collections count as levels before the flow brackets."""
        text = "a:\n  b: " + "[" * 100
        root = Node("map", {}, 1, 1, start=0)
        inner = Node("map", {}, 2, 3, start=5)
        line, column = _too_deep_at(text, [root, inner])
        assert line == 2 and column == 6 + (MAX_DEPTH - 2)

    def test_quoted_brackets_do_not_count(self) -> None:
        """Brackets inside quotes are text, not nesting."""
        text = "['" + "[" * 100 + "', " + "[" * 100
        line, column = _too_deep_at(text, [])
        assert line == 1 and column == len("['" + "[" * 100 + "', ") + MAX_DEPTH

    def test_deep_flow_is_too_deep(self) -> None:
        """10,000 flow levels give one too-deep problem, not a syntax error, on every libyaml."""
        result = __import__("agenda").validate_text("a: " + "[" * 10_000)
        assert [(p.code, p.location.line, p.location.column) for p in result.problems] == [("too-deep", 1, 3 + MAX_DEPTH)]
        assert _yaml.MAX_DEPTH == 64
