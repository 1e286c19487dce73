"""Several plans: loading a folder with every file's problems, and comparing by KBV veld and indicator."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from agenda.errors import AgendaError
from agenda.format.folder import load_dir, validate_dir
from agenda.model import BudgetKind, BudgetLine, PlanRef, Source, Status, Value
from agenda.query.compare import carried_over, compare_by_kbv, compare_indicators, kbv_name
from agenda.render.compare import format_carried, format_indicators, format_kbv
from agenda.testing import make_action, make_goal, make_indicator, make_theme, plan_yaml
from tests.test_templates import run_cli

TRAFFIC_LIGHT = [
    Status("groen", "groen", "green"),
    Status("rood", "rood", "red", lagging=True),
    Status("klaar", "afgerond", "done", done=True),
]


def _folder(tmp_path: Path) -> Path:
    """Two gemeenten (Aadorp with two periods, Bedorp with a traffic light), written in a scrambled order."""
    files = {
        "z-aadorp-oud.yaml": plan_yaml(
            gemeente="Aadorp", title="IVP 2019-2022", period_start=2019, period_end=2022,
            themes=[make_theme("jeugd", kbv=3, goals=[make_goal("g-oud", actions=[
                make_action("a-oud", status={2022: "vertraagd"})])])],
            indicators=[make_indicator("inbraken", values={2021: 120, 2022: 110},
                                       source=Source("data.politie.nl", table="47022NED", column="Misdrijven"))],
        ),
        "a-aadorp-nieuw.yaml": plan_yaml(
            gemeente="Aadorp", title="IVP 2023-2026", period_start=2023, period_end=2026,
            themes=[
                make_theme("jeugd", kbv=3, goals=[make_goal("g-nieuw", actions=[
                    make_action("a1", status={2023: "afgerond"},
                                budget=[BudgetLine(10000, BudgetKind.STRUCTURAL, start=2023)]),
                    make_action("a2", status={2023: "risico"}),
                ])]),
                make_theme("oud-thema", kbv=1, plan="vorig", continued_in=["jeugd"]),
            ],
            indicators=[make_indicator("inbraken", values={2023: 100}, targets={2023: "< 105"}, measures=["g-nieuw"],
                                       source=Source("data.politie.nl", table="47022NED", column="Misdrijven"))],
            plans=[PlanRef("vorig", "IVP 2019-2022")],
        ),
        "m-bedorp.yaml": plan_yaml(
            gemeente="Bedorp", title="Veiligheidsplan", statuses=TRAFFIC_LIGHT,
            themes=[make_theme("jongeren", kbv=3, goals=[make_goal("g-b", actions=[
                make_action("b1", status={2023: "rood"}), make_action("b2", status={2023: "klaar"})])]),
                    make_theme("zonder-veld")],
            indicators=[make_indicator("woninginbraak", name="Geregistreerde inbraken", values={2023: Decimal("98.5")},
                                       source=Source("CBS", table="47022NED", column="Misdrijven"))],
        ),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("geen plan", encoding="utf-8")
    return tmp_path


class TestLoadingAFolder:
    def test_plans_are_ordered_by_gemeente_and_period(self, tmp_path: Path) -> None:
        """Whatever the file names, plans come out by gemeente, then period start."""
        plans = load_dir(_folder(tmp_path))
        assert [(p.gemeente, p.period_start) for p in plans.plans] == [("Aadorp", 2019), ("Aadorp", 2023),
                                                                       ("Bedorp", None)]
        assert [f.name for f in plans.files] == ["z-aadorp-oud.yaml", "a-aadorp-nieuw.yaml", "m-bedorp.yaml"]

    def test_every_files_problems_at_once(self, tmp_path: Path) -> None:
        """load_dir raises one AgendaError that names the problems of every broken file."""
        (tmp_path / "een.yaml").write_text("format: 1\ngemeente: A\n", encoding="utf-8")
        (tmp_path / "twee.yaml").write_text("format: 1\ngemeente: B\ntitle: T\nthemas: []\n", encoding="utf-8")
        (tmp_path / "goed.yaml").write_text(plan_yaml(), encoding="utf-8")
        with pytest.raises(AgendaError) as info:
            load_dir(tmp_path)
        files = {Path(p.location.file).name for p in info.value.problems if p.location}
        assert files == {"een.yaml", "twee.yaml"}

    def test_validate_dir_keeps_the_valid_plans(self, tmp_path: Path) -> None:
        """validate_dir never raises for bad content: valid plans are kept beside the problems."""
        (tmp_path / "kapot.yaml").write_text("format: 1\n", encoding="utf-8")
        (tmp_path / "goed.yaml").write_text(plan_yaml(), encoding="utf-8")
        plans = validate_dir(tmp_path)
        assert len(plans.plans) == 1 and not plans.ok() and plans.errors

    def test_progress_is_called_per_file(self, tmp_path: Path) -> None:
        """The progress callback hears of every file, counting up to the number of files."""
        seen: list[tuple[int, int, str]] = []
        validate_dir(_folder(tmp_path), progress=lambda done, total, name: seen.append((done, total, name)))
        total = len(seen)
        assert total >= 3 and [d for d, _, _ in seen] == list(range(1, total + 1))
        assert {t for _, t, _ in seen} == {total} and all(n.endswith(".yaml") for _, _, n in seen)

    def test_not_a_folder(self, tmp_path: Path) -> None:
        """A missing folder is FileNotFoundError; a file is NotADirectoryError."""
        with pytest.raises(FileNotFoundError):
            validate_dir(tmp_path / "nergens")
        (tmp_path / "f.yaml").write_text("x", encoding="utf-8")
        with pytest.raises(NotADirectoryError):
            validate_dir(tmp_path / "f.yaml")

    def test_by_gemeente_groups_successive_plans(self, tmp_path: Path) -> None:
        """The plans of one gemeente are grouped, in period order."""
        groups = load_dir(_folder(tmp_path)).by_gemeente()
        assert [p.title for p in groups["Aadorp"]] == ["IVP 2019-2022", "IVP 2023-2026"]


class TestCompareByKbv:
    def test_themes_per_veld(self, tmp_path: Path) -> None:
        """Veld 3 lists each plan's themes; themes without kbv land in the row None."""
        cmp = compare_by_kbv(load_dir(_folder(tmp_path)))
        assert [c.themes for c in cmp.row(3).cells] == [("jeugd",), ("jeugd",), ("jongeren",)]
        assert [c.themes for c in cmp.row(None).cells] == [(), (), ("zonder-veld",)]

    def test_earlier_plan_themes_only_on_request(self, tmp_path: Path) -> None:
        """A theme of an earlier plan in the same file is left out unless include_earlier."""
        plans = load_dir(_folder(tmp_path))
        assert compare_by_kbv(plans).row(1).cells[1].themes == ()
        assert compare_by_kbv(plans, include_earlier=True).row(1).cells[1].themes == ("oud-thema",)

    def test_statuses_count_by_each_plans_vocabulary(self, tmp_path: Path) -> None:
        """Done and lagging are counted by each plan's own words, so a traffic light compares with the default."""
        cells = compare_by_kbv(load_dir(_folder(tmp_path)), year=2023).row(3).cells
        assert [(c.recorded, c.done, c.lagging) for c in cells] == [(0, 0, 0), (2, 1, 1), (2, 1, 1)]

    def test_counts_and_budget(self, tmp_path: Path) -> None:
        """A cell counts goals, actions and indicators of its themes and adds up structural euros."""
        cell = compare_by_kbv(load_dir(_folder(tmp_path))).row(3).cells[1]
        assert (cell.goals, cell.actions, cell.indicators, cell.structural) == (1, 2, 1, Decimal(10000))

    def test_text_in_both_languages_and_json(self, tmp_path: Path) -> None:
        """The comparison renders in Dutch and English and as JSON-ready data."""
        cmp = compare_by_kbv(load_dir(_folder(tmp_path)), year=2023)
        assert "Veld 3: Jeugd en veiligheid" in format_kbv(cmp, "nl")
        assert "Field 3: Youth and safety" in format_kbv(cmp, "en")
        data = json.loads(json.dumps(cmp.to_data()))
        assert data["velden"][2]["plans"][1]["structural"] == "10000"

    def test_kbv_names(self) -> None:
        """The five velden have their VNG names."""
        assert kbv_name(1) == "Veilige woon- en leefomgeving"
        assert kbv_name(5, "en") == "Integrity and security"


