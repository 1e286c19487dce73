"""The checks across items, made on checked data: ids, references, cycles, sums and contradictions.

:func:`check_plan` walks the checked data of :func:`agenda.format.spec.check` with the
spec, so it sees every item — also one whose own keys are wrong (a goal written with
``naam:`` still has its actions checked).  References follow the ``ref`` of each
field of the spec; the other checks are the ones below, each a few lines.  Problems
go to the one collector; nothing is raised but :class:`~agenda.errors.TooManyProblems`.
Status words are resolved here the way the command line resolves them (the id, the
Dutch or the English word, in any case), and the checked data then holds the id.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import Any

from agenda._cycles import find_cycles
from agenda.errors import Msg, Problems
from agenda.format._messages import CHECKS
from agenda.format._types import Obj, Ref, Scopes, parse_target
from agenda.format.spec import AGENDA, ITEM_LEVELS, STATUS_WORD
from agenda.model import (
    _DEFAULT_THEME_KINDS,
    DEFAULT_STATUSES,
    Action,
    BudgetLine,
    Config,
    Goal,
    Indicator,
    Location,
)
from agenda.numbers import is_whole, number

__all__ = ["check_plan", "check_text"]

_T = CHECKS


Data = dict[str, Any]


def _loc(data: Mapping[str, Any]) -> Location | None:
    loc = data.get("@")
    return loc if isinstance(loc, Location) else None


def _item(scopes: Scopes) -> str | None:
    # The innermost identified item around a place: the one a problem there names.
    return list(scopes.values())[-1] if scopes else None


def _show(n: object) -> str:
    return number(n) if isinstance(n, int | Decimal) and not isinstance(n, bool) else str(n)


class _Check:
    def __init__(self, data: Data, problems: Problems, text: str | None = None) -> None:
        self.data = data
        self.text = text
        self.problems = problems
        self.ids: dict[str, tuple[str, Location | None]] = {}  # id -> (level, where)
        self.by_level: dict[str, set[str]] = {}
        self.scoped: dict[tuple[str, str, str], set[str]] = {}  # (level, scope level, scope id) -> ids
        self.config = self._vocabulary()
        self.theme_kinds = set(_DEFAULT_THEME_KINDS) | set(data.get("theme_kinds") or {})
        self.objects = list(AGENDA.walk(data, {}))
        self._known: dict[tuple[object, ...], Collection[str]] = {}

    def error(self, where: Location | None, item: str | None, code: str, hint: str | None = None,
              **fields: object) -> None:
        self.problems.error(_T, code, where, item, hint, **fields)

    def warn(self, where: Location | None, item: str | None, code: str, hint: str | None = None,
             **fields: object) -> None:
        self.problems.warn(_T, code, where, item, hint, **fields)

    def _vocabulary(self) -> Config:
        words = self.data.get("statuses")
        if words is None:
            return Config(statuses=DEFAULT_STATUSES)
        seen: set[str] = set()
        statuses = []
        for word in words:
            if not all(k in word for k in ("id", "nl", "en")):
                continue  # the reading already said what is missing
            if word["id"] in seen:
                self.error(_loc(word), word["id"], "status-vocab-duplicate", "status-vocab-duplicate-hint",
                           id=word["id"])
            seen.add(word["id"])
            statuses.append(STATUS_WORD.build(word))
        return Config(statuses=tuple(statuses))

    # -- ids and references

    def run(self) -> None:
        for obj, d, scopes in self.objects:
            if obj.level in ITEM_LEVELS and isinstance(d.get("id"), str):
                self.claim(d["id"], obj.level, _loc(d), scopes)
        for obj, d, scopes in self.objects:
            for key, field in obj.fields.items():
                if field.ref is not None and key in d:
                    self.refs(obj, d, key, field.ref, scopes)
            model = obj.model
            if model is Action:
                self.action(d, scopes)
            elif model is Goal:
                self.goal(d, scopes)
            elif model is Indicator:
                self.indicator(d, scopes)
            elif model is BudgetLine and obj.title == "Budget line":
                self.budget(d, scopes)
        self.period()
        self.plan()
        self.cycles()
        if self.text is None or _INVISIBLE.search(self.text):  # most plans hold none: one search of the text
            self.invisible()

    def claim(self, item_id: str, level: str, where: Location | None, scopes: Scopes) -> None:
        if item_id in self.ids:
            first = self.ids[item_id][1]
            self.error(where, item_id, "duplicate-id", "duplicate-id-hint", id=item_id,
                       line=first.line if first else "?")
            return
        self.ids[item_id] = (level, where)
        self.by_level.setdefault(level, set()).add(item_id)
        for scope_level, scope_id in scopes.items():
            if scope_level != level:
                self.scoped.setdefault((level, scope_level, scope_id), set()).add(item_id)

    def known(self, ref: Ref, scopes: Scopes) -> Collection[str]:
        # Worked out once per kind of reference (and scope): a plan of many items has many references.
        key = (ref.levels, ref.scope, scopes.get(ref.scope) if ref.scope else None)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._known_now(ref, scopes)
        return found

    def _known_now(self, ref: Ref, scopes: Scopes) -> Collection[str]:
        if ref.levels == ("status",):
            return {s.id for s in self.config.statuses}
        if ref.levels == ("theme-kind",):
            return self.theme_kinds
        if ref.scope is not None:
            scope_id = scopes.get(ref.scope)
            found: set[str] = set()
            for level in ref.levels:
                found |= self.scoped.get((level, ref.scope, scope_id or ""), set())
            return found
        out: set[str] = set()
        for level in ref.levels:
            out |= self.by_level.get(level, set())
        return out

    def refs(self, obj: Obj, d: Data, key: str, ref: Ref, scopes: Scopes) -> None:
        values = d[key] if isinstance(d[key], list) else [d[key]]
        where = _loc(d)
        item = _item(scopes)
        if ref.levels == ("status",):
            word = self.config.resolve_status(d[key])
            if word is not None:
                d[key] = word.id  # the plan's own id, whichever word was written
                return
        known = self.known(ref, scopes)
        for value in values:
            if value in known:  # the common case, without sorting: a set makes it O(1)
                continue
            pool = sorted(set(known))
            kind = Msg(_T, ref.word)
            import difflib  # only for a misspelling: not at every start

            match = difflib.get_close_matches(value, pool, n=1, cutoff=0.6)
            if match:
                self.error(where, item, "unknown-ref", "unknown-ref-match", key=key, ref=value, kind=kind,
                           match=match[0])
            elif pool:
                some = ", ".join(pool[:8]) + (", …" if len(pool) > 8 else "")
                self.error(where, item, "unknown-ref", "unknown-ref-none", key=key, ref=value, kind=kind, some=some)
            else:
                self.error(where, item, "unknown-ref", "unknown-ref-empty", key=key, ref=value, kind=kind)

    def cycles(self) -> None:
        edges: dict[str, list[str]] = {}
        where: dict[str, Location | None] = {}
        for obj, d, _ in self.objects:
            # A duplicate id is reported already; its first definition counts.
            if (obj.model in (Goal, Action) and isinstance(d.get("id"), str) and d.get("needs")
                    and d["id"] not in edges):
                edges[d["id"]] = list(d["needs"])
                where[d["id"]] = _loc(d)
        for cycle in find_cycles(edges):
            spelled = " → ".join(cycle)
            steps = ", ".join(f"{a} → {b} ({_line(where.get(a))})" for a, b in itertools.pairwise(cycle))
            self.error(where.get(cycle[0]), cycle[0], "cycle", "cycle-hint", cycle=spelled, edges=steps)

    # -- the checks of one kind of item

    def period(self) -> None:
        period = self.data.get("period") or {}
        if period.get("to") is not None and period.get("from") is not None and period["to"] < period["from"]:
            self.error(_loc(period), None, "period", "period-hint", to=period["to"], start=period["from"])

    def plan(self) -> None:
        d = self.data
        # A plan without a `themes` key was most often cut off before it; `themes: []` is written on purpose.
        # When reading found errors already (a `themes` of the wrong shape), they are the news.
        if "themes" not in d and d.get("starter") is not True and not self.problems.has_errors:
            self.error(_loc(d), None, "no-themes", "no-themes-hint")
        seen: set[int] = set()
        for year in d.get("reporting_years") or ():
            if year in seen:
                self.error(_loc(d), None, "duplicate-reporting-year", "duplicate-reporting-year-hint", year=year)
            elif not self._in_a_period(year):
                period = d.get("period") or {}
                self.warn(_loc(d), None, "year-outside-plan", "year-outside-plan-hint", year=year,
                          start=period.get("from"), end=period.get("to"))
            seen.add(year)

    def _in_a_period(self, year: int) -> bool:
        # A reporting year lies in the plan's period (the year before it too: the first report often closes
        # the previous plan) or in the period of an earlier plan the file holds. No period: nothing to hold.
        period = self.data.get("period") or {}
        start, end = period.get("from"), period.get("to")
        if not isinstance(start, int) or not isinstance(end, int):
            return True  # an open-ended plan runs on until a new one; without a period nothing is known
        if start - 1 <= year <= end:
            return True
        for plan in self.data.get("plans") or ():
            other = (plan.get("period") or {}) if isinstance(plan, dict) else {}
            low, high = other.get("from"), other.get("to")
            if isinstance(low, int) and low <= year and (not isinstance(high, int) or year <= high):
                return True
        return False

    def invisible(self) -> None:
        # Bidi overrides and zero-width characters can make an id, a name or a note read other than it is.
        for _, d, scopes in self.objects:
            for key, value in d.items():
                texts = value if isinstance(value, list) else [value]
                for text in texts:
                    if isinstance(text, str) and (found := _INVISIBLE.search(text)):
                        self.warn(_loc(d), _item(scopes), "invisible", "invisible-hint", key=key,
                                  char=f"U+{ord(found.group()):04X}")

    def goal(self, d: Data, scopes: Scopes) -> None:
        expects = bool((self.data.get("reporting") or {}).get("actions_per_goal"))
        if expects and not d.get("actions") and not d.get("goals"):
            self.warn(_loc(d), _item(scopes), "no-actions", "no-actions-hint")

    def action(self, d: Data, scopes: Scopes) -> None:
        start, end = d.get("start"), d.get("end")
        if isinstance(start, str) and isinstance(end, str) and end < start[: len(end)]:
            self.error(_loc(d), _item(scopes), "end-before-start", "end-before-start-hint", start=start, end=end)

    def budget(self, d: Data, scopes: Scopes) -> None:
        if "amount" not in d and "amounts" not in d:
            self.error(_loc(d), _item(scopes), "budget-amount", "budget-amount-hint")
        elif "amount" in d and "amounts" in d:
            self.error(_loc(d), _item(scopes), "budget-both", "budget-both-hint")
        items = [i for i in d.get("items") or () if "amount" in i]
        if not items or "amount" not in d:
            return
        parts = sum((Decimal(i["amount"]) / i.get("every", 1) for i in items), Decimal(0))
        if parts != d["amount"]:
            self.warn(_loc(d), _item(scopes), "budget-items", "budget-items-hint", parts=_fmt(parts),
                      amount=d["amount"])

    def indicator(self, d: Data, scopes: Scopes) -> None:
        item = _item(scopes)
        values: dict[int, list[Data]] = d.get("values") or {}
        if "source" not in d and not any("source" in v for vs in values.values() for v in vs):
            self.warn(_loc(d), item, "no-source", "no-source-hint")
        categories: dict[str, Location | None] = {}
        for c in d.get("categories") or ():
            if not isinstance(c.get("id"), str):
                continue
            if c["id"] in categories:
                first = categories[c["id"]]
                self.error(_loc(c), item, "duplicate-id", "duplicate-id-hint", id=c["id"],
                           line=first.line if first else "?")
            else:
                categories[c["id"]] = _loc(c)
        counts = is_whole(d.get("kind"), d.get("unit"))  # a count (as written) has whole figures
        for year, entries in sorted(values.items()):
            for v in entries:
                if "value" not in v and "text" not in v:
                    self.error(_loc(v), item, "value-empty", "value-empty-hint", year=year)
                elif counts and isinstance(v.get("value"), Decimal) and v["value"] != v["value"].to_integral_value():
                    whole = _as_thousands(v["value"])
                    self.error(_loc(v), item, "count-fraction", "count-fraction-hint", value=_show(v["value"]),
                               whole=whole)
        self.targets(d, item)
        references: set[str] = set()
        for ref in d.get("references") or ():
            if isinstance(ref.get("id"), str):
                if ref["id"] in references:
                    self.error(_loc(ref), item, "duplicate-id", "duplicate-id-hint", id=ref["id"], line="?")
                references.add(ref["id"])
        for year, parts in sorted((d.get("breakdown") or {}).items()):
            for cat in parts:
                if cat not in categories:
                    self._unknown_category(d, item, cat, categories)
            total = sum(parts.values(), 0)
            published = next((v for v in values.get(year, ()) if v.get("area") is None and "value" in v), None)
            if published is not None and published["value"] != total:  # the first value of a year is the total
                self.warn(_loc(published) or _loc(d), item, "breakdown-sum", "breakdown-sum-hint", year=year,
                          parts=_fmt(total), total=_fmt(published["value"]))
        for year, entries in sorted(values.items()):
            for area in sorted({v.get("area") or "" for v in entries}):
                nums = [v for v in entries if (v.get("area") or "") == area and "value" in v]
                if len({v["value"] for v in nums}) > 1:
                    shown = "; ".join(f"{_fmt(v['value'])} ({v['source']})" if v.get("source") else _fmt(v["value"])
                                      for v in nums)
                    self.warn(_loc(nums[1]) or _loc(d), item, "values-differ", "values-differ-hint", year=year,
                              values=shown)

    def targets(self, d: Data, item: str | None) -> None:
        better = d.get("better", "none")
        turns = sorted((d.get("turns") or {}).items())
        for year, entries in sorted((d.get("targets") or {}).items()):
            direction = better
            for turn_year, turn in turns:
                if turn_year <= year and "better" in turn:
                    direction = turn["better"]
            seen: set[object] = set()
            for target in entries:
                where = _loc(target) or _loc(d)
                if target.get("area") is not None and target.get("each_area"):
                    self.error(where, item, "area-and-each", "area-and-each-hint")
                key = "*" if target.get("each_area") else target.get("area")
                if key in seen:
                    area = f" ({key})" if isinstance(key, str) and key != "*" else ""
                    self.error(where, item, "duplicate-target", "duplicate-target-hint", year=year, area=area)
                seen.add(key)
                for text in (target.get("target"), target.get("revised")):
                    if not isinstance(text, str):
                        continue
                    parsed = parse_target(text)
                    op = parsed[0] if parsed else None
                    if op is None and direction == "none" and d.get("kind") != "rank":
                        self.warn(where, item, "bare-target", "bare-target-hint", target=text, year=year)
                    elif (op in ("<", "<=") and direction == "higher") or (op in (">", ">=") and direction == "lower"):
                        bound = Msg(_T, "bound-ceiling" if op in ("<", "<=") else "bound-floor")
                        self.warn(where, item, "target-contradicts", "target-contradicts-hint", target=text,
                                  year=year, bound=bound, better=Msg(_T, f"better-{direction}"))

    def _unknown_category(self, d: Data, item: str | None, cat: str, categories: Collection[str]) -> None:
        pool = sorted(categories)
        kind = Msg(_T, "k-category")
        import difflib  # only for a misspelling: not at every start

        match = difflib.get_close_matches(cat, pool, n=1, cutoff=0.6)
        if match:
            self.error(_loc(d), item, "unknown-ref", "unknown-ref-match", key="breakdown", ref=cat, kind=kind,
                       match=match[0])
        elif pool:
            some = ", ".join(pool[:8]) + (", …" if len(pool) > 8 else "")
            self.error(_loc(d), item, "unknown-ref", "unknown-ref-none", key="breakdown", ref=cat, kind=kind,
                       some=some)
        else:
            self.error(_loc(d), item, "unknown-ref", "unknown-ref-empty", key="breakdown", ref=cat, kind=kind)


def check_text(text: str, file: str, problems: Problems) -> None:
    """What only the text shows: a last line without a line break may mean the file was cut off."""
    if text and not text.endswith(("\n", "\r")):
        line = text.count("\n") + 1
        column = len(text) - max(text.rfind("\n"), text.rfind("\r"))
        problems.warn(_T, "no-final-newline", Location(file, line, column), None, "no-final-newline-hint")


def check_plan(data: Data, problems: Problems, text: str | None = None) -> None:
    """Every check across the items of checked plan data; problems go to ``problems``.

    Status words in the data are replaced by the id they resolve to.  ``text``, when
    given, is the text the data was read from (some checks look at it first, to be quick).
    """
    _Check(data, problems, text).run()


#: Bidi embeddings and overrides, isolates, zero-width characters, marks and an inner byte-order mark.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _as_thousands(value: Decimal) -> str:
    # 1.234 written on a count most likely means 1234 (a Dutch thousands point).
    digits = format(value, "f")
    whole, _, frac = digits.partition(".")
    return whole + frac if len(frac) == 3 else format(value.to_integral_value(), "f")


def _line(loc: Location | None) -> str:
    return str(loc.line) if loc else "?"


def _fmt(n: object) -> str:
    if isinstance(n, Decimal):
        return format(n.normalize(), "f") if n == n.to_integral() else str(n)
    return str(n)
