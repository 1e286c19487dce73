"""The yearly report as Markdown; pictures are linked by file name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from agenda._i18n import check_lang
from agenda.errors import Problem
from agenda.model import Action, Agenda, Theme
from agenda.numbers import money
from agenda.render._report_common import CATALOG as _
from agenda.render._report_common import (
    Facts,
    gather_facts,
    indicators_of,
    is_lagging,
    item_rows,
    kind_text,
    split_themes,
    status_counts,
    status_word,
    value_text,
)
from agenda.render.budget_table import amount_text

__all__ = ["markdown_report", "render_report_markdown"]


def _md(text: object) -> str:
    s = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    for ch in "*_`[]<>#":
        s = s.replace(ch, "\\" + ch)
    return s


def render_report_markdown(
    agenda: Agenda,
    year: int,
    *,
    lang: str = "nl",
    warnings: Iterable[Problem] = (),
    diagram_file: str | None = None,
    chart_files: Mapping[str, str] | None = None,
) -> str:
    """The report as Markdown; pictures are linked by file name (``diagram_file``, ``chart_files``)."""
    return markdown_report(agenda, year, gather_facts(agenda, year), lang=lang, warnings=warnings,
                           diagram_file=diagram_file, chart_files=chart_files)


def markdown_report(
    agenda: Agenda,
    year: int,
    facts: Facts,
    *,
    lang: str = "nl",
    warnings: Iterable[Problem] = (),
    diagram_file: str | None = None,
    chart_files: Mapping[str, str] | None = None,
) -> str:
    """:func:`render_report_markdown` with the query results already gathered."""
    check_lang(lang)
    chart_files = chart_files or {}
    out = [f"# {_md(_('title', lang, year=year))}", "", _md(_("subtitle", lang, title=agenda.title,
                                                              gemeente=agenda.gemeente)), ""]
    if agenda.motto:
        out += [f"*{_md(agenda.motto)}*", ""]
    out += [_md(_("draft", lang, year=year)), "", f"## {_md(_('summary', lang))}", ""]
    counts = status_counts(agenda, year)
    lagging = sum(n for sid, n in counts if is_lagging(agenda, sid))
    out += [_md(_("summary-text", lang, year=year, total=sum(n for _s, n in counts), lagging=lagging,
                  entries=len(facts.refl.entries))), "",
            f"| {_md(_('status', lang))} | {_md(_('count', lang))} |", "|---|---:|"]
    out += [f"| {_md(status_word(agenda, sid, lang))} | {n} |" for sid, n in counts]
    out += ["", f"## {_md(_('themes', lang))}", ""]
    current, later = split_themes(agenda, year)
    for theme in current:
        out += _theme_md(agenda, theme, year, facts, lang, chart_files)
    if later:
        out += [f"## {_md(_('outlook', lang))}", "", _md(_("outlook-intro", lang, year=year)), ""]
        for theme in later:
            out += _theme_md(agenda, theme, year, facts, lang, chart_files)
    out += [f"## {_md(_('reflectie', lang))}", "", _md(_("reflectie-intro", lang, year=year)), ""]
    if not facts.refl.entries:
        out += [_md(_("nothing-lagged", lang, year=year)), ""]
    names = dict(facts.refl.themes)
    for theme_id, entries in facts.refl.by_theme():
        out += [f"### {_md(names.get(theme_id, theme_id) if theme_id else '—')}", ""]
        for entry in entries:
            out.append(f"- {_md(entry.text(lang))}  ")
            out.append(f"  {_md(entry.note or _('no-note', lang))} ({_md(_('rule', lang))}: {_md(entry.rule)})")
        out.append("")
    out += [f"## {_md(_('diagram', lang))}", ""]
    if diagram_file:
        out += [f"![{_md(_('diagram', lang))}]({diagram_file})", ""]
    out += [f"## {_md(_('budget', lang))}", ""]
    if facts.money.entries:
        out += [f"| {_md(_('budget-line', lang))} | {_md(_('amount', lang))} | {_md(_('kind', lang))} |", "|---|---:|---|"]
        for line in facts.money.entries:
            out += _budget_md(line.name, line.line, lang, 0)
        out += [f"| **{_md(_('total-structural', lang))}** | **{_md(money(facts.money.totals.structural, lang))}** | |",
                f"| **{_md(_('total-incidental', lang))}** | **{_md(money(facts.money.totals.incidental, lang))}** | |", ""]
    else:
        out += [_md(_("no-budget", lang)), ""]
    warnings = tuple(warnings)
    if warnings:
        out += [f"## {_md(_('data-notes', lang))}", "", _md(_("data-notes-intro", lang)), ""]
        out += [f"- {_md(p.message(lang))}" for p in warnings]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _budget_md(name: str, line: object, lang: str, depth: int) -> list[str]:
    from agenda.model import BudgetLine

    assert isinstance(line, BudgetLine)
    label = ("↳ " * depth) + (line.name or name)
    rows = [f"| {_md(label)} | {_md(amount_text(line, lang))} | {_md(kind_text(line, lang))} |"]
    for item in line.items:
        rows += _budget_md(item.name or "", item, lang, depth + 1)
    return rows


def _theme_md(agenda: Agenda, theme: Theme, year: int, facts: Facts, lang: str,
              chart_files: Mapping[str, str]) -> list[str]:
    out = [f"### {_md(theme.name)}", ""]
    rolled = facts.roll.get(theme.id)
    recorded = rolled.recorded.status if rolled and rolled.recorded else None
    derived = rolled.derived if rolled else None
    bits = []
    if recorded:
        bits.append(f"{_('recorded', lang)}: {status_word(agenda, recorded, lang)}")
    if derived:
        bits.append(f"{_('derived', lang)}: {status_word(agenda, derived, lang)}")
    out += [_md(" · ".join(bits) if bits else _("none-recorded", lang, year=year)), ""]
    rows = list(item_rows(theme))
    if rows:
        out += [f"| {_md(_('item', lang))} | {_md(_('owner', lang))} | {_md(_('status', lang))} | "
                f"{_md(_('explanation', lang))} |", "|---|---|---|---|"]
        for item, depth in rows:
            record = item.status_in(year)
            owner = item.owner if isinstance(item, Action) and item.owner else ""
            name = ("↳ " if depth else "") + item.name
            out.append(f"| {_md(name)} | {_md(owner)} | {_md(status_word(agenda, record.status if record else None, lang))}"
                       f" | {_md(record.note if record and record.note else '')} |")
        out.append("")
    for ind in indicators_of(agenda, theme):
        years = [y for y in ind.years if y <= year + 1] or list(ind.years)
        out += [f"**{_md(ind.name)}**", ""]
        if years:
            out += ["| | " + " | ".join(str(y) for y in years) + " |", "|---|" + "---:|" * len(years),
                    f"| {_md(_('actual', lang))} | " + " | ".join(_md(value_text(ind.values_in(y), lang)) for y in years) + " |"]
            if ind.targets:
                out.append(f"| {_md(_('target', lang))} | " + " | ".join(
                    _md(t.current.text) if (t := ind.target(y)) else "" for y in years) + " |")
            out.append("")
        if ind.id in chart_files:
            out += [f"![{_md(_('chart-alt', lang, name=ind.name))}]({chart_files[ind.id]})", ""]
    return out
