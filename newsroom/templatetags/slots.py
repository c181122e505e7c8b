"""`{% slot "name" %}`: whatever the installed apps registered for that reader-page slot
(newsroom/slots.py); `{% slot "name" as html %}` keeps it in a variable, e.g. to add a wrapper
only when the slot is filled."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from newsroom.slots import render_slot

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context: template.Context, name: str) -> SafeString:
    return render_slot(name, context)
