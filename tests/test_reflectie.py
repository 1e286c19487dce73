"""Tests for agenda.query.reflectie: each rule, the settings, the registry, impact and the renderers."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from agenda._i18n import all_catalogs
from agenda.model import (
    DEFAULT_CONFIG,
    Action,
    Agenda,
    Comparator,
    Direction,
    Goal,
    Indicator,
    Location,
    PlanRef,
    StatusRecord,
    Target,
    Theme,
    Value,
    YearTarget,
)
from agenda.query.readiness import check_ready
from agenda.query.reflectie import (
    Context,
    Evidence,
    Finding,
    Reflectie,
    Rule,
    Severity,
    get_rule,
    impact,
    reflectie,
    register_rule,
    rules,
    unregister_rule,
)
from agenda.render.reflectie_text import render_markdown, render_text

DEVENTER = Path(__file__).resolve().parent.parent / "agenda.yaml"


def _rec(status: str, year: int = 2023, note: str | None = "uitleg") -> StatusRecord:
    return StatusRecord(year, status, note=note, location=Location("agenda.yaml", year - 2000, 3))


def _plan(
    *actions: Action,
    indicators: tuple[Indicator, ...] = (),
    goals: tuple[Goal, ...] = (),
    rules: Mapping[str, Mapping[str, object]] | None = None,
    **extra: object,
) -> Agenda:
    config = attrs.evolve(DEFAULT_CONFIG, rules=rules or {})
    theme = Theme("t", "Thema", goals=goals, actions=actions)
    return Agenda("Testdorp", "Plan", config=config, themes=(theme,), indicators=indicators, **extra)  # type: ignore[arg-type]


def _flags(result: Reflectie, rule: str) -> list[str]:
    return [e.item for e in result.entries if e.rule == rule]


def _ind(**fields: object) -> Indicator:
    return Indicator("i", "Meldingen", measures=("a",), **fields)  # type: ignore[arg-type]


class TestStatusLagging:
    def test_lagging_word_is_flagged_with_its_note(self) -> None:
        """An item recorded as vertraagd is flagged, with the status as evidence and its note."""
        result = reflectie(_plan(Action("a", "A", status=(_rec("vertraagd"),)), Action("b", "B")), 2023)
        (entry,) = [e for e in result.entries if e.rule == "status-lagging"]
        assert (entry.item, entry.kind, entry.theme, entry.severity) == ("a", "action", "t", Severity.HIGH)
        assert entry.evidence == (Evidence("status", "vertraagd"),)
        assert entry.note == "uitleg"
        assert entry.text("nl") == "Inspanning ‘A’ stond in 2023 op ‘vertraagd’."
        assert entry.text("en") == "Action ‘A’ was ‘delayed’ in 2023."

    def test_not_started_after_planned_start(self) -> None:
        """Niet gestart counts as lagging after the planned start year, and in it at year end."""
        late = Action("a", "A", start="2022", status=(_rec("niet-gestart"),))
        this_year = Action("b", "B", start="2023-06", status=(_rec("niet-gestart"),))
        later = Action("c", "C", start="2024", status=(_rec("niet-gestart"),))
        unplanned = Action("d", "D", status=(_rec("niet-gestart"),))
        result = reflectie(_plan(late, this_year, later, unplanned), 2023)
        assert _flags(result, "status-lagging") == ["a", "b"]
        assert result.for_item("a")[0].get("start") == 2022

    def test_year_end_setting_excludes_the_start_year(self) -> None:
        """With year_end false, a start planned in the reporting year itself is not late yet."""
        plan = _plan(
            Action("b", "B", start="2023", status=(_rec("niet-gestart"),)),
            rules={"status-lagging": {"year_end": False}},
        )
        assert _flags(reflectie(plan, 2023), "status-lagging") == []

    def test_on_track_and_other_years_are_not_flagged(self) -> None:
        """An on-track item, or one that lagged in another year, is not flagged."""
        plan = _plan(Action("a", "A", status=(_rec("loopt"), _rec("risico", 2022))))
        assert reflectie(plan, 2023).entries == ()


class TestOverdue:
    def test_end_passed_and_not_done(self) -> None:
        """An action whose planned end has passed and that is not done is overdue."""
        plan = _plan(
            Action("a", "A", end="2022", status=(_rec("loopt", 2022), _rec("loopt"))),
            Action("b", "B", end="2023-03", status=(_rec("loopt"),)),
            Action("c", "C", end="2022", status=(_rec("afgerond", 2022),)),
            Action("d", "D", end="2024", status=(_rec("loopt"),)),
        )
        result = reflectie(plan, 2023)
        assert _flags(result, "overdue") == ["a", "b"]
        assert result.for_item("a")[0].evidence == (
            Evidence("end", "2022"),
            Evidence("status", "loopt"),
            Evidence("status_year", 2023),
        )

    def test_end_in_the_year_itself_can_be_excluded(self) -> None:
        """With year_end false only an end before the reporting year counts."""
        plan = _plan(Action("b", "B", end="2023", status=(_rec("loopt"),)), rules={"overdue": {"year_end": False}})
        assert _flags(reflectie(plan, 2023), "overdue") == []

    def test_items_outside_the_years_plan_are_not_overdue(self) -> None:
        """An action never recorded, outside any plan period covering the year, is not flagged."""
        assert _flags(reflectie(_plan(Action("a", "A", end="2020")), 2023), "overdue") == []

    def test_nothing_recorded_is_not_reported_not_overdue(self) -> None:
        """An end date alone is no evidence: an action with no status at all, or none for the year it was
        to end in, is missing information (``not_reported``), not an overdue action with a second
        "unexplained" entry. With an earlier status that is not done, a passed end is evidence."""
        never = reflectie(_plan(Action("a", "A", end="2020"), period_start=2020, period_end=2023), 2023)
        assert never.entries == ()
        assert [m.item for m in never.not_reported] == ["a"]
        this_year = reflectie(_plan(Action("b", "B", end="2023", status=(_rec("loopt", 2022),)),
                                    period_start=2020, period_end=2023), 2023)
        assert this_year.entries == ()
        assert [m.item for m in this_year.not_reported] == ["b"]
        earlier = reflectie(_plan(Action("c", "C", end="2022", status=(_rec("loopt", 2022),)),
                                  period_start=2020, period_end=2023), 2023)
        assert _flags(earlier, "overdue") == ["c"]


class TestIndicatorRules:
    def test_target_missed_by_comparator(self) -> None:
        """A value that does not meet the year's target by its comparator is flagged."""
        target = YearTarget(2023, Target("< 550", Comparator.LT, 550), note="landelijk")
        result = reflectie(_plan(indicators=(_ind(values=(Value(2023, 560),), targets=(target,)),)), 2023)
        (entry,) = result.entries
        assert entry.rule == "target-missed" and entry.get("value") == 560 and entry.get("target") == "< 550"
        assert entry.note == "landelijk"
        assert entry.text("en") == "Indicator ‘Meldingen’ came to 560 in 2023; the target was < 550."

    def test_revised_target_is_used(self) -> None:
        """When a target was revised, the revised one decides, and the first one is evidence."""
        revised = YearTarget(2023, Target("< 550", Comparator.LT, 550), revised=Target("< 600", Comparator.LT, 600))
        met = reflectie(_plan(indicators=(_ind(values=(Value(2023, 560),), targets=(revised,)),)), 2023)
        missed = reflectie(_plan(indicators=(_ind(values=(Value(2023, 610),), targets=(revised,)),)), 2023)
        assert met.entries == ()
        assert missed.entries[0].get("original_target") == "< 550"

    def test_wrong_direction_beyond_tolerance(self) -> None:
        """A move against `better` by more than the tolerance, versus the previous published year, is flagged."""
        values = (Value(2021, 100), Value(2023, Decimal("115.0")))
        result = reflectie(_plan(indicators=(_ind(direction=Direction.LOWER, values=values),)), 2023)
        (entry,) = result.entries
        assert entry.rule == "wrong-direction"
        assert entry.get("previous_year") == 2021 and entry.get("change") == Decimal("0.1500")
        assert "+15\u00a0%" in entry.text("nl") and "speling van 10\u00a0%" in entry.text("nl")

    def test_wrong_direction_within_tolerance_or_the_right_way(self) -> None:
        """Small moves, moves the desired way and unsteered indicators are not flagged."""
        small = _ind(direction=Direction.LOWER, values=(Value(2022, 100), Value(2023, 105)))
        right = _ind(direction=Direction.HIGHER, values=(Value(2022, 100), Value(2023, 150)))
        none = _ind(values=(Value(2022, 100), Value(2023, 300)))
        for indicator in (small, right, none):
            assert reflectie(_plan(indicators=(indicator,)), 2023).entries == ()

    def test_tolerance_from_the_plan_and_from_the_indicator(self) -> None:
        """The rule's tolerance is tuned in the plan; an indicator's own tolerance wins."""
        values = (Value(2022, 100), Value(2023, 115))
        loose = _plan(
            indicators=(_ind(direction=Direction.LOWER, values=values),), rules={"wrong-direction": {"tolerance": 0.2}}
        )
        own = _plan(
            indicators=(_ind(direction=Direction.LOWER, values=values, tolerance=Decimal("0.05")),),
            rules={"wrong-direction": {"tolerance": 0.2}},
        )
        assert reflectie(loose, 2023).entries == ()
        assert _flags(reflectie(own, 2023), "wrong-direction") == ["i"]

    def test_capacity_reached(self) -> None:
        """A value at or above the indicator's capacity is flagged."""
        at = reflectie(_plan(indicators=(_ind(capacity=100, values=(Value(2023, 100),)),)), 2023)
        below = reflectie(_plan(indicators=(_ind(capacity=100, values=(Value(2023, 99),)),)), 2023)
        assert [(e.rule, e.get("capacity")) for e in at.entries] == [("capacity-reached", 100)]
        assert below.entries == ()

    def test_indicator_belongs_to_the_theme_it_measures(self) -> None:
        """An indicator entry carries the theme of the item it measures."""
        plan = _plan(Action("a", "A"), indicators=(_ind(capacity=1, values=(Value(2023, 5),)),))
        assert reflectie(plan, 2023).entries[0].theme == "t"


