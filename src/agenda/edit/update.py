"""Careful edits of a plan file: record a status, a figure or a target, open a reporting year.

An edit changes exactly the lines it has to and nothing else: comments, order,
quoting, indentation, blank lines, line endings (CRLF stays CRLF) and the end of
the file stay byte-identical.  The edit works on the *text*: the strict reader
(:func:`agenda.format._yaml.parse`) gives every node's offsets, and new text is spliced
in at those offsets.  The result is validated with the loader before anything
is written; a change the loader refuses is refused as a whole.

Writing is atomic (see :mod:`agenda.edit._write`): a temporary file is renamed over
the plan; :class:`ChangedOnDisk` is raised and nothing is written when the file
changed on disk since it was read.

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

import difflib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from agenda import numbers as _numbers
from agenda._gc import paused
from agenda._i18n import Catalog
from agenda.edit._splice import (
    NodePath,
    content_end,
    double_quoted,
    flow_map,
    item_insert_pos,
    line_start,
    lookup,
    map_insert,
    map_insert_many,
    map_of,
    node_at,
    plain_or_quoted,
    replace_scalar,
    restyle,
    seq_insert,
    seq_of,
    year_of,
)
from agenda.edit._write import ChangedOnDisk, PlanBusy, editing
from agenda.errors import AgendaError, Msg, Problem, Problems, Severity, Words, make_problem, problem
from agenda.format import _yaml
from agenda.format._scalars import _Ctx
from agenda.format._yaml import Node
from agenda.format.loader import target as parse_target_text
from agenda.format.loader import validate_text, validate_tree
from agenda.format.spec import OBJECTS, item_paths
from agenda.model import Agenda, Indicator, Location, Number, StatusRecord, Tracked

if TYPE_CHECKING:  # re-exported on first use, see __getattr__ at the end
    from agenda.query.readiness import Missing, Readiness, check_ready

__all__ = [
    "Change",
    "ChangedOnDisk",
    "FieldChange",
    "Missing",
    "PlanBusy",
    "Readiness",
    "check_ready",
    "counts_whole",
    "edit_new_year",
    "edit_status",
    "edit_target",
    "edit_value",
    "new_year",
    "parse_number",
    "set_status",
    "set_target",
    "set_value",
    "status_changes",
    "target_changes",
    "value_changes",
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
        "not-utf8": {
            "nl": "'{value}' bevat een teken dat geen geldige UTF-8 is",
            "en": "'{value}' holds a character that is not valid UTF-8",
        },
        "not-utf8-hint": {
            "nl": "Typ de tekst opnieuw, of sla hem op als UTF-8 voordat u hem doorgeeft.",
            "en": "Type the text again, or save it as UTF-8 before passing it on.",
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
    },
)

_LANGS = ("nl", "en")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")


# --------------------------------------------------------------------------- results


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
    _check_text(file, item_id, status, note, recorded)
    plan = _start(text, file, year)
    path = plan.item_path(item_id, "status")
    word = plan.status_word(status, item_id)
    fields: dict[str, str] = {"status": plain_or_quoted(word)}
    if progress is not None:
        fields["progress"] = str(int(progress))
    if note is not None:
        fields["note"] = double_quoted(note)
    if recorded is not None:
        fields["recorded"] = recorded if _DATE.match(recorded) else double_quoted(recorded)
    new = _set_year_entry(text, plan.root, file, path, "status", year, fields, "status")

    def kept(after: object) -> bool:
        rec = after.status_in(year) if isinstance(after, Tracked) else None
        return rec is not None and rec.status == word and (note is None or rec.note == note) and (
            progress is None or rec.progress == progress) and (recorded is None or rec.recorded == recorded)

    return plan.finish(new, item_id, "status", kept)


def edit_value(text: str, file: str, indicator_id: str, year: int, value: Number | str, *,
               source: str | None = None, note: str | None = None) -> str:
    """The plan text with the indicator's value for ``year`` recorded; see :func:`set_value`."""
    _check_text(file, indicator_id, value if isinstance(value, str) else None, source, note)
    plan = _start(text, file, year)
    path = plan.item_path(indicator_id, "value")
    indicator = plan.plan.get(indicator_id)
    whole = isinstance(indicator, Indicator) and indicator.counts  # a count: "1.234" is 1234, "98,5" is refused
    number = (parse_number(value, file, whole=whole, item=indicator_id) if isinstance(value, str)
              else _number(value, file, whole=whole, item=indicator_id))
    written = _format_number(number)
    fields: dict[str, str] = {"value": written}
    if source is not None:
        fields["source"] = double_quoted(source)
    if note is not None:
        fields["note"] = double_quoted(note)
    new = _set_value_entry(text, plan.root, file, path, year, fields, source)

    def kept(after: object) -> bool:
        return any(v.value == number and (source is None or v.source == source) and (note is None or v.note == note)
                   for v in (after.values_in(year) if isinstance(after, Indicator) else ()))

    return plan.finish(new, indicator_id, "values", kept)


