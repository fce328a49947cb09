"""Widgets shared by the forms of every app."""

from django import forms


class DateInput(forms.DateInput):
    """The phone's own date picker; it sends ГГГГ-ММ-ДД, which DATE_INPUT_FORMATS accepts."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
