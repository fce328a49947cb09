"""Forms of the report pages: input validation only; reports.actions check the rules."""

from django import forms
from django.utils import timezone

from organizations.models import Organization
from programmes.stages import school_year_label, school_year_of
from reports.models import Report
from utilities.forms import limit_choices

NO_NAMES = "Отчёт уходит выше организации: без фамилий и имён участников."


def _years() -> list[tuple[int, str]]:
    current = school_year_of(timezone.localdate())
    return [(year, school_year_label(year)) for year in range(current, current - 5, -1)]


class CreateForm(forms.Form):
    organization = forms.ModelChoiceField(label="Организация", queryset=Organization.objects.none(), empty_label=None)
    year = forms.TypedChoiceField(label="Учебный год", coerce=int, choices=_years)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self.fields["organization"], organizations)


class TextsForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = [name for name, _ in Report.TEXTS]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields}
        help_texts = dict.fromkeys(fields, NO_NAMES)
