"""Careful edits of a plan file: record a status, a figure or a target, open a reporting year.

An edit changes exactly the lines it has to and nothing else: comments, order,
quoting, indentation, blank lines, line endings (CRLF stays CRLF) and the end of
the file stay byte-identical.  The edit works on the *text*: the strict reader
(:func:`agenda._yaml.parse`) gives every node's offsets, and new text is spliced
in at those offsets.  The result is validated with the loader before anything
is written; a change the loader refuses is refused as a whole.

Writing is atomic: a temporary file in the same directory is written, flushed,
fsynced and given the original's permission bits, then renamed over the plan;
the directory is fsynced after.  Just before the rename the file is read again:
if it changed on disk since it was read (another editor saved it),
:class:`ChangedOnDisk` is raised and nothing is written.

What the functions do with an existing entry for the year:

* ``set_status``: the year's record keeps the keys that are not given
  (a ``note`` stays when only the status changes); given keys are replaced or added.
* ``set_value``: a single figure is replaced; a record (``{value: …, source: …}``)
  keeps its other keys; a list of figures from different sources is updated by
  ``source`` (a new source is added to the list) and refused without one.
* ``set_target``: the target text is replaced; ``revised`` and ``note`` stay.

:func:`new_year` opens a reporting year by adding it to ``reporting_years`` and
nothing else: no status and no figure is invented or copied forward.  What
carries forward is read, not written: :func:`check_ready` does not ask for a new
status of an item that was completed (a *done* status) in an earlier year, nor
for a figure that its ``frequency`` says is not measured that year.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import cast

import attrs

from agenda import _yaml
from agenda._i18n import Catalog
from agenda._yaml import Node
from agenda.errors import AgendaError, Problem, Severity
from agenda.loader import target as parse_target_text
from agenda.loader import validate_text
from agenda.model import DEFAULT_CONFIG, DEFAULT_STATUSES, Action, Agenda, Goal, Indicator, Location, Number, Theme

__all__ = [
    "Change",
    "ChangedOnDisk",
    "Missing",
    "Readiness",
    "check_ready",
    "edit_new_year",
    "edit_status",
    "edit_target",
    "edit_value",
    "new_year",
    "parse_number",
    "set_status",
    "set_target",
    "set_value",
]

_T = Catalog(
    "update",
    {
        "unknown-item": {"nl": "er is geen {kind} met de id '{id}'", "en": "there is no {kind} with the id '{id}'"},
        "did-you-mean": {"nl": "Bedoelt u '{match}'?", "en": "Did you mean '{match}'?"},
        "some-ids": {"nl": "Bestaande ids: {some}.", "en": "Existing ids: {some}."},
        "k-status-item": {"nl": "thema, doelstelling of inspanning", "en": "theme, goal or action"},
        "k-indicator": {"nl": "indicator", "en": "indicator"},
        "wrong-kind": {
            "nl": "'{id}' is een {level}; {what} wordt vastgelegd bij een {kind}",
            "en": "'{id}' is a {level}; {what} is recorded on a {kind}",
        },
        "w-status": {"nl": "een status", "en": "a status"},
        "w-value": {"nl": "een waarde", "en": "a value"},
        "w-target": {"nl": "een doel", "en": "a target"},
        "unknown-status": {"nl": "'{word}' is geen status van deze agenda", "en": "'{word}' is not a status of this plan"},
        "statuses": {"nl": "Kies uit: {words}.", "en": "Choose from: {words}."},
        "bad-number": {"nl": "'{value}' is geen getal", "en": "'{value}' is not a number"},
        "bad-number-hint": {
            "nl": "Schrijf een getal zoals 608, 7.4 of 7,4 (zonder punten of spaties voor duizendtallen).",
            "en": "Write a number such as 608, 7.4 or 7,4 (no thousands separators).",
        },
        "bad-target": {"nl": "'{value}' is geen doel", "en": "'{value}' is not a target"},
        "bad-target-hint": {
            "nl": "Schrijf bijvoorbeeld \"< 550\", \"min. 7,0\", \"max. 25%\" of \"10-20\".",
            "en": "Write for example \"< 550\", \"min. 7,0\", \"max. 25%\" or \"10-20\".",
        },
        "bad-year": {"nl": "{year} is geen jaartal tussen 1900 en 2200", "en": "{year} is not a year between 1900 and 2200"},
        "several-values": {
            "nl": "voor {year} staan meerdere waarden uit verschillende bronnen; zeg welke bron u bedoelt",
            "en": "several values from different sources are recorded for {year}; say which source you mean",
        },
        "several-values-hint": {
            "nl": "Geef --source met de bron van de waarde ({sources}); een nieuwe bron wordt toegevoegd.",
            "en": "Give --source with the value's source ({sources}); a new source is added.",
        },
        "area-value": {
            "nl": "de waarde voor {year} geldt voor een gebied; pas waarden per gebied met de hand aan",
            "en": "the value for {year} is for an area; edit values per area by hand",
        },
        "invalid-before": {
            "nl": "het bestand bevat fouten; er is niets gewijzigd",
            "en": "the file has errors; nothing was changed",
        },
        "invalid-before-hint": {
            "nl": "Los eerst de fouten hieronder op (agenda validate), en probeer het dan opnieuw.",
            "en": "First fix the errors below (agenda validate), then try again.",
        },
        "invalid-after": {
            "nl": "deze wijziging maakt het bestand ongeldig; er is niets gewijzigd",
            "en": "this change would make the file invalid; nothing was changed",
        },
        "not-kept": {
            "nl": "de wijziging kon niet veilig worden geschreven; er is niets gewijzigd",
            "en": "the change could not be written safely; nothing was changed",
        },
        "not-kept-hint": {
            "nl": "Pas deze regel met de hand aan en meld dit als fout in agenda.",
            "en": "Edit this line by hand and report this as a bug in agenda.",
        },
        "changed-on-disk": {
            "nl": "het bestand is gewijzigd terwijl agenda ermee bezig was; er is niets geschreven",
            "en": "the file changed on disk while agenda was working on it; nothing was written",
        },
        "changed-on-disk-hint": {
            "nl": "Sla het bestand op in uw editor en voer de opdracht opnieuw uit.",
            "en": "Save the file in your editor and run the command again.",
        },
        "m-year": {
            "nl": "{year} staat niet in reporting_years: het verslagjaar is nog niet geopend",
            "en": "{year} is not in reporting_years: the reporting year has not been opened",
        },
        "m-year-hint": {"nl": "Open het jaar: agenda new-year {file} --year {year}",
                        "en": "Open the year: agenda new-year {file} --year {year}"},
        "m-status": {"nl": "{level} '{name}' heeft geen status voor {year}",
                     "en": "{level} '{name}' has no status for {year}"},
        "m-status-hint": {"nl": "agenda status set {file} {id} --year {year} --status …",
                          "en": "agenda status set {file} {id} --year {year} --status …"},
        "m-explanation": {
            "nl": "{level} '{name}' staat in {year} op '{status}' maar heeft geen toelichting",
            "en": "{level} '{name}' is '{status}' in {year} but has no explanation",
        },
        "m-explanation-hint": {
            "nl": "agenda status set {file} {id} --year {year} --status {status_id} --note \"…\"",
            "en": "agenda status set {file} {id} --year {year} --status {status_id} --note \"…\"",
        },
        "m-value": {"nl": "{level} '{name}' heeft geen waarde voor {year}",
                    "en": "{level} '{name}' has no value for {year}"},
        "m-value-hint": {"nl": "agenda value set {file} {id} --year {year} --value …",
                         "en": "agenda value set {file} {id} --year {year} --value …"},
    },
)

_LANGS = ("nl", "en")
_Path = tuple[str | int, ...]
_ID_PLAIN = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")
_TEXT_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9 .()/'-]*\Z")
_SPECIAL = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})
_NUMBER = re.compile(r"[-+]?(\d+)([.,]\d+)?([eE][-+]?\d+)?\Z")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")
_BREAK = re.compile(r"\r\n|\n|\r")


# --------------------------------------------------------------------------- results


class ChangedOnDisk(AgendaError):
    """The file changed on disk between reading it and writing the edit; nothing was written."""


@attrs.frozen
class Change:
    """One edit of a plan file: the text before and after, and the lines that changed.

    ``lines`` are the 1-based numbers, in the new text, of the lines that are new
    or changed.  ``written`` is False for a dry run or when nothing changed.
    """

    path: str
    item: str
    year: int
    old: str
    new: str
    lines: tuple[int, ...]
    written: bool = False

    @property
    def changed(self) -> bool:
        """Whether the edit changes the text at all."""
        return self.old != self.new

    def diff(self) -> str:
        """A unified diff of the edit (empty when nothing changed)."""
        name = Path(self.path).name
        out = []
        for line in difflib.unified_diff(self.old.splitlines(keepends=True), self.new.splitlines(keepends=True),
                                         f"a/{name}", f"b/{name}"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        return "".join(out)


@attrs.frozen
class Missing:
    """One thing missing before a reporting year's report can go out.

    ``kind`` is ``"year"`` (the year is not opened), ``"status"``, ``"explanation"``
    (a lagging status without a note) or ``"value"``.
    """

    kind: str
    item: str
    level: str
    name: str
    year: int
    location: Location | None
    status: str | None = None
    text: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    hint: Mapping[str, str] = attrs.field(factory=dict, eq=False)

    def message(self, lang: str = "nl") -> str:
        """``file:line:col: [id] what is missing`` and, on the next line, the command that fills it in."""
        where = f"{self.location}: " if self.location else ""
        return f"{where}[{self.item}] {self.text[lang]}\n    {self.hint[lang]}"

    def to_json(self, lang: str = "nl") -> dict[str, object]:
        """A JSON-ready dict."""
        loc = self.location
        return {"kind": self.kind, "item": self.item, "level": self.level, "year": self.year,
                "status": self.status, "file": loc.file if loc else None, "line": loc.line if loc else None,
                "column": loc.column if loc else None, "message": self.text[lang], "hint": self.hint[lang]}


@attrs.frozen
class Readiness:
    """What is still missing for a reporting year; ``ready`` only when nothing is."""

    year: int
    missing: tuple[Missing, ...]

    @property
    def ready(self) -> bool:
        """True when nothing is missing."""
        return not self.missing

    def counts(self) -> dict[str, int]:
        """How many of each kind are missing."""
        return {k: sum(1 for m in self.missing if m.kind == k) for k in ("year", "status", "explanation", "value")}

    def to_json(self, lang: str = "nl") -> dict[str, object]:
        """A JSON-ready dict: year, ready, counts and every missing thing."""
        return {"year": self.year, "ready": self.ready, "counts": self.counts(),
                "missing": [m.to_json(lang) for m in self.missing]}


# --------------------------------------------------------------------------- public API: files


def set_status(path: str | os.PathLike[str], item_id: str, year: int, status: str, *, note: str | None = None,
               progress: int | None = None, recorded: str | None = None, dry_run: bool = False) -> Change:
    """Record the status of a theme, goal or action for ``year`` in the file at ``path``.

    Raises :class:`~agenda.errors.AgendaError` (nothing written) for an unknown
    id or status word, or a change the loader refuses; :class:`ChangedOnDisk`
    when the file changed on disk meanwhile.
    """
    return _edit_file(path, item_id, year, lambda text, file: edit_status(
        text, file, item_id, year, status, note=note, progress=progress, recorded=recorded), dry_run)


def set_value(path: str | os.PathLike[str], indicator_id: str, year: int, value: Number | str, *,
              source: str | None = None, note: str | None = None, dry_run: bool = False) -> Change:
    """Record an indicator's figure (*realisatie*) for ``year``; ``value`` may be text such as ``"7,4"``."""
    return _edit_file(path, indicator_id, year, lambda text, file: edit_value(
        text, file, indicator_id, year, value, source=source, note=note), dry_run)


