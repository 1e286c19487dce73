"""Hand-built plans for the renderer tests: small, hostile, Deventer's budget table, shuffled and large.

Built with the constructors of :mod:`agenda.model`, so the renderer tests do not
depend on the YAML loader.  ``UPDATE_GOLDEN=1`` makes :func:`check_golden` write
the golden files instead of comparing with them.
"""

from __future__ import annotations

import os
import random
from decimal import Decimal
from pathlib import Path

import attrs

from agenda.model import (
    Action,
    Agenda,
    Baseline,
    BudgetKind,
    BudgetLine,
    Comparator,
    Direction,
    Goal,
    Indicator,
    Pillar,
    StatusRecord,
    Target,
    Theme,
    Value,
    YearTarget,
)

GOLDEN = Path(__file__).parent / "golden"

#: A name that tries to break every output format at once.
HOSTILE = "Quote \" back\\slash <b>bold</b> {brace} colon: =cmd|' /C calc'!A0"

STRUCT = BudgetKind.STRUCTURAL
INCID = BudgetKind.INCIDENTAL


def deventer_budget_plan() -> Agenda:
    """The financial proposals of Deventer's concretisering 2024, as budget lines on four actions."""
    alcohol = BudgetLine(
        75000,
        INCID,
        years=3,
        items=(
            BudgetLine(20000, INCID, name="Mystery guest onderzoek", every=2, start=2025),
            BudgetLine(20000, INCID, name="Nalevingsonderzoek", every=2, start=2024),
            BudgetLine(1000, INCID, name="Communicatie om de doelgroepen te bereiken"),
            BudgetLine(54000, INCID, name="Extra capaciteit juridisch handhaving"),
        ),
    )
    return Agenda(
        gemeente="Deventer",
        title="Strategische Veiligheidsagenda",
        period_start=2024,
        themes=(
            Theme(
                "ondermijning",
                "Ondermijning",
                goals=(
                    Goal(
                        "weerbaarheid",
                        "Weerbare organisatie",
                        actions=(
                            Action(
                                "integrale-controles",
                                "Coördinator integrale controles",
                                budget=(BudgetLine(96000, STRUCT),),
                            ),
                            Action(
                                "bibob", "Uitbreiding Bibobcapaciteit met 1 FTE", budget=(BudgetLine(86000, STRUCT),)
                            ),
                        ),
                    ),
                ),
            ),
            Theme(
                "zorg-en-veiligheid",
                "Zorg en veiligheid",
                actions=(
                    Action(
                        "procesregisseur", "Aannemen extra procesregisseur", budget=(BudgetLine(64000, INCID, years=3),)
                    ),
                ),
            ),
            Theme(
                "alcohol",
                "Alcohol en drugs",
                actions=(Action("alcoholplan", "Uitvoering preventie- en handhavingsplan alcohol", budget=(alcohol,)),),
            ),
        ),
    )