def edit_target(text: str, file: str, indicator_id: str, year: int, target_text: str) -> str:
    """The plan text with the indicator's target for ``year`` recorded; see :func:`set_target`."""
    _check_text(file, indicator_id, target_text)
    plan = _start(text, file, year)
    try:
        parse_target_text(target_text)
    except ValueError:
        raise _error(file, indicator_id, None, "bad-target", "bad-target-hint", value=target_text) from None
    path = plan.item_path(indicator_id, "target")
    new = _set_year_entry(text, plan.root, file, path, "targets", year, {"target": double_quoted(target_text)},
                          "target")

    def kept(after: object) -> bool:
        got = after.target(year) if isinstance(after, Indicator) else None
        return got is not None and got.target.text == target_text

    return plan.finish(new, indicator_id, "targets", kept)


def edit_new_year(text: str, file: str, year: int) -> str:
    """The plan text with ``year`` added to ``reporting_years`` (unchanged when it is there already)."""
    plan = _start(text, file, year)
    root = plan.root
    top = map_of(root)
    if "reporting_years" in top:
        years = top["reporting_years"][1]
        if any(str(n.value).strip() == str(year) for n in seq_of(years)):
            return text
        new = seq_insert(text, years, str(year), year)
    else:
        anchor = next((k for k in ("period", "adopted", "motto", "id", "title") if k in top), None)
        pos = list(top).index(anchor) + 1 if anchor else len(top)
        new = map_insert(text, root, "reporting_years", f"[{year}]", None, pos)
    return plan.finish_whole(new, lambda after: year in after.reporting_years)


def parse_number(text: str, file: str = "<invoer>", *, whole: bool = False, item: str | None = None) -> Number:
    """A figure from user input, the Dutch way (:func:`agenda.numbers.parse_number`): ``608`` -> 608,
    ``"7.4"`` or ``"7,4"`` -> Decimal("7.4"); with ``whole`` (a count) ``"1.234"`` -> 1234 and
    ``"98,5"`` is refused; without it ``"1.234"`` is refused with the question which was meant.

    Never a float.  Raises :class:`~agenda.errors.AgendaError` (about ``item``) for anything else.
    """
    try:
        return _numbers.parse_number(str(text), whole=whole)
    except _numbers.NumberError as exc:
        raise AgendaError([_number_problem(exc, item)]) from None


def counts_whole(text: str, file: str, indicator_id: str) -> bool:
    """Whether the figures of indicator ``indicator_id`` in plan ``text`` are counts (whole numbers),
    from its ``kind`` and ``unit`` as written (:attr:`agenda.model.Indicator.counts`); False for an unknown
    id or a plan that does not load."""
    result = validate_text(text, file)
    indicator = result.agenda.get(indicator_id) if result.agenda is not None else None
    return isinstance(indicator, Indicator) and indicator.counts


def _number_problem(exc: _numbers.NumberError, item: str | None, location: Location | None = None) -> Problem:
    return Problem("bad-number", Severity.ERROR, location, item, {lang: exc.text(lang) for lang in _LANGS},
                   {lang: exc.hint(lang) for lang in _LANGS})


# --------------------------------------------------------------------------- checks and errors


