"""Several plans side by side: by VNG *Kernbeleid Veiligheid* veld, by indicator, across plan periods.

Plans are compared by KBV veld (:func:`compare_by_kbv`: every theme says its veld with
``kbv: 1..5``) and by indicator (:func:`compare_indicators`: indicators matched by id,
by source table and column, or by name).  :func:`carried_over` lists the themes one
plan period carries into the next.  Each function takes a set of named plans, such as
the :class:`~agenda.format.folder.PlanSet` that :func:`agenda.format.folder.load_dir`
returns; every result is deterministic.  :mod:`agenda.render.compare` writes them as text.

>>> import tempfile, pathlib
>>> from agenda.format.folder import load_dir
>>> from agenda.testing import plan_yaml, make_theme
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.yaml").write_text(plan_yaml(gemeente="Aadorp", themes=[make_theme("jeugd", kbv=3)]))
>>> _ = (folder / "b.yaml").write_text(plan_yaml(gemeente="Bedorp", themes=[make_theme("jongeren", kbv=3)]))
>>> cells = compare_by_kbv(load_dir(folder)).row(3).cells
>>> cells[0].themes, cells[1].themes
(('jeugd',), ('jongeren',))
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Protocol

import attrs

from agenda._i18n import Catalog, check_lang
from agenda.model import Agenda, BudgetKind, Indicator, Number, Theme

__all__ = [
    "KBV_VELDEN",
    "Carry",
    "IndicatorCell",
    "IndicatorComparison",
    "IndicatorGroup",
    "KbvCell",
    "KbvComparison",
    "KbvRow",
    "NamedPlans",
    "carried_over",
    "compare_by_kbv",
    "compare_indicators",
    "kbv_name",
]

_T = Catalog(
    "compare",
    {
        "kbv-1": {"nl": "Veilige woon- en leefomgeving", "en": "Safe living environment"},
        "kbv-2": {"nl": "Bedrijvigheid en veiligheid", "en": "Business and safety"},
        "kbv-3": {"nl": "Jeugd en veiligheid", "en": "Youth and safety"},
        "kbv-4": {"nl": "Fysieke veiligheid", "en": "Physical safety"},
        "kbv-5": {"nl": "Integriteit en veiligheid", "en": "Integrity and security"},
        "kbv-none": {"nl": "Zonder KBV-veld", "en": "No KBV field"},
    },
)

#: The five velden of the VNG *Kernbeleid Veiligheid*.
KBV_VELDEN: tuple[int, ...] = (1, 2, 3, 4, 5)


class NamedPlans(Protocol):
    """Plans with a name each (a file name), in a fixed order: what the comparisons take."""

    @property
    def plans(self) -> tuple[Agenda, ...]: ...

    def name_of(self, agenda: Agenda) -> str: ...

    def by_gemeente(self) -> dict[str, tuple[Agenda, ...]]: ...


def kbv_name(veld: int | None, lang: str = "nl") -> str:
    """The name of KBV veld ``veld`` (1..5) in ``lang``; None is "no veld"."""
    return _T("kbv-none" if veld is None else f"kbv-{veld}", check_lang(lang))


@attrs.frozen
class KbvCell:
    """What one plan puts in one veld."""

    plan: str  #: the file name
    gemeente: str
    themes: tuple[str, ...]  #: theme ids, in file order
    theme_names: tuple[str, ...]
    goals: int
    actions: int
    indicators: int
    structural: Decimal  #: structural budget, annual euros
    recorded: int | None = None  #: with ``year``: themes, goals and actions with a recorded status
    done: int | None = None
    lagging: int | None = None


@attrs.frozen
class KbvRow:
    """One veld (None: themes without ``kbv``) across all plans."""

    veld: int | None
    cells: tuple[KbvCell, ...]


@attrs.frozen
class KbvComparison:
    """Plans side by side per KBV veld; ``year`` set when statuses were counted."""

    plans: tuple[str, ...]
    rows: tuple[KbvRow, ...]
    year: int | None = None

    def row(self, veld: int | None) -> KbvRow:
        """The row of ``veld``."""
        return next(r for r in self.rows if r.veld == veld)

    def to_data(self) -> dict[str, Any]:
        """JSON-ready data (euros as strings, exact)."""
        return {
            "plans": list(self.plans),
            "year": self.year,
            "velden": [
                {"veld": r.veld, "name": {lang: kbv_name(r.veld, lang) for lang in ("nl", "en")},
                 "plans": [_cell_data(c) for c in r.cells]}
                for r in self.rows
            ],
        }


def _cell_data(c: KbvCell) -> dict[str, Any]:
    data = attrs.asdict(c)
    data["themes"] = list(c.themes)
    data["theme_names"] = list(c.theme_names)
    data["structural"] = str(c.structural)
    return data


def compare_by_kbv(plans: NamedPlans, *, year: int | None = None, include_earlier: bool = False) -> KbvComparison:
    """Every plan's themes, goals, actions, indicators and structural budget per KBV veld.

    Themes of an earlier plan carried in the same file (``plan:`` set) are left out
    unless ``include_earlier``.  With ``year``, the items with a recorded status in
    that year are counted, and how many of them are done or lagging by the plan's own
    vocabulary — so plans with different status words compare.
    """
    names = tuple(plans.name_of(p) for p in plans.plans)
    rows = []
    for veld in (*KBV_VELDEN, None):
        cells = []
        for plan, name in zip(plans.plans, names, strict=True):
            themes = [t for t in plan.themes if t.kbv == veld and (include_earlier or t.plan is None)]
            cells.append(_kbv_cell(plan, name, themes, year))
        rows.append(KbvRow(veld, tuple(cells)))
    return KbvComparison(names, tuple(rows), year)


def _kbv_cell(plan: Agenda, name: str, themes: list[Theme], year: int | None) -> KbvCell:
    ids = {t.id for t in themes}
    items: list[Any] = [*themes, *(g for t in themes for g in t.goals), *(a for t in themes for a in t.all_actions())]
    indicators = [i for i in plan.indicators if (theme := plan.theme_of(i.id)) is not None and theme.id in ids]
    structural = sum((line.annual() for t in themes for a in t.all_actions() for line in a.budget
                      if line.kind is BudgetKind.STRUCTURAL), Decimal(0))
    counts: dict[str, int | None] = {"recorded": None, "done": None, "lagging": None}
    if year is not None:
        records = [r for item in items if (r := item.status_in(year)) is not None]
        words = [plan.config.status(r.status) for r in records]
        counts = {"recorded": len(words), "done": sum(1 for w in words if w is not None and w.done),
                  "lagging": sum(1 for w in words if w is not None and w.lagging)}
    return KbvCell(
        plan=name, gemeente=plan.gemeente, themes=tuple(t.id for t in themes),
        theme_names=tuple(t.name for t in themes), goals=sum(len(t.goals) for t in themes),
        actions=sum(1 for t in themes for _ in t.all_actions()), indicators=len(indicators),
        structural=structural, **counts,
    )


@attrs.frozen
class IndicatorCell:
    """One plan's indicator in a group: its values (first published figure per year) and targets."""

    plan: str
    gemeente: str
    id: str
    name: str
    unit: str | None
    source: str | None
    values: Mapping[int, Number | None]
    targets: Mapping[int, str]