def small_plan() -> Agenda:
    """Two themes with goals, actions, statuses, dependencies, budget and indicators; one hostile name."""
    rec = StatusRecord
    return Agenda(
        gemeente="Voorbeeldstad",
        title="Veiligheidsagenda 2024-2027",
        period_start=2024,
        period_end=2027,
        reporting_years=(2023, 2024),
        themes=(
            Theme(
                "ondermijning",
                "Ondermijning",
                pillars=(
                    Pillar("bewustwording", "Bewustwording en weerbaarheid"),
                    Pillar("bibob-pijler", "Bestuurlijk instrumentarium"),
                ),
                goals=(
                    Goal(
                        "weerbare-organisatie",
                        "Een weerbare organisatie",
                        pillar="bewustwording",
                        status=(rec(2024, "loopt"),),
                        actions=(
                            Action(
                                "training",
                                "Training signalen herkennen",
                                owner="Team Veiligheid",
                                partners=("RIEC", "politie"),
                                start="2024",
                                end="2025",
                                result="200 medewerkers getraind",
                                status=(rec(2024, "op-schema"),),
                                budget=(BudgetLine(20000, INCID, years=2, start=2024),),
                            ),
                            Action(
                                "hostile",
                                HOSTILE,
                                owner='=HYPERLINK("x")',
                                partners=("@team", "+31", "-min"),
                                result="line one\nline two",
                                needs=("training",),
                                status=(rec(2024, "vertraagd", note="Minder capaciteit."),),
                            ),
                        ),
                    ),
                    Goal(
                        "bibob-toets",
                        "Meer Bibob-toetsen",
                        pillar="bibob-pijler",
                        needs=("weerbare-organisatie",),
                        actions=(
                            Action(
                                "bibob-uitbreiding",
                                "Uitbreiding Bibobcapaciteit met 1 FTE",
                                owner="Team Juridische Zaken",
                                start="2025",
                                budget=(BudgetLine(86000, STRUCT, start=2025),),
                                status=(rec(2023, "niet-gestart"), rec(2024, "afgerond")),
                            ),
                        ),
                    ),
                ),
            ),
            Theme(
                "jeugd",
                "Jeugd en veiligheid",
                kind="fundament",
                goals=(Goal("minder-overlast", "Minder jeugdoverlast", actions=()),),
                actions=(
                    Action(
                        "straatcoaches",
                        "Straatcoaches",
                        owner="Team Jeugd",
                        contributes_to=("weerbare-organisatie",),
                        needs=("bibob-uitbreiding",),
                        status=(rec(2024, "risico"),),
                    ),
                ),
            ),
        ),
        indicators=(
            Indicator(
                "meldingen",
                "Meldingen jeugdoverlast ($ per_jaar)",
                unit="aantal",
                direction=Direction.LOWER,
                measures=("minder-overlast",),
                baseline=Baseline(2019, 550),
                targets=(
                    YearTarget(2023, Target("< 550", Comparator.LT, 550)),
                    YearTarget(2024, Target("< 500", Comparator.LT, 500)),
                ),
                values=(
                    Value(2020, 600),
                    Value(2021, None, text="-"),
                    Value(2022, 520),
                    Value(2023, 510, source="tekst"),
                    Value(2023, 530, source="tabel"),
                ),
            ),
            Indicator(
                "veiligheidsgevoel",
                "Veiligheidsgevoel",
                unit="cijfer",
                kind="score",
                direction=Direction.HIGHER,
                theme="jeugd",
                baseline=Value(2019, Decimal("7.1")),
                targets=(YearTarget(2023, Target("min. 7,0", Comparator.GE, Decimal("7.0"))),),
                ambition=Target(">= 7,5", Comparator.GE, Decimal("7.5")),
                ambition_year=2027,
                values=(Value(2019, Decimal("7.1")), Value(2021, Decimal("7.3")), Value(2023, Decimal("6.9"))),
            ),
        ),
    )


def shuffled(agenda: Agenda, seed: int) -> Agenda:
    """``agenda`` with themes, goals, actions, indicators, values, status records and budget lines reordered."""
    rng = random.Random(seed)

    def mix(items: tuple) -> tuple:  # type: ignore[type-arg]
        out = list(items)
        rng.shuffle(out)
        return tuple(out)

    def action(a: Action) -> Action:
        return attrs.evolve(a, status=mix(a.status), budget=mix(a.budget))

    def goal(g: Goal) -> Goal:
        return attrs.evolve(g, status=mix(g.status), actions=mix(tuple(action(a) for a in g.actions)))

    themes = tuple(
        attrs.evolve(t, goals=mix(tuple(goal(g) for g in t.goals)), actions=mix(tuple(action(a) for a in t.actions)))
        for t in agenda.themes
    )
    indicators = tuple(attrs.evolve(i, values=mix(i.values), targets=mix(i.targets)) for i in agenda.indicators)
    return attrs.evolve(agenda, themes=mix(themes), indicators=mix(indicators))


def large_plan(items: int) -> Agenda:
    """A plan of about ``items`` goals and actions in 10 themes, with dependencies between neighbours."""
    statuses = ("loopt", "op-schema", "vertraagd", "risico", "afgerond", "niet-gestart")
    themes = []
    per_theme = items // 10
    for t in range(10):
        goals = []
        for g in range(per_theme // 10):
            actions = tuple(
                Action(
                    f"a{t}-{g}-{a}",
                    f"Inspanning {t}.{g}.{a} met een wat langere naam",
                    needs=_large_needs(t, g, a),
                    status=(StatusRecord(2024, statuses[(t + g + a) % len(statuses)]),),
                )
                for a in range(9)
            )
            goals.append(Goal(f"g{t}-{g}", f"Doel {t}.{g}", actions=actions))
        themes.append(Theme(f"t{t}", f"Thema {t}", goals=tuple(goals)))
    return Agenda(gemeente="Grootstad", title="Groot plan", themes=tuple(themes))


def _large_needs(t: int, g: int, a: int) -> tuple[str, ...]:
    # Chains of three inside a goal, and now and then a dependency on the next theme: no cycles.
    if a % 3:
        return (f"a{t}-{g}-{a - 1}",)
    if a == 0 and g % 5 == 0 and t < 9:
        return (f"a{t + 1}-{g}-3",)
    return ()


def check_golden(name: str, actual: str | bytes) -> None:
    """Compare ``actual`` with ``tests/golden/<name>``; with ``UPDATE_GOLDEN=1`` write it instead."""
    path = GOLDEN / name
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"golden file {name} is missing; run the tests once with UPDATE_GOLDEN=1"
    assert data == path.read_bytes(), f"output differs from golden file {name}; review, then UPDATE_GOLDEN=1"
