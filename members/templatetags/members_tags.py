from django import template

from lib.templatetags.money import money

register = template.Library()

# Kept under its old library name so templates that `{% load members_tags %}` keep working; the
# one implementation is lib.money.format_money.
register.filter("money", money)
