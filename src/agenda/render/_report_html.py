"""The yearly report as one self-contained HTML page.

No external resources (it opens offline), every piece of user text escaped,
a print style sheet; diagram and charts are embedded as the SVG text passed in.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

from agenda._i18n import check_lang
from agenda.errors import Problem
from agenda.model import Action, Agenda, Goal, Indicator, Theme
from agenda.numbers import money, number
from agenda.query.budget import BudgetSummary
from agenda.query.reflectie import Reflectie
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

__all__ = ["html_report", "render_report_html"]

_CSS = """
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1a1a1a;line-height:1.45}
h1{font-size:1.8rem;margin-bottom:.2rem}h2{border-bottom:2px solid #0072b2;padding-bottom:.2rem;margin-top:2.2rem}
h3{margin-top:1.6rem}table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #999;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eef3f8}td.num{text-align:right;white-space:nowrap}
.status{display:inline-block;padding:0 .35rem;border:1px solid #555;border-radius:.2rem;white-space:nowrap}
.lagging{font-weight:bold;border-width:2px;border-style:dashed}
.muted{color:#555}.motto{font-style:italic}.entry{margin:.4rem 0 .8rem}.evidence{font-size:.85rem;color:#333}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}h2{break-before:page}table,figure,.entry{break-inside:avoid}
a{color:inherit;text-decoration:none}}
""".strip()


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_report_html(
    agenda: Agenda,
    year: int,
    *,
    lang: str = "nl",
    warnings: Iterable[Problem] = (),
    diagram_svg: str | None = None,
    diagram_note: str | None = None,
    charts: Mapping[str, str] | None = None,
) -> str:
    """The report as one self-contained HTML page.

    ``diagram_svg`` and ``charts`` (indicator id -> SVG text) are embedded as they
    are; pass None to leave them out (``diagram_note`` then says why).
    """
    return html_report(agenda, year, gather_facts(agenda, year), lang=lang, warnings=warnings,
                       diagram_svg=diagram_svg, diagram_note=diagram_note, charts=charts)


def html_report(
    agenda: Agenda,
    year: int,
    facts: Facts,
    *,
    lang: str = "nl",
    warnings: Iterable[Problem] = (),
    diagram_svg: str | None = None,
    diagram_note: str | None = None,
    charts: Mapping[str, str] | None = None,
) -> str:
    """:func:`render_report_html` with the query results already gathered."""
    check_lang(lang)
    charts = charts or {}
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(_('title', lang, year=year))} — {_e(agenda.gemeente)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{_e(_('title', lang, year=year))}</h1>",
        f"<p>{_e(_('subtitle', lang, title=agenda.title, gemeente=agenda.gemeente))}</p>",
    ]
    if agenda.motto:
        out.append(f'<p class="motto">{_e(agenda.motto)}</p>')
    out.append(f'<p class="muted">{_e(_("draft", lang, year=year))}</p>')
    sections = [("samenvatting", _("summary", lang)), ("themas", _("themes", lang))]
    if split_themes(agenda, year)[1]:
        sections.append(("vooruitblik", _("outlook", lang)))
    sections += [("reflectie", _("reflectie", lang)), ("samenhang", _("diagram", lang)),
                 ("financien", _("budget", lang))]
    warnings = tuple(warnings)
    if warnings:
        sections.append(("gegevens", _("data-notes", lang)))
    out.append(f"<nav><h2>{_e(_('contents', lang))}</h2><ol>")
    out += [f'<li><a href="#{anchor}">{_e(title)}</a></li>' for anchor, title in sections]
    out.append("</ol></nav>")
    out += _summary_html(agenda, year, facts, lang)
    current, later = split_themes(agenda, year)
    out.append(f'<h2 id="themas">{_e(_("themes", lang))}</h2>')
    for theme in current:
        out += _theme_html(agenda, theme, year, facts, lang, charts)
    if later:
        out.append(f'<h2 id="vooruitblik">{_e(_("outlook", lang))}</h2>')
        out.append(f"<p>{_e(_('outlook-intro', lang, year=year))}</p>")
        for theme in later:
            out += _theme_html(agenda, theme, year, facts, lang, charts)
    out += _reflectie_html(agenda, facts.refl, year, lang)
    out.append(f'<h2 id="samenhang">{_e(_("diagram", lang))}</h2>')
    if diagram_svg:
        out.append(f"<figure>{_strip_xml_prolog(diagram_svg)}</figure>")
    elif diagram_note:
        out.append(f"<p>{_e(_('diagram-missing', lang, reason=diagram_note))}</p>")
    out += _budget_html(agenda, facts.money, lang)
    if warnings:
        out.append(f'<h2 id="gegevens">{_e(_("data-notes", lang))}</h2>')
        out.append(f"<p>{_e(_('data-notes-intro', lang))}</p><ul>")
        out += [f"<li>{_e(p.message(lang))}</li>" for p in warnings]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _strip_xml_prolog(svg: str) -> str:
    # An inline <svg> must not carry the XML declaration or DOCTYPE of a standalone file.
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else ""


def _summary_html(agenda: Agenda, year: int, facts: Facts, lang: str) -> list[str]:
    counts = status_counts(agenda, year)
    lagging = sum(n for sid, n in counts if is_lagging(agenda, sid))
    total = sum(n for _sid, n in counts)
    out = [f'<h2 id="samenvatting">{_e(_("summary", lang))}</h2>',
           f"<p>{_e(_('summary-text', lang, year=year, total=total, lagging=lagging, entries=len(facts.refl.entries)))}</p>",
           f"<table><tr><th>{_e(_('status', lang))}</th><th>{_e(_('count', lang))}</th></tr>"]
    for sid, n in counts:
        out.append(f"<tr><td>{_badge(agenda, sid, lang)}</td><td class=\"num\">{n}</td></tr>")
    out.append("</table>")
    return out


def _ink(colour: str) -> str:
    """Black or white text, whichever reads better on ``colour`` (``#rrggbb``)."""
    try:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    except ValueError:
        return "#000000"
    return "#000000" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "#ffffff"


def _badge(agenda: Agenda, status_id: str | None, lang: str) -> str:
    if status_id is None:
        return "—"
    status = agenda.config.status(status_id)
    colour = status.colour if status else "#ffffff"
    mark = f"{status.mark} " if status and status.mark else ""
    cls = "status lagging" if is_lagging(agenda, status_id) else "status"
    style = f"background:{colour};color:{_ink(colour)}"
    return f'<span class="{cls}" style="{_e(style)}">{_e(mark + status_word(agenda, status_id, lang))}</span>'


def _theme_html(agenda: Agenda, theme: Theme, year: int, facts: Facts, lang: str,
                charts: Mapping[str, str]) -> list[str]:
    out = [f'<h3 id="thema-{_e(theme.id)}">{_e(theme.name)}</h3>']
    meta = [agenda.config.theme_kind(theme.kind, lang)]
    if theme.plan:
        plan = next((p for p in agenda.plans if p.id == theme.plan), None)
        meta.append(_("plan-earlier", lang, title=plan.title if plan else theme.plan))
    if theme.kbv:
        meta.append(_("kbv", lang, veld=theme.kbv))
    out.append(f'<p class="muted">{_e(" · ".join(meta))}</p>')
    out.append(f"<p>{_status_line_html(agenda, theme.id, year, facts, lang)}</p>")
    if theme.description:
        out.append(f"<p>{_e(theme.description)}</p>")
    if theme.continued_in:
        names = [getattr(agenda.get(t), "name", t) for t in theme.continued_in]
        out.append(f"<p>{_e(_('continued-in', lang, themes=', '.join(names)))}</p>")
    rows = list(item_rows(theme))
    if rows:
        out.append(f"<table><tr><th>{_e(_('item', lang))}</th><th>{_e(_('owner', lang))}</th>"
                   f"<th>{_e(_('status', lang))}</th><th>{_e(_('progress', lang))}</th>"
                   f"<th>{_e(_('explanation', lang))}</th></tr>")
        for item, depth in rows:
            record = item.status_in(year)
            status_id = record.status if record else None
            if status_id is None and isinstance(item, Goal):
                rolled = facts.roll.get(item.id)
                status_id = rolled.derived if rolled else None
            name = ("" if depth == 0 else "↳ ") + item.name
            style = ' style="font-weight:bold"' if isinstance(item, Goal) else ""
            progress = f"{record.progress}%" if record and record.progress is not None else ""
            owner = item.owner if isinstance(item, Action) and item.owner else ""
            out.append(f"<tr><td{style}>{_e(name)}</td><td>{_e(owner)}</td><td>{_badge(agenda, status_id, lang)}</td>"
                       f'<td class="num">{_e(progress)}</td><td>{_e(record.note if record and record.note else "")}</td></tr>')
        out.append("</table>")
    indicators = indicators_of(agenda, theme)
    if indicators:
        out.append(f"<h4>{_e(_('indicators', lang))}</h4>")
        for ind in indicators:
            out += _indicator_html(ind, year, lang)
            if ind.id in charts:
                out.append(f'<figure role="img" aria-label="{_e(_("chart-alt", lang, name=ind.name))}">'
                           f"{_strip_xml_prolog(charts[ind.id])}</figure>")
    return out


def _status_line_html(agenda: Agenda, item_id: str, year: int, facts: Facts, lang: str) -> str:
    rolled = facts.roll.get(item_id)
    recorded = rolled.recorded.status if rolled and rolled.recorded else None
    derived = rolled.derived if rolled else None
    if recorded is None and derived is None:
        return _e(_("none-recorded", lang, year=year))
    parts = []
    if recorded is not None:
        parts.append(f"{_e(_('recorded', lang))}: {_badge(agenda, recorded, lang)}")
    if derived is not None:
        extra = f" {_e(_('differs', lang))}" if rolled and rolled.differs else ""
        parts.append(f"{_e(_('derived', lang))}: {_badge(agenda, derived, lang)}{extra}")
    return " · ".join(parts)


def _indicator_html(ind: Indicator, year: int, lang: str) -> list[str]:
    years = [y for y in ind.years if y <= year + 1] or list(ind.years)
    meta = [m for m in (f"{_('unit', lang)}: {ind.unit}" if ind.unit else "",
                        f"{_('source', lang)}: {ind.source}" if ind.source else "", ind.scope or "") if m]
    out = [f"<p><strong>{_e(ind.name)}</strong>" + (f' <span class="muted">({_e("; ".join(meta))})</span>' if meta else "")
           + "</p>"]
    if not years:
        return out
    head = "".join(f"<th>{y}</th>" for y in years)
    out.append(f"<table><tr><th></th>{head}</tr>")
    out.append("<tr><th>" + _e(_("actual", lang)) + "</th>" + "".join(
        f'<td class="num">{_e(value_text(ind.values_in(y), lang))}</td>' for y in years) + "</tr>")
    if ind.targets:
        cells = []
        for y in years:
            t = ind.target(y)
            cells.append(f'<td class="num">{_e(t.current.text if t else "")}</td>')
        out.append(f"<tr><th>{_e(_('target', lang))}</th>{''.join(cells)}</tr>")
    for cat in ind.categories:
        parts = [ind.breakdown.get(y, {}).get(cat.id) for y in years]
        row = "".join(f'<td class="num">{_e("" if p is None else number(p, lang))}</td>' for p in parts)
        out.append(f"<tr><td>{_e(cat.name)}</td>{row}</tr>")
    out.append("</table>")
    return out


def _reflectie_html(agenda: Agenda, refl: Reflectie, year: int, lang: str) -> list[str]:
    out = [f'<h2 id="reflectie">{_e(_("reflectie", lang))}</h2>', f"<p>{_e(_('reflectie-intro', lang, year=year))}</p>"]
    if not refl.entries:
        out.append(f"<p>{_e(_('nothing-lagged', lang, year=year))}</p>")
        return out
    names = dict(refl.themes)
    for theme_id, entries in refl.by_theme():
        out.append(f"<h3>{_e(names.get(theme_id, theme_id) if theme_id else '—')}</h3>")
        for entry in entries:
            note = entry.note or _("no-note", lang)
            out.append(f'<div class="entry"><p>{_e(entry.text(lang))}</p><p>{_e(note)}</p>'
                       f'<p class="evidence">{_e(_("rule", lang))}: {_e(entry.rule)}</p></div>')
    return out


def _budget_html(agenda: Agenda, summary: BudgetSummary, lang: str) -> list[str]:
    out = [f'<h2 id="financien">{_e(_("budget", lang))}</h2>']
    if not summary.entries:
        out.append(f"<p>{_e(_('no-budget', lang))}</p>")
        return out
    out.append(f"<table><tr><th>{_e(_('budget-line', lang))}</th><th>{_e(_('amount', lang))}</th>"
               f"<th>{_e(_('kind', lang))}</th></tr>")
    for entry in summary.entries:
        out += _budget_rows(entry.name, entry.line, lang, 0)
    out.append(f"<tr><th>{_e(_('total-structural', lang))}</th><td class=\"num\"><strong>"
               f"{_e(money(summary.totals.structural, lang))}</strong></td><td></td></tr>")
    out.append(f"<tr><th>{_e(_('total-incidental', lang))}</th><td class=\"num\"><strong>"
               f"{_e(money(summary.totals.incidental, lang))}</strong></td><td></td></tr></table>")
    return out


def _budget_rows(name: str, line: object, lang: str, depth: int) -> list[str]:
    from agenda.model import BudgetLine

    assert isinstance(line, BudgetLine)
    label = ("↳ " * depth) + (line.name or name)
    rows = [f"<tr><td>{_e(label)}</td><td class=\"num\">{_e(amount_text(line, lang))}</td>"
            f"<td>{_e(kind_text(line, lang))}</td></tr>"]
    for item in line.items:
        rows += _budget_rows(item.name or "", item, lang, depth + 1)
    return rows