def _problem(file: str, item: str | None, node: Node | None, key: str, hint: str | None = None,
             **fields: object) -> Problem:
    # A field "§key" is a message of this module's catalog, said in each language.
    values = {n: (Msg(_T, v[1:]) if isinstance(v, str) and v.startswith("§") else v) for n, v in fields.items()}
    loc = Location(file, node.line, node.column) if node is not None else None
    return make_problem(_T, key, loc, item, hint, values)


def _error(file: str, item: str | None, node: Node | None, key: str, hint: str | None = None,
           **fields: object) -> AgendaError:
    return AgendaError([_problem(file, item, node, key, hint, **fields)])


def _start(text: str, file: str, year: int) -> _Session:
    # Edits splice into the raw tree, which only has the expected shape in a valid
    # plan: a file that is already invalid is refused with its own problems first.
    # The text is parsed once; the same tree gives the model and the places to splice.
    _check_year(year, file)
    with paused():  # one pause from the first event to the model, as validate_text has (see agenda._gc)
        try:
            root = _yaml.parse(text, file)
        except AgendaError as exc:
            raise _invalid_before(file, exc.errors or exc.problems) from None
        before = validate_tree(root, file)
        if before.errors or before.agenda is None:
            raise _invalid_before(file, before.errors)
        paths: dict[str, tuple[NodePath, str]] = {}
        for ident, path, level in item_paths(root):
            paths.setdefault(ident, (path, level))
    return _Session(text, file, root, before.agenda, paths)


def _invalid_before(file: str, problems: Iterable[Problem]) -> AgendaError:
    return AgendaError([_problem(file, None, None, "invalid-before", "invalid-before-hint"), *problems])