def set_target(path: str | os.PathLike[str], indicator_id: str, year: int, target_text: str, *,
               dry_run: bool = False) -> Change:
    """Record an indicator's target for ``year`` (``"< 550"``, ``"min. 7,0"``)."""
    return _edit_file(path, indicator_id, year, lambda text, file: edit_target(
        text, file, indicator_id, year, target_text), dry_run)


def new_year(path: str | os.PathLike[str], year: int, *, dry_run: bool = False) -> Change:
    """Open reporting year ``year``: add it to ``reporting_years`` (nothing else is written).

    Use :func:`check_ready` on the result to list what must be filled in.
    """
    return _edit_file(path, "reporting_years", year, lambda text, file: edit_new_year(text, file, year), dry_run)


# --------------------------------------------------------------------------- public API: text


def edit_status(text: str, file: str, item_id: str, year: int, status: str, *, note: str | None = None,
                progress: int | None = None, recorded: str | None = None) -> str:
    """The plan text with the status of ``item_id`` in ``year`` recorded; see :func:`set_status`."""
    root = _start(text, file, year)
    path = _item_path(root, item_id, file, "status")
    word = _status_word(root, status, item_id)
    fields: dict[str, str] = {"status": _plain_or_quoted(word)}
    if progress is not None:
        fields["progress"] = str(int(progress))
    if note is not None:
        fields["note"] = _double(note)
    if recorded is not None:
        fields["recorded"] = recorded if _DATE.match(recorded) else _double(recorded)
    new = _set_year_entry(text, root, file, path, "status", year, fields, "status")

    def kept(after: Agenda) -> bool:
        rec = next((r for r in getattr(after.get(item_id), "status", ()) if r.year == year), None)
        return rec is not None and rec.status == word and (note is None or rec.note == note) and (
            progress is None or rec.progress == progress) and (recorded is None or rec.recorded == recorded)

    return _finish(text, new, file, item_id, kept)


