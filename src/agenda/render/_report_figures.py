"""The report's diagrams, each made to fit a portrait A4 page: an overview and one per theme.

A printed page is A4 portrait with 2 cm margins: :data:`TEXT_WIDTH` by
:data:`TEXT_HEIGHT` points of text area.  A diagram is shown at its natural size,
or scaled down to the text width when it is wider.  It *fits* when, so scaled,
its smallest text is at least :data:`MIN_TEXT` points and its height leaves room
for a caption (:data:`FIGURE_HEIGHT`).  What does not fit is split — a theme
into parts by goal (and a long goal by its actions), the overview into parts by
theme — and never drawn smaller.

The sizes are measured in the SVG that Graphviz's ``dot`` writes (its ``width``,
``height`` and every ``font-size``), so the check is the picture itself, not an
estimate.  Without ``dot`` nothing can be measured: each diagram is kept whole as
DOT text and the report says the pictures are missing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Sequence
from typing import TypeVar

import attrs

from agenda._i18n import Catalog
from agenda.model import Action, Agenda, Goal, Theme
from agenda.render._backend import GraphvizError, GraphvizTooLargeError, render_image
from agenda.render.dot import effective_statuses, render_dot_page

__all__ = [
    "FIGURE_HEIGHT",
    "MAX_PARTS",
    "MIN_TEXT",
    "TEXT_HEIGHT",
    "TEXT_WIDTH",
    "Diagram",
    "SvgSize",
    "measure_svg",
    "report_diagrams",
]

T = TypeVar("T")
_MM = 72 / 25.4
#: The text width of a portrait A4 page with 2 cm margins, in points (170 mm).
TEXT_WIDTH = (210 - 40) * _MM
#: The text height of that page, in points (257 mm).
TEXT_HEIGHT = (297 - 40) * _MM
#: The height a diagram may take: the page less room for its heading and caption.
FIGURE_HEIGHT = TEXT_HEIGHT - 72
#: The smallest text size, in points, a printed diagram may have.
MIN_TEXT = 7.0
#: The most pages one diagram may be split over.  A diagram that would need more (a theme of
#: hundreds of goals) is not drawn in the report: its DOT text is written and the report says so.
MAX_PARTS = 10

_ = Catalog(
    "render-report-figures",
    {
        "overview": {
            "nl": "Overzicht {year}: thema's, doelstellingen en wat achterbleef",
            "en": "Overview {year}: themes, goals and what lagged",
        },
        "status-in": {"nl": "status in {year}", "en": "status in {year}"},
        "part": {"nl": "deel {n} van {total}", "en": "part {n} of {total}"},
    },
)


@attrs.frozen
class SvgSize:
    """A picture's natural size and its smallest text, in points, as ``dot`` wrote them in the SVG."""

    width: float
    height: float
    min_font: float

    @property
    def scale(self) -> float:
        """The factor the page applies: 1, or less when the picture is wider than the text."""
        return min(1.0, TEXT_WIDTH / self.width) if self.width > 0 else 1.0

    @property
    def fits(self) -> bool:
        """Whether, scaled to the page, the smallest text is readable and the height fits."""
        return self.min_font * self.scale >= MIN_TEXT and self.height * self.scale <= FIGURE_HEIGHT


@attrs.frozen
class Diagram:
    """One diagram of the report: its file stem, title, DOT text, and the SVG when ``dot`` made one.

    ``theme`` is the theme it draws (None for the overview); ``part``/``parts``
    number the pieces of a split diagram (1 of 1 when whole).  ``too_large`` marks a
    diagram that would need more than :data:`MAX_PARTS` pages: kept whole as DOT text only.
    """

    key: str
    title: str
    theme: str | None
    dot: str
    svg: str | None
    size: SvgSize | None
    part: int = 1
    parts: int = 1
    too_large: bool = False


_SVG_TAG = re.compile(r"<svg\b[^>]*>", re.S)
_ATTR = re.compile(r'\b(width|height)="([\d.]+)(pt|px)?"')
_FONT = re.compile(r'font-size="([\d.]+)"')


def measure_svg(svg: str) -> SvgSize:
    """The size (``width``/``height`` of the ``<svg>`` element, in points) and smallest ``font-size`` of ``svg``."""
    tag = _SVG_TAG.search(svg)
    found = {k: float(v) * (0.75 if u == "px" else 1.0) for k, v, u in _ATTR.findall(tag.group(0) if tag else "")}
    fonts = [float(f) for f in _FONT.findall(svg)]
    return SvgSize(found.get("width", 0.0), found.get("height", 0.0), min(fonts) if fonts else 0.0)


