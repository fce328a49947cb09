"""Forms of the participant pages: input validation only; the actions check the domain rules."""

from django import forms
from django.utils import timezone

from people.actions import MENTEE_FIELDS, MENTOR_FIELDS, PARTICIPANT_FIELDS
from people.models import Consent, MenteeProfile, MenteeRequest, MentorProfile, Participant
from programmes.eligibility import MAX_MENTEES
from programmes.models import MentorshipForm
from utilities.forms import limit_upload_size
from utilities.widgets import DateInput


def _model_fields(model, names: list[str]) -> dict:
    widgets = {f.name: DateInput() for f in model._meta.fields if f.get_internal_type() == "DateField"}
    return forms.fields_for_model(model, fields=names, widgets=widgets)


def _not_in_future(day, message: str):
    if day and day > timezone.localdate():
        raise forms.ValidationError(message)
    return day


class ParticipantForm(forms.Form):
    """Personal data of a participant; `organizations` (create only) are where the user may add one."""

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"] = forms.ModelChoiceField(label="Организация", queryset=organizations)
        self.fields.update(_model_fields(Participant, PARTICIPANT_FIELDS))
        self.fields["is_mentor"].label = "Наставник"
        self.fields["is_mentee"].label = "Наставляемый"

    def clean_birth_date(self):
        return _not_in_future(self.cleaned_data["birth_date"], "Дата рождения не может быть в будущем.")

    def clean(self):
        data = super().clean()
        if not data.get("is_mentor") and not data.get("is_mentee"):
            raise forms.ValidationError("Отметьте роль: наставник, наставляемый или обе.")
        return data


class MentorProfileForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_model_fields(MentorProfile, MENTOR_FIELDS))
        self.fields["forms"] = forms.ModelMultipleChoiceField(
            label="Готов к формам наставничества", queryset=MentorshipForm.objects.all(),
            widget=forms.CheckboxSelectMultiple, required=False,
        )
        self.fields["max_mentees"] = forms.IntegerField(
            label="Личный предел наставляемых", min_value=1, max_value=MAX_MENTEES, initial=MAX_MENTEES,
            help_text=f"Не больше {MAX_MENTEES} одновременно.",
        )

    def clean(self):
        data = super().clean()
        low, high = data.get("preferred_age_min"), data.get("preferred_age_max")
        if low is not None and high is not None and low > high:
            self.add_error("preferred_age_max", "Верхняя граница возраста меньше нижней.")
        return data


class MenteeProfileForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_model_fields(MenteeProfile, MENTEE_FIELDS))
        # The catalogue's variants under their form: «лидер – пассивный» of three forms is three choices.
        self.fields["desired_variant"].choices = [("", "—")] + [
            (form.name, [(variant.pk, variant.name) for variant in form.variants.all()])
            for form in MentorshipForm.objects.prefetch_related("variants")]
        self.fields["desired_variant"].help_text = "Вариация желаемой формы; без формы — форма вариации."


class RequestForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_model_fields(MenteeRequest, ["text", "area", "stated_by"]))


class ConsentForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_model_fields(Consent, ["kind", "given_on", "representative_name", "scan"]))
        self.fields["representative_name"].help_text = "Для согласия законного представителя."
        self.fields["scan"].widget.attrs["accept"] = "application/pdf,image/*"
        self.fields["scan"].validators.append(limit_upload_size)


class WithdrawalForm(forms.Form):
    withdrawn_on = forms.DateField(label="Дата отзыва", widget=DateInput(), initial=timezone.localdate)

    def clean_withdrawn_on(self):
        return _not_in_future(self.cleaned_data["withdrawn_on"], "Дата отзыва не может быть в будущем.")