def edit_value(text: str, file: str, indicator_id: str, year: int, value: Number | str, *,
               source: str | None = None, note: str | None = None) -> str:
    """The plan text with the indicator's value for ``year`` recorded; see :func:`set_value`."""
    root = _start(text, file, year)
    number = parse_number(value, file) if isinstance(value, str) else _number(value, file)
    written = _number_text(value) if isinstance(value, str) else _format_number(number)
    path = _item_path(root, indicator_id, file, "value")
    fields: dict[str, str] = {"value": written}
    if source is not None:
        fields["source"] = _double(source)
    if note is not None:
        fields["note"] = _double(note)
    new = _set_value_entry(text, root, file, path, year, fields, source)

    def kept(after: Agenda) -> bool:
        ind = after.get(indicator_id)
        return any(v.value == number and (source is None or v.source == source) and (note is None or v.note == note)
                   for v in (ind.values_in(year) if isinstance(ind, Indicator) else ()))

    return _finish(text, new, file, indicator_id, kept)


def edit_target(text: str, file: str, indicator_id: str, year: int, target_text: str) -> str:
    """The plan text with the indicator's target for ``year`` recorded; see :func:`set_target`."""
    root = _start(text, file, year)
    try:
        parse_target_text(target_text)
    except ValueError:
        raise _error(file, indicator_id, None, "bad-target", "bad-target-hint", value=target_text) from None
    path = _item_path(root, indicator_id, file, "target")
    new = _set_year_entry(text, root, file, path, "targets", year, {"target": _double(target_text)}, "target")

    def kept(after: Agenda) -> bool:
        ind = after.get(indicator_id)
        got = ind.target(year) if isinstance(ind, Indicator) else None
        return got is not None and got.target.text == target_text

    return _finish(text, new, file, indicator_id, kept)