class TestCompareIndicators:
    def test_by_id(self, tmp_path: Path) -> None:
        """Indicators with the same id are grouped, values per year kept per plan."""
        cmp = compare_indicators(load_dir(_folder(tmp_path)))
        group = cmp.group("inbraken")
        assert [dict(c.values) for c in group.cells] == [{2021: 120, 2022: 110}, {2023: 100}]
        assert group.years == (2021, 2022, 2023)
        assert group.cells[1].targets == {2023: "< 105"}

    def test_by_source_matches_across_gemeenten(self, tmp_path: Path) -> None:
        """Indicators of different ids and gemeenten with the same table and column are one group."""
        cmp = compare_indicators(load_dir(_folder(tmp_path)), by="source")
        assert [g.key for g in cmp.groups] == ["47022NED/Misdrijven"]
        assert [c.gemeente for c in cmp.groups[0].cells] == ["Aadorp", "Aadorp", "Bedorp"]

    def test_shared_only_and_years(self, tmp_path: Path) -> None:
        """shared_only drops groups found in one plan; years limits the years shown."""
        plans = load_dir(_folder(tmp_path))
        assert [g.key for g in compare_indicators(plans, shared_only=True).groups] == ["inbraken"]
        group = compare_indicators(plans, years=[2023]).group("inbraken")
        assert [dict(c.values) for c in group.cells] == [{}, {2023: 100}]

    def test_several_values_take_the_first_published(self, tmp_path: Path) -> None:
        """Where two documents publish a figure for a year, the first one is compared."""
        (tmp_path / "p.yaml").write_text(plan_yaml(indicators=[make_indicator("x", values={
            2023: [Value(2023, 5, source="a"), Value(2023, 6, source="b")]})]), encoding="utf-8")
        cell = compare_indicators(load_dir(tmp_path)).group("x").cells[0]
        assert cell.values == {2023: 5}

    def test_text_and_json(self, tmp_path: Path) -> None:
        """The indicator comparison renders as text (decimal comma in Dutch) and JSON."""
        cmp = compare_indicators(load_dir(_folder(tmp_path)), by="name")
        assert "2023: 98,5" in format_indicators(cmp, "nl")
        assert "2023: 98.5" in format_indicators(cmp, "en")
        assert json.loads(json.dumps(cmp.to_data()))["by"] == "name"

    def test_unknown_grouping(self, tmp_path: Path) -> None:
        """An unknown grouping is a ValueError."""
        with pytest.raises(ValueError, match="grouping"):
            compare_indicators(load_dir(_folder(tmp_path)), by="colour")


