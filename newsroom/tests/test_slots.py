"""Reader-page slots (newsroom/slots.py): newsroom's templates name no feature app; apps fill
the slots, in order, and within a group only the first fragment that renders something shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from wagtail import hooks

from newsroom import slots

ROOT = Path(__file__).resolve().parents[2]
FEATURE_APPS = ["audio", "newsletters", "members", "payments", "campaigns"]


def _feature_tag_libraries() -> set[str]:
    return {path.stem for app in FEATURE_APPS for path in (ROOT / app / "templatetags").glob("*.py")} - {"__init__"}


def test_newsroom_templates_load_include_and_link_no_feature_app():
    libraries = _feature_tag_libraries()
    assert "campaigns_tags" in libraries  # the scan itself can see what it must refuse
    offences = []
    for path in [*(ROOT / "templates").rglob("*.html"), *(ROOT / "newsroom" / "templates").rglob("*.html")]:
        text = path.read_text()
        for loaded in re.findall(r"{%\s*load\s+([^%]+)%}", text):
            offences += [f"{path.name}: load {name}" for name in loaded.split() if name in libraries]
        for app in FEATURE_APPS:
            if re.search(rf"""{{%\\s*(include|extends)\\s+["']{app}/""", text) or f"'{app}:" in text:
                offences.append(f"{path.name}: {app}")
    assert offences == []


@pytest.fixture
def scratch_slot():
    name = "newsroom_slot_footer_links"
    before = list(hooks._hooks.get(name, []))
    yield
    hooks._hooks[name] = before


def test_fragments_render_in_order_and_a_group_shows_its_first_filled_one(scratch_slot):
    slots.fragment("footer_links", order=30, group="ask")(lambda context: "<li>generic ask</li>")
    slots.fragment("footer_links", order=20, group="ask")(
        lambda context: "" if context.get("quiet") else "<li>drive</li>"
    )
    slots.fragment("footer_links", order=99)(lambda context: "<li>last</li>")
    template = Template('{% load slots %}{% slot "footer_links" %}')
    assert "<li>drive</li>" in template.render(Context({}))
    assert "generic ask" not in template.render(Context({}))
    quiet = template.render(Context({"quiet": True}))
    assert "<li>generic ask</li>" in quiet and quiet.index("generic ask") < quiet.index("last")


def test_an_unknown_slot_is_refused():
    with pytest.raises(ValueError, match="no reader-page slot"):
        slots.fragment("sidebar")(lambda context: "")