@attrs.frozen
class _Session:
    """One edit of one text: parsed once, checked once, the model built once."""

    text: str
    file: str
    root: Node
    plan: Agenda
    paths: Mapping[str, tuple[NodePath, str]]

    def item_path(self, item_id: str, what: str) -> NodePath:
        """Where the item is in the raw tree; AgendaError for an unknown id or an item of the wrong kind."""
        want = ("indicator",) if what in ("value", "target") else ("theme", "goal", "action")
        found = self.paths.get(item_id)
        kind_key = "k-indicator" if what in ("value", "target") else "k-status-item"
        if found is not None and found[1] in want:
            return found[0]
        file = self.file
        if found is not None:
            node = node_at(self.root, found[0])
            level = Words({lang: self.plan.config.level(found[1], lang) for lang in _LANGS})
            raise AgendaError([problem(
                _T, "wrong-kind", Location(file, node.line, node.column), item_id, id=item_id,
                level=level, what=Msg(_T, f"w-{what}"), kind=Msg(_T, kind_key))])
        pool = sorted(i for i, (_, level) in self.paths.items() if level in want)
        match = difflib.get_close_matches(item_id, pool, n=1, cutoff=0.6)
        if match:
            raise _error(file, item_id, None, "unknown-item", "did-you-mean", kind=f"§{kind_key}", id=item_id,
                         match=match[0])
        some = ", ".join(pool[:8]) + (", …" if len(pool) > 8 else "")
        raise _error(file, item_id, None, "unknown-item", "some-ids", kind=f"§{kind_key}", id=item_id, some=some)

    def status_word(self, word: str, item_id: str) -> str:
        """The id of the plan's status word a person means (the one rule the file follows too)."""
        found = self.plan.config.resolve_status(word)
        if found is not None:
            return found.id
        pool = [s.id for s in self.plan.config.statuses]
        match = difflib.get_close_matches(" ".join(word.strip().lower().split()), pool, n=1, cutoff=0.5)
        if match:
            raise AgendaError([problem(_T, "unknown-status", None, item_id, "did-you-mean", word=word,
                                       match=match[0])])
        raise AgendaError([problem(_T, "unknown-status", None, item_id, "statuses", word=word,
                                   words=", ".join(pool))])

    def finish(self, new: str, item_id: str, attr: str, kept: Callable[[object], bool]) -> str:
        """``new`` when it holds what was asked and nothing else changed; AgendaError otherwise.

        Only the item's own stretch of text changed, so only that stretch is read and
        checked (the post-condition: the item holds what was asked, and apart from
        ``attr`` it is equal to what it was).  Text that cannot be read on its own
        (an item inside a one-line flow list) is checked whole instead.
        """
        if new == self.text:
            return new
        path, level = self.paths[item_id]
        old = self.plan.get(item_id)
        after = self._item_after(new, path, level, item_id)
        if after is None:  # not readable on its own: check the whole text
            result = self._whole(new, item_id)
            after = result.get(item_id)
        if after is None or not kept(after) or attrs.evolve(after, **{attr: getattr(old, attr)}) != old:  # type: ignore[misc]
            raise _error(self.file, item_id, None, "not-kept", "not-kept-hint")
        return new

    def finish_whole(self, new: str, kept: Callable[[Agenda], bool]) -> str:
        """``new`` when the whole new text is a valid plan that holds what was asked."""
        if new == self.text:
            return new
        if not kept(self._whole(new, None)):
            raise _error(self.file, None, None, "not-kept", "not-kept-hint")
        return new

    def _whole(self, new: str, item: str | None) -> Agenda:
        result = validate_text(new, self.file)
        if result.errors or result.agenda is None:  # the old text was valid (see _start): the edit broke it
            raise AgendaError([_problem(self.file, item, None, "invalid-after"), *result.errors])
        return result.agenda

    def _item_after(self, new: str, path: NodePath, level: str, item_id: str) -> object | None:
        old_text, node = self.text, node_at(self.root, path)
        start = node.start
        # The item's stretch: from the start of its first line to the end of its last line
        # (a comment after its last value, and lines inserted after it, belong to it).
        first = line_start(old_text, start)
        tail = _AFTER_ITEM.match(old_text, content_end(old_text, node))
        if not _BEFORE_ITEM.fullmatch(old_text[first:start]) or tail is None:
            return None  # the item shares a line with others: not readable on its own
        end = tail.end()
        delta = len(new) - len(old_text)
        if new[:first] != old_text[:first] or new[end + delta:] != old_text[end:]:
            raise _error(self.file, item_id, None, "not-kept", "not-kept-hint")  # a splice left the item
        fragment = new[first:end + delta]
        shift = old_text.count("\n", 0, first) if "\n" in old_text else old_text.count("\r", 0, first)
        try:
            root = _yaml.parse(fragment, self.file)
        except AgendaError as exc:
            raise AgendaError([_problem(self.file, item_id, None, "invalid-after"),
                               *_shifted(exc.problems, shift)]) from None
        while root.kind == "seq" and len(seq_of(root)) == 1:  # "- id: …": the item as the file's list holds it
            root = seq_of(root)[0]
        obj = _OBJECTS[level]
        problems = Problems(self.file)
        data = obj.read(root, _Ctx(self.file, problems), item_id)
        for inner, record, _ in obj.walk(data, {}):
            if inner.model is StatusRecord and isinstance(record.get("status"), str):
                word = self.plan.config.resolve_status(record["status"])
                record["status"] = word.id if word is not None else record["status"]
        if problems.has_errors:
            raise AgendaError([_problem(self.file, item_id, None, "invalid-after"),
                               *_shifted([p for p in problems if p.severity is Severity.ERROR], shift)])
        built: object = obj.build(data)
        return built


#: What may stand before an item on its first line for the item to be read on its own: indentation and dashes.
_BEFORE_ITEM = re.compile(r"[ ]*(-[ ]+)*")
#: What may follow an item on its last line: spaces, a comment, the line break (or the end of the text).
_AFTER_ITEM = re.compile(r"[ \t]*(#[^\r\n]*)?(\r\n|\n|\r|\Z)")
_OBJECTS = OBJECTS


def _shifted(problems: Iterable[Problem], lines: int) -> list[Problem]:
    # Problems found in a stretch of the file, placed where that stretch is in the file.
    return [attrs.evolve(p, location=attrs.evolve(p.location, line=p.location.line + lines))
            if p.location is not None else p for p in problems]


def _check_text(file: str, *values: str | None) -> None:
    # Text given through the API that cannot be written as UTF-8 (a lone surrogate from a bad byte).
    for value in values:
        if value is not None and any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            shown = value.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
            raise _error(file, None, None, "not-utf8", "not-utf8-hint", value=shown)