def edit_new_year(text: str, file: str, year: int) -> str:
    """The plan text with ``year`` added to ``reporting_years`` (unchanged when it is there already)."""
    root = _start(text, file, year)
    top = _map(root)
    if "reporting_years" in top:
        years = top["reporting_years"][1]
        if any(str(n.value).strip() == str(year) for n in _seq(years)):
            return _finish(text, text, file, None, lambda after: True)
        new = _seq_insert(text, years, str(year), year)
    else:
        anchor = next((k for k in ("period", "adopted", "motto", "id", "title") if k in top), None)
        pos = list(top).index(anchor) + 1 if anchor else len(top)
        new = _map_insert(text, root, "reporting_years", f"[{year}]", None, pos)
    return _finish(text, new, file, None, lambda after: year in after.reporting_years)


def parse_number(text: str, file: str = "<invoer>") -> Number:
    """A YAML 1.2 number from user input: ``608`` -> 608, ``"7.4"`` or ``"7,4"`` -> Decimal("7.4").

    Never a float.  Raises :class:`~agenda.errors.AgendaError` for anything else.
    """
    written = _number_text(text, file)
    return int(written) if re.fullmatch(r"[-+]?\d+", written) else Decimal(written)


# --------------------------------------------------------------------------- readiness


def check_ready(agenda: Agenda, year: int) -> Readiness:
    """What is missing before the report on ``year`` can go out (a pure query).

    * the year itself, when it is not in ``reporting_years``;
    * a status for every action, every goal without actions and every theme
      without goals or actions — except items of a plan whose period does not
      cover ``year``, actions that start after ``year``, and items whose status
      was *done* (e.g. afgerond) in an earlier year;
    * an explanation (``note``) for every recorded lagging status of ``year``;
    * a value for every indicator that is measured in ``year``: it has a target
      for the year, or a figure in an earlier year and its ``frequency`` (years
      between measurements, counted from the latest figure) falls on ``year``, or
      no figure at all yet.
    """
    file = agenda.file or "agenda.yaml"
    missing: list[Missing] = []

    def add(kind: str, item_id: str, level: str, name: str, loc: Location | None, status: str | None = None,
            status_id: str | None = None) -> None:
        words = {lang: agenda.config.level(level, lang) if level != "plan" else "" for lang in _LANGS}
        fields = {"year": year, "file": file, "id": item_id, "status_id": status_id or ""}
        missing.append(Missing(
            kind, item_id, level, name, year, loc, status_id,
            {lang: _T(f"m-{kind}", lang, level=words[lang].capitalize(), name=name,
                      status=_label(agenda, status, lang), **fields) for lang in _LANGS},
            {lang: _T(f"m-{kind}-hint", lang, **fields) for lang in _LANGS},
        ))

    if year not in agenda.reporting_years:
        add("year", agenda.id, "plan", agenda.title, None)
    for item, level, due in _status_items(agenda, year):
        rec = next((r for r in item.status if r.year == year), None)
        if rec is None:
            if due:
                add("status", item.id, level, item.name, item.location)
            continue
        word = agenda.config.status(rec.status)
        if word is not None and word.lagging and not (rec.note or "").strip():
            add("explanation", item.id, level, item.name, rec.location or item.location, rec.status, rec.status)
    for ind in agenda.indicators:
        if not any(v.year == year for v in ind.values) and _value_due(ind, year):
            add("value", ind.id, "indicator", ind.name, ind.location)
    return Readiness(year, tuple(missing))


def _label(agenda: Agenda, status: str | None, lang: str) -> str:
    word = agenda.config.status(status) if status else None
    return word.label(lang) if word else (status or "")