@attrs.frozen
class IndicatorGroup:
    """Indicators of several plans that measure the same thing (by ``key``)."""

    key: str
    years: tuple[int, ...]
    cells: tuple[IndicatorCell, ...]


@attrs.frozen
class IndicatorComparison:
    """Indicators of several plans, grouped by ``by`` (``id``, ``source`` or ``name``)."""

    by: str
    plans: tuple[str, ...]
    groups: tuple[IndicatorGroup, ...]

    def group(self, key: str) -> IndicatorGroup:
        """The group with ``key``."""
        return next(g for g in self.groups if g.key == key)

    def to_data(self) -> dict[str, Any]:
        """JSON-ready data; numbers as JSON numbers where whole, else as strings (exact)."""
        return {
            "by": self.by,
            "plans": list(self.plans),
            "groups": [
                {"key": g.key, "years": list(g.years), "indicators": [
                    {"plan": c.plan, "gemeente": c.gemeente, "id": c.id, "name": c.name, "unit": c.unit,
                     "source": c.source, "values": {str(y): _num(v) for y, v in c.values.items()},
                     "targets": {str(y): t for y, t in c.targets.items()}}
                    for c in g.cells]}
                for g in self.groups
            ],
        }


def _num(v: Number | None) -> int | str | None:
    return v if v is None or isinstance(v, int) else str(v)


