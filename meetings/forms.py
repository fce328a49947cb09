"""Forms of the meeting pages: input validation only; meetings.actions check the rules."""

import datetime

from django import forms
from django.utils import timezone

from meetings import questions
from meetings.models import Feedback, Meeting
from pairs.models import PlanItem
from people.models import Participant
from utilities.forms import limit_choices
from utilities.widgets import DateInput


class DateTimeInput(forms.DateTimeInput):
    """The phone's own date-and-time picker."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="Вид встречи", choices=Meeting.Kind.choices)
    pairs = forms.ModelMultipleChoiceField(label="Пара (для групповой встречи — несколько)", queryset=None,
                                           widget=forms.CheckboxSelectMultiple,
                                           error_messages={"required": "Выберите пару или группу."})
    starts_at = forms.DateTimeField(label="Дата и время", widget=DateTimeInput(),
                                    input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"])
    duration_minutes = forms.IntegerField(label="Длительность, мин", min_value=5, max_value=480, initial=45)
    format = forms.ChoiceField(label="Формат", choices=Meeting.Format.choices, initial=Meeting.Format.IN_PERSON)
    place = forms.CharField(label="Место", max_length=200, required=False)
    link = forms.URLField(label="Ссылка (для дистанционной)", max_length=500, required=False, assume_scheme="https")
    topic = forms.CharField(label="Тема", max_length=300)
    summary = forms.CharField(label="Что сделано (если встреча уже прошла)", widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=5000, required=False)

    def __init__(self, *args, pairs, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self.fields["pairs"], pairs)
        self.fields["pairs"].label_from_instance = lambda pair: f"{pair.mentor.full_name} — " + ", ".join(
            m.mentee.full_name for m in pair.mentees.all())


class RecordForm(forms.Form):
    summary = forms.CharField(label="Что сделано", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    attendees = forms.ModelMultipleChoiceField(label="Присутствовали", queryset=Participant.objects.none(),
                                               widget=forms.CheckboxSelectMultiple, required=False)
    plan_items = forms.ModelMultipleChoiceField(label="Пункты плана", queryset=PlanItem.objects.none(),
                                                widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, people, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = people
        self.fields["plan_items"].queryset = items


SCALE = [(n, str(n)) for n in range(1, 6)]


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["usefulness", "comfort", "progress", "went_well", "to_change", "next_step"]
        widgets = {name: forms.RadioSelect(choices=SCALE, attrs={"class": "scale"})
                   for name in ("usefulness", "comfort", "progress")} | {
            name: forms.Textarea(attrs={"rows": 2}) for name in ("went_well", "to_change", "next_step")}


class PauseForm(forms.Form):
    start = forms.DateField(label="С", widget=DateInput())
    reason = forms.CharField(label="Причина", max_length=300)


class ResumeForm(forms.Form):
    on = forms.DateField(label="Последний день приостановки", widget=DateInput())


class ScheduleForm(forms.Form):
    period_days = forms.IntegerField(label="Регулярная встреча не реже чем раз в (дней)", min_value=1, max_value=60)


class HolidayForm(forms.Form):
    title = forms.CharField(label="Каникулы", max_length=100, initial="Каникулы")
    start = forms.DateField(label="С", widget=DateInput())
    end = forms.DateField(label="По", widget=DateInput())


def report_form(kind: str, mentees=None):
    """The form of a report of `kind`, built from its questions (meetings.questions)."""
    fields = {}
    if kind == "monthly_report":
        fields["month"] = forms.DateField(label="Месяц (любой его день)", widget=DateInput(),
                                          initial=lambda: timezone.localdate().replace(day=1))
    if mentees is not None:
        fields["about"] = forms.TypedChoiceField(label="Наставляемый", coerce=int, choices=mentees)
    for q in questions.QUESTIONS[kind]:
        fields[q.code] = (forms.TypedChoiceField(label=q.label, choices=SCALE, coerce=str, widget=forms.RadioSelect)
                          if q.scale else forms.CharField(label=q.label, required=q.required, max_length=5000,
                                                          widget=forms.Textarea(attrs={"rows": 3})))
    return type("ReportForm", (forms.Form,), fields)


def month_of(day: datetime.date | None) -> datetime.date | None:
    return day.replace(day=1) if day else None
