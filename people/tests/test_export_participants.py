import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from organizations.models import Organization
from people import actions, exporting, importing, xlsx
from people.models import Participant
from people.tests.test_import_participants import PUPIL, TEACHER, pupil, workbook
from testing.fixtures import RegionTestCase, make_participant


def sheet(content: bytes) -> list[list]:
    """The rows of an XLSX file, header first, each as long as the header."""
    rows = [values for _, values in xlsx.read_sheet(io.BytesIO(content))]
    return [values + [None] * (len(rows[0]) - len(values)) for values in rows]


class ExportParticipantsTests(RegionTestCase):
    def export(self, user, **filters) -> list[list]:
        self.login(user)
        response = self.client.get(reverse("people:export"), filters)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], exporting.CONTENT_TYPE)
        self.assertIn("attachment;", response["Content-Disposition"])
        return sheet(response.content)

    def surnames(self, user, **filters) -> list[str]:
        return [row[0] for row in self.export(user, **filters)[1:]]

    def test_export_then_import_into_an_empty_organization_is_an_identity(self):
        rows = [PUPIL, TEACHER,
                pupil(Фамилия="Зайцев", Имя="Олег", Пол="м", Роль="наставник, наставляемый", Компетенции="робототехника",
                      Запрос="проект; олимпиада", **{"Класс/курс": "10"}),
                pupil(Фамилия="Белова", Форма_наставничества="", Запрос="", Согласие_на_обработку_ПД="нет",
                      Согласие_законного_представителя="нет", Законный_представитель="", Пол="", Телефон="")]
        self.assertEqual(importing.import_participants(workbook(*rows), organization=self.school_a,
                                                       actor=self.curator_a).errors, [])
        exported = self.export(self.curator_a)
        self.assertEqual(exported[0], xlsx.COLUMNS)
        self.assertEqual(len(exported), 1 + 6)  # the two of RegionTestCase and the four imported

        empty = Organization.objects.create(code="19-01-002", name="МБОУ «СОШ № 2»", kind="school",
                                            parent=self.municipality_a)
        file = io.BytesIO(self.client.get(reverse("people:export")).content)
        report = importing.import_participants(file, organization=empty, actor=self.curator_a)
        self.assertEqual(report.errors, [])
        again = sheet(exporting.export_participants(Participant.objects.filter(organization=empty)))
        self.assertEqual(again, exported)

        def people(organization):
            return sorted(Participant.objects.filter(organization=organization).values_list(
                *(f for f in actions.PARTICIPANT_FIELDS if f != "professional_experience_years"), "fio_key",
                "birth_year", "mentor_profile__forms", "mentee_profile__desired_form"))

        self.assertEqual(people(empty), people(self.school_a))

    def test_values_are_written_as_the_import_reads_them(self):
        importing.import_participants(workbook(PUPIL), organization=self.college, actor=None)
        header, row = self.export(User.objects.create_superuser("root"), organization=self.college.pk)
        values = dict(zip(header, row, strict=True))
        self.assertEqual(values["Дата рождения"], datetime.datetime(2013, 3, 14))
        self.assertEqual((values["Пол"], values["Категория"], values["Роль"], values["Класс/курс"]),
                         ("ж", "обучающийся", "наставляемый", "7Б"))
        self.assertEqual((values["Согласие на обработку ПД"], values["Согласие законного представителя"],
                          values["Законный представитель"]), ("да", "да", "Орлова Ольга Ивановна"))
        self.assertIsNone(values["Компетенции"])

    def test_a_curator_exports_only_their_school_and_nobody_above_the_school_exports(self):
        self.assertEqual(self.surnames(self.curator_a), ["Кузнецова", "Смирнов"])
        self.assertEqual(self.surnames(self.curator_b), ["Попов"])
        for user in (self.operator, self.municipal_a):
            self.login(user)
            self.assertEqual(self.client.get(reverse("people:export")).status_code, 403)

    def test_the_export_applies_the_filters_of_the_list(self):
        root = User.objects.create_superuser("root")
        self.assertEqual(self.surnames(root, role="mentor"), ["Смирнов"])
        self.assertEqual(self.surnames(root, q="кузн"), ["Кузнецова"])
        self.assertEqual(self.surnames(root, organization=self.municipality_b.pk), ["Попов"])

    def test_anonymised_participants_and_withdrawn_consents_are_not_exported(self):
        withdrawn = make_participant(self.school_a, "Орлов")
        actions.anonymize_participant(withdrawn, actor=self.curator_a)
        consent = self.pupil_a.consents.get(kind="representative")
        actions.withdraw_consent(consent, actor=self.curator_a, withdrawn_on=datetime.date(2026, 10, 1))
        rows = self.export(self.curator_a)
        self.assertEqual([row[0] for row in rows[1:]], ["Кузнецова", "Смирнов"])
        self.assertEqual(rows[1][-2:], ["нет", None])

    def test_the_export_makes_the_same_few_queries_however_many_participants(self):
        importing.import_participants(workbook(PUPIL, TEACHER), organization=self.college, actor=None)
        with self.assertNumQueries(4):
            exporting.export_participants(Participant.objects.all())

    def test_those_who_do_not_see_the_register_may_not_export(self):
        for user in (self.mentor_a, self.parent_a, self.stranger):
            self.login(user)
            self.assertEqual(self.client.get(reverse("people:export")).status_code, 403)

    def test_the_template_has_the_import_columns_and_a_sheet_of_allowed_values(self):
        self.login(self.curator_a)
        response = self.client.get(reverse("people:template"))
        self.assertEqual(sheet(response.content), [xlsx.COLUMNS])
        report = importing.import_participants(io.BytesIO(response.content), organization=self.college, actor=None)
        self.assertEqual([str(e) for e in report.errors], ["в файле нет ни одного участника"])
        self.assertEqual(load_workbook(io.BytesIO(response.content)).sheetnames, ["Участники", "Справочник"])