class TestNotReported:
    """Nothing recorded is missing information, listed apart from the entries, never a lagging item by itself."""

    def test_recorded_before_but_not_this_year(self) -> None:
        """An item expected to report and silent this year is not reported; done items are not asked again."""
        plan = _plan(
            Action("a", "A", status=(_rec("loopt", 2022),)),
            Action("b", "B", status=(_rec("afgerond", 2022),)),
            Action("c", "C", status=(_rec("loopt", 2022), _rec("loopt"))),
            goals=(Goal("g", "G", status=(_rec("loopt", 2022),)), Goal("h", "H")),
        )
        result = reflectie(plan, 2023)
        assert [m.item for m in result.not_reported] == ["g", "h", "a"]
        assert result.entries == ()  # silence is not lagging
        assert {m.item for m in result.not_reported} == {
            m.item for m in check_ready(plan, 2023).missing if m.kind in ("status", "value")}

    def test_actions_of_a_plan_covering_the_year(self) -> None:
        """Actions of a plan whose period covers the year are expected to report, unless they start later."""
        theme = Theme("old", "Oud", plan="mjbp", actions=(Action("x", "X"), Action("y", "Y", start="2024")))
        plan = Agenda("T", "P", plans=(PlanRef("mjbp", "MJBP", 2020, 2023),), themes=(theme,))
        assert [m.item for m in reflectie(plan, 2023).not_reported] == ["x"]
        assert [m.item for m in reflectie(plan, 2024).not_reported] == []


