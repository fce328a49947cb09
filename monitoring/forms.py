import datetime

from django import forms

from monitoring.indicators import DENOMINATORS, INDICATORS
from monitoring.models import Denominator, Target


class DayForm(forms.Form):
    date = forms.DateField(label="На дату", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                           input_formats=["%Y-%m-%d", "%d.%m.%Y"])


class FiguresForm(forms.Form):
    """A territory's (or an organization's) denominators and targets of one year; an empty field removes its number."""

    def __init__(self, *args, territory, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.territory, self.year = territory, year
        own = int(territory.is_educational)  # the label of an organization's own pupils
        entered = dict(Denominator.objects.filter(territory=territory, year=year).values_list("kind", "value"))
        for kind, labels in DENOMINATORS.items():
            self.fields[f"denominator_{kind}"] = forms.IntegerField(
                label=labels[own], required=False, min_value=0, max_value=100_000_000, initial=entered.get(kind))
        targets = dict(Target.objects.filter(territory=territory, year=year).values_list("indicator", "value"))
        for indicator in INDICATORS:
            self.fields[f"target_{indicator.code}"] = forms.DecimalField(
                label=indicator.name, required=False, min_value=0, max_value=100, max_digits=4, decimal_places=1,
                initial=targets.get(indicator.code), help_text="Пусто — цель территории выше или по умолчанию.")

    def figures(self) -> dict:
        data = self.cleaned_data
        return {"denominators": {kind: data[f"denominator_{kind}"] for kind in DENOMINATORS},
                "targets": {i.code: data[f"target_{i.code}"] for i in INDICATORS}}


def year_of(text: str | None, default: int) -> int:
    """The year asked for in the address (?year=2026), else `default`."""
    try:
        year = int(text or default)
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


def today_or(form: DayForm) -> datetime.date | None:
    return form.cleaned_data.get("date") if form.is_valid() else None
