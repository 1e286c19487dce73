"""The strict reader's own corners: where too-deep nesting is reported, whatever libyaml's own limit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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
        root = Node("map", {}, (1, 1), start=0)
        inner = Node("map", {}, (2, 3), start=5)
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


def _nodes(node: Node) -> list[Node]:
    out = [node]
    if node.kind == "map":
        for key, value in node.value.values():  # type: ignore[union-attr]
            out += _nodes(key) + _nodes(value)
    elif node.kind == "seq":
        for child in node.value:  # type: ignore[union-attr]
            out += _nodes(child)
    return out


def _marks(text: str) -> list[tuple[int, int, int, int]]:
    """libyaml's own (line, column, start, end) of every scalar and collection, in document order."""
    import yaml

    out: list[tuple[int, int, int, int]] = []
    open_: list[int] = []
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        mark = event.start_mark
        if isinstance(event, yaml.ScalarEvent):
            out.append((mark.line + 1, mark.column + 1, mark.index, event.end_mark.index))
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            open_.append(len(out))
            out.append((mark.line + 1, mark.column + 1, mark.index, -1))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            at = open_.pop()
            out[at] = (*out[at][:3], event.end_mark.index)
    return out


class TestPositions:
    """A node keeps one offset; its line and column, worked out when asked, are libyaml's own."""

    TEXTS = (
        "a: 1\nb:\n  - x\n  - 'y'\nc: {d: 2, e: [3, 4]}\n",
        "a: 1\r\nb: 2\r\nc:\r\n  - 3\r\n",  # Windows
        "a: 1\rb: 2\rc: 3\r",  # old Mac
        "a: 1\x85b: 2\u2028c: 3\u2029d: 4\n",  # NEL, LS, PS: line breaks to libyaml
        'a: "een\u2028twee"\nb: |\n  regel\r\n  regel\nc: ë€😀 x\n',
        "# alleen commentaar\n\n\nlijst:\n- a\n-   b\n- - c\n  - d\n",
    )

    def test_same_as_libyaml(self) -> None:
        for text in self.TEXTS:
            root = _yaml.parse(text, "x.yaml")
            got = [(n.line, n.column, n.start, n.end) for n in _nodes(root)]
            assert sorted(got) == sorted(_marks(text)), repr(text)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(st.from_regex(r"[a-z]{1,8}", fullmatch=True),
                              st.text(st.characters(blacklist_characters='"\\', blacklist_categories=("Cs", "Cc")),
                                      max_size=12),
                              st.sampled_from(["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029", "  \n\n"]),
                              st.booleans()),
                    min_size=1, max_size=12, unique_by=lambda t: t[0]))
    def test_same_as_libyaml_whatever_the_breaks(self, items: list[tuple[str, str, str, bool]]) -> None:
        text = "".join(f'{k}: "{v}"{br}' if quoted else f"{k}: [{k}, {{{k}: x}}]{br}" for k, v, br, quoted in items)
        root = _yaml.parse(text, "x.yaml")
        got = [(n.line, n.column, n.start, n.end) for n in _nodes(root)]
        assert sorted(got) == sorted(_marks(text))

    def test_lines_without_nodes_cost_nothing(self) -> None:
        """The table holds the lines that have a node, not every line: a hostile file of a million
        comment lines before its error gets a table of two entries (it was a table of every line)."""
        text = "#\n" * 1_000_000 + "a: 1\nb: [2,\n  3]\n"
        root = _yaml.parse(text, "x.yaml")
        assert isinstance(root.where, _yaml.Lines)
        assert list(root.where.numbers) == [1_000_001, 1_000_002, 1_000_003]
        assert [(n.line, n.column) for n in _nodes(root)] == [
            (1_000_001, 1), (1_000_001, 1), (1_000_001, 4), (1_000_002, 1), (1_000_002, 4),
            (1_000_002, 5), (1_000_003, 3)]

    def test_made_by_hand(self) -> None:
        node = Node("scalar", "2023", (7, 3), True, start=40, size=4)
        assert (node.line, node.column, node.start, node.end, node.size) == (7, 3, 40, 44, 4)

    def test_keys_are_kept_once(self) -> None:
        root = _yaml.parse("- {naam: a}\n- {naam: b}\n", "x.yaml")
        first, second = (dict(item.value)["naam"][0] for item in root.value)  # type: ignore[union-attr]
        assert first.value is second.value


class TestTheTreeIsLetGo:
    """validate_text empties the tree it parsed as it reads it; a tree the caller holds is left whole."""

    def test_the_callers_tree_is_left_whole(self) -> None:
        from agenda.format.loader import validate_tree

        from .conftest import DEVENTER

        text = DEVENTER.read_text(encoding="utf-8")
        root = _yaml.parse(text, "agenda.yaml")
        before = [(n.kind, n.start, n.size) for n in _nodes(root)]
        assert validate_tree(root, "agenda.yaml").agenda is not None
        assert [(n.kind, n.start, n.size) for n in _nodes(root)] == before

    def test_a_consuming_read_empties_each_map(self) -> None:
        from agenda.format import spec
        from agenda.format._scalars import _Ctx

        from .conftest import DEVENTER

        root = _yaml.parse(DEVENTER.read_text(encoding="utf-8"), "agenda.yaml")
        data = spec.read(root, _Ctx("agenda.yaml", consume=True))
        assert data is not None and data["themes"]
        assert root.value == {}

    def test_same_answer_either_way(self) -> None:
        from agenda.format.loader import validate_text, validate_tree

        from .conftest import DEVENTER

        text = DEVENTER.read_text(encoding="utf-8")
        consumed = validate_text(text, "agenda.yaml")
        kept = validate_tree(_yaml.parse(text, "agenda.yaml"), "agenda.yaml", text=text)
        assert consumed.agenda == kept.agenda and consumed.problems == kept.problems
