"""The budget as a table: text, Markdown, CSV or JSON, from :func:`agenda.query.budget.budget`.

Every sum comes from the :class:`~agenda.query.budget.BudgetSummary`; this module
only lays it out.  JSON amounts are integers where the euro amount is whole and
strings otherwise (``"6666.67"``), never floats.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from agenda._i18n import Catalog, check_lang
from agenda.model import BudgetKind, BudgetLine, Side
from agenda.numbers import money, to_cents
from agenda.query.budget import BudgetEntry, BudgetSummary, Payment
from agenda.render._quote import md_cell, spreadsheet_cell

__all__ = ["BUDGET_FORMATS", "amount_text", "entry_text", "render_budget"]

#: The formats :func:`render_budget` writes.
BUDGET_FORMATS = ("text", "md", "csv", "json")

_ = Catalog(
    "render-budget",
    {
        "title": {"nl": "Financiële middelen", "en": "Budget"},
        "theme": {"nl": "Thema", "en": "Theme"},
        "action": {"nl": "Inspanning", "en": "Action"},
        "line": {"nl": "Onderwerp", "en": "Item"},
        "amount": {"nl": "Bedrag", "en": "Amount"},
        "kind": {"nl": "Soort", "en": "Kind"},
        "annual": {"nl": "Per jaar", "en": "Per year"},
        "start": {"nl": "Vanaf", "en": "From"},
        "years": {"nl": "Jaren", "en": "Years"},
        "every": {"nl": "Eens per … jaar", "en": "Once every … years"},
        "structureel": {"nl": "structureel", "en": "structural"},
        "incidenteel": {"nl": "incidenteel", "en": "incidental"},
        "for-years": {"nl": "{years} jaar", "en": "{years} years"},
        "every-n": {"nl": "1x per {every} jaar", "en": "once every {every} years"},
        "from": {"nl": "vanaf {year}", "en": "from {year}"},
        "total-structural": {"nl": "Totaal structureel per jaar", "en": "Total structural per year"},
        "total-incidental": {"nl": "Totaal incidenteel per jaar", "en": "Total incidental per year"},
        "total-incidental-years": {
            "nl": "Totaal incidenteel over de looptijd",
            "en": "Total incidental over its years",
        },
        "per-year": {"nl": "Per jaar (betalingen)", "en": "Per year (payments)"},
        "income-word": {"nl": "{kind}, baten", "en": "{kind}, income"},
        "income": {"nl": "baten", "en": "income"},
        "income-structural": {"nl": "Baten structureel per jaar", "en": "Income structural per year"},
        "income-incidental": {"nl": "Baten incidenteel per jaar", "en": "Income incidental per year"},
        "varying": {
            "nl": "Niet in de totalen per jaar, omdat het bedrag per jaar verschilt: {names} (zie per jaar).",
            "en": "Not in the totals per year, as the amount differs per year: {names} (see per year).",
        },
        "year": {"nl": "Jaar", "en": "Year"},
        "total": {"nl": "Totaal", "en": "Total"},
        "unknown-start": {"nl": "Zonder startjaar", "en": "Without a start year"},
        "checks": {"nl": "Controle deelposten", "en": "Sub-item check"},
        "check-ok": {
            "nl": "{name}: deelposten per jaar {items} = {amount}",
            "en": "{name}: sub-items per year {items} = {amount}",
        },
        "check-bad": {
            "nl": "{name}: deelposten per jaar {items} ≠ {amount} (verschil {difference})",
            "en": "{name}: sub-items per year {items} ≠ {amount} (difference {difference})",
        },
        "none": {"nl": "Geen begrotingsposten.", "en": "No budget lines."},
        "format": {
            "nl": "Onbekend formaat {fmt!r}; kies uit: {choices}.",
            "en": "Unknown format {fmt!r}; choose from: {choices}.",
        },
    },
)



def amount_text(line: BudgetLine, lang: str = "nl", *, symbol: bool = True) -> str:
    """A line's amount as people read it, in euros: ``€ 96.000``, ``ca. € 30.000``, or per year
    ``€ 410.000 (2024), € 432.000 (2025)`` for an amount that differs per year."""
    prefix = ("ca. " if lang == "nl" else "approx. ") if line.approximate else ""
    if line.varies:
        return ", ".join(f"{prefix}{money(line.euros(a), lang, symbol=symbol)} ({year})"
                         for year, a in sorted(line.amounts.items()))
    return prefix + money(line.euros(), lang, symbol=symbol)


def entry_text(entry: BudgetEntry, lang: str = "nl") -> str:
    """One budget line in words: ``€ 75.000 incidenteel (3 jaar)``, ``€ 86.000 structureel (vanaf 2025)``."""
    return f"{amount_text(entry.line, lang)} {_kind_text(entry.line, lang)}"


def _kind_text(line: BudgetLine, lang: str) -> str:
    extra = []
    if line.kind is BudgetKind.INCIDENTAL and line.years:
        extra.append(_("for-years", lang, years=line.years))
    if line.every > 1:
        extra.append(_("every-n", lang, every=line.every))
    if line.start is not None:
        extra.append(_("from", lang, year=line.start))
    word = _(line.kind.value, lang)
    if line.side is Side.INCOME:
        word = _("income-word", lang, kind=word)
    return f"{word} ({', '.join(extra)})" if extra else word


def render_budget(summary: BudgetSummary, fmt: str = "text", lang: str = "nl") -> str:
    """The budget in ``fmt`` (text, md, csv or json) and ``lang``."""
    check_lang(lang)
    if fmt == "text":
        return _text(summary, lang)
    if fmt == "md":
        return _markdown(summary, lang)
    if fmt == "csv":
        return _csv(summary, lang)
    if fmt == "json":
        return _json(summary)
    raise ValueError(_("format", lang, fmt=fmt, choices=", ".join(BUDGET_FORMATS)))


def _kind_words(payment: Payment, lang: str) -> str:
    return _kind_text(payment.line, lang)


def _check_lines(summary: BudgetSummary, lang: str) -> list[str]:
    out = []
    for check in summary.checks:
        key = "check-ok" if check.ok else "check-bad"
        out.append(
            _(
                key,
                lang,
                name=check.entry.name,
                items=money(check.items_annual, lang, symbol=False),
                amount=money(check.expected, lang, symbol=False),
                difference=money(check.difference, lang, symbol=False),
            )
        )
    return out


def _totals(summary: BudgetSummary, lang: str) -> list[tuple[str, str]]:
    t = summary.totals
    out = [
        (_("total-structural", lang), money(t.structural, lang, symbol=False)),
        (_("total-incidental", lang), money(t.incidental, lang, symbol=False)),
        (_("total-incidental-years", lang), money(t.incidental_over_years, lang, symbol=False)),
    ]
    income = summary.income
    if income.structural or income.incidental:  # baten apart from lasten, never added to them
        out += [(_("income-structural", lang), money(income.structural, lang, symbol=False)),
                (_("income-incidental", lang), money(income.incidental, lang, symbol=False))]
    return out


def _text(summary: BudgetSummary, lang: str) -> str:
    if not summary.entries:
        return _("none", lang) + "\n"
    out = [_("title", lang), ""]
    for theme_id, theme_name, _sums in summary.by_theme:
        out.append(f"{_('theme', lang)}: {theme_name}")
        for entry in (e for e in summary.entries if e.theme_id == theme_id):
            out.append(f"  {entry.name}: {entry_text(entry, lang)}")
            for item in entry.line.items:
                out.append(f"    - {item.name or ''}: {amount_text(item, lang)} {_kind_text(item, lang)}")
        out.append("")
    out += [f"{label}: € {amount}" for label, amount in _totals(summary, lang)]
    if summary.varying:  # an amount that differs per year has no place "per jaar"
        out.append(_("varying", lang, names=", ".join(e.name for e in summary.varying)))
    if summary.per_year:
        out += ["", _("per-year", lang)]
        for row in summary.per_year:
            income = f", {_('income', lang)} € {money(row.income, lang, symbol=False)}" if row.income else ""
            out.append(
                f"  {row.year}: {_('structureel', lang)} € {money(row.structural, lang, symbol=False)}, "
                f"{_('incidenteel', lang)} € {money(row.incidental, lang, symbol=False)}, "
                f"{_('total', lang).lower()} € {money(row.total, lang, symbol=False)}{income}"
            )
    if summary.unknown_start:
        out += ["", _("unknown-start", lang)]
        out += [
            f"  {p.name}: {amount_text(p.line, lang)} {_kind_words(p, lang)}" for p in summary.unknown_start
        ]
    if summary.checks:
        out += ["", _("checks", lang)]
        out += [f"  {line}" for line in _check_lines(summary, lang)]
    return "\n".join(out) + "\n"


def _markdown(summary: BudgetSummary, lang: str) -> str:
    out = [f"## {_('title', lang)}", ""]
    if not summary.entries:
        return "\n".join([*out, _("none", lang)]) + "\n"
    heads = [_(k, lang) for k in ("theme", "line", "amount", "kind", "annual")]
    out += ["| " + " | ".join(heads) + " |", "|---|---|--:|---|--:|"]
    for entry in summary.entries:
        cells = [
            md_cell(entry.theme_name),
            md_cell(entry.name),
            amount_text(entry.line, lang, symbol=False),
            md_cell(_kind_text(entry.line, lang)),
            money(entry.annual, lang, symbol=False),
        ]
        out.append("| " + " | ".join(cells) + " |")
        for item in entry.line.items:
            cells = ["", "— " + md_cell(item.name or ""), amount_text(item, lang, symbol=False)]
            cells += [md_cell(_kind_text(item, lang)), money(item.annual(), lang, symbol=False)]
            out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out += [f"- {label}: € {amount}" for label, amount in _totals(summary, lang)]
    if summary.per_year:
        out += ["", f"### {_('per-year', lang)}", ""]
        out += [f"| {_('year', lang)} | {_('structureel', lang)} | {_('incidenteel', lang)} | {_('total', lang)} |"]
        out.append("|---|--:|--:|--:|")
        for row in summary.per_year:
            amounts = (money(a, lang, symbol=False) for a in (row.structural, row.incidental, row.total))
            out.append(f"| {row.year} | " + " | ".join(amounts) + " |")
    if summary.unknown_start:
        out += ["", f"### {_('unknown-start', lang)}", ""]
        out += [
            f"- {md_cell(p.name)}: {amount_text(p.line, lang)} {_kind_words(p, lang)}"
            for p in summary.unknown_start
        ]
    if summary.checks:
        out += ["", f"### {_('checks', lang)}", ""]
        out += [f"- {md_cell(line)}" for line in _check_lines(summary, lang)]
    return "\n".join(out) + "\n"


def _csv(summary: BudgetSummary, lang: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    heads = [
        "theme_id",
        "action_id",
        "theme",
        "action",
        "line",
        "item",
        "amount",
        "kind",
        "start",
        "years",
        "every",
        "annual",
    ]
    writer.writerow(heads)
    for entry in summary.entries:
        rows = [(entry.name, "", entry.line)] + [(entry.name, item.name or "", item) for item in entry.line.items]
        for line_name, item_name, line in rows:
            writer.writerow(
                [
                    entry.theme_id,
                    entry.action_id,
                    *(spreadsheet_cell(t) for t in (entry.theme_name, entry.action_name, line_name, item_name)),
                    _csv_amount(line),
                    line.kind.value,
                    "" if line.start is None else line.start,
                    "" if line.years is None else line.years,
                    line.every,
                    _plain_number(line.annual()),
                ]
            )
    return buf.getvalue()


def _csv_amount(line: BudgetLine) -> str:
    # In euros; an amount that differs per year as "2024: 410000; 2025: 432000".
    if line.varies:
        return "; ".join(f"{year}: {_plain_number(line.euros(a))}" for year, a in sorted(line.amounts.items()))
    return _plain_number(line.euros())


def _plain_number(amount: Decimal) -> str:
    if amount == amount.to_integral_value():
        return str(int(amount))
    return str(to_cents(amount))


def _json_number(amount: Decimal) -> int | str:
    return int(amount) if amount == amount.to_integral_value() else str(to_cents(amount))


def _json(summary: BudgetSummary) -> str:
    def line_json(line_name: str | None, line: BudgetLine) -> dict[str, object]:
        return {
            "name": line_name,
            "amount": line.amount,
            "amounts": {str(y): a for y, a in sorted(line.amounts.items())} or None,
            "scale": line.scale,
            "euros": None if line.varies else _json_number(line.euros()),
            "approximate": line.approximate,
            "side": line.side.value,
            "kind": line.kind.value,
            "start": line.start,
            "years": line.years,
            "every": line.every,
            "annual": _json_number(line.annual()),
            "items": [line_json(i.name, i) for i in line.items],
        }

    t = summary.totals
    data = {
        "entries": [{"theme": e.theme_id, "action": e.action_id, "level": e.level, **line_json(e.name, e.line)}
                    for e in summary.entries],
        "income": {
            "structural_per_year": _json_number(summary.income.structural),
            "incidental_per_year": _json_number(summary.income.incidental),
            "incidental_over_years": _json_number(summary.income.incidental_over_years),
        },
        "totals": {
            "structural_per_year": _json_number(t.structural),
            "incidental_per_year": _json_number(t.incidental),
            "incidental_over_years": _json_number(t.incidental_over_years),
        },
        "themes": [
            {
                "theme": theme_id,
                "structural_per_year": _json_number(k.structural),
                "incidental_per_year": _json_number(k.incidental),
                "incidental_over_years": _json_number(k.incidental_over_years),
            }
            for theme_id, _name, k in summary.by_theme
        ],
        "per_year": [
            {
                "year": row.year,
                "structural": _json_number(row.structural),
                "incidental": _json_number(row.incidental),
                "total": _json_number(row.total),
                "income": _json_number(row.income),
            }
            for row in summary.per_year
        ],
        "unknown_start": [
            {"action": p.entry.action_id, "name": p.name, "amount": p.line.amount, "kind": p.line.kind.value}
            for p in summary.unknown_start
        ],
        "checks": [
            {
                "action": c.entry.action_id,
                "name": c.entry.name,
                "items_per_year": _json_number(c.items_annual),
                "amount": c.entry.line.amount,
                "ok": c.ok,
            }
            for c in summary.checks
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