def report_diagrams(
    agenda: Agenda,
    year: int,
    themes: Sequence[Theme],
    lagging: Collection[str],
    *,
    lang: str = "nl",
    timeout: float = 60,
) -> tuple[tuple[Diagram, ...], str | None]:
    """The overview and the diagrams per theme, each split until it fits a page; and why pictures are missing.

    ``themes`` are the themes the report shows, in its order; the overview draws
    those with a status in ``year`` (``lagging`` names the lagging items it adds).
    Themes without goals or actions get no diagram.  When ``dot`` is missing the
    diagrams come back whole, as DOT text only, with the reason in the second value.
    """
    statuses = effective_statuses(agenda, year)
    drawer = _Drawer(agenda, year, lang, statuses, timeout)
    out: list[Diagram] = []
    try:
        current = [t for t in themes if _has_status(t, statuses)]
        if current:
            units = [_overview_unit(agenda, t, lagging) for t in current]
            title = _("overview", lang, year=year)
            out += drawer.fit("overzicht", title, None, units)
        for theme in themes:
            units = _theme_units(agenda, theme)
            if units:
                out += drawer.fit(f"thema-{theme.id}", theme.name, theme.id, units)
    except GraphvizError as exc:  # dot missing, too slow or refusing: the DOT text, and the reason said
        return drawer.unmeasured(themes, lagging), exc.message(lang)
    return tuple(out), None


def _has_status(theme: Theme, statuses: Collection[str]) -> bool:
    members: list[Theme | Goal | Action] = [theme, *theme.goals, *theme.all_actions()]
    return any(i.id in statuses for i in members)


def _theme_units(agenda: Agenda, theme: Theme) -> list[list[str]]:
    # A unit stays together when it fits: a goal with its actions, or one action under the theme.
    units: list[list[str]] = [[g.id, *(a.id for a in g.actions)] for g in theme.goals]
    return units + [[a.id] for a in theme.actions]


def _overview_unit(agenda: Agenda, theme: Theme, lagging: Collection[str]) -> list[str]:
    # A theme, its goals, its lagging actions and, for each lagging item, what it needs or what needs it.
    members: list[Theme | Goal | Action] = [theme, *theme.goals, *theme.all_actions()]
    ids: list[str] = [theme.id, *(g.id for g in theme.goals)]
    lagging_here = [i.id for i in members if i.id in lagging]
    ids += [i for i in lagging_here if i not in ids]
    for item_id in lagging_here:
        for other in _links(agenda, item_id, contributions=False):
            if other not in ids:
                ids.append(other)
    return ids


def _links(agenda: Agenda, item_id: str, *, contributions: bool) -> list[str]:
    # What ``item_id`` needs (or contributes to), and what needs it (or contributes to it).
    item = agenda.get(item_id)
    out: list[str] = list(item.needs) if isinstance(item, Goal | Action) else []
    if contributions and isinstance(item, Action):
        out += list(item.contributes_to)
    out += [other for other, by_need in _linked_by(agenda).get(item_id, ()) if by_need or contributions]
    return [i for i in out if agenda.get(i) is not None]


def _linked_by(agenda: Agenda) -> dict[str, list[tuple[str, bool]]]:
    # For each id, the goals and then the actions (in file order) that need it (True) or only
    # contribute to it (False): built once per plan, so drawing a large plan stays linear.
    def build() -> dict[str, list[tuple[str, bool]]]:
        out: dict[str, list[tuple[str, bool]]] = {}
        others: list[Goal | Action] = [*agenda.goals(), *agenda.actions()]
        for other in others:
            serves = set(other.contributes_to) if isinstance(other, Action) else set()
            for target in dict.fromkeys([*other.needs, *serves]):
                out.setdefault(target, []).append((other.id, target in other.needs))
        return out

    return agenda.memo("report-linked-by", build)


