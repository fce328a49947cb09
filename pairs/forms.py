"""Forms of the pair pages: input validation only; pairs.actions check the domain rules."""

from django import forms

from accounts.scoping import organizations_where
from organizations.models import Organization
from pairs.models import EXTENSION_REASONS, REPLACEMENT_REASONS
from people.models import Participant
from programmes.models import MentoringKind, MentorshipForm, RoleModelVariant
from utilities.forms import limit_choices
from utilities.widgets import DateInput

# A change of these fields reloads the candidates (htmx, see pair_form.html).
STEP = {"data-step": "1"}
TERM_HELP = "Пусто — до конца учебного года (или программы организации), а если раньше — до выпуска ученика пары."


class PairStepForm(forms.Form):
    """What decides who may be chosen: the organization, the form and the term."""

    organization = forms.ModelChoiceField(label="Организация", queryset=Organization.objects.none(),
                                          widget=forms.Select(attrs=STEP))
    form = forms.ModelChoiceField(label="Форма наставничества", queryset=MentorshipForm.objects.all(),
                                  widget=forms.Select(attrs=STEP))
    start_date = forms.DateField(label="Начало", widget=DateInput(attrs=STEP))
    planned_end_date = forms.DateField(label="Плановое окончание", widget=DateInput(), required=False,
                                       help_text=TERM_HELP)
    variant = forms.ModelChoiceField(label="Вариация ролевой модели", queryset=RoleModelVariant.objects.none(),
                                     required=False)
    kind = forms.ChoiceField(label="Вид наставничества", choices=MentoringKind.choices,
                             initial=MentoringKind.TRADITIONAL)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self.fields["organization"],
                      organizations_where(user, "manage_pairs").filter(kind__in=Organization.EDUCATIONAL_KINDS))
        form_id = self.data.get("form") or None
        if form_id and str(form_id).isdigit():
            self.fields["variant"].queryset = RoleModelVariant.objects.filter(form=form_id)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("planned_end_date")
        if start and end and end <= start:
            self.add_error("planned_end_date", "Окончание должно быть позже начала.")
        return data


class PairForm(PairStepForm):
    """The whole new pair: the step fields, the mentor and the mentees among those the user sees."""

    mentor = forms.ModelChoiceField(label="Наставник", queryset=Participant.objects.none(),
                                    error_messages={"required": "Выберите наставника."})
    mentees = forms.ModelMultipleChoiceField(label="Наставляемые", queryset=Participant.objects.none(),
                                             error_messages={"required": "Выберите хотя бы одного наставляемого."})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        visible = Participant.objects.visible_to(user).active()
        self.fields["mentor"].queryset = visible.filter(is_mentor=True)
        self.fields["mentees"].queryset = visible.filter(is_mentee=True)

    def clean_mentees(self):
        return list(self.cleaned_data["mentees"])


class ConfirmForm(forms.Form):
    """A transition with nothing to fill in: the button is the confirmation."""


class CompleteForm(forms.Form):
    on = forms.DateField(label="Дата завершения", widget=DateInput())


class TerminateForm(forms.Form):
    on = forms.DateField(label="Дата прекращения", widget=DateInput())
    reason = forms.CharField(label="Основание", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             initial="Наставляемый не выполняет свои обязанности.")


class ExtensionForm(forms.Form):
    reason = forms.ChoiceField(label="Основание", choices=[(r.value, r.label) for r in EXTENSION_REASONS])
    new_end_date = forms.DateField(label="Новое окончание", widget=DateInput())


class ReplacementForm(forms.Form):
    """The new mentor is one of `mentors` (the eligible candidates the page lists)."""

    reason = forms.ChoiceField(label="Основание", choices=[(r.value, r.label) for r in REPLACEMENT_REASONS])
    on = forms.DateField(label="Дата замены", widget=DateInput())
    new_mentor = forms.ModelChoiceField(label="Новый наставник", queryset=Participant.objects.none(),
                                        widget=forms.RadioSelect,
                                        error_messages={"required": "Выберите нового наставника."})

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_mentor"].queryset = mentors


class PlanItemForm(forms.Form):
    section = forms.CharField(label="Раздел", max_length=200,
                              widget=forms.TextInput(attrs={"list": "plan-sections"}))
    title = forms.CharField(label="Мероприятие", max_length=500,
                            widget=forms.TextInput(attrs={"list": "plan-titles"}))
    deadline = forms.DateField(label="Срок", widget=DateInput())
    responsible = forms.CharField(label="Ответственный", max_length=200, initial="наставник",
                                  widget=forms.TextInput(attrs={"list": "plan-responsible"}))


class ItemDoneForm(forms.Form):
    on = forms.DateField(label="Выполнено", widget=DateInput())
    result = forms.CharField(label="Результат", required=False, widget=forms.Textarea(attrs={"rows": 2}))