def _status_items(agenda: Agenda, year: int) -> Iterator[tuple[Theme | Goal | Action, str, bool]]:
    plans = {p.id: p for p in agenda.plans}
    for theme in agenda.themes:
        plan = plans.get(theme.plan) if theme.plan else None
        start, end = (plan.period_start, plan.period_end) if plan else (agenda.period_start, agenda.period_end)
        in_plan = (start is None or start <= year) and (end is None or year <= end)
        yield theme, "theme", in_plan and not theme.goals and not theme.actions and not _done_before(agenda, theme, year)
        for goal in theme.goals:
            yield goal, "goal", in_plan and not goal.actions and not _done_before(agenda, goal, year)
            for action in goal.actions:
                yield action, "action", in_plan and _action_due(agenda, action, year)
        for action in theme.actions:
            yield action, "action", in_plan and _action_due(agenda, action, year)


def _action_due(agenda: Agenda, action: Action, year: int) -> bool:
    if action.start and action.start[:4].isdigit() and int(action.start[:4]) > year:
        return False
    return not _done_before(agenda, action, year)


def _done_before(agenda: Agenda, item: Theme | Goal | Action, year: int) -> bool:
    earlier = [r for r in item.status if r.year < year]
    if not earlier:
        return False
    word = agenda.config.status(max(earlier, key=lambda r: r.year).status)
    return word is not None and word.done


def _value_due(ind: Indicator, year: int) -> bool:
    if ind.target(year) is not None:
        return True
    earlier = [v.year for v in ind.values if v.year < year]
    if ind.baseline is not None and ind.baseline.year < year:
        earlier.append(ind.baseline.year)
    if not earlier:
        return not any(v.year > year for v in ind.values)
    return (year - max(earlier)) % (ind.frequency or 1) == 0


# --------------------------------------------------------------------------- checks and errors


def _problem(file: str, item: str | None, node: Node | None, key: str, hint: str | None = None,
             **fields: object) -> Problem:
    def fill(k: str, lang: str) -> str:
        values = {n: (_T(v[1:], lang) if isinstance(v, str) and v.startswith("§") else v) for n, v in fields.items()}
        return _T(k, lang, **values)

    loc = Location(file, node.line, node.column) if node is not None else None
    return Problem(key, Severity.ERROR, loc, item, {lang: fill(key, lang) for lang in _LANGS},
                   {lang: fill(hint, lang) for lang in _LANGS} if hint else {})


def _error(file: str, item: str | None, node: Node | None, key: str, hint: str | None = None,
           **fields: object) -> AgendaError:
    return AgendaError([_problem(file, item, node, key, hint, **fields)])


def _start(text: str, file: str, year: int) -> Node:
    _check_year(year, file)
    return _yaml.parse(text, file)


def _finish(text: str, new: str, file: str, item: str | None, kept: Callable[[Agenda], bool]) -> str:
    """``new`` when the loader accepts it and it holds what was asked; AgendaError otherwise."""
    result = validate_text(new, file)
    if result.errors or result.agenda is None:
        before = validate_text(text, file) if new != text else result
        if before.errors:
            head = _problem(file, None, None, "invalid-before", "invalid-before-hint")
            raise AgendaError([head, *before.errors])
        raise AgendaError([_problem(file, item, None, "invalid-after"), *result.errors])
    if not kept(result.agenda):  # the post-condition: the loaded plan holds what was asked
        raise _error(file, item, None, "not-kept", "not-kept-hint")
    return new


def _check_year(year: int, file: str) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise _error(file, None, None, "bad-year", year=year)


def _vocabulary(root: Node) -> list[tuple[str, str, str]]:
    """The plan's status words (id, nl, en), read from the raw tree: the model is not built yet."""
    words = _get(root, "statuses")
    if words is None:
        return [(s.id, s.nl, s.en) for s in DEFAULT_STATUSES]

    def text(node: Node, key: str) -> str:
        got = _get(node, key)
        return str(got.value) if got is not None and got.kind == "scalar" else ""

    return [(text(w, "id"), text(w, "nl"), text(w, "en")) for w in _seq(words) if text(w, "id")]


def _status_word(root: Node, word: str, item_id: str) -> str:
    vocabulary = _vocabulary(root)
    wanted = word.strip().lower()
    for ident, nl, en in vocabulary:
        if wanted in (ident, nl.lower(), en.lower()):
            return ident
    pool = [ident for ident, _, _ in vocabulary]
    match = difflib.get_close_matches(wanted, pool, n=1, cutoff=0.5)
    hint = ("did-you-mean", {"match": match[0]}) if match else ("statuses", {"words": ", ".join(pool)})
    raise AgendaError([Problem("unknown-status", Severity.ERROR, None, item_id,
                               {lang: _T("unknown-status", lang, word=word) for lang in _LANGS},
                               {lang: _T(hint[0], lang, **hint[1]) for lang in _LANGS})])