class _Drawer:
    def __init__(self, agenda: Agenda, year: int, lang: str, statuses: dict[str, tuple[str, bool]],
                 timeout: float) -> None:
        self.agenda, self.year, self.lang, self.statuses, self.timeout = agenda, year, lang, statuses, timeout

    def dot(self, title: str, theme: str | None, items: list[str], part: int, parts: int) -> str:
        lines = [title, _("status-in", self.lang, year=self.year)]
        if parts > 1:
            lines[-1] += " · " + _("part", self.lang, n=part, total=parts)
        if theme is not None:
            items = _theme_part(self.agenda, theme, items)
        return render_dot_page(self.agenda, self.year, items, title=lines, lang=self.lang, statuses=self.statuses)

    def svg(self, dot_text: str) -> str:
        return render_image(dot_text, "svg", timeout=self.timeout).decode("utf-8")

    def fit(self, key: str, title: str, theme: str | None, units: list[list[str]]) -> list[Diagram]:
        def size(chunk: list[list[str]]) -> SvgSize:
            return self._size(title, theme, chunk)

        whole = size(units)
        try:
            if _estimate(whole) > MAX_PARTS:
                raise _TooManyParts
            chunks = _split(units, size, whole, MAX_PARTS)
        except _TooManyParts:  # more pages than anyone reads as one diagram: not drawn, its DOT text kept
            return [Diagram(key, title, theme, self.dot(title, theme, _flat(units), 1, 1), None, None, too_large=True)]
        n = len(chunks)
        out = []
        for i, chunk in enumerate(chunks, 1):
            dot_text = self.dot(title, theme, _flat(chunk), i, n)
            svg = self.svg(dot_text)
            out.append(Diagram(key if n == 1 else f"{key}-{i}", title, theme, dot_text, svg, measure_svg(svg), i, n))
        return out

    def _size(self, title: str, theme: str | None, chunk: list[list[str]]) -> SvgSize:
        # Measured with a "part" in the title line, so the final "deel 1 van 2" cannot make a part wider.
        try:
            return measure_svg(self.svg(self.dot(title, theme, _flat(chunk), 9, 9)))
        except GraphvizTooLargeError:  # too many items for Graphviz to lay out: certainly to be split
            return SvgSize(width=TEXT_WIDTH, height=FIGURE_HEIGHT * 100, min_font=MIN_TEXT)

    def unmeasured(self, themes: Sequence[Theme], lagging: Collection[str]) -> tuple[Diagram, ...]:
        out = []
        current = [t for t in themes if _has_status(t, self.statuses)]
        if current:
            items = [i for t in current for i in _overview_unit(self.agenda, t, lagging)]
            title = _("overview", self.lang, year=self.year)
            out.append(Diagram("overzicht", title, None, self.dot(title, None, items, 1, 1), None, None))
        for theme in themes:
            units = _theme_units(self.agenda, theme)
            if units:
                out.append(Diagram(f"thema-{theme.id}", theme.name, theme.id,
                                   self.dot(theme.name, theme.id, _flat(units), 1, 1), None, None))
        return tuple(out)


def _flat(units: list[list[str]]) -> list[str]:
    return list(dict.fromkeys(i for unit in units for i in unit))


def _theme_part(agenda: Agenda, theme_id: str, items: list[str]) -> list[str]:
    # Every part of a theme starts from the theme, keeps the goal of an action continued from an
    # earlier part, and shows what its items need or contribute to elsewhere, so each part reads alone.
    theme = agenda.get(theme_id)
    out = [theme_id, *(i for i in items if i != theme_id)]
    if isinstance(theme, Theme):
        for goal in theme.goals:
            if goal.id not in out and any(a.id in items for a in goal.actions):
                out.append(goal.id)
    for item_id in list(out):
        out += [o for o in _links(agenda, item_id, contributions=True) if o not in out]
    return out


class _TooManyParts(Exception):
    """A diagram needs more than :data:`MAX_PARTS` pages: stop splitting it."""


def _split(units: list[list[str]], size: Callable[[list[list[str]]], SvgSize],
           measured: SvgSize | None = None, limit: int | None = None) -> list[list[list[str]]]:
    """``units`` in as few consecutive chunks as fit; a unit that does not fit alone is split by its items.

    ``measured`` is the size of all ``units`` together, when it is known already.  With a
    ``limit``, :class:`_TooManyParts` is raised as soon as more chunks than that are needed.
    """
    out: list[list[list[str]]] = []

    def add(chunk: list[list[str]]) -> None:
        out.append(chunk)
        if limit is not None and len(out) > limit:
            raise _TooManyParts

    def split(units: list[list[str]], measured: SvgSize | None) -> None:
        measured = size(units) if measured is None else measured
        if measured.fits:
            return add(units)
        if len(units) == 1:
            unit = units[0]
            head, tail = unit[:1], unit[1:]
            if len(tail) < 2:
                return add(units)  # one item that does not fit: drawn as it is, it cannot be split further
            for chunk in _chunks(tail, _pieces(measured, len(tail))):
                split([head + chunk], None)
            return None
        for chunks in _chunks(units, _pieces(measured, len(units))):
            split(chunks, None)
        return None

    split(units, measured)
    return out


def _estimate(measured: SvgSize) -> int:
    # The fewest pages a picture of this size needs, whichever way it is split: its area at the
    # smallest scale that keeps the text readable, over the area of a page.
    if measured.fits:
        return 1
    smallest = min(1.0, MIN_TEXT / measured.min_font) if measured.min_font > 0 else 1.0
    area = measured.width * measured.height * smallest * smallest
    return max(2, math.ceil(area / (TEXT_WIDTH * FIGURE_HEIGHT)))


def _pieces(measured: SvgSize, count: int) -> int:
    over = measured.height * measured.scale / FIGURE_HEIGHT
    return max(2, min(count, math.ceil(over)))


def _chunks(items: list[T], pieces: int) -> list[list[T]]:
    size = math.ceil(len(items) / pieces)
    return [items[i : i + size] for i in range(0, len(items), size)]
