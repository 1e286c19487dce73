"""Dates as people write them: ``22 januari 2024``, ``in november 2023``, in Dutch and English."""

from __future__ import annotations

import datetime
import doctest

import pytest

import agenda.numbers
from agenda.numbers import date


class TestDate:
    """:func:`agenda.numbers.date` writes ISO dates, months and years as running text."""

    def test_doctests(self) -> None:
        """The examples in the module's docstrings hold."""
        assert doctest.testmod(agenda.numbers).failed == 0

    @pytest.mark.parametrize(
        ("value", "lang", "expected"),
        [
            ("2024-01-22", "nl", "22 januari 2024"),
            ("2024-03-01", "nl", "1 maart 2024"),
            ("2023-11", "nl", "november 2023"),
            ("2019", "nl", "2019"),
            (2019, "nl", "2019"),
            (datetime.date(2024, 12, 5), "nl", "5 december 2024"),
            ("2024-01-22", "en", "22 January 2024"),
            ("2023-11", "en", "November 2023"),
        ],
    )
    def test_forms(self, value: object, lang: str, expected: str) -> None:
        """A day, a month and a year each get the form a person writes, with the month in words."""
        assert date(value, lang) == expected  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("value", "lang", "expected"),
        [
            ("2024-01-22", "nl", "op 22 januari 2024"),
            ("2023-11", "nl", "in november 2023"),
            ("2019", "nl", "in 2019"),
            ("2024-01-22", "en", "on 22 January 2024"),
            ("2023-11", "en", "in November 2023"),
        ],
    )
    def test_preposition(self, value: str, lang: str, expected: str) -> None:
        """With ``preposition`` the date carries the word a sentence needs before it."""
        assert date(value, lang, preposition=True) == expected

    @pytest.mark.parametrize("value", ["voorjaar 2024", "2024-13", "2024-02-40", "24-01-2024", ""])
    def test_other_text_kept(self, value: str) -> None:
        """Text that is not an ISO date, month or year is returned as written, never guessed at."""
        assert date(value) == value

    def test_unknown_language(self) -> None:
        """An unsupported language is refused, as everywhere else."""
        with pytest.raises(ValueError, match="unsupported language"):
            date("2024-01-22", "de")
