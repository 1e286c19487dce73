"""Per-plan words and rules: the status vocabulary, level names, theme kinds, roll-up, reflectie, reporting."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

__all__ = ["DEFAULT_CONFIG", "DEFAULT_STATUSES", "REPORTING_LEVELS", "Config", "Status"]

#: The levels a plan can report statuses at, from the finest to the coarsest.
REPORTING_LEVELS = ("action", "goal", "theme")


@attrs.frozen
class Status:
    """One word of a plan's status vocabulary.

    ``done`` and ``lagging`` say how the word counts; ``started`` is false only for
    words like *niet gestart*.  ``colour`` is a ``#rrggbb`` fill colour and
    ``mark`` a short symbol so diagrams still read in black and white.
    """

    id: str
    nl: str
    en: str
    done: bool = False
    lagging: bool = False
    started: bool = True
    colour: str = "#ffffff"
    mark: str = ""
    rank: int = 0  #: higher is worse; the roll-up takes the worst

    def label(self, lang: str) -> str:
        """The word in ``lang`` ("nl" or "en")."""
        return self.en if lang == "en" else self.nl


# Okabe-Ito colours: distinguishable with every common colour-vision deficiency.
DEFAULT_STATUSES: tuple[Status, ...] = (
    Status("niet-gestart", "niet gestart", "not started", started=False, colour="#eeeeee", mark="○", rank=1),
    Status("loopt", "loopt", "in progress", colour="#56b4e9", mark="◐", rank=0),
    Status("op-schema", "op schema", "on track", colour="#009e73", mark="✓", rank=0),
    Status("vertraagd", "vertraagd", "delayed", lagging=True, colour="#e69f00", mark="!", rank=3),
    Status("risico", "risico", "at risk", lagging=True, colour="#d55e00", mark="‼", rank=4),
    Status("afgerond", "afgerond", "completed", done=True, colour="#0072b2", mark="●", rank=0),
    Status("gestopt", "gestopt", "stopped", lagging=True, colour="#999999", mark="✗", rank=5),
)


@attrs.frozen
class Config:
    """Per-plan words and rules: level names, status vocabulary, theme kinds, roll-up, reflectie."""

    language: str = "nl"
    #: level -> {"nl": word, "en": word}; levels: plan, theme, pillar, tag, goal, action, indicator
    levels: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    statuses: tuple[Status, ...] = DEFAULT_STATUSES
    #: theme kind id -> {"nl": word, "en": word}
    theme_kinds: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    #: "worst" (the worst status of the parts) or "share" (lagging when at least ``rollup_share`` of the parts lag)
    rollup: str = "worst"
    rollup_share: Decimal = Decimal("0.5")
    #: rule id -> settings; ``{"enabled": False}`` switches a reflectie rule off
    rules: Mapping[str, Mapping[str, object]] = attrs.field(factory=dict)
    #: the level the gemeente reports statuses at: "action" (every action), "goal" or "theme"
    reporting: str = "action"
    #: whether every goal is expected to have actions (a goal without them is then a warning)
    actions_per_goal: bool = False
    #: reporting year -> the name of the report on it ("Voortgangsrapportage Veiligheid 2024" for 2023)
    report_titles: Mapping[int, str] = attrs.field(factory=dict)

    def status(self, status_id: str) -> Status | None:
        """The vocabulary entry for ``status_id``, or None when the word is unknown."""
        for status in self.statuses:
            if status.id == status_id:
                return status
        return None

    def resolve_status(self, word: str) -> Status | None:
        """The vocabulary entry a person means by ``word``: its id, or its Dutch or English word, in any case.

        ``"Loopt"``, ``"on track"`` and ``"op-schema"`` all find their word; None when nothing matches.
        The plan file and the command line accept the same words through this one method.
        """
        found = self.status(word)
        if found is not None:
            return found
        wanted = _fold(word)
        for status in self.statuses:
            if wanted in (_fold(status.id), _fold(status.nl), _fold(status.en)):
                return status
        return None

    def level(self, level: str, lang: str) -> str:
        """The plan's own word for a level (``"theme"`` -> ``"thema"``) in ``lang``."""
        names = self.levels.get(level) or _DEFAULT_LEVELS[level]
        return names.get(lang) or _DEFAULT_LEVELS[level][lang]

    def theme_kind(self, kind: str, lang: str) -> str:
        """The plan's word for a theme kind in ``lang``; the id itself when unnamed."""
        names = self.theme_kinds.get(kind) or _DEFAULT_THEME_KINDS.get(kind) or {}
        return names.get(lang, kind)


def _fold(word: str) -> str:
    # "Op-Schema", "op schema" and "op  schema" are one word.
    return " ".join(word.replace("-", " ").replace("_", " ").split()).casefold()


_DEFAULT_LEVELS: Mapping[str, Mapping[str, str]] = {
    "plan": {"nl": "agenda", "en": "agenda"},
    "theme": {"nl": "thema", "en": "theme"},
    "pillar": {"nl": "pijler", "en": "pillar"},
    "tag": {"nl": "verschijningsvorm", "en": "manifestation"},
    "goal": {"nl": "doelstelling", "en": "goal"},
    "action": {"nl": "inspanning", "en": "action"},
    "indicator": {"nl": "indicator", "en": "indicator"},
}

_DEFAULT_THEME_KINDS: Mapping[str, Mapping[str, str]] = {
    "strategisch": {"nl": "strategisch thema", "en": "strategic theme"},
    "fundament": {"nl": "veiligheidsfundament", "en": "safety foundation"},
    "ontwikkelthema": {"nl": "ontwikkelthema", "en": "development theme"},
    "doorlopend": {"nl": "doorlopend thema", "en": "standing theme"},
}

DEFAULT_CONFIG = Config()
