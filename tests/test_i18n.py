"""Every user-facing message exists in Dutch and English, and none can leak a key or placeholder."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string

import pytest

import agenda
from agenda._i18n import LANGUAGES, Catalog, all_catalogs

_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def _import_everything() -> tuple[Catalog, ...]:
    for module in pkgutil.walk_packages(agenda.__path__, "agenda."):
        if module.name.rsplit(".", 1)[-1] == "__main__":
            continue  # running it would start the command line
        importlib.import_module(module.name)
    return all_catalogs()


CATALOGS = _import_everything()
MESSAGES = [(c, key) for c in CATALOGS for key in sorted(c.messages)]


def _id(param: object) -> str:
    return param.name if isinstance(param, Catalog) else str(param)


class TestCatalogs:
    def test_every_module_with_messages_registered_a_catalog(self) -> None:
        """Importing the whole package registers the catalogs of the loader, the CLI and the adopt modules."""
        names = {c.name for c in CATALOGS}
        assert {"loader", "schema", "cli", "compare", "compare-text", "sources", "cli-adopt"} <= names

    def test_catalog_names_are_unique(self) -> None:
        """No two modules share a catalog name, so a failing message can be traced to its module."""
        names = [c.name for c in CATALOGS]
        assert len(names) == len(set(names))

    @pytest.mark.parametrize(("catalog", "key"), MESSAGES, ids=_id)
    def test_both_languages(self, catalog: Catalog, key: str) -> None:
        """Every message has exactly a Dutch and an English text, neither empty."""
        texts = catalog.messages[key]
        assert set(texts) == set(LANGUAGES)
        assert all(texts[lang].strip() for lang in LANGUAGES)

    @pytest.mark.parametrize(("catalog", "key"), MESSAGES, ids=_id)
    def test_same_placeholders(self, catalog: Catalog, key: str) -> None:
        """The Dutch and English texts of a message take the same placeholders."""
        assert catalog.placeholders(key, "nl") == catalog.placeholders(key, "en")


class TestRendering:
    @pytest.mark.parametrize(("catalog", "key"), MESSAGES, ids=_id)
    def test_rendered_message_leaks_nothing(self, catalog: Catalog, key: str) -> None:
        """Filled in with dummy values, no message shows a `{placeholder}`, its key, or stray format braces."""
        for lang in LANGUAGES:
            fields = dict.fromkeys(catalog.placeholders(key, lang), "X")
            text = catalog(key, lang, **fields) if fields else catalog.messages[key][lang].format()
            assert not _PLACEHOLDER.search(text), text
            assert "{{" not in text and "}}" not in text
            # a one-word message may equal its key ("action"); a key like "status-lagging" is never a text
            assert "-" not in key or text.strip() != key

    def test_placeholders_cover_format_fields(self) -> None:
        """The placeholder reader sees every field, also with a format spec, so the rendering test is complete."""
        catalog = Catalog("i18n-self-test", {"k": {"nl": "{a} en {b:>3}", "en": "{a} and {b:>3}"}})
        try:
            assert catalog.placeholders("k", "nl") == {"a", "b"}
            assert [f for _, f, _, _ in string.Formatter().parse(catalog.messages["k"]["en"]) if f] == ["a", "b"]
        finally:
            from agenda import _i18n

            _i18n._CATALOGS.remove(catalog)

    def test_counts_agree_with_their_noun(self) -> None:
        """{n|one|many}: "1 fout", "0 fouten", "2 fouten"; other pipes (a Markdown table) stay as written."""
        catalog = Catalog("i18n-count-test", {"k": {"nl": "| {n|fout|fouten} | {w|cijfer zou|cijfers zouden} |",
                                                    "en": "| {n|error|errors} | {w|figure|figures} |"}})
        try:
            assert catalog("k", "nl", n=1, w=1) == "| 1 fout | 1 cijfer zou |"
            assert catalog("k", "nl", n=0, w=2) == "| 0 fouten | 2 cijfers zouden |"
            assert catalog("k", "en", n=2, w=1) == "| 2 errors | 1 figure |"
            assert catalog.placeholders("k", "nl") == catalog.placeholders("k", "en") == {"n", "w"}
        finally:
            from agenda import _i18n

            _i18n._CATALOGS.remove(catalog)

    def test_no_message_hedges_a_plural(self) -> None:
        """No message writes "fout(en)" or "item(s)": a count chooses its noun."""
        hedge = re.compile(r"\w\((en|s|es|'s|sen|n)\)|\b(\w{4})\w*/\2\w*")  # "fout(en)", "onderdeel/onderdelen"
        for catalog, key in MESSAGES:
            for lang in LANGUAGES:
                assert not hedge.search(catalog.messages[key][lang]), (catalog.name, key, lang)

    def test_unknown_key_raises(self) -> None:
        """A missing key raises KeyError rather than showing the key to the user."""
        with pytest.raises(KeyError):
            CATALOGS[0]("no-such-message-key", "nl")

    def test_unknown_language_is_refused(self) -> None:
        """Asking for a language other than nl or en raises instead of falling back silently."""
        with pytest.raises(ValueError, match="unsupported language"):
            CATALOGS[0](next(iter(CATALOGS[0].messages)), "de")
