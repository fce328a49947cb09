"""Forms of the roadmap pages: input validation only; roadmaps.actions check the domain rules."""

import secrets

from django import forms
from django.core.exceptions import ValidationError

from documents.models import OrderKind
from meetings.models import Meeting
from organizations.models import Organization
from people import scans
from roadmaps.actions import MILESTONE_MEETINGS
from roadmaps.catalogue import TEMPLATES
from roadmaps.models import Item
from surveys.models import Campaign, Questionnaire
from utilities.forms import UploadField, limit_choices
from utilities.widgets import DateInput

EVIDENCE_REFUSED = "Подтверждающий документ принимается в формате PDF, JPEG или PNG."


def _period_fields(required: bool):
    return (forms.DateField(label="Начало периода", required=required, widget=DateInput(),
                            help_text="Сроки «после издания приказа» считаются от этой даты."),
            forms.DateField(label="Конец периода", required=required, widget=DateInput()))


class _OrganizationForm(forms.Form):
    organization = forms.ModelChoiceField(label="Организация", queryset=Organization.objects.none(), empty_label=None)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self.fields["organization"], organizations)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "Конец периода раньше его начала.")
        return data


class TemplateForm(_OrganizationForm):
    code = forms.ChoiceField(label="Образец", choices=[(t.code, t.name) for t in TEMPLATES.values()])
    starts_on, ends_on = _period_fields(required=False)

    field_order = ["organization", "code", "starts_on", "ends_on"]


class UploadForm(_OrganizationForm):
    file = UploadField(label="Файл DOCX или XLSX", help_text="Таблица: №, мероприятие, срок, ответственный, "
                                                             "результат; разделы — объединёнными строками.")
    starts_on, ends_on = _period_fields(required=False)


class ItemForm(forms.Form):
    number = forms.CharField(label="№", max_length=20, required=False)
    activity = forms.CharField(label="Мероприятие", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    term = forms.CharField(label="Срок (как написано)", max_length=500, required=False,
                           help_text="Например: «до 10.09.2026», «сентябрь – октябрь 2026 г.», «ежегодно».")
    due_on = forms.DateField(label="Дата срока вручную", required=False, widget=DateInput(),
                             help_text="Если срок не читается: дата, к которой мероприятие должно быть выполнено.")
    responsible = forms.CharField(label="Ответственный", max_length=1000, required=False)
    result = forms.CharField(label="Ожидаемый результат / вид документа", max_length=4000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


def confirmations() -> list[tuple[str, list[tuple[str, str]]]]:
    """The product's records that may complete an item, grouped; the values are Item.confirmed_by."""
    final = Campaign.Wave.FINAL
    surveys = [choice for q in Questionnaire.objects.order_by("stage", "title")
               for choice in ((f"survey:{q.code}", f"«{q.title}»"),
                              (f"survey:{q.code}:{final}", f"«{q.title}», итоговое"))]
    return [("Зарегистрирован приказ", [(f"order:{value}", label) for value, label in OrderKind.choices]),
            ("Закрыто анкетирование", surveys),
            ("Отправлен отчёт", [("report", "отчёт организации за учебный год периода")]),
            ("Проведена встреча", [(f"meeting:{kind}", Meeting.Kind(kind).label) for kind in MILESTONE_MEETINGS])]


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label="Выполнение", choices=Item.Status.choices)
    confirmed_by = forms.ChoiceField(label="Выполнено, когда в системе появится", required=False)
    evidence = UploadField(label="Подтверждающий документ (PDF, JPEG, PNG)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirmed_by"].choices = [("", "ничего — отмечается вручную"), *confirmations()]

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            head = upload.read(scans.HEAD)
            upload.seek(0)
            kind = scans.kind_of(head)
            if kind is None:
                raise ValidationError(EVIDENCE_REFUSED)
            upload.name = f"{secrets.token_hex(16)}.{kind}"  # never the sender's name on the disk
        return upload


class DecisionForm(forms.Form):
    comment = forms.CharField(label="Замечание в целом", max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item_{item['id']}"] = forms.CharField(
                label=f"{item['number']} {item['activity'][:80]}", max_length=4000, required=False,
                widget=forms.TextInput(attrs={"placeholder": "замечание к мероприятию"}))

    def comments(self) -> dict[int, str]:
        return {item["id"]: self.cleaned_data.get(f"item_{item['id']}", "") for item in self.items}