class TestAtRisk:
    def test_transitive_dependency_on_a_lagging_item(self) -> None:
        """Items needing a lagging item, directly or through others, are at risk with the chain as evidence."""
        plan = _plan(
            Action("a", "A", status=(_rec("vertraagd"),)),
            Action("b", "B", needs=("a",), status=(_rec("loopt"),)),
            Action("c", "C", needs=("b",)),
            Action("d", "D", needs=("c",), status=(_rec("afgerond"),)),
        )
        result = reflectie(plan, 2023)
        assert _flags(result, "at-risk-dependency") == ["b", "c"]
        c = next(e for e in result.entries if e.item == "c" and e.rule == "at-risk-dependency")
        assert c.get("chain") == ("c", "b", "a") and c.get("cause") == "a" and c.get("distance") == 2
        assert "keten: c → b → a" in c.text("nl")

    def test_done_items_stop_the_chain(self) -> None:
        """A done item in between means nothing waits on the lagging item any more."""
        plan = _plan(
            Action("a", "A", status=(_rec("vertraagd"),)),
            Action("b", "B", needs=("a",), status=(_rec("afgerond"),)),
            Action("c", "C", needs=("b",), status=(_rec("loopt"),)),
        )
        assert _flags(reflectie(plan, 2023), "at-risk-dependency") == []

    def test_goal_lagging_by_roll_up_puts_its_dependents_at_risk(self) -> None:
        """A goal without its own status whose actions lag is a cause for what needs the goal."""
        goal = Goal("g", "G", actions=(Action("a", "A", status=(_rec("risico"),)),))
        plan = _plan(Action("x", "X", needs=("g",), status=(_rec("loopt"),)), goals=(goal,))
        entry = next(e for e in reflectie(plan, 2023).entries if e.rule == "at-risk-dependency")
        assert (entry.item, entry.get("cause"), entry.get("cause_reason")) == ("x", "g", "derived")

    def test_long_chains_are_shortened(self) -> None:
        """The chain evidence holds at most max_chain ids and ends at the cause."""
        actions = [Action("a0", "A0", status=(_rec("risico"),))]
        actions += [Action(f"a{i}", f"A{i}", needs=(f"a{i - 1}",)) for i in range(1, 20)]
        result = reflectie(_plan(*actions, rules={"at-risk-dependency": {"max_chain": 4}}), 2023)
        entry = next(e for e in result.for_item("a19") if e.rule == "at-risk-dependency")
        assert entry.get("chain") == ("a19", "a18", "a17", "a0") and entry.get("distance") == 19
        assert "a17 → … → a0" in entry.text("en")