def _check_year(year: int, file: str) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise _error(file, None, None, "bad-year", year=year)


# --------------------------------------------------------------------------- numbers and scalars


def _number(value: object, file: str, *, whole: bool = False, item: str | None = None) -> Number:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)) or (
            isinstance(value, Decimal) and not value.is_finite()):
        raise _error(file, item, None, "bad-number", "bad-number-hint", value=value)
    if whole and isinstance(value, Decimal):
        if value != value.to_integral_value():
            example = _numbers.number(int(value.to_integral_value(ROUND_HALF_UP)))
            raise AgendaError([_number_problem(_numbers.NumberError(
                "not-whole", value=_numbers.number(value), example=example), item)])
        return int(value)
    return value


def _format_number(value: Number) -> str:
    return str(value) if isinstance(value, int) else format(value, "f")

# --------------------------------------------------------------------------- edits of a year's record


def _set_year_entry(text: str, root: Node, file: str, item_path: NodePath, key: str, year: int,
                    fields: dict[str, str], shorthand: str) -> str:
    """Set ``fields`` in the record for ``year`` under ``key`` of the item at ``item_path`` (``root`` is ``text``'s tree)."""
    item = node_at(root, item_path)
    inline = fields[shorthand] if list(fields) == [shorthand] else flow_map(fields)
    years = lookup(item, key)
    if years is None:
        return map_insert(text, item, key, "", [(str(year), inline)], item_insert_pos(item, key))
    entries = list(map_of(years).values())
    match = next((v for k, v in entries if year_of(k) == year), None)
    if match is None:
        pos = next((i for i, (k, _) in enumerate(entries) if (year_of(k) or 0) > year), len(entries))
        return map_insert(text, years, str(year), inline, None, pos)
    if match.kind == "scalar":
        if list(fields) == [shorthand]:
            return replace_scalar(text, match, restyle(fields[shorthand], match))
        return replace_scalar(text, match, flow_map(fields))
    return _merge(text, root, file, (*item_path, key, str(year)), fields)


def _merge(text: str, root: Node, file: str, path: NodePath, fields: Mapping[str, str]) -> str:
    """Set each of ``fields`` in the record map at ``path``, keeping its other keys (one pass over one tree)."""
    record = node_at(root, path)
    entries = map_of(record)
    new_keys = [(name, rendered) for name, rendered in fields.items() if name not in entries]
    splices: list[tuple[int, int, str]] = []
    for name, rendered in fields.items():
        pair = entries.get(name)
        if pair is None:
            continue
        if pair[1].kind != "scalar":  # a record field is always a scalar in a valid plan
            raise _error(file, None, pair[1], "not-kept", "not-kept-hint")
        value = pair[1]
        end = value.end if value.start != value.end else value.start
        new_text = restyle(rendered, value) if value.start != value.end else " " + rendered
        splices.append((value.start, content_end(text, value) if value.start != value.end else end, new_text))
    if new_keys:  # inserted after the last entry: after every replacement, so it goes first
        text = map_insert_many(text, record, new_keys)
    for start, end, new_text in sorted(splices, reverse=True):
        text = text[:start] + new_text + text[end:]
    return text


def _set_value_entry(text: str, root: Node, file: str, item_path: NodePath, year: int, fields: dict[str, str],
                     source: str | None) -> str:
    item = node_at(root, item_path)
    values = lookup(item, "values")
    existing = None if values is None else next((v for k, v in map_of(values).values() if year_of(k) == year), None)
    if existing is None or existing.kind == "scalar":
        return _set_year_entry(text, root, file, item_path, "values", year, fields, "value")
    if existing.kind == "map":
        if lookup(existing, "area") is not None:
            raise _error(file, None, existing, "area-value", year=year)
        return _merge(text, root, file, (*item_path, "values", str(year)), fields)
    entries = seq_of(existing)
    sources = [str(s.value) if (s := lookup(e, "source")) is not None else "" for e in entries]
    if source is None:
        shown = ", ".join(f'"{s}"' for s in sources if s) or "-"
        raise _error(file, None, existing, "several-values", "several-values-hint", year=year, sources=shown)
    if source in sources:
        i = sources.index(source)
        if entries[i].kind == "scalar":
            return replace_scalar(text, entries[i], flow_map(fields))
        return _merge(text, root, file, (*item_path, "values", str(year), i), fields)
    return seq_insert(text, existing, flow_map(fields))


