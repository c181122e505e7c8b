"""Sign-up, new-link and preference forms. Rendered without a CSRF token (see views.py)."""

from __future__ import annotations

from django import forms

INVALID_EMAIL = "Please enter a valid email address"


class SignupForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        error_messages={"required": INVALID_EMAIL, "invalid": INVALID_EMAIL},
    )
    newsletters = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={
            "required": "Choose at least one newsletter.",
            "invalid_choice": "Choose one of the newsletters listed.",
        },
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    website = forms.CharField(required=False)
    form = forms.CharField(required=False, max_length=40)
    page = forms.CharField(required=False, max_length=500)

    def __init__(self, *args, newsletter_choices: list[tuple[int, str]], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["newsletters"].choices = newsletter_choices  # type: ignore[attr-defined]

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class EmailOnlyForm(forms.Form):
    email = forms.EmailField(max_length=254, error_messages={"required": INVALID_EMAIL, "invalid": INVALID_EMAIL})


class PreferencesForm(forms.Form):
    newsletters = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, newsletter_choices: list[tuple[int, str]], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["newsletters"].choices = newsletter_choices  # type: ignore[attr-defined]
