"""Message catalogs: every user-facing sentence in Dutch and English.

Each module that speaks to people keeps its own :class:`Catalog`; all catalogs
register here so one test can prove that every key exists in both languages
with the same placeholders, and that no key or ``{placeholder}`` can reach a user.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["LANGUAGES", "Catalog", "all_catalogs", "check_lang"]

LANGUAGES = ("nl", "en")
_CATALOGS: list[Catalog] = []


class Catalog:
    """A table ``key -> {"nl": template, "en": template}`` with ``str.format`` placeholders."""

    def __init__(self, name: str, messages: Mapping[str, Mapping[str, str]]) -> None:
        self.name = name
        self.messages = messages
        _CATALOGS.append(self)

    def __call__(self, key: str, lang: str = "nl", /, **fields: object) -> str:
        """The message ``key`` in ``lang``, filled in with ``fields``."""
        template = self.messages[key][check_lang(lang)]
        return template.format(**fields) if fields else template

    def placeholders(self, key: str, lang: str) -> set[str]:
        """The placeholder names in one template."""
        import string  # here, not at the top: every command imports this module, few call this

        return {f for _, f, _, _ in string.Formatter().parse(self.messages[key][lang]) if f}


def check_lang(lang: str) -> str:
    """``lang`` when it is a supported language; otherwise ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return lang


def all_catalogs() -> tuple[Catalog, ...]:
    """Every catalog registered so far (import the modules first)."""
    return tuple(_CATALOGS)
