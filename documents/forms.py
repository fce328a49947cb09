"""Forms of the document pages: input validation only; documents.actions check the rules."""

import django_filters
from django import forms
from django.db.models import Prefetch, Q

from accounts.models import Role, User
from accounts.scoping import organizations_where
from documents import rules, typography
from documents.models import DOCUMENT_KINDS, Order, OrderKind
from organizations.models import Organization
from pairs.models import Pair, PairMentee
from people.models import Participant
from utilities.forms import UploadField, limit_choices
from utilities.widgets import DateInput


def managed_organizations(user):
    """Organizations where the user issues orders and keeps the templates."""
    return organizations_where(user, "manage_pairs").filter(kind__in=Organization.EDUCATIONAL_KINDS)


class OrderStepForm(forms.Form):
    """What decides the rest of the order: the organization and the kind."""

    organization = forms.ModelChoiceField(label="Организация", queryset=Organization.objects.none())
    kind = forms.ChoiceField(label="Вид приказа", choices=OrderKind.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        limit_choices(self.fields["organization"], managed_organizations(user))


def _pair_label(pair: Pair) -> str:
    mentees = ", ".join(item.mentee.full_name for item in pair.mentees.all())
    return f"{pair.mentor.full_name} — {mentees}; {pair.form.name}, {typography.term(pair.start_date, pair.planned_end_date)}"


def _change_label(change) -> str:
    what = (f"замена на {change.new_mentor.full_name} с {typography.date_short(change.effective_on)}"
            if change.new_mentor else f"продление до {typography.date_short(change.new_end_date)}")
    return f"{_pair_label(change.pair)}: {what} ({change.get_reason_display()})"


def _mentor_label(mentor: Participant) -> str:
    return f"{mentor.full_name} ({mentor.get_category_display()}, {mentor.organization.name})"


LABELS = {rules.PAIRS: _pair_label, rules.CHANGES: _change_label, rules.MENTORS: _mentor_label}


def choices(user, kind: str, organization):
    """What an order of `kind` may name, limited to what the user sees; None when it names nothing."""
    eligible = rules.eligible(kind, organization)
    names = rules.NAMES[kind]
    pairs = Pair.objects.visible_to(user).values("pk")
    mentees = PairMentee.objects.visible_to(user).filter(left_on__isnull=True).select_related("mentee")
    if names == rules.PAIRS:
        return eligible.filter(pk__in=pairs).select_related("mentor", "form").prefetch_related(
            Prefetch("mentees", queryset=mentees))
    if names == rules.CHANGES:
        return eligible.filter(pair__in=pairs).select_related("pair__mentor", "pair__form", "new_mentor").prefetch_related(
            Prefetch("pair__mentees", queryset=mentees))
    if names == rules.MENTORS:
        seen = Q(pk__in=Participant.objects.visible_to(user).values("pk")) | Q(mentored_pairs__in=pairs)
        return eligible.filter(seen).select_related("organization").distinct()
    return None


class ItemsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, queryset, names: str, **kwargs):
        super().__init__(queryset, **kwargs)
        self.names = names

    def label_from_instance(self, obj) -> str:
        return LABELS[self.names](obj)


class OrderForm(forms.Form):
    """The order's text, what it names and who signs it."""

    text = forms.CharField(label="Текст приказа", widget=forms.Textarea(attrs={"rows": 10}), required=False,
                           help_text="Пустая строка разделяет абзацы; пусто — текст по умолчанию.")
    signer = forms.ModelChoiceField(label="Подписывает", queryset=User.objects.none(), required=False,
                                    empty_label="— не указан —")
    signer_position = forms.CharField(label="Должность подписывающего", max_length=200, initial="Директор")

    ITEM_LABELS = {rules.PAIRS: "Пары (группы)", rules.CHANGES: "Изменения пар", rules.MENTORS: "Наставники"}

    def __init__(self, *args, user, kind: str, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = rules.NAMES[kind]
        if self.names:
            self.fields["items"] = ItemsField(choices(user, kind, organization), self.names,
                                              label=self.ITEM_LABELS[self.names], required=False)
            self.order_fields(["items"])
        heads = User.objects.visible_to(user).filter(roles__role=Role.HEAD, roles__organization=organization)
        self.fields["signer"].queryset = heads
        if len(heads) == 1:
            self.fields["signer"].initial = heads[0].pk
        self.fields["signer"].label_from_instance = User.get_full_name

    def clean_items(self):
        return list(self.cleaned_data["items"])


def order_initial(order: Order) -> dict:
    names = rules.NAMES[order.kind]
    return {"text": order.text, "signer": order.signer_id, "signer_position": order.signer_position,
            "items": list(getattr(order, names).values_list("pk", flat=True)) if names else []}


class RegisterForm(forms.Form):
    number = forms.CharField(label="Номер приказа", max_length=50)
    date = forms.DateField(label="Дата приказа", widget=DateInput())


class OrderFilter(django_filters.FilterSet):
    organization = django_filters.ModelChoiceFilter(label="Организация", queryset=Organization.objects.none(),
                                                    empty_label="все")
    kind = django_filters.ChoiceFilter(label="Вид", choices=OrderKind.choices, empty_label="все")
    status = django_filters.ChoiceFilter(label="Состояние", choices=Order.Status.choices, empty_label="все")

    class Meta:
        model = Order
        fields = ["organization", "kind", "status"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organization"].queryset = organizations_where(user, "view_organization").filter(
            kind__in=Organization.EDUCATIONAL_KINDS)


class TemplateUploadForm(forms.Form):
    organization = forms.ModelChoiceField(label="Организация", queryset=Organization.objects.none(),
                                          widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="Документ", choices=DOCUMENT_KINDS, widget=forms.HiddenInput)
    file = UploadField(label="Свой шаблон (DOCX)", widget=forms.ClearableFileInput(attrs={"accept": ".docx"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = managed_organizations(user)


class ParticipantSearchForm(forms.Form):
    q = forms.CharField(label="Фамилия, имя", required=False)
