"""Forms of the organization pages: input validation only."""

from django import forms

from organizations.actions import AGREEMENT_FIELDS
from organizations.models import Agreement
from utilities.widgets import DateInput


class AgreementForm(forms.Form):
    """An agreement of a partner with one of `counterparties` (where the user may manage agreements)."""

    def __init__(self, *args, counterparties, **kwargs):
        super().__init__(*args, **kwargs)
        widgets = {name: DateInput() for name in ("signed_on", "valid_from", "valid_until")}
        self.fields.update(forms.fields_for_model(Agreement, fields=AGREEMENT_FIELDS, widgets=widgets))
        self.fields["counterparty"].queryset = counterparties
        self.fields["valid_until"].help_text = "Пусто — бессрочно."