class TestUnexplained:
    def test_lagging_without_note_is_a_warning(self) -> None:
        """A lagging item without a note gets an entry and a located warning with a hint."""
        plan = _plan(
            Action("a", "A", status=(_rec("vertraagd", note=None),)), Action("b", "B", status=(_rec("risico"),))
        )
        result = reflectie(plan, 2023)
        assert _flags(result, "unexplained") == ["a"]
        (problem,) = result.problems
        assert problem.code == "unexplained" and problem.item == "a"
        assert str(problem.location) == "agenda.yaml:23:3"
        assert "toelichting" in problem.message("nl") and "note" in problem.message("en")

    def test_overdue_without_a_record_is_unexplained(self) -> None:
        """An overdue action with nothing recorded for the year has no explanation either."""
        plan = _plan(Action("a", "A", end="2022", status=(_rec("loopt", 2022),)))
        assert reflectie(plan, 2023).for_item("a")[-1].get("reason") == "overdue"


class TestSettings:
    def test_a_rule_can_be_switched_off(self) -> None:
        """A plan switches a rule off with enabled: false."""
        plan = _plan(Action("a", "A", status=(_rec("vertraagd"),)), rules={"status-lagging": {"enabled": False}})
        result = reflectie(plan, 2023)
        assert "status-lagging" not in result.rules and _flags(result, "status-lagging") == []

    def test_severity_can_be_tuned(self) -> None:
        """A plan sets a rule's severity."""
        plan = _plan(Action("a", "A", status=(_rec("vertraagd"),)), rules={"status-lagging": {"severity": "low"}})
        assert reflectie(plan, 2023).entries[0].severity is Severity.LOW

    def test_unknown_rules_and_bad_settings_are_warnings(self) -> None:
        """An unknown rule id or an unusable setting is reported, and the default is kept."""
        plan = _plan(rules={"nope": {}, "wrong-direction": {"tolerance": "veel", "colour": 3}})
        codes = sorted(p.code for p in reflectie(plan, 2023).problems)
        assert codes == ["bad-rule-setting", "bad-rule-setting", "unknown-rule"]

    def test_rules_argument_limits_the_rules(self) -> None:
        """Passing rules runs only those."""
        plan = _plan(Action("a", "A", status=(_rec("vertraagd", note=None),)))
        result = reflectie(plan, 2023, rules=[get_rule("unexplained")])
        assert result.rules == ("unexplained",) and _flags(result, "unexplained") == ["a"]


