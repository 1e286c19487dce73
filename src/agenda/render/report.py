"""The yearly report: a draft *Voortgangsrapportage* as one self-contained HTML file and as Markdown.

Formatting only.  Every fact comes from a query: statuses from the model and
:mod:`agenda.rollup`, what lagged from :mod:`agenda.reflectie`, money from
:mod:`agenda.budget`.  The picture parts (diagram, charts) are passed in as
SVG text, so this module never runs a program itself; :func:`build_report`
gathers everything and returns the files to write.

The HTML has no external resources (it opens offline), escapes every piece of
user text, and carries a print style sheet.  Output is deterministic: no dates
or random ids, items in plan order.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from agenda._i18n import Catalog, check_lang
from agenda.budget import BudgetSummary, budget
from agenda.errors import Problem
from agenda.model import Action, Agenda, Goal, Indicator, Theme, Value
from agenda.reflectie import Reflectie, reflectie
from agenda.rollup import Rollup, record_in, rollup

__all__ = ["ReportFile", "build_report", "render_report_html", "render_report_markdown"]

_ = Catalog(
    "render-report",
    {
        "title": {"nl": "Voortgangsrapportage {year}", "en": "Progress report {year}"},
        "subtitle": {"nl": "{title} — gemeente {gemeente}", "en": "{title} — municipality of {gemeente}"},
        "draft": {
            "nl": "Concept, gemaakt met agenda uit de gegevens van de agenda. Verslagjaar {year}.",
            "en": "Draft, made with agenda from the plan's data. Reporting year {year}.",
        },
        "contents": {"nl": "Inhoud", "en": "Contents"},
        "summary": {"nl": "Samenvatting", "en": "Summary"},
        "summary-text": {
            "nl": "In {year} zijn van {total} inspanningen met een status er {lagging} achtergebleven; de reflectie noemt {entries} punten.",
            "en": "In {year}, {lagging} of {total} actions with a status lagged; the reflectie lists {entries} points.",
        },
        "status": {"nl": "Status", "en": "Status"},
        "count": {"nl": "Aantal", "en": "Count"},
        "themes": {"nl": "Thema's", "en": "Themes"},
        "outlook": {"nl": "Vooruitblik", "en": "Outlook"},
        "outlook-intro": {
            "nl": "Deze thema's horen bij een plan dat pas na {year} begint; ze staan hier met hun doelstellingen en inspanningen, zonder status over {year}.",
            "en": "These themes belong to a plan that starts after {year}; they are listed with their goals and actions, without a status for {year}.",
        },
        "plan-own": {"nl": "{title}", "en": "{title}"},
        "plan-earlier": {"nl": "{title} (eerder plan)", "en": "{title} (earlier plan)"},
        "recorded": {"nl": "vastgelegde status", "en": "recorded status"},
        "derived": {"nl": "afgeleid uit de onderdelen", "en": "derived from its parts"},
        "differs": {"nl": "(wijkt af van de vastgelegde status)", "en": "(differs from the recorded status)"},
        "none-recorded": {"nl": "geen status vastgelegd voor {year}", "en": "no status recorded for {year}"},
        "continued-in": {"nl": "Wordt voortgezet in: {themes}", "en": "Continued in: {themes}"},
        "kbv": {"nl": "Kernbeleid Veiligheid veld {veld}", "en": "Kernbeleid Veiligheid field {veld}"},
        "item": {"nl": "Onderdeel", "en": "Item"},
        "owner": {"nl": "Trekker", "en": "Owner"},
        "progress": {"nl": "Voortgang", "en": "Progress"},
        "explanation": {"nl": "Toelichting", "en": "Explanation"},
        "indicators": {"nl": "Indicatoren", "en": "Indicators"},
        "actual": {"nl": "Realisatie", "en": "Actual"},
        "unit": {"nl": "eenheid", "en": "unit"},
        "source": {"nl": "bron", "en": "source"},
        "target": {"nl": "doel", "en": "target"},
        "approx": {"nl": "ca. ", "en": "approx. "},
        "reflectie": {"nl": "Reflectie", "en": "Reflectie"},
        "reflectie-intro": {
            "nl": "Wat in {year} niet of minder is bereikt dan gehoopt, met de regel die het signaleerde, het bewijs en de vastgelegde toelichting.",
            "en": "What was not reached in {year}, or less than hoped, with the rule that flagged it, the evidence and the recorded explanation.",
        },
        "nothing-lagged": {"nl": "Niets bleef achter in {year}.", "en": "Nothing lagged in {year}."},
        "rule": {"nl": "regel", "en": "rule"},
        "no-note": {"nl": "Geen toelichting vastgelegd.", "en": "No explanation recorded."},
        "diagram": {"nl": "Samenhang", "en": "Dependencies"},
        "diagram-missing": {
            "nl": "Het diagram kon niet als afbeelding gemaakt worden: {reason}",
            "en": "The diagram could not be drawn as a picture: {reason}",
        },
        "budget": {"nl": "Financiële middelen", "en": "Budget"},
        "budget-line": {"nl": "Onderwerp", "en": "Item"},
        "amount": {"nl": "Bedrag", "en": "Amount"},
        "kind": {"nl": "Incidenteel/structureel", "en": "Incidental/structural"},
        "structural": {"nl": "Structureel", "en": "Structural"},
        "incidental": {"nl": "Incidenteel ({years} jaar)", "en": "Incidental ({years} years)"},
        "incidental-once": {"nl": "Incidenteel", "en": "Incidental"},
        "every": {"nl": "1x per {every} jaar", "en": "once every {every} years"},
        "total-structural": {"nl": "Totaal structureel per jaar", "en": "Total structural per year"},
        "total-incidental": {"nl": "Totaal incidenteel per jaar", "en": "Total incidental per year"},
        "no-budget": {"nl": "De agenda noemt geen financiële middelen.", "en": "The plan names no budget."},
        "data-notes": {"nl": "Aandachtspunten in de gegevens", "en": "Points to note in the data"},
        "data-notes-intro": {
            "nl": "Waarschuwingen uit de controle van het agenda-bestand, bijvoorbeeld waar de bron zichzelf tegenspreekt.",
            "en": "Warnings from checking the plan file, for example where the source contradicts itself.",
        },
        "chart-alt": {"nl": "Grafiek van {name}", "en": "Chart of {name}"},
    },
)

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


@attrs.frozen
class ReportFile:
    """One file of the report: its name inside the output folder and its bytes."""

    name: str
    content: bytes


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(value: object, lang: str) -> str:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    else:
        text = str(value)
    return text.replace(".", ",") if lang == "nl" else text


def _euro(amount: Decimal | int, lang: str) -> str:
    whole = int(amount)
    grouped = f"{whole:,}".replace(",", "." if lang == "nl" else ",")
    frac = Decimal(amount) - whole
    cents = f"{(',' if lang == 'nl' else '.')}{int(frac * 100):02d}" if frac else ""
    return f"€ {grouped}{cents}"


def _status_word(agenda: Agenda, status_id: str | None, lang: str) -> str:
    if status_id is None:
        return "—"
    status = agenda.config.status(status_id)
    return status.label(lang) if status else status_id


def _is_lagging(agenda: Agenda, status_id: str | None) -> bool:
    status = agenda.config.status(status_id) if status_id else None
    return bool(status and status.lagging)


def _indicators_of(agenda: Agenda, theme: Theme) -> list[Indicator]:
    return [i for i in agenda.indicators if (found := agenda.theme_of(i.id)) is not None and found.id == theme.id]


def _value_text(values: Sequence[Value], lang: str) -> str:
    parts = []
    for v in values:
        if v.value is None:
            parts.append(v.text or "")
        else:
            parts.append((_("approx", lang) if v.approximate else "") + _num(v.value, lang))
    return " / ".join(p for p in parts if p)


@attrs.frozen
class _Facts:
    """What the report shows, gathered once from the queries."""

    roll: Rollup
    refl: Reflectie
    money: BudgetSummary


def _facts(agenda: Agenda, year: int) -> _Facts:
    return _Facts(rollup(agenda, year), reflectie(agenda, year), budget(agenda))


# --------------------------------------------------------------------------- HTML


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
    check_lang(lang)
    facts = _facts(agenda, year)
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
    if _split_themes(agenda, year)[1]:
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
    current, later = _split_themes(agenda, year)
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


def _split_themes(agenda: Agenda, year: int) -> tuple[list[Theme], list[Theme]]:
    """Themes in force in ``year``, and those of plans that start later with nothing recorded for ``year``."""
    starts = {p.id: p.period_start for p in agenda.plans}
    current: list[Theme] = []
    later: list[Theme] = []
    for theme in agenda.themes:
        start = starts.get(theme.plan) if theme.plan else agenda.period_start
        items: tuple[Theme | Goal | Action, ...] = (theme, *theme.goals, *theme.all_actions())
        recorded = any(record_in(i.status, year) for i in items)
        (later if start is not None and start > year and not recorded else current).append(theme)
    return current, later


def _strip_xml_prolog(svg: str) -> str:
    # An inline <svg> must not carry the XML declaration or DOCTYPE of a standalone file.
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else ""


def _summary_html(agenda: Agenda, year: int, facts: _Facts, lang: str) -> list[str]:
    counts = _status_counts(agenda, year)
    lagging = sum(n for sid, n in counts if _is_lagging(agenda, sid))
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


def _status_counts(agenda: Agenda, year: int) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for action in agenda.actions():
        record = record_in(action.status, year)
        if record is not None:
            counts[record.status] = counts.get(record.status, 0) + 1
    order = {s.id: i for i, s in enumerate(agenda.config.statuses)}
    return sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def _badge(agenda: Agenda, status_id: str | None, lang: str) -> str:
    if status_id is None:
        return "—"
    status = agenda.config.status(status_id)
    colour = status.colour if status else "#ffffff"
    mark = f"{status.mark} " if status and status.mark else ""
    cls = "status lagging" if _is_lagging(agenda, status_id) else "status"
    style = f"background:{colour};color:{_ink(colour)}"
    return f'<span class="{cls}" style="{_e(style)}">{_e(mark + _status_word(agenda, status_id, lang))}</span>'


def _theme_html(agenda: Agenda, theme: Theme, year: int, facts: _Facts, lang: str,
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
    rows = list(_rows(theme))
    if rows:
        out.append(f"<table><tr><th>{_e(_('item', lang))}</th><th>{_e(_('owner', lang))}</th>"
                   f"<th>{_e(_('status', lang))}</th><th>{_e(_('progress', lang))}</th>"
                   f"<th>{_e(_('explanation', lang))}</th></tr>")
        for item, depth in rows:
            record = record_in(item.status, year)
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
    indicators = _indicators_of(agenda, theme)
    if indicators:
        out.append(f"<h4>{_e(_('indicators', lang))}</h4>")
        for ind in indicators:
            out += _indicator_html(ind, year, lang)
            if ind.id in charts:
                out.append(f'<figure role="img" aria-label="{_e(_("chart-alt", lang, name=ind.name))}">'
                           f"{_strip_xml_prolog(charts[ind.id])}</figure>")
    return out


def _rows(theme: Theme) -> Iterable[tuple[Goal | Action, int]]:
    for goal in theme.goals:
        yield goal, 0
        for action in goal.actions:
            yield action, 1
    for action in theme.actions:
        yield action, 0


def _status_line_html(agenda: Agenda, item_id: str, year: int, facts: _Facts, lang: str) -> str:
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
        f'<td class="num">{_e(_value_text(ind.values_in(y), lang))}</td>' for y in years) + "</tr>")
    if ind.targets:
        cells = []
        for y in years:
            t = ind.target(y)
            cells.append(f'<td class="num">{_e(t.current.text if t else "")}</td>')
        out.append(f"<tr><th>{_e(_('target', lang))}</th>{''.join(cells)}</tr>")
    for cat in ind.categories:
        row = "".join(f'<td class="num">{_e(_num(ind.breakdown.get(y, {}).get(cat.id, ""), lang))}</td>' for y in years)
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


def _budget_html(agenda: Agenda, money: BudgetSummary, lang: str) -> list[str]:
    out = [f'<h2 id="financien">{_e(_("budget", lang))}</h2>']
    if not money.entries:
        out.append(f"<p>{_e(_('no-budget', lang))}</p>")
        return out
    out.append(f"<table><tr><th>{_e(_('budget-line', lang))}</th><th>{_e(_('amount', lang))}</th>"
               f"<th>{_e(_('kind', lang))}</th></tr>")
    for entry in money.entries:
        out += _budget_rows(entry.name, entry.line, lang, 0)
    out.append(f"<tr><th>{_e(_('total-structural', lang))}</th><td class=\"num\"><strong>"
               f"{_e(_euro(money.totals.structural, lang))}</strong></td><td></td></tr>")
    out.append(f"<tr><th>{_e(_('total-incidental', lang))}</th><td class=\"num\"><strong>"
               f"{_e(_euro(money.totals.incidental, lang))}</strong></td><td></td></tr></table>")
    return out


def _kind_text(line: object, lang: str) -> str:
    from agenda.model import BudgetKind, BudgetLine

    assert isinstance(line, BudgetLine)
    if line.kind is BudgetKind.STRUCTURAL:
        text = _("structural", lang)
    elif line.years:
        text = _("incidental", lang, years=line.years)
    else:
        text = _("incidental-once", lang)
    if line.every > 1:
        text += ", " + _("every", lang, every=line.every)
    if line.start:
        text += f" ({line.start})"
    return text


def _budget_rows(name: str, line: object, lang: str, depth: int) -> list[str]:
    from agenda.model import BudgetLine

    assert isinstance(line, BudgetLine)
    label = ("↳ " * depth) + (line.name or name)
    rows = [f"<tr><td>{_e(label)}</td><td class=\"num\">{_e(_euro(line.amount, lang))}</td>"
            f"<td>{_e(_kind_text(line, lang))}</td></tr>"]
    for item in line.items:
        rows += _budget_rows(item.name or "", item, lang, depth + 1)
    return rows


# --------------------------------------------------------------------------- Markdown


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
    check_lang(lang)
    facts = _facts(agenda, year)
    chart_files = chart_files or {}
    out = [f"# {_md(_('title', lang, year=year))}", "", _md(_("subtitle", lang, title=agenda.title,
                                                              gemeente=agenda.gemeente)), ""]
    if agenda.motto:
        out += [f"*{_md(agenda.motto)}*", ""]
    out += [_md(_("draft", lang, year=year)), "", f"## {_md(_('summary', lang))}", ""]
    counts = _status_counts(agenda, year)
    lagging = sum(n for sid, n in counts if _is_lagging(agenda, sid))
    out += [_md(_("summary-text", lang, year=year, total=sum(n for _s, n in counts), lagging=lagging,
                  entries=len(facts.refl.entries))), "",
            f"| {_md(_('status', lang))} | {_md(_('count', lang))} |", "|---|---:|"]
    out += [f"| {_md(_status_word(agenda, sid, lang))} | {n} |" for sid, n in counts]
    out += ["", f"## {_md(_('themes', lang))}", ""]
    current, later = _split_themes(agenda, year)
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
        out += [f"| **{_md(_('total-structural', lang))}** | **{_md(_euro(facts.money.totals.structural, lang))}** | |",
                f"| **{_md(_('total-incidental', lang))}** | **{_md(_euro(facts.money.totals.incidental, lang))}** | |", ""]
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
    rows = [f"| {_md(label)} | {_md(_euro(line.amount, lang))} | {_md(_kind_text(line, lang))} |"]
    for item in line.items:
        rows += _budget_md(item.name or "", item, lang, depth + 1)
    return rows


def _theme_md(agenda: Agenda, theme: Theme, year: int, facts: _Facts, lang: str,
              chart_files: Mapping[str, str]) -> list[str]:
    out = [f"### {_md(theme.name)}", ""]
    rolled = facts.roll.get(theme.id)
    recorded = rolled.recorded.status if rolled and rolled.recorded else None
    derived = rolled.derived if rolled else None
    bits = []
    if recorded:
        bits.append(f"{_('recorded', lang)}: {_status_word(agenda, recorded, lang)}")
    if derived:
        bits.append(f"{_('derived', lang)}: {_status_word(agenda, derived, lang)}")
    out += [_md(" · ".join(bits) if bits else _("none-recorded", lang, year=year)), ""]
    rows = list(_rows(theme))
    if rows:
        out += [f"| {_md(_('item', lang))} | {_md(_('owner', lang))} | {_md(_('status', lang))} | "
                f"{_md(_('explanation', lang))} |", "|---|---|---|---|"]
        for item, depth in rows:
            record = record_in(item.status, year)
            owner = item.owner if isinstance(item, Action) and item.owner else ""
            name = ("↳ " if depth else "") + item.name
            out.append(f"| {_md(name)} | {_md(owner)} | {_md(_status_word(agenda, record.status if record else None, lang))}"
                       f" | {_md(record.note if record and record.note else '')} |")
        out.append("")
    for ind in _indicators_of(agenda, theme):
        years = [y for y in ind.years if y <= year + 1] or list(ind.years)
        out += [f"**{_md(ind.name)}**", ""]
        if years:
            out += ["| | " + " | ".join(str(y) for y in years) + " |", "|---|" + "---:|" * len(years),
                    f"| {_md(_('actual', lang))} | " + " | ".join(_md(_value_text(ind.values_in(y), lang)) for y in years) + " |"]
            if ind.targets:
                out.append(f"| {_md(_('target', lang))} | " + " | ".join(
                    _md(t.current.text) if (t := ind.target(y)) else "" for y in years) + " |")
            out.append("")
        if ind.id in chart_files:
            out += [f"![{_md(_('chart-alt', lang, name=ind.name))}]({chart_files[ind.id]})", ""]
    return out


# --------------------------------------------------------------------------- gathering the files


def build_report(agenda: Agenda, year: int, *, lang: str = "nl", warnings: Iterable[Problem] = (),
                 timeout: float = 60, progress: Callable[[str], None] | None = None) -> tuple[ReportFile, ...]:
    """Every file of the report for ``year``, ready to write into one folder.

    ``rapport-YEAR.html`` (self-contained) and ``rapport-YEAR.md``, the diagram
    (``diagram-YEAR.svg``, or ``diagram-YEAR.dot`` when Graphviz's ``dot`` is
    missing), ``reflectie-YEAR.md``, the matrix (``matrix-YEAR.csv``) and one
    chart per indicator with values (``grafieken/ID.svg``) when matplotlib is
    installed.  The names are Dutch; the content follows ``lang``.  ``progress``,
    when given, is called with the name of each part as work on it starts.
    """
    from agenda.render._backend import GraphvizError, render_image
    from agenda.render.dot import render_dot
    from agenda.render.reflectie_text import render_markdown

    warnings = tuple(warnings)
    files: list[ReportFile] = []
    step = progress or (lambda _part: None)
    step(f"diagram-{year}")
    dot_text = render_dot(agenda, year, lang=lang)
    diagram_svg: str | None = None
    note: str | None = None
    try:
        diagram_svg = render_image(dot_text, "svg", timeout=timeout).decode("utf-8")
        diagram_name = f"diagram-{year}.svg"
        files.append(ReportFile(diagram_name, diagram_svg.encode("utf-8")))
    except GraphvizError as exc:
        note = exc.message(lang)
        diagram_name = f"diagram-{year}.dot"
        files.append(ReportFile(diagram_name, dot_text.encode("utf-8")))
    step("grafieken")
    charts = _charts(agenda, year, lang)
    chart_files = {ind_id: f"grafieken/{ind_id}.svg" for ind_id in charts}
    files += [ReportFile(chart_files[i], svg.encode("utf-8")) for i, svg in charts.items()]
    step(f"rapport-{year}")
    html_text = render_report_html(agenda, year, lang=lang, warnings=warnings, diagram_svg=diagram_svg,
                                   diagram_note=note, charts=charts)
    md_text = render_report_markdown(agenda, year, lang=lang, warnings=warnings, diagram_file=diagram_name,
                                     chart_files=chart_files)
    files.append(ReportFile(f"rapport-{year}.html", html_text.encode("utf-8")))
    files.append(ReportFile(f"rapport-{year}.md", md_text.encode("utf-8")))
    refl = reflectie(agenda, year)
    files.append(ReportFile(f"reflectie-{year}.md",
                            render_markdown(refl, lang, config=agenda.config).encode("utf-8")))
    matrix = _matrix_csv(agenda, year, lang)
    if matrix is not None:
        files.append(ReportFile(f"matrix-{year}.csv", matrix))
    return tuple(sorted(files, key=lambda f: f.name))


def _charts(agenda: Agenda, year: int, lang: str) -> dict[str, str]:
    # Charts need the optional matplotlib; without it the report has tables only.
    from agenda.render._backend import MissingExtraError
    from agenda.render.charts import render_chart

    out: dict[str, str] = {}
    for ind in sorted(agenda.indicators, key=lambda i: i.id):
        if sum(1 for v in ind.values if v.value is not None) < 2:
            continue  # one figure is a number, not a trend: the table shows it
        try:
            out[ind.id] = render_chart(agenda, ind.id, year, "svg", lang).decode("utf-8")
        except MissingExtraError:
            return {}
    return out


def _matrix_csv(agenda: Agenda, year: int, lang: str) -> bytes | None:
    try:
        from agenda.render.matrix import render_matrix
    except ImportError:  # pragma: no cover
        return None
    out = render_matrix(agenda, year, "csv", lang)
    return out if isinstance(out, bytes) else out.encode("utf-8")