# --------------------------------------------------------------------------- the file: read, edit, write


def _edit_file(path: str | os.PathLike[str], item: str, year: int, edit: Callable[[str, str], str],
               dry_run: bool) -> Change:
    # The whole read-edit-write cycle holds the plan's edit lock (agenda.edit._write.editing).
    with editing(path, lock=not dry_run) as plan:
        text = plan.text
        new = edit(text, plan.path)
        change = Change(plan.path, item, year, text, new, _changed_lines(text, new))
        if dry_run or new == text:
            return change
        plan.write(new)
    return attrs.evolve(change, written=True)


def _changed_lines(old: str, new: str) -> tuple[int, ...]:
    # The lines both texts share at the start and the end are set aside first: an edit changes a
    # few lines, and the diff then runs over those only (not over the whole plan).
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a, b = a[head:len(a) - tail], b[head:len(b) - tail]
    out: list[int] = []
    for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "insert"):
            out.extend(range(head + j1 + 1, head + j2 + 1))
    return tuple(out)


# --------------------------------------------------------------------------- what an edit replaced


@attrs.frozen
class FieldChange:
    """One field of a year's entry before and after an edit: ``"was 112, nu 118"``.

    ``field`` is the key in the file (``status``, ``note``, ``progress``, ``recorded``,
    ``value``, ``source``); ``old`` is None for a field that is new.  A field whose
    ``old`` equals ``new`` was kept as it was (:attr:`kept`).
    """

    field: str
    old: object
    new: object

    @property
    def kept(self) -> bool:
        """The field was there before and is unchanged."""
        return self.old is not None and self.old == self.new


def status_changes(before: Agenda, after: Agenda, item_id: str, year: int) -> tuple[FieldChange, ...]:
    """The fields of ``item_id``'s status entry for ``year``, before and after an edit (fields in neither are left out)."""

    def record(plan: Agenda) -> object:
        return next((r for r in getattr(plan.get(item_id), "status", ()) if r.year == year), None)

    return _field_changes(record(before), record(after), ("status", "progress", "note", "recorded"))


def value_changes(before: Agenda, after: Agenda, indicator_id: str, year: int, *,
                  source: str | None = None) -> tuple[FieldChange, ...]:
    """The fields of the indicator's figure for ``year`` (the one from ``source`` when given), before and after."""

    def value(plan: Agenda) -> object:
        ind = plan.get(indicator_id)
        found = [v for v in (ind.values_in(year) if isinstance(ind, Indicator) else ())
                 if source is None or v.source == source]
        return found[0] if len(found) == 1 or (found and source is not None) else None

    return _field_changes(value(before), value(after), ("value", "approximate", "text", "source", "note", "unit"))


def target_changes(before: Agenda, after: Agenda, indicator_id: str, year: int) -> tuple[FieldChange, ...]:
    """The gemeente's target of the indicator for ``year`` as written, before and after an edit."""

    def text(plan: Agenda) -> str | None:
        ind = plan.get(indicator_id)
        found = ind.target(year) if isinstance(ind, Indicator) else None
        return found.target.text if found is not None else None

    old, new = text(before), text(after)
    return () if old is None and new is None else (FieldChange("target", old, new),)


def _field_changes(old: object, new: object, fields: tuple[str, ...]) -> tuple[FieldChange, ...]:
    out = []
    for name in fields:
        a, b = getattr(old, name, None), getattr(new, name, None)
        if a in (None, False) and b in (None, False):
            continue
        out.append(FieldChange(name, a if a is not False else None, b if b is not False else None))
    return tuple(out)


def __getattr__(name: str) -> object:
    # check_ready, Readiness and Missing are re-exported from agenda.query.readiness on first use:
    # an edit does not need them, and starts sooner without them.
    if name in ("Missing", "Readiness", "check_ready"):
        from agenda.query import readiness

        return getattr(readiness, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
