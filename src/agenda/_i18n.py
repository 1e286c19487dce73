"""Message catalogs: every user-facing sentence in Dutch and English.

Each module that speaks to people keeps its own :class:`Catalog`; all catalogs
register here so one test can prove that every key exists in both languages
with the same placeholders, and that no key or ``{placeholder}`` can reach a user.

A count agrees with its noun: ``{errors|fout|fouten}`` is written ``1 fout`` or
``3 fouten`` (the number, a space, then the singular for exactly 1 and the plural
otherwise), so no message needs "fout(en)".
"""

from __future__ import annotations

import re
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
        if "|" in template:
            template = _counted(template, fields)
        return template.format(**fields) if fields else template

    def placeholders(self, key: str, lang: str) -> set[str]:
        """The placeholder names in one template."""
        import string  # here, not at the top: every command imports this module, few call this

        template = _COUNT.sub(r"{\1}", self.messages[key][lang])
        return {f for _, f, _, _ in string.Formatter().parse(template) if f}


# "{name|one|many}": a count and its noun (re is imported by argparse and yaml anyway).
_COUNT = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def _counted(template: str, fields: Mapping[str, object]) -> str:
    def one(match: re.Match[str]) -> str:
        name, singular, many = match.group(1), match.group(2), match.group(3)
        word = singular if fields.get(name) == 1 else many
        return "{" + name + "} " + word.replace("{", "{{").replace("}", "}}")

    return _COUNT.sub(one, template)


def check_lang(lang: str) -> str:
    """``lang`` when it is a supported language; otherwise ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return lang


def all_catalogs() -> tuple[Catalog, ...]:
    """Every catalog registered so far (import the modules first)."""
    return tuple(_CATALOGS)
