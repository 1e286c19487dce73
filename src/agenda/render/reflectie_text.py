"""The reflectie, an impact and a year-on-year diff as plain text or Markdown.

Formatting only: every fact comes from the result objects of :mod:`agenda.query.reflectie`
and :mod:`agenda.query.diff`.  Pass the plan's :class:`~agenda.model.Config` to use its own
words for levels and statuses; without it the default words are used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

import attrs

from agenda._i18n import Catalog, check_lang
from agenda.model import DEFAULT_CONFIG, Config
from agenda.numbers import number
from agenda.query.diff import Movement, StatusChange, YearDiff
from agenda.query.reflectie import Affected, Entry, EvidenceValue, Impact, Reflectie

__all__ = ["render_markdown", "render_text"]

_ = Catalog(
    "render-reflectie",
    {
        "reflectie-title": {"nl": "Reflectie {year}", "en": "Reflectie {year}"},
        "nothing-lagged": {"nl": "Niets bleef achter in {year}.", "en": "Nothing lagged in {year}."},
        "no-theme": {"nl": "Buiten de thema's", "en": "Outside the themes"},
        "note": {"nl": "Toelichting: {note}", "en": "Explanation: {note}"},
        "no-note": {"nl": "Geen toelichting vastgelegd.", "en": "No explanation recorded."},
        "evidence": {"nl": "Regel {rule}; gegevens: {facts}", "en": "Rule {rule}; evidence: {facts}"},
        "warnings": {"nl": "Waarschuwingen", "en": "Warnings"},
        "high": {"nl": "hoog", "en": "high"},
        "medium": {"nl": "middel", "en": "medium"},
        "low": {"nl": "laag", "en": "low"},
        "impact-title": {
            "nl": "Gevolgen van vertraging van {subject} ({year}, status: {status})",
            "en": "Impact of a delay of {subject} ({year}, status: {status})",
        },
        "dependents": {"nl": "Wat ervan afhangt", "en": "What depends on it"},
        "containers": {"nl": "Doelstellingen en thema's die het raakt", "en": "Goals and themes it affects"},
        "none": {"nl": "(geen)", "en": "(none)"},
        "nothing": {"nl": "niets vastgelegd", "en": "nothing recorded"},
        "diff-title": {"nl": "Verschil {before} → {after}", "en": "Difference {before} → {after}"},
        "changes": {"nl": "Statuswijzigingen", "en": "Status changes"},
        "opened": {"nl": "Nieuw gestart", "en": "Opened"},
        "closed": {"nl": "Afgesloten", "en": "Closed"},
        "movements": {"nl": "Indicatoren", "en": "Indicators"},
        "new-lagging": {"nl": "Nieuw achtergebleven", "en": "Newly lagging"},
        "no-longer-lagging": {"nl": "Niet meer achtergebleven", "en": "No longer lagging"},
        "better": {"nl": "beter", "en": "better"},
        "worse": {"nl": "slechter", "en": "worse"},
        "same": {"nl": "gelijk", "en": "unchanged"},
        "unsteered": {"nl": "geen gewenste richting", "en": "no desired direction"},
        "incomparable": {"nl": "niet te vergelijken", "en": "not comparable"},
        "not-reported": {
            "nl": "Niet gerapporteerd over {year} (ontbrekende informatie, geen achterstand)",
            "en": "Not reported for {year} (missing information, not lagging)",
        },
        "new-definition": {
            "nl": "vanaf {year} een nieuwe definitie: {definition}",
            "en": "a new definition from {year} on: {definition}",
        },
        "converted-from": {
            "nl": "{before} {unit_before} is {converted} {unit}",
            "en": "{before} {unit_before} is {converted} {unit}",
        },
    },
)


_NEWLINES = re.compile(r"\r\n|\r|\n")


@attrs.frozen
class _Bullet:
    text: str
    details: tuple[str, ...] = ()


@attrs.frozen
class _Section:
    heading: str
    bullets: tuple[_Bullet, ...]


def render_text(result: Reflectie | Impact | YearDiff, lang: str = "nl", *, config: Config | None = None) -> str:
    """``result`` as plain text in ``lang``, ending in a newline."""
    title, sections = _sections(result, check_lang(lang), config or DEFAULT_CONFIG)
    title = " ".join(_lines(title))
    lines = [title, "=" * len(title)]
    for section in sections:
        lines += ["", " ".join(_lines(section.heading))] if section.heading else [""]
        for bullet in section.bullets:  # a line break in a name or note stays inside its bullet
            lines.append("  - " + "\n    ".join(_lines(bullet.text)))
            lines += ["    " + "\n    ".join(_lines(d)) for d in bullet.details]
    return "\n".join(lines) + "\n"


def render_markdown(result: Reflectie | Impact | YearDiff, lang: str = "nl", *, config: Config | None = None) -> str:
    """``result`` as Markdown in ``lang``, ending in a newline."""
    title, sections = _sections(result, check_lang(lang), config or DEFAULT_CONFIG)
    lines = [f"# {_md(title)}"]
    for section in sections:
        lines += ["", f"## {_md(section.heading)}", ""] if section.heading else [""]
        for bullet in section.bullets:
            lines.append(f"- {_md(bullet.text)}")
            lines += [f"  - {_md(d)}" for d in bullet.details]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    # One line per bullet: a line break in a name or note is a <br>, so "- x" or "# x" on
    # the next line of a note never starts a list or a heading of its own.
    out = []
    for line in _lines(text):
        for char in "\\`*_[]<>#|":
            line = line.replace(char, "\\" + char)
        out.append(line)
    return "<br>".join(out)


def _lines(text: str) -> list[str]:
    return _NEWLINES.split(text)


def _sections(result: Reflectie | Impact | YearDiff, lang: str, config: Config) -> tuple[str, list[_Section]]:
    if isinstance(result, Reflectie):
        return _("reflectie-title", lang, year=result.year), _reflectie(result, lang, config)
    if isinstance(result, Impact):
        return _impact(result, lang, config)
    return _("diff-title", lang, before=result.from_year, after=result.to_year), _diff(result, lang, config)


def _reflectie(result: Reflectie, lang: str, config: Config) -> list[_Section]:
    if not result.entries:
        sections = [_Section("", (_Bullet(_("nothing-lagged", lang, year=result.year)),))]
    else:
        names = dict(result.themes)
        sections = [
            _Section(names.get(theme, theme) if theme else _("no-theme", lang), tuple(_entry(e, lang, config) for e in group))
            for theme, group in result.by_theme()
        ]
    if result.not_reported:  # missing information, apart from what lagged
        silent = tuple(_Bullet(m.text[lang]) for m in result.not_reported)
        sections.append(_Section(_("not-reported", lang, year=result.year), silent))
    if result.problems:
        warnings = tuple(_Bullet(p.message(lang).replace("\n    ", " ")) for p in result.problems)
        sections.append(_Section(_("warnings", lang), warnings))
    return sections


def _entry(entry: Entry, lang: str, config: Config) -> _Bullet:
    note = _("note", lang, note=entry.note) if entry.note else _("no-note", lang)
    facts = ", ".join(
        f"{e.key} = {_status(e.value, lang, config) if _is_status(e.key) and isinstance(e.value, str) else _value(e.value, lang)}"
        for e in entry.evidence if e.value is not None
    )
    return _Bullet(
        f"[{_(entry.severity.value, lang)}] {entry.text(lang)}",
        (note, _("evidence", lang, rule=entry.rule, facts=facts)),
    )


def _is_status(key: str) -> bool:
    # Evidence that names a status word is shown in the reader's language, not as its id.
    return key == "status" or key.endswith("_status")


#: Units that only say a figure is a number of things: not repeated after the figure.
_PLAIN_COUNTS = frozenset({"aantal", "number", "count"})
_RANK_UNITS = frozenset({"plaats", "plek", "positie", "rang", "place", "position", "rank"})


def _with_unit(value: str, unit: str | None) -> str:
    """A figure with its unit as people write it: "4,6 per 1.000 inwoners", "plaats 28", "520" (a count)."""
    if not unit or unit.lower() in _PLAIN_COUNTS:
        return value
    return f"{unit} {value}" if unit.lower() in _RANK_UNITS else f"{value} {unit}"


def _value(value: EvidenceValue, lang: str) -> str:
    if isinstance(value, tuple):
        return " → ".join(value)
    if isinstance(value, Decimal):
        return number(value, lang)
    return str(value)


def _subject(kind: str, name: str, lang: str, config: Config) -> str:
    try:
        return f"{config.level(kind, lang)} ‘{name}’"
    except KeyError:
        return f"‘{name}’"


def _status(status_id: str | None, lang: str, config: Config) -> str:
    status = config.status(status_id) if status_id else None
    if status is None:
        return status_id or _("nothing", lang)
    return status.label(lang)


def _impact(result: Impact, lang: str, config: Config) -> tuple[str, list[_Section]]:
    title = _(
        "impact-title",
        lang,
        subject=_subject(result.kind, result.name, lang, config),
        year=result.year,
        status=_status(result.status, lang, config),
    )

    def bullets(group: Iterable[Affected]) -> tuple[_Bullet, ...]:
        out = tuple(
            _Bullet(
                f"{_subject(a.kind, a.name, lang, config)} [{_status(a.status, lang, config)}]: {' → '.join(a.path)}"
            )
            for a in group
        )
        return out or (_Bullet(_("none", lang)),)

    return title, [
        _Section(_("dependents", lang), bullets(result.dependents)),
        _Section(_("containers", lang), bullets(result.containers)),
    ]


def _diff(result: YearDiff, lang: str, config: Config) -> list[_Section]:
    def changes(group: Iterable[StatusChange]) -> tuple[_Bullet, ...]:
        out = tuple(
            _Bullet(
                f"{_subject(c.kind, c.name, lang, config)}: {_status(c.before, lang, config)} → "
                f"{_status(c.after, lang, config)}",
                (_("note", lang, note=c.note),) if c.note else (),
            )
            for c in group
        )
        return out or (_Bullet(_("none", lang)),)

    def movement(m: Movement) -> _Bullet:
        # Each figure in its own unit; across a break the conversion, or why it is not compared.
        before, after = _value(m.before, lang), _value(m.after, lang)
        unit_before = m.unit_before if m.unit_before and m.unit_before != m.unit else m.unit
        text = (f"{_subject('indicator', m.name, lang, config)}: {_with_unit(before, unit_before)} → "
                f"{_with_unit(after, m.unit)}")
        notes = []
        if m.converted is not None and m.factor != 1:
            notes.append(_("converted-from", lang, before=before, unit_before=(m.unit_before or "").strip(),
                           converted=_value(m.converted.normalize(), lang), unit=(m.unit or "").strip()))
        for brk in m.breaks:
            if brk.factor is None:
                notes.append(_("new-definition", lang, year=brk.year, definition=brk.definition or brk.note or "?"))
        return _Bullet(f"{text} ({_(m.trend.value, lang)})", tuple(notes))

    def entries(group: Iterable[Entry]) -> tuple[_Bullet, ...]:
        return tuple(_entry(e, lang, config) for e in group) or (_Bullet(_("none", lang)),)

    return [
        _Section(_("changes", lang), changes(result.changes)),
        _Section(_("opened", lang), changes(result.opened)),
        _Section(_("closed", lang), changes(result.closed)),
        _Section(_("movements", lang), tuple(movement(m) for m in result.movements) or (_Bullet(_("none", lang)),)),
        _Section(_("new-lagging", lang), entries(result.new_lagging)),
        _Section(_("no-longer-lagging", lang), entries(result.no_longer_lagging)),
    ]
