"""Builders for tests of tools that use ``agenda``: small valid plans in one line.

Like ``structlog.testing``, this module is public and stable, for *your* tests::

    from agenda.testing import make_action, make_goal, make_plan, make_theme

    plan = make_plan(themes=[make_theme("jeugd", kbv=3, goals=[
        make_goal("minder-overlast", actions=[make_action("jongerenwerk", status={2024: "vertraagd"})]),
    ])])
    assert plan.get("jongerenwerk").status[0].status == "vertraagd"

Every builder fills in what you leave out with something valid: a name from the
id, a goal with one action under a theme, a source for an indicator (so a plan
built with defaults loads without warnings).  Extra keyword arguments go to the
model class unchanged (``owner=``, ``kbv=``, ``unit=`` …).

:func:`make_plan` returns a plan that went through the real loader (so it is
valid, and its items have locations); :func:`plan_yaml` returns the same plan as
YAML text, for tests that write a file, and accepts a plan you built yourself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs
import yaml

from agenda.format.export import to_data
from agenda.format.loader import loads, target
from agenda.model import (
    Action,
    Agenda,
    Baseline,
    Config,
    Direction,
    Goal,
    Indicator,
    Number,
    Source,
    Status,
    StatusRecord,
    Theme,
    Value,
    YearTarget,
)

__all__ = [
    "make_action",
    "make_goal",
    "make_indicator",
    "make_plan",
    "make_theme",
    "plan_yaml",
]

StatusArg = Mapping[int, "str | StatusRecord"] | None


def _name(item_id: str) -> str:
    return item_id.replace("-", " ").capitalize()


def _status(status: StatusArg) -> tuple[StatusRecord, ...]:
    if not status:
        return ()
    records = []
    for year, rec in sorted(status.items()):
        records.append(rec if isinstance(rec, StatusRecord) else StatusRecord(year, rec))
    return tuple(records)


def make_action(id: str = "actie", name: str | None = None, *, status: StatusArg = None,
                **fields: Any) -> Action:
    """An :class:`~agenda.model.Action`; ``status`` maps a year to a status id or a StatusRecord.

    Tuples may be given as lists (``partners=["politie"]``, ``needs=["other-id"]``).
    """
    return Action(id=id, name=name or _name(id), status=_status(status), **_tuples(fields))


def make_goal(id: str = "doel", name: str | None = None, *, actions: Iterable[Action] | None = None,
              status: StatusArg = None, **fields: Any) -> Goal:
    """A :class:`~agenda.model.Goal`; by default with one action ``<id>-actie`` (a goal without actions warns)."""
    acts = tuple(actions) if actions is not None else (make_action(f"{id}-actie"),)
    return Goal(id=id, name=name or _name(id), actions=acts, status=_status(status), **_tuples(fields))


def make_theme(id: str = "thema", name: str | None = None, *, goals: Iterable[Goal] | None = None,
               status: StatusArg = None, **fields: Any) -> Theme:
    """A :class:`~agenda.model.Theme`; by default with one goal ``<id>-doel`` (and its action)."""
    gs = tuple(goals) if goals is not None else (make_goal(f"{id}-doel"),)
    return Theme(id=id, name=name or _name(id), goals=gs, status=_status(status), **_tuples(fields))


def make_indicator(
    id: str = "indicator",
    name: str | None = None,
    *,
    values: Mapping[int, Number | Value | Sequence[Value]] | None = None,
    targets: Mapping[int, str | YearTarget] | None = None,
    baseline: tuple[int, Number] | Baseline | None = None,
    better: str | Direction = Direction.NONE,
    source: str | Source | None = "eigen registratie",
    **fields: Any,
) -> Indicator:
    """An :class:`~agenda.model.Indicator` from short forms.

    ``values={2023: 608, 2024: [Value(2024, 500, source="a"), Value(2024, 510, source="b")]}``,
    ``targets={2024: "< 550"}``, ``baseline=(2019, 550)``, ``better="lower"``,
    ``source="data.politie.nl"`` (None: no source, which the loader warns about).
    """
    vals: list[Value] = []
    for year, v in sorted((values or {}).items()):
        if isinstance(v, Value):
            vals.append(v)
        elif isinstance(v, int | Decimal):
            vals.append(Value(year, v))
        else:
            vals.extend(v)
    tgts = tuple(
        t if isinstance(t, YearTarget) else YearTarget(year, target(t)) for year, t in sorted((targets or {}).items())
    )
    base = Baseline(baseline[0], baseline[1]) if isinstance(baseline, tuple) else baseline
    return Indicator(
        id=id, name=name or _name(id), values=tuple(vals), targets=tgts, baseline=base,
        direction=Direction(better) if isinstance(better, str) else better,
        source=Source(source) if isinstance(source, str) else source, **_tuples(fields),
    )


def _build(
    *,
    gemeente: str = "Testdorp",
    title: str = "Integraal Veiligheidsplan",
    themes: Iterable[Theme] | None = None,
    indicators: Iterable[Indicator] = (),
    statuses: Iterable[Status] | None = None,
    levels: Mapping[str, Mapping[str, str]] | None = None,
    language: str = "nl",
    **fields: Any,
) -> Agenda:
    config = fields.pop("config", None)
    if config is None:
        config = Config(language=language, levels=dict(levels or {}))
        if statuses is not None:
            config = attrs.evolve(config, statuses=tuple(statuses))
    return Agenda(
        gemeente=gemeente, title=title, themes=tuple(themes) if themes is not None else (make_theme(),),
        indicators=tuple(indicators), config=config, **_tuples(fields),
    )


def make_plan(**fields: Any) -> Agenda:
    """A whole plan, checked by the real loader (raises AgendaError when what you built is invalid).

    Keywords: ``gemeente`` (default "Testdorp"), ``title``, ``themes`` (default one
    theme with one goal and one action), ``indicators``, ``statuses`` (a list of
    :class:`~agenda.model.Status`, replacing the default vocabulary), ``levels``
    (``{"theme": {"nl": "veld", "en": "field"}}``), ``language``, ``config``, and any
    other :class:`~agenda.model.Agenda` field (``period_start=2025``, ``reporting_years=[2025]``).
    """
    return loads(plan_yaml(**fields))


def plan_yaml(plan: Agenda | None = None, /, **fields: Any) -> str:
    """The plan as YAML text in the agenda format: ``plan``, or one built from ``fields`` like :func:`make_plan`.

    The text is block-style YAML that ``agenda.loads`` reads back into an equal plan.
    """
    if plan is None:
        plan = _build(**fields)
    elif fields:
        raise TypeError("give either a plan or keywords, not both")
    data = to_data(plan)
    data.pop("$schema", None)  # a test file has no schema beside it
    for status in data.get("statuses", ()):
        if not status.get("mark"):  # the export writes mark: "" for a word without one; the loader refuses ""
            status.pop("mark", None)
    data = _tidy(data)
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def _tidy(data: Any, key: str | None = None) -> Any:
    """Year keys as numbers (``2024:``), and a year's single plain figure as the number itself, as people write."""
    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            year = isinstance(k, str) and len(k) == 4 and k.isdigit()
            v = _tidy(v, k)
            if year and key == "values" and isinstance(v, list) and len(v) == 1:
                v = v[0]["value"] if set(v[0]) == {"value"} else v[0]
            out[int(k) if year else k] = v
        return out
    if isinstance(data, list):
        return [_tidy(v) for v in data]
    return data


def _tuples(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}


# Text the strict reader would take for something else must be quoted (YAML 1.2 core schema).
_NOT_TEXT = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
    r"|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|"
)


class _Dumper(yaml.SafeDumper):
    """Block-style YAML without anchors, with Decimals as numbers and ambiguous text quoted."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _NOT_TEXT.fullmatch(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(str, _represent_str)