class TestCarriedOver:
    def test_same_id_and_continued_in(self, tmp_path: Path) -> None:
        """A theme id found in the next period and a `continued_in` in one file are both carried over."""
        carries = carried_over(load_dir(_folder(tmp_path)))
        assert {(c.old_theme, c.new_theme, c.how) for c in carries} == {
            ("oud-thema", "jeugd", "continued_in"), ("jeugd", "jeugd", "id")}
        assert "jeugd (z-aadorp-oud.yaml) → jeugd (a-aadorp-nieuw.yaml)" in format_carried(carries)


class TestProgressBar:
    def test_draws_on_a_terminal_and_clears(self) -> None:
        """On a terminal the bar shows the count and the file, and is wiped at the end."""
        import io

        from agenda.cli._progress import ProgressBar

        stream = io.StringIO()
        bar = ProgressBar("nl", stream, force=True)
        bar(1, 2, "a.yaml")
        bar(2, 2, "b.yaml")
        bar.clear()
        text = stream.getvalue()
        assert "plannen lezen" in text and "2/2 b.yaml" in text and text.endswith("\r")

    def test_silent_in_a_pipe(self) -> None:
        """Written to a pipe or a file (no terminal) the bar draws nothing."""
        import io

        from agenda.cli._progress import ProgressBar

        stream = io.StringIO()
        bar = ProgressBar("en", stream)
        bar(1, 1, "a.yaml")
        bar.clear()
        assert stream.getvalue() == ""

    def test_compare_output_has_no_bar(self, tmp_path: Path) -> None:
        """`agenda compare` run in a pipe writes no control characters."""
        _, out, err = run_cli(["compare", str(_folder(tmp_path))])
        assert "\r" not in out and "\r" not in err


class TestCompareCommand:
    def test_text(self, tmp_path: Path) -> None:
        """`agenda compare DIR` prints the velden and exits 0."""
        code, out, _ = run_cli(["compare", str(_folder(tmp_path))])
        assert code == 0 and "Veld 3" in out and "Voortgezette thema's" in out

    def test_json_by_indicator(self, tmp_path: Path) -> None:
        """`--by indicator --group source --format json` gives machine-readable groups."""
        code, out, _ = run_cli(["compare", str(_folder(tmp_path)), "--by", "indicator", "--group", "source",
                                "--format", "json"])
        assert code == 0 and json.loads(out)["groups"][0]["key"] == "47022NED/Misdrijven"

    def test_invalid_plan_exits_1(self, tmp_path: Path) -> None:
        """A broken plan in the folder is reported on stderr and the exit code is 1."""
        _folder(tmp_path)
        (tmp_path / "kapot.yaml").write_text("format: 1\n", encoding="utf-8")
        code, out, err = run_cli(["compare", str(tmp_path), "--lang", "en"])
        assert code == 1 and "kapot.yaml" in err and "Field 3" in out

    def test_missing_or_empty_folder_exits_2(self, tmp_path: Path) -> None:
        """A missing folder or one without plans is a usage error."""
        code, _, err = run_cli(["compare", str(tmp_path / "nergens")])
        assert code == 2 and f"de map {tmp_path / 'nergens'} bestaat niet" in err
        assert run_cli(["compare", str(tmp_path)])[0] == 2
        (tmp_path / "bestand").write_text("", encoding="utf-8")
        code, _, err = run_cli(["compare", str(tmp_path / "bestand")])
        assert code == 2 and "bestand is geen map" in err