def _item_path(root: Node, item_id: str, file: str, what: str) -> _Path:
    paths = dict(_item_paths(root))
    want = ("indicator",) if what in ("value", "target") else ("theme", "goal", "action")
    found = paths.get(item_id)
    kind_key = "§k-indicator" if what in ("value", "target") else "§k-status-item"
    if found is not None and found[1] in want:
        return found[0]
    if found is not None:
        node = _at(root, found[0])
        raise AgendaError([Problem("wrong-kind", Severity.ERROR, Location(file, node.line, node.column), item_id, {
            lang: _T("wrong-kind", lang, id=item_id, level=DEFAULT_CONFIG.level(found[1], lang),
                     what=_T(f"w-{what}", lang), kind=_T(kind_key[1:], lang)) for lang in _LANGS})])
    pool = sorted(i for i, (_, level) in paths.items() if level in want)
    match = difflib.get_close_matches(item_id, pool, n=1, cutoff=0.6)
    if match:
        raise _error(file, item_id, None, "unknown-item", "did-you-mean", kind=kind_key, id=item_id, match=match[0])
    some = ", ".join(pool[:8]) + (", …" if len(pool) > 8 else "")
    raise _error(file, item_id, None, "unknown-item", "some-ids", kind=kind_key, id=item_id, some=some)


# --------------------------------------------------------------------------- numbers and scalars


def _number_text(text: str, file: str = "<invoer>") -> str:
    raw = str(text).strip()
    m = _NUMBER.match(raw)
    if not m or (len(m.group(1)) > 1 and m.group(1).startswith("0") and not m.group(2)):
        raise _error(file, None, None, "bad-number", "bad-number-hint", value=text)
    return raw.replace(",", ".")


def _number(value: object, file: str) -> Number:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or (
            isinstance(value, Decimal) and not value.is_finite()):
        raise _error(file, None, None, "bad-number", "bad-number-hint", value=value)
    return value


def _format_number(value: Number) -> str:
    return str(value) if isinstance(value, int) else format(value, "f")