class _Unfunded(Rule):
    """An action with a budget line of zero euros."""

    id = "unfunded"
    severity = Severity.LOW
    defaults: Mapping[str, object] = {"minimum": 1}  # type: ignore[misc]

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        for item in ctx.tracked():
            if isinstance(item, Action) and not item.budget:
                yield Finding(item.id, (Evidence("minimum", settings["minimum"]),))  # type: ignore[arg-type]

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        return f"{ctx.subject(finding.item, lang)} heeft geen budget." if lang == "nl" else "no budget"


@pytest.fixture
def unfunded() -> Iterator[Rule]:
    rule = register_rule(_Unfunded())
    yield rule
    unregister_rule(rule.id)


class TestRegistry:
    def test_builtin_rules_are_registered_in_order(self) -> None:
        """The nine built-in rules are registered, each with an id, a doc and a severity."""
        ids = [r.id for r in rules()][:9]
        assert ids == [
            "status-lagging",
            "overdue",
            "target-missed",
            "wrong-direction",
            "behind-baseline",
            "against-reference",
            "capacity-reached",
            "at-risk-dependency",
            "unexplained",
        ]
        assert all(r.doc and isinstance(r.severity, Severity) for r in rules())

    def test_a_developer_adds_a_rule(self, unfunded: Rule) -> None:
        """A registered rule runs, can be tuned from the plan, and its sentence is capitalised."""
        plan = _plan(Action("a", "A"), rules={"unfunded": {"minimum": 5}})
        (entry,) = reflectie(plan, 2023).entries
        assert (entry.rule, entry.severity, entry.get("minimum")) == ("unfunded", Severity.LOW, 5)
        assert entry.text("nl") == "Inspanning ‘A’ heeft geen budget." and entry.text("en") == "No budget"

    def test_duplicate_ids_are_refused(self, unfunded: Rule) -> None:
        """Registering a second rule with a taken id is a ValueError unless replacing."""
        with pytest.raises(ValueError, match="unfunded"):
            register_rule(_Unfunded())
        assert register_rule(_Unfunded(), replace=True).id == "unfunded"


class TestResult:
    def test_entries_follow_theme_then_item_order(self) -> None:
        """Entries are sorted by theme order, then item order in the file, then rule order."""
        t1 = Theme("b-thema", "B", actions=(Action("z", "Z", status=(_rec("risico", note=None),)),))
        t2 = Theme("a-thema", "A", actions=(Action("y", "Y", status=(_rec("risico"),)),))
        result = reflectie(Agenda("T", "P", themes=(t1, t2)), 2023)
        assert [(e.item, e.rule) for e in result.entries] == [
            ("z", "status-lagging"),
            ("z", "unexplained"),
            ("y", "status-lagging"),
        ]
        assert result.items() == ("z", "y")
        assert [t for t, _ in result.by_theme()] == ["b-thema", "a-thema"]

    def test_json_is_plain(self) -> None:
        """to_json gives plain data that json.dumps accepts, with texts in the asked language."""
        plan = _plan(
            Action("a", "A", status=(_rec("vertraagd"),)),
            indicators=(_ind(capacity=Decimal("7.5"), values=(Value(2023, Decimal("7.5")),)),),
        )
        data = reflectie(plan, 2023).to_json("en")
        text = json.dumps(data, ensure_ascii=False)
        assert '"capacity": 7.5' in text and "Action ‘A’ was ‘delayed’ in 2023." in text

    def test_unknown_language_is_refused(self) -> None:
        """Asking for a language other than nl or en is a ValueError."""
        entry = reflectie(_plan(Action("a", "A", status=(_rec("risico"),))), 2023).entries[0]
        with pytest.raises(ValueError, match="fr"):
            entry.text("fr")


