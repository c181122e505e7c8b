"""CSV cells can never run as spreadsheet formulas (issue 10, item 7)."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

from lib.spreadsheet import FormulaSafeExportMixin, SafeCsvWriter, neutralise

ROOT = Path(__file__).resolve().parents[2]
APPS = ["audio", "campaigns", "lib", "members", "newsletters", "newsroom", "payments", "config"]


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")'])
def test_formula_cells_become_text(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Ada", "", "a=b", "ada@example.com", -5, 3.5, None, date(2026, 1, 1)])
def test_other_cells_pass_unchanged(cell):
    assert neutralise(cell) == cell


def test_the_safe_writer_neutralises_every_cell():
    out = io.StringIO()
    SafeCsvWriter(out).writerows([["=cmd", "ok", 7]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=cmd", "ok", "7"]]


def _project_files():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "/tests/" not in str(path) and "/migrations/" not in str(path):
                yield path


def test_no_module_writes_csv_without_the_neutraliser():
    """A new export must use lib.spreadsheet: raw csv.writer/DictWriter is only allowed there."""
    raw = [
        str(path.relative_to(ROOT))
        for path in _project_files()
        if path.name != "spreadsheet.py" and re.search(r"csv\.(writer|DictWriter)\(", path.read_text())
    ]
    assert raw == []


def test_every_wagtail_list_export_of_ours_is_formula_safe():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    import django.apps

    for config in django.apps.apps.get_app_configs():
        if config.name in APPS:
            for module in ("admin_views", "wagtail_hooks", "views"):
                with contextlib.suppress(ImportError):
                    __import__(f"{config.name}.{module}")
    ours = [c for c in subclasses(SpreadsheetExportMixin) if c.__module__.split(".")[0] in APPS]
    assert ours, "the members list export should be found"
    unsafe = [c.__qualname__ for c in ours if not issubclass(c, FormulaSafeExportMixin)]
    assert unsafe == []


def test_every_module_with_a_list_export_uses_the_safe_mixin():
    """Viewsets that keep Wagtail's own index view would export unsafe CSV: they must name an
    index view class with FormulaSafeExportMixin."""
    unsafe = [
        str(path.relative_to(ROOT))
        for path in _project_files()
        if re.search(r"^\s+list_export\s*=", path.read_text(), re.M)
        and "FormulaSafeExportMixin" not in path.read_text()
    ]
    assert unsafe == []