def _double(text: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly ``text``."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F or ch in "\u2028\u2029\ufeff" or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _plain_or_quoted(word: str) -> str:
    return word if _ID_PLAIN.match(word) and word.lower() not in _SPECIAL else _double(word)


def _restyle(new: str, old: Node) -> str:
    """Keep the quoting of the value being replaced where that reads back the same."""
    if not new.startswith('"'):
        return new
    value = _unquote(new)
    if old.style == "'" and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    if old.style == "" and _TEXT_PLAIN.match(value) and not value.endswith(" ") \
            and value.lower() not in _SPECIAL and "  " not in value:
        return value
    return new


def _unquote(rendered: str) -> str:
    node = _yaml.parse("k: " + rendered, "<quote>")
    return str(_map(node)["k"][1].value)


# --------------------------------------------------------------------------- the tree


def _map(node: Node) -> dict[str, tuple[Node, Node]]:
    return cast("dict[str, tuple[Node, Node]]", node.value) if node.kind == "map" else {}


def _seq(node: Node | None) -> list[Node]:
    return cast("list[Node]", node.value) if node is not None and node.kind == "seq" else []


def _get(node: Node, key: str) -> Node | None:
    pair = _map(node).get(key)
    return pair[1] if pair else None


def _at(root: Node, path: _Path) -> Node:
    node = root
    for step in path:
        node = _seq(node)[step] if isinstance(step, int) else cast(Node, _get(node, step))
    return node


def _item_paths(root: Node) -> Iterator[tuple[str, tuple[_Path, str]]]:
    def ident(node: Node) -> str | None:
        got = _get(node, "id")
        return str(got.value) if got is not None and got.kind == "scalar" else None

    def each(parent: Node, parent_path: _Path, key: str) -> Iterator[tuple[Node, _Path]]:
        for i, child in enumerate(_seq(_get(parent, key))):
            yield child, (*parent_path, key, i)

    def named(node: Node, path: _Path, level: str) -> Iterator[tuple[str, tuple[_Path, str]]]:
        found = ident(node)
        if found is not None:
            yield found, (path, level)

    for theme, tp in each(root, (), "themes"):
        yield from named(theme, tp, "theme")
        for key, level in (("pillars", "pillar"), ("tags", "tag")):
            for node, p in each(theme, tp, key):
                yield from named(node, p, level)
        for goal, gp in each(theme, tp, "goals"):
            yield from named(goal, gp, "goal")
            for action, ap in each(goal, gp, "actions"):
                yield from named(action, ap, "action")
        for action, ap in each(theme, tp, "actions"):
            yield from named(action, ap, "action")
    for ind, ip in each(root, (), "indicators"):
        yield from named(ind, ip, "indicator")


# --------------------------------------------------------------------------- splicing


def _content_end(text: str, node: Node) -> int:
    """Where the node's own text ends: block collections end at their last child, not at the next token."""
    if node.kind == "scalar":
        if node.style in ("|", ">"):
            if "+" in text[node.start:node.end].split("\n", 1)[0]:  # keep chomping: trailing lines are content
                return node.end - 1
            return node.start + len(text[node.start:node.end].rstrip())
        return node.end
    if node.style == "flow":
        return node.end
    if node.kind == "map":
        key, value = list(_map(node).values())[-1]
        return max(_content_end(text, value), key.end)
    return _content_end(text, _seq(node)[-1])


def _line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1


def _eol(text: str, pos: int) -> str:
    """The line ending of the line at ``pos`` (the file's first one when that line has none)."""
    m = _BREAK.search(text, pos) or _BREAK.search(text)
    return m.group(0) if m else "\n"


def _insert_lines(text: str, after: int | None, before: int | None, lines: list[str]) -> str:
    """Insert whole lines after the line holding offset ``after``, or before the line holding ``before``."""
    if before is not None:
        at = _line_start(text, before)
        eol = _eol(text, at)
        return text[:at] + "".join(line + eol for line in lines) + text[at:]
    assert after is not None
    m = _BREAK.search(text, after)
    if m is None:  # the last line has no line break: keep it that way
        eol = _eol(text, 0)
        return text + "".join(eol + line for line in lines)
    eol = m.group(0)
    return text[:m.end()] + "".join(line + eol for line in lines) + text[m.end():]


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _replace_scalar(text: str, node: Node, new: str) -> str:
    assert node.kind == "scalar"
    if node.start == node.end:  # an empty value after `key:`
        return _splice(text, node.start, node.end, " " + new)
    return _splice(text, node.start, _content_end(text, node), new)


def _indent_of(text: str, node: Node) -> int:
    return node.start - _line_start(text, node.start)


def _map_insert(text: str, node: Node, key: str, inline: str, children: list[tuple[str, str]] | None,
                pos: int) -> str:
    """Insert ``key`` into the map ``node`` as its entry number ``pos``.

    ``children`` (key, inline value) makes the value a nested map: written as
    indented lines in a block map, as ``{k: v}`` in a flow map.
    """
    entries = list(_map(node).values())
    if node.style == "flow":
        value = "{" + ", ".join(f"{k}: {v}" for k, v in children) + "}" if children else inline
        if not entries:
            return _splice(text, node.end - 1, node.end - 1, f"{key}: {value}")
        if pos >= len(entries):
            at = _content_end(text, entries[-1][1])
            return _splice(text, at, at, f", {key}: {value}")
        return _splice(text, entries[pos][0].start, entries[pos][0].start, f"{key}: {value}, ")
    indent = " " * _indent_of(text, entries[0][0])
    if children:
        step = " " * _step(text, node)
        lines = [f"{indent}{key}:"] + [f"{indent}{step}{k}: {v}" for k, v in children]
    else:
        lines = [f"{indent}{key}: {inline}"]
    if pos == 0 and text[_line_start(text, entries[0][0].start):entries[0][0].start].strip() == "":
        return _insert_lines(text, None, entries[0][0].start, lines)
    prev = entries[max(pos, 1) - 1]
    return _insert_lines(text, max(_content_end(text, prev[1]), prev[0].end), None, lines)


def _step(text: str, node: Node) -> int:
    """The file's indentation step, read from a nested block map of ``node`` (2 when there is none)."""
    for key, value in _map(node).values():
        if value.kind == "map" and value.style == "block":
            first = next(iter(_map(value).values()))[0]
            step = _indent_of(text, first) - _indent_of(text, key)
            if step > 0:
                return step
    return 2


def _seq_insert(text: str, node: Node, inline: str, year: int | None = None) -> str:
    """Insert an item into the sequence ``node``: in year order when ``year`` is given, else at the end."""
    items = _seq(node)
    pos = len(items)
    if year is not None:
        pos = next((i for i, it in enumerate(items) if it.kind == "scalar" and str(it.value).isdigit()
                    and int(str(it.value)) > year), len(items))
    if node.style == "flow":
        if not items:
            return _splice(text, node.end - 1, node.end - 1, inline)
        if pos >= len(items):
            at = _content_end(text, items[-1])
            return _splice(text, at, at, f", {inline}")
        return _splice(text, items[pos].start, items[pos].start, f"{inline}, ")
    dash = text.rfind("-", 0, items[0].start)
    line = " " * (dash - _line_start(text, dash)) + "- " + inline
    if pos == 0:
        return _insert_lines(text, None, dash, [line])
    return _insert_lines(text, _content_end(text, items[pos - 1]), None, [line])


def _year_of(key: Node) -> int | None:
    value = str(key.value).strip()
    return int(value) if value.isdigit() else None


def _flow_map(fields: Mapping[str, str]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in fields.items()) + "}"


def _item_insert_pos(node: Node, key: str) -> int:
    """Where a new ``status``/``values``/``targets`` key goes: before the item's lists of parts, else last."""
    keys = list(_map(node))
    later = ("pillars", "tags", "goals", "actions") if key == "status" else ("values", "categories", "breakdown")
    return next((i for i, k in enumerate(keys) if k in later and i > 0), len(keys))


def _set_year_entry(text: str, root: Node, file: str, item_path: _Path, key: str, year: int,
                    fields: dict[str, str], shorthand: str) -> str:
    """Set ``fields`` in the record for ``year`` under ``key`` of the item at ``item_path`` (``root`` is ``text``'s tree)."""
    item = _at(root, item_path)
    inline = fields[shorthand] if list(fields) == [shorthand] else _flow_map(fields)
    years = _get(item, key)
    if years is None:
        return _map_insert(text, item, key, "", [(str(year), inline)], _item_insert_pos(item, key))
    entries = list(_map(years).values())
    match = next((v for k, v in entries if _year_of(k) == year), None)
    if match is None:
        pos = next((i for i, (k, _) in enumerate(entries) if (_year_of(k) or 0) > year), len(entries))
        return _map_insert(text, years, str(year), inline, None, pos)
    if match.kind == "scalar":
        if list(fields) == [shorthand]:
            return _replace_scalar(text, match, _restyle(fields[shorthand], match))
        return _replace_scalar(text, match, _flow_map(fields))
    return _merge(text, root, file, (*item_path, key, str(year)), fields)


def _merge(text: str, root: Node, file: str, path: _Path, fields: Mapping[str, str]) -> str:
    """Set each of ``fields`` in the record map at ``path``, keeping its other keys."""
    for i, (name, rendered) in enumerate(fields.items()):
        record = _at(root if i == 0 else _yaml.parse(text, file), path)
        pair = _map(record).get(name)
        if pair is None:
            text = _map_insert(text, record, name, rendered, None, len(_map(record)))
        elif pair[1].kind == "scalar":
            text = _replace_scalar(text, pair[1], _restyle(rendered, pair[1]))
        else:  # a record field is always a scalar in a valid plan
            raise _error(file, None, pair[1], "not-kept", "not-kept-hint")
    return text


def _set_value_entry(text: str, root: Node, file: str, item_path: _Path, year: int, fields: dict[str, str],
                     source: str | None) -> str:
    item = _at(root, item_path)
    values = _get(item, "values")
    existing = None if values is None else next((v for k, v in _map(values).values() if _year_of(k) == year), None)
    if existing is None or existing.kind == "scalar":
        return _set_year_entry(text, root, file, item_path, "values", year, fields, "value")
    if existing.kind == "map":
        if _get(existing, "area") is not None:
            raise _error(file, None, existing, "area-value", year=year)
        return _merge(text, root, file, (*item_path, "values", str(year)), fields)
    entries = _seq(existing)
    sources = [str(s.value) if (s := _get(e, "source")) is not None else "" for e in entries]
    if source is None:
        shown = ", ".join(f'"{s}"' for s in sources if s) or "-"
        raise _error(file, None, existing, "several-values", "several-values-hint", year=year, sources=shown)
    if source in sources:
        i = sources.index(source)
        if entries[i].kind == "scalar":
            return _replace_scalar(text, entries[i], _flow_map(fields))
        return _merge(text, root, file, (*item_path, "values", str(year), i), fields)
    return _seq_insert(text, existing, _flow_map(fields))


# --------------------------------------------------------------------------- the atomic write


@attrs.frozen
class _Snapshot:
    mtime_ns: int
    size: int
    digest: str


def _snapshot(path: str) -> tuple[bytes, _Snapshot]:
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        data = fh.read()
    return data, _Snapshot(st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest())


def _edit_file(path: str | os.PathLike[str], item: str, year: int, edit: Callable[[str, str], str],
               dry_run: bool) -> Change:
    shown = os.fspath(path)
    real = os.path.realpath(shown)  # write through a symlink, never replace the link itself
    try:
        data, before = _snapshot(real)
    except OSError:
        _yaml.read_text(shown)  # raises the kind error: missing, a folder, unreadable
        raise
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    text = _yaml.decode(data, shown)
    new = edit(text, shown)
    lines = _changed_lines(text, new)
    change = Change(shown, item, year, text, new, lines)
    if dry_run or new == text:
        return change
    _write_atomic(real, bom + new.encode("utf-8"), before, shown)
    return attrs.evolve(change, written=True)


def _changed_lines(old: str, new: str) -> tuple[int, ...]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out: list[int] = []
    for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "insert"):
            out.extend(range(j1 + 1, j2 + 1))
    return tuple(out)


def _write_atomic(path: str, data: bytes, before: _Snapshot, shown: str) -> None:
    folder = os.path.dirname(path) or "."
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        _, now = _snapshot(path)
        if now != before:
            raise ChangedOnDisk([_problem(shown, None, None, "changed-on-disk", "changed-on-disk-hint")])
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: str) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows cannot open a directory
        return
    try:
        os.fsync(dfd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on directories
        pass
    finally:
        os.close(dfd)