class TestImpact:
    def test_dependents_and_containers_with_paths(self) -> None:
        """Impact lists everything needing the item, nearest first, and the goals and themes around them."""
        a = Action("a", "A", status=(_rec("vertraagd"),))
        b = Action("b", "B", needs=("a",), contributes_to=("h",))
        c = Action("c", "C", needs=("b",))
        plan = _plan(c, goals=(Goal("g", "G", actions=(a, b)), Goal("h", "H")))
        result = impact(plan, "a", 2023)
        assert (result.status, [d.item for d in result.dependents]) == ("vertraagd", ["b", "c"])
        assert result.dependents[1].path == ("c", "b", "a")
        assert [(x.item, x.via, x.path) for x in result.containers] == [
            ("g", "contains", ("g", "a")),
            ("t", "contains", ("t", "a")),
            ("h", "contributes", ("h", "b", "a")),
        ]
        json.dumps(result.to_json())

    def test_unknown_item(self) -> None:
        """Impact of an id the plan does not hold is a KeyError."""
        with pytest.raises(KeyError):
            impact(_plan(), "nope", 2023)


class TestRender:
    def test_text_and_markdown(self) -> None:
        """The renderers give the sentence, note, evidence and warnings, grouped by theme."""
        plan = _plan(Action("a", "A_b", status=(_rec("vertraagd", note=None),)))
        result = reflectie(plan, 2023)
        text = render_text(result, "nl")
        assert text.startswith("Reflectie 2023\n==============\n\nThema\n  - [hoog] Inspanning ‘A_b’ stond")
        assert "Geen toelichting vastgelegd." in text and "Waarschuwingen" in text
        markdown = render_markdown(result, "en")
        assert "## Thema" in markdown and "- \\[high\\] Action ‘A\\_b’ was ‘delayed’ in 2023." in markdown

    def test_nothing_lagged(self) -> None:
        """An empty reflectie says that nothing lagged."""
        assert "Nothing lagged in 2023." in render_text(reflectie(_plan(), 2023), "en")

    def test_impact_renders(self) -> None:
        """The impact renders its dependents with their paths."""
        plan = _plan(Action("a", "A"), Action("b", "B", needs=("a",)))
        assert "action ‘B’ [nothing recorded]: b → a" in render_text(impact(plan, "a", 2023), "en")


class TestCatalogs:
    def test_every_message_in_both_languages(self) -> None:
        """Every key of the reflectie catalogs has nl and en with the same placeholders."""
        for catalog in all_catalogs():
            if catalog.name not in {"reflectie", "render-reflectie"}:
                continue
            for key in catalog.messages:
                assert catalog.placeholders(key, "nl") == catalog.placeholders(key, "en"), key


@pytest.mark.skipif(not DEVENTER.exists(), reason="the Deventer plan is not in the repository")
class TestDeventer2023:
    def test_the_four_reflectie_points(self) -> None:
        """Deventer's 2023 reflectie holds the four points of the Voortgangsrapportage with their notes."""
        from agenda import load

        result = reflectie(load(DEVENTER), 2023)
        text = " ".join(f"{e.text('nl')} {e.note}" for e in result.entries)
        for phrase in ("reactief", "100 bibob", "digitale veiligheid", "procesregie"):
            assert phrase in text, phrase
        assert any(e.rule == "capacity-reached" for e in result.entries)
