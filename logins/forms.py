"""Forms of the invitation and self-service pages: input only; logins.actions checks the rules."""

from django import forms

from logins.models import Invitation
from people.models import MenteeRequest
from programmes.eligibility import MAX_MENTEES


class InviteForm(forms.Form):
    kind = forms.ChoiceField(label="Кого приглашаем", choices=Invitation.Kind.choices, initial=Invitation.Kind.OWN)
    invitee_name = forms.CharField(label="ФИО законного представителя", max_length=300, required=False,
                                   help_text="Только для приглашения родителя (законного представителя).")
    email = forms.EmailField(label="E-mail", required=False,
                             help_text="Со ссылкой по почте; без адреса — листок с одноразовым кодом (DOCX).")


class ClassSheetForm(forms.Form):
    organization = forms.ModelChoiceField(label="Организация", queryset=None)
    grade = forms.IntegerField(label="Класс/курс", min_value=0, max_value=12)
    grade_letter = forms.CharField(label="Литера", max_length=3, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0].pk


class CodeForm(forms.Form):
    code = forms.CharField(label="Код из листка", max_length=40, widget=forms.TextInput(
        attrs={"autocomplete": "one-time-code", "autocapitalize": "characters", "placeholder": "XXXXX-XXXXX"}))


class NewPasswordForm(forms.Form):
    """The login and password a person chooses (only the password when they already have a login)."""

    username = forms.CharField(label="Логин", max_length=150, help_text="Латинские буквы, цифры и знаки @.+-_")
    password = forms.CharField(label="Пароль", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password_again = forms.CharField(label="Пароль ещё раз",
                                     widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, has_login: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if has_login:
            del self.fields["username"]

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", "Пароли не совпадают.")
        data.pop("password_again", None)
        return data


class QuestionnaireForm(forms.Form):
    """Stages 2–3: «Чем я могу быть полезен в качестве наставника?» and the mentee's request, as the person
    answers them; the fields shown follow the record's roles."""

    interests = forms.CharField(label="Мои интересы", required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 2}), help_text="Через запятую.")
    useful_for = forms.CharField(label="Чем я могу быть полезен в качестве наставника?", required=False,
                                 max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    competences = forms.CharField(label="Мои компетенции", required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}), help_text="Через запятую.")
    hours_per_month = forms.IntegerField(label="Сколько часов в месяц готов уделять", required=False,
                                         min_value=1, max_value=200)
    max_mentees = forms.IntegerField(label="Сколько наставляемых могу взять", min_value=1, max_value=MAX_MENTEES,
                                     initial=MAX_MENTEES, help_text=f"Не больше {MAX_MENTEES}.")
    request_text = forms.CharField(label="Мой запрос: с чем мне нужна помощь наставника", required=False,
                                   max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    request_area = forms.ChoiceField(label="Область запроса", choices=MenteeRequest.Area.choices,
                                     initial=MenteeRequest.Area.OTHER)

    MENTOR_ONLY = ("useful_for", "competences", "hours_per_month", "max_mentees")
    MENTEE_ONLY = ("request_text", "request_area")

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        for name in () if participant.is_mentor else self.MENTOR_ONLY:
            del self.fields[name]
        for name in () if participant.is_mentee else self.MENTEE_ONLY:
            del self.fields[name]
