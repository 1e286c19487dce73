"""Comparisons of several plans as plain text: per KBV veld, per indicator, carried themes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from agenda._i18n import Catalog, check_lang
from agenda.numbers import money, number
from agenda.query.compare import Carry, IndicatorComparison, KbvComparison, kbv_name

__all__ = ["format_carried", "format_indicators", "format_kbv"]

_T = Catalog(
    "compare-text",
    {
        "kbv-1": {"nl": "Veilige woon- en leefomgeving", "en": "Safe living environment"},
        "kbv-2": {"nl": "Bedrijvigheid en veiligheid", "en": "Business and safety"},
        "kbv-3": {"nl": "Jeugd en veiligheid", "en": "Youth and safety"},
        "kbv-4": {"nl": "Fysieke veiligheid", "en": "Physical safety"},
        "kbv-5": {"nl": "Integriteit en veiligheid", "en": "Integrity and security"},
        "kbv-none": {"nl": "Zonder KBV-veld", "en": "No KBV field"},
        "veld": {"nl": "Veld {veld}: {name}", "en": "Field {veld}: {name}"},
        "counts": {
            "nl": "{themes|thema|thema's}, {goals|doelstelling|doelstellingen}, {actions|inspanning|inspanningen}, "
                  "{indicators|indicator|indicatoren}",
            "en": "{themes|theme|themes}, {goals|goal|goals}, {actions|action|actions}, {indicators|indicator|indicators}",
        },
        "structural": {"nl": "structureel € {amount} per jaar", "en": "structural € {amount} a year"},
        "year-status": {
            "nl": "{year}: {recorded} met status, {done} afgerond, {lagging} achter",
            "en": "{year}: {recorded} with a status, {done} done, {lagging} lagging",
        },
        "nothing": {"nl": "(niets in dit veld)", "en": "(nothing in this field)"},
        "no-plans": {"nl": "Geen plannen om te vergelijken.", "en": "No plans to compare."},
        "indicator-head": {"nl": "Indicator {key}", "en": "Indicator {key}"},
        "value-line": {"nl": "{year}: {value}", "en": "{year}: {value}"},
        "target": {"nl": "doel {target}", "en": "target {target}"},
        "no-value": {"nl": "geen waarde", "en": "no value"},
        "carried": {"nl": "{old} ({old_plan}) → {new} ({new_plan})", "en": "{old} ({old_plan}) → {new} ({new_plan})"},
        "carried-head": {"nl": "Voortgezette thema's", "en": "Themes carried over"},
    },
)


def format_kbv(comparison: KbvComparison, lang: str = "nl") -> str:
    """The comparison as plain text, veld by veld, plan by plan."""
    check_lang(lang)
    if not comparison.plans:
        return _T("no-plans", lang) + "\n"
    lines: list[str] = []
    for row in comparison.rows:
        if row.veld is None and not any(c.themes for c in row.cells):
            continue
        head = _T("veld", lang, veld=row.veld, name=kbv_name(row.veld, lang)) if row.veld else kbv_name(None, lang)
        lines += [head, "-" * len(head)]
        for c in row.cells:
            if not c.themes:
                lines.append(f"  {c.gemeente} ({c.plan}): {_T('nothing', lang)}")
                continue
            parts = [_T("counts", lang, themes=len(c.themes), goals=c.goals, actions=c.actions,
                        indicators=c.indicators)]
            if c.structural:
                parts.append(_T("structural", lang, amount=money(c.structural, lang, symbol=False)))
            if comparison.year is not None:
                parts.append(_T("year-status", lang, year=comparison.year, recorded=c.recorded, done=c.done,
                                lagging=c.lagging))
            lines.append(f"  {c.gemeente} ({c.plan}): " + "; ".join(parts))
            lines.extend(f"    - {n}" for n in c.theme_names)
        lines.append("")
    return "\n".join(lines)


def format_indicators(comparison: IndicatorComparison, lang: str = "nl") -> str:
    """The comparison as plain text: per group, per plan, the values and targets by year."""
    check_lang(lang)
    if not comparison.plans:
        return _T("no-plans", lang) + "\n"
    lines: list[str] = []
    for g in comparison.groups:
        head = _T("indicator-head", lang, key=g.key)
        lines += [head, "-" * len(head)]
        for c in g.cells:
            unit = f" [{c.unit}]" if c.unit else ""
            lines.append(f"  {c.gemeente} ({c.plan}) {c.id}: {c.name}{unit}")
            for year in g.years:
                if year not in c.values and year not in c.targets:
                    continue
                value = c.values.get(year)
                shown = _T("no-value", lang) if value is None else number(value, lang)
                if year in c.targets:
                    shown += f" ({_T('target', lang, target=c.targets[year])})"
                lines.append("    " + _T("value-line", lang, year=year, value=shown))
        lines.append("")
    return "\n".join(lines)


def _iter_lines(carries: Iterable[Carry], lang: str) -> Iterator[str]:
    for c in carries:
        yield _T("carried", lang, old=c.old_theme, old_plan=c.old_plan, new=c.new_theme, new_plan=c.new_plan)


def format_carried(carries: Iterable[Carry], lang: str = "nl") -> str:
    """The carried themes as plain text, one per line under a heading (empty text when none)."""
    lines = list(_iter_lines(carries, check_lang(lang)))
    if not lines:
        return ""
    head = _T("carried-head", lang)
    return "\n".join([head, "-" * len(head), *("  " + line for line in lines), ""])