def compare_indicators(plans: NamedPlans, *, by: str = "id", years: Iterable[int] | None = None,
                       shared_only: bool = False) -> IndicatorComparison:
    """The plans' indicators side by side, grouped by ``by``.

    ``by="id"`` groups indicators with the same id; ``by="source"`` those with the same
    source table and column (``source: {table: 47022NED, column: …}``; indicators
    without a table are left out); ``by="name"`` those with the same name, ignoring
    case.  ``years`` limits the years shown; ``shared_only`` keeps only groups found
    in more than one plan.  Groups are sorted by key; cells follow the plan order.
    """
    if by not in ("id", "source", "name"):
        raise ValueError(f"unknown grouping {by!r}; use id, source or name")
    wanted = None if years is None else set(years)
    grouped: dict[str, list[IndicatorCell]] = {}
    names = tuple(plans.name_of(p) for p in plans.plans)
    for plan, name in zip(plans.plans, names, strict=True):
        for ind in plan.indicators:
            key = _key(ind, by)
            if key is not None:
                grouped.setdefault(key, []).append(_indicator_cell(plan, name, ind, wanted))
    groups = []
    for key, cells in sorted(grouped.items()):
        if shared_only and len({c.plan for c in cells}) < 2:
            continue
        ys = sorted({y for c in cells for y in (*c.values, *c.targets)})
        groups.append(IndicatorGroup(key, tuple(ys), tuple(cells)))
    return IndicatorComparison(by, names, tuple(groups))


def _key(ind: Indicator, by: str) -> str | None:
    if by == "id":
        return ind.id
    if by == "name":
        return " ".join(ind.name.casefold().split())
    src = ind.source
    if src is None or not src.table:
        return None
    return f"{src.table}/{src.column}" if src.column else src.table


def _indicator_cell(plan: Agenda, name: str, ind: Indicator, years: set[int] | None) -> IndicatorCell:
    values: dict[int, Number | None] = {}
    for year in sorted({v.year for v in ind.values if v.area is None}):
        if years is None or year in years:
            first = ind.value(year)
            values[year] = first.value if first is not None else None
    targets = {t.year: t.current.text for t in ind.targets if years is None or t.year in years}
    return IndicatorCell(plan=name, gemeente=plan.gemeente, id=ind.id, name=ind.name, unit=ind.unit,
                         source=str(ind.source) if ind.source else None, values=values, targets=targets)


@attrs.frozen
class Carry:
    """A theme of an earlier plan carried on in a later one.

    ``how`` is ``"id"`` (the same theme id in a later plan file of the same gemeente)
    or ``"continued_in"`` (an earlier plan's theme in the same file, with ``continued_in``).
    """

    gemeente: str
    old_plan: str
    old_theme: str
    new_plan: str
    new_theme: str
    how: str


def carried_over(plans: NamedPlans) -> tuple[Carry, ...]:
    """Every theme carried from one plan period into the next, per gemeente, in order."""
    out: list[Carry] = []
    for gemeente, own in plans.by_gemeente().items():
        for plan in own:
            name = plans.name_of(plan)
            refs = {p.id: p.title for p in plan.plans}
            for theme in plan.themes:
                if theme.plan is not None:
                    out.extend(Carry(gemeente, refs.get(theme.plan, theme.plan), theme.id, name, new, "continued_in")
                               for new in theme.continued_in)
        for old, new in itertools.pairwise(own):
            new_ids = {t.id for t in new.themes if t.plan is None}
            out.extend(Carry(gemeente, plans.name_of(old), t.id, plans.name_of(new), t.id, "id")
                       for t in old.themes if t.plan is None and t.id in new_ids)
    return tuple(out)

