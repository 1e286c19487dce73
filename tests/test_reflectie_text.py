"""The reflectie as text: evidence that names a status word is shown in the reader's language."""

from __future__ import annotations

from agenda.model import Action, Agenda, Goal, StatusRecord, Theme
from agenda.query.reflectie import reflectie
from agenda.render.reflectie_text import render_markdown, render_text


def _plan() -> Agenda:
    action = Action("a", "Actie", status=(StatusRecord(2023, "risico", note="te weinig capaciteit"),))
    return Agenda("Testdorp", "Plan", themes=(Theme("t", "Thema", goals=(Goal("g", "Doel", actions=(action,)),)),))


class TestStatusEvidence:
    """Status words in the evidence follow the language, not the id."""

    def test_english_words(self) -> None:
        """In English the evidence says 'at risk', never the Dutch id 'risico'."""
        text = render_text(reflectie(_plan(), 2023), "en")
        assert "status = at risk" in text and "status = risico" not in text

    def test_dutch_words(self) -> None:
        """In Dutch the evidence uses the plan's Dutch word."""
        assert "status = risico" in render_markdown(reflectie(_plan(), 2023), "nl")


class TestImpactHeadings:
    """The impact names what depends on the item, in words that say so."""

    def test_dependents_heading(self) -> None:
        """The section of dependents is headed 'Wat ervan afhangt' / 'What depends on it'."""
        from agenda.query.reflectie import impact

        needer = Action("b", "Afhankelijk", needs=("a",))
        plan = _plan()
        theme = plan.themes[0]
        goal = theme.goals[0]
        plan = Agenda("Testdorp", "Plan", themes=(Theme("t", "Thema", goals=(Goal("g", "Doel", actions=(*goal.actions, needer)),)),))
        assert "Wat ervan afhangt" in render_text(impact(plan, "a", 2023), "nl")
        assert "What depends on it" in render_text(impact(plan, "a", 2023), "en")


class TestLineBreaks:
    """A line break in a name or a note stays inside its bullet: the structure of the reflectie holds."""

    @staticmethod
    def _broken_plan() -> Agenda:
        action = Action("a", "Eerste regel\n- geen lijst\r\n# geen kop", status=(
            StatusRecord(2023, "risico", note="Regel een\n\n## Kop\n- punt\r1. punt"),))
        goal = Goal("g", "Doel", actions=(action,))
        return Agenda("Testdorp", "Plan", themes=(Theme("t", "Thema\nmet twee regels", goals=(goal,)),))

    def test_markdown(self) -> None:
        """In Markdown every bullet is one line (breaks become <br>); only the renderer's own headings start with #."""
        text = render_markdown(reflectie(self._broken_plan(), 2023), "nl")
        lines = text.splitlines()
        assert [line for line in lines if line.startswith("#")] == ["# Reflectie 2023", "## Thema<br>met twee regels"]
        bullets = [line for line in lines if line.startswith("- ")]
        assert len(bullets) == 1 and "Eerste regel<br>- geen lijst<br>\\# geen kop" in bullets[0]
        details = [line for line in lines if line.startswith("  - ")]
        assert len(details) == 2 and "Regel een<br><br>\\#\\# Kop<br>- punt<br>1. punt" in details[0]
        assert all(line == "" or line.startswith(("#", "- ", "  - ")) for line in lines), lines

    def test_text(self) -> None:
        """In plain text a name's or a note's next lines are indented under their bullet."""
        text = render_text(reflectie(self._broken_plan(), 2023), "nl")
        assert "  - [hoog] Inspanning ‘Eerste regel\n    - geen lijst\n    # geen kop’" in text
        assert "    Toelichting: Regel een\n    \n    ## Kop\n    - punt\n    1. punt\n" in text
        assert "\nThema met twee regels\n" in text
