import datetime
import io
import subprocess
import sys
import tempfile
import zipfile
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from audit.models import AuditEntry
from people import importing, xlsx
from people.models import Consent, MenteeProfile, MenteeRequest, MentorProfile, Participant, PendingImport
from testing.fixtures import RegionTestCase

PUPIL = {
    "Фамилия": "Орлова", "Имя": "Анна", "Отчество": "Сергеевна", "Дата рождения": "14.03.2013", "Пол": "ж",
    "Категория": "обучающийся", "Роль": "наставляемый", "Класс/курс": "7Б", "Форма наставничества": "ученик – ученик",
    "Интересы": "шахматы, театр", "Запрос": "подготовка к олимпиаде по математике", "E-mail": "anna@example.ru",
    "Телефон": "+7 913 000-00-01", "Согласие на обработку ПД": "да", "Согласие законного представителя": "да",
    "Законный представитель": "Орлова Ольга Ивановна",
}
TEACHER = {
    "Фамилия": "Гусев", "Имя": "Пётр", "Отчество": "Ильич", "Дата рождения": datetime.date(1979, 1, 30), "Пол": "м",
    "Категория": "педагог", "Роль": "наставник", "Педагогический стаж, лет": 20,
    "Форма наставничества": "учитель-учитель; ученик – ученик", "Компетенции": "физика, олимпиады",
    "Согласие на обработку ПД": "Да", "Согласие законного представителя": "нет",
}


def workbook(*rows: dict, header=xlsx.COLUMNS) -> io.BytesIO:
    """An XLSX file with `header` and one line per dict of {column: value}."""
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append([row.get(column) for column in header])
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    return stream


def pupil(**changes) -> dict:
    return {**PUPIL, **{column.replace("_", " "): value for column, value in changes.items()}}


class ImportParticipantsTests(RegionTestCase):
    def load(self, *rows, organization=None, **kwargs) -> importing.ImportReport:
        return importing.import_participants(workbook(*rows, **kwargs), organization=organization or self.college,
                                             actor=self.curator_a)

    def errors(self, *rows, **kwargs) -> list[str]:
        return [str(e) for e in self.load(*rows, **kwargs).errors]

    def state(self) -> list[int]:
        return [m.objects.count() for m in (Participant, MentorProfile, MenteeProfile, MenteeRequest, Consent,
                                             AuditEntry, MentorProfile.forms.through)]

    def test_a_valid_file_creates_participants_with_profiles_requests_consents_and_audit_rows(self):
        report = self.load(PUPIL, TEACHER)
        self.assertEqual(report.errors, [])
        self.assertTrue(report.written)
        anna = Participant.objects.get(organization=self.college, last_name="Орлова")
        self.assertEqual((anna.birth_date, anna.birth_year, anna.sex, anna.grade, anna.grade_letter),
                         (datetime.date(2013, 3, 14), 2013, "f", 7, "Б"))
        self.assertEqual(anna.fio_key, "орлова|анна|сергеевна")
        self.assertTrue(anna.is_mentee and not anna.is_mentor)
        self.assertEqual(anna.mentee_profile.desired_form, self.pupil_pupil)
        request = anna.requests.get()
        self.assertEqual((request.text, request.stated_by), ("подготовка к олимпиаде по математике", "self"))
        today = timezone.localdate()
        consents = {c.kind: c for c in anna.consents.all()}
        self.assertEqual(set(consents), {Consent.Kind.PERSONAL_DATA, Consent.Kind.REPRESENTATIVE})
        self.assertEqual(consents["representative"].representative_name, "Орлова Ольга Ивановна")
        self.assertTrue(all(c.given_on == today and c.recorded_by == self.curator_a for c in consents.values()))

        petr = Participant.objects.get(organization=self.college, last_name="Гусев")
        self.assertEqual((petr.teaching_experience_years, petr.birth_date), (20, datetime.date(1979, 1, 30)))
        profile = petr.mentor_profile
        self.assertEqual((profile.source, profile.competences), ("teachers", "физика, олимпиады"))
        self.assertEqual({f.code for f in profile.forms.all()}, {"teacher_teacher", "pupil_pupil"})
        self.assertEqual([c.kind for c in petr.consents.all()], ["personal_data"])

        entries = AuditEntry.objects.filter(organization=self.college, action="create", object_type="participant")
        self.assertEqual({e.participant for e in entries}, {anna, petr})
        self.assertTrue(all(e.actor == self.curator_a for e in entries))
        self.assertEqual(entries.get(participant=anna).changes["last_name"], [None, "Орлова"])

    def test_a_participant_who_is_both_mentor_and_mentee_gets_both_profiles(self):
        self.load(pupil(Роль="наставник, наставляемый", Компетенции="математика"))
        anna = Participant.objects.get(last_name="Орлова")
        self.assertTrue(anna.is_mentor and anna.is_mentee)
        self.assertEqual(anna.mentor_profile.source, "pupils")
        self.assertEqual(list(anna.mentor_profile.forms.all()), [self.pupil_pupil])
        self.assertEqual(anna.mentee_profile.desired_form, self.pupil_pupil)

    def test_any_error_leaves_the_database_unchanged(self):
        before = self.state()
        report = self.load(PUPIL, TEACHER, pupil(Фамилия="Лебедева", Дата_рождения="31.02.2013"))
        self.assertEqual([str(e) for e in report.errors], ["строка 4, «Дата рождения»: такой даты нет"])
        self.assertFalse(report.written)
        self.assertEqual(self.state(), before)

    def test_every_error_kind_is_named_with_its_row_and_column(self):
        rows = [
            pupil(Фамилия="", Имя=""),
            pupil(Дата_рождения="2013-03-14"),
            pupil(Дата_рождения="01.01.2099"),
            pupil(Категория="школьник"),
            pupil(Роль="куратор"),
            pupil(Пол="мужской"),
            pupil(**{"Класс/курс": "12А"}),
            {**TEACHER, "Педагогический стаж, лет": "двадцать"},
            pupil(Форма_наставничества="ученик – учитель"),
            pupil(**{"E-mail": "anna@"}),
            pupil(Телефон="звонить маме"),
            pupil(Согласие_на_обработку_ПД="конечно"),
            pupil(Законный_представитель=""),
            pupil(Согласие_законного_представителя="нет"),
            pupil(Фамилия="Я" * 101),
        ]
        self.assertEqual(self.errors(*rows), [
            "строка 2, «Фамилия»: не заполнено",
            "строка 2, «Имя»: не заполнено",
            "строка 3, «Дата рождения»: ожидается дата ДД.ММ.ГГГГ",
            "строка 4, «Дата рождения»: дата рождения позже сегодняшней",
            "строка 5, «Категория»: неизвестная категория; допустимо: «обучающийся», «студент», «педагог», "
            "«выпускник», «родитель», «сотрудник организации-партнёра», «другое»",
            "строка 6, «Роль»: неизвестная роль; допустимо: «наставник», «наставляемый», «наставник, наставляемый»",
            "строка 7, «Пол»: неизвестный пол; допустимо: «м», «ж»",
            "строка 8, «Класс/курс»: ожидается класс или курс: число от 1 до 11 и, для класса, буква, например «7Б»",
            "строка 9, «Педагогический стаж, лет»: ожидается целое число от 0 до 70",
            "строка 10, «Форма наставничества»: неизвестная форма «ученик – учитель»; допустимо: «ученик – ученик», "
            "«учитель – учитель», «студент – ученик», «работодатель – ученик», «работодатель – студент», "
            "«студент – студент», «руководитель образовательной организации – педагог», "
            "«педагог вуза/колледжа – молодой педагог»",
            "строка 11, «E-mail»: неверный адрес электронной почты",
            "строка 12, «Телефон»: ожидается номер телефона: цифры, пробелы, «+», «-», скобки",
            "строка 13, «Согласие на обработку ПД»: ожидается «да» или «нет»",
            "строка 14, «Законный представитель»: не заполнено, а согласие законного представителя дано "
            "(участник несовершеннолетний)",
            "строка 15, «Законный представитель»: указан, а согласия законного представителя нет",
            "строка 16, «Фамилия»: не длиннее 100 символов",
        ])

    def test_cells_that_do_not_apply_to_the_role_are_left_out_with_a_note_and_the_file_loads(self):
        young_teacher = {**TEACHER, "Фамилия": "Молодцова", "Роль": "наставляемый", "Педагогический стаж, лет": 1,
                         "Форма наставничества": "учитель – учитель; руководитель образовательной организации – "
                                                 "педагог", "Компетенции": "история, краеведение"}
        mentor = {**TEACHER, "Запрос": "хочу наставника"}
        report = self.load(young_teacher, mentor)
        self.assertEqual(report.errors, [])
        self.assertTrue(report.written)
        self.assertEqual([str(note) for note in report.notes], [
            "строка 2, «Форма наставничества»: не сохранена: у наставляемого одна желаемая форма, а указано несколько",
            "строка 2, «Компетенции»: не сохранены: компетенции хранятся в профиле наставника, а участник только "
            "наставляемый",
            "строка 3, «Запрос»: не сохранены: запросы бывают только у наставляемого",
        ])
        teacher = Participant.objects.get(last_name="Молодцова")
        self.assertEqual((teacher.teaching_experience_years, teacher.mentee_profile.desired_form), (1, None))
        self.assertFalse(MentorProfile.objects.filter(participant=teacher).exists())
        self.assertFalse(MenteeRequest.objects.exists())

    def test_duplicates_in_the_file_and_in_the_organization_are_refused(self):
        same_anna = pupil(Фамилия=" орлова ", Отчество="Сергеевна", Дата_рождения=datetime.date(2013, 3, 14))
        smirnov = pupil(Фамилия="Смирнов", Имя="Иван", Отчество="", Дата_рождения="03.03.2010", Пол="м")
        self.assertEqual(self.errors(PUPIL, same_anna, smirnov, organization=self.school_a), [
            "строка 3, «Фамилия»: те же ФИО и дата рождения, что в строке 2",
            "строка 4, «Фамилия»: участник с такими ФИО и датой рождения уже есть в организации",
        ])

    def test_duplicate_check_ignores_case_yo_and_spaces(self):
        self.load(pupil(Фамилия="Семёнова"))
        self.assertEqual(self.errors(pupil(Фамилия="  СЕМЕНОВА ", Имя="анна")),
                         ["строка 2, «Фамилия»: участник с такими ФИО и датой рождения уже есть в организации"])

    def test_a_concurrent_insert_of_the_same_person_gives_the_same_russian_error(self):
        self.load(PUPIL)
        before = self.state()
        with mock.patch.object(importing, "existing_identities", side_effect=[set(), {("орлова|анна|сергеевна",
                                                                                    datetime.date(2013, 3, 14))}]):
            report = self.load(PUPIL, TEACHER)
        self.assertEqual([str(e) for e in report.errors],
                         ["строка 2, «Фамилия»: участник с такими ФИО и датой рождения уже есть в организации"])
        self.assertEqual(self.state(), before)

    def test_unknown_repeated_and_missing_columns_are_reported_on_the_header_row(self):
        header = ["Фамилия", "Имя", "Возраст", "Имя", "Категория", "Роль"]
        self.assertEqual(self.errors(PUPIL, header=header), [
            "строка 1, «Возраст»: неизвестный столбец",
            "строка 1, «Имя»: столбец повторяется",
            "строка 1, «Дата рождения»: нет обязательного столбца",
        ])

    def test_columns_come_in_any_order_and_spelling(self):
        header = ["роль", "  ДАТА   рождения", "Фамилия", "имя", "категория", "согласие на обработку пд",
                  "класс / курс", "e-mail"]
        book = Workbook()
        book.active.append(header)
        book.active.append(["Наставляемый", "14.03.2013", "Орлова", "Анна", "Обучающийся", "ДА", "5 в", "a@b.ru"])
        stream = io.BytesIO()
        book.save(stream)
        stream.seek(0)
        report = importing.import_participants(stream, organization=self.college, actor=None)
        self.assertEqual(report.errors, [])
        anna = Participant.objects.get(last_name="Орлова")
        self.assertEqual((anna.grade, anna.grade_letter, anna.email), (5, "В", "a@b.ru"))
        self.assertEqual(anna.consents.get().kind, "personal_data")
        self.assertIsNone(anna.consents.get().recorded_by)

    def test_labels_tolerate_case_yo_spaces_and_the_kind_of_dash(self):
        rows = [
            {**TEACHER, "Категория": "Сотрудник  организации-партнера", "Форма наставничества": "РАБОТОДАТЕЛЬ-ученик"},
            pupil(Фамилия="Ким", Категория="педагог", Роль="наставляемый, наставник", Форма_наставничества="педагог - педагог",
                  Дата_рождения="1.9.1999", Законный_представитель="", Согласие_законного_представителя="", Запрос=""),
        ]
        self.assertEqual(self.errors(*rows), [])
        self.assertEqual(Participant.objects.get(last_name="Гусев").category, "partner_employee")
        self.assertEqual(Participant.objects.get(last_name="Гусев").mentor_profile.source, "enterprises")
        kim = Participant.objects.get(last_name="Ким")
        self.assertEqual(kim.birth_date, datetime.date(1999, 9, 1))
        self.assertEqual(kim.mentee_profile.desired_form.code, "teacher_teacher")

    def test_blank_rows_are_skipped_and_rows_are_numbered_as_excel_shows_them(self):
        self.assertEqual(self.errors(PUPIL, {}, pupil(Фамилия="Лебедева", Пол="?")),
                         ["строка 4, «Пол»: неизвестный пол; допустимо: «м», «ж»"])

    def test_a_file_that_is_not_xlsx_an_empty_sheet_and_a_header_alone_are_refused(self):
        def errors(stream):
            return [str(e) for e in importing.import_participants(stream, organization=self.college, actor=None).errors]

        self.assertEqual(errors(io.BytesIO("Фамилия;Имя\n".encode())), ["файл не является книгой Excel (XLSX)"])
        empty = io.BytesIO()
        Workbook().save(empty)
        self.assertEqual(errors(empty), ["лист пуст: нет строки заголовков"])
        self.assertEqual(self.errors(), ["в файле нет ни одного участника"])

    def test_participants_are_not_imported_into_a_region_or_a_municipality(self):
        self.assertEqual(self.errors(PUPIL, organization=self.municipality_a), [
            "в «г. Абакан» участников не загружают: выберите образовательную организацию или партнёра"])

    def test_dry_run_checks_everything_and_writes_nothing(self):
        before = self.state()
        report = importing.import_participants(workbook(PUPIL, TEACHER), organization=self.college, actor=None,
                                               dry_run=True)
        self.assertEqual((report.errors, report.written, len(report.rows)), ([], False, 2))
        self.assertEqual(self.state(), before)


class ImportCommandTests(RegionTestCase):
    def run_command(self, *rows, org="19-01-101", options=()) -> tuple[int, str, str]:
        """Exit status (as manage.py exits), stdout and stderr of `import_participants` on a file of `rows`."""
        out, err = io.StringIO(), io.StringIO()
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
            file.write(workbook(*rows).getvalue())
            file.flush()
            try:
                call_command("import_participants", file.name, "--org", org, *options, stdout=out, stderr=err)
                status = 0
            except CommandError as error:  # manage.py prints it and exits with its returncode
                status = error.returncode
                err.write(str(error))
        return status, out.getvalue(), err.getvalue()

    def test_success_exits_with_zero_and_prints_a_summary(self):
        status, out, _ = self.run_command(PUPIL, TEACHER)
        self.assertEqual(status, 0)
        self.assertIn("Загружено — участников: 2, наставников: 1, наставляемых: 1, согласий на обработку ПД: 2, "
                      "согласий законных представителей: 1, запросов: 1.", out)
        self.assertEqual(Participant.objects.filter(organization=self.college).count(), 2)

    def test_errors_exit_with_one_list_the_rows_and_write_nothing(self):
        status, _, err = self.run_command(PUPIL, pupil(Фамилия="Лебедева", Роль=""))
        self.assertEqual(status, 1)
        self.assertIn("строка 3, «Роль»: не заполнено", err)
        self.assertIn("Загрузка отклонена, ничего не записано: ошибок — 1.", err)
        self.assertFalse(Participant.objects.filter(organization=self.college).exists())

    def test_dry_run_exits_with_zero_and_writes_nothing(self):
        status, out, _ = self.run_command(PUPIL, options=["--dry-run"])
        self.assertEqual(status, 0)
        self.assertIn("Проверено, можно загрузить — участников: 1", out)
        self.assertFalse(Participant.objects.filter(organization=self.college).exists())

    def test_an_unknown_organization_code_exits_with_one(self):
        status, _, err = self.run_command(PUPIL, org="nope")
        self.assertEqual(status, 1)
        self.assertIn("Нет организации с кодом «nope».", err)


class ImportPageTests(RegionTestCase):
    def upload(self, *rows, organization=None):
        file = SimpleUploadedFile("pupils.xlsx", workbook(*rows).getvalue())
        return self.client.post(reverse("people:import"),
                                {"organization": (organization or self.school_a).pk, "file": file})

    def test_a_curator_previews_the_file_then_confirms_and_finds_the_participants_in_the_list(self):
        self.login(self.curator_a)
        page = self.client.get(reverse("people:import"))
        self.assertEqual(list(page.context["form"].fields["organization"].queryset), [self.school_a])
        preview = self.upload(PUPIL, TEACHER)
        self.assertContains(preview, "Ошибок нет. Проверено, можно загрузить — участников: 2")
        self.assertContains(preview, "Орлова Анна Сергеевна")
        self.assertFalse(Participant.objects.filter(last_name="Орлова").exists())
        token = preview.context["token"]
        response = self.client.post(reverse("people:import"), {"token": token}, follow=True)
        self.assertRedirects(response, f"{reverse('people:list')}?organization={self.school_a.pk}")
        self.assertContains(response, "Загружено — участников: 2")
        self.assertContains(response, "Орлова Анна Сергеевна")
        self.assertEqual(Participant.objects.get(last_name="Орлова").organization, self.school_a)
        self.assertFalse(PendingImport.objects.filter(token=token).exists())

    def test_the_preview_names_what_will_not_be_stored(self):
        self.login(self.curator_a)
        preview = self.upload(pupil(Роль="наставляемый", Компетенции="шахматы"))
        self.assertContains(preview, "Не будет сохранено")
        self.assertContains(preview, "строка 2, «Компетенции»: не сохранены")
        self.assertContains(preview, 'name="token"')

    def test_a_file_with_errors_lists_them_by_row_and_cannot_be_confirmed(self):
        self.login(self.curator_a)
        response = self.upload(PUPIL, pupil(Фамилия="Лебедева", Дата_рождения="завтра"))
        self.assertContains(response, "строка 3, «Дата рождения»: ожидается дата ДД.ММ.ГГГГ")
        self.assertNotContains(response, 'name="token"')
        self.assertFalse(PendingImport.objects.exists())
        self.assertFalse(Participant.objects.filter(last_name="Орлова").exists())

    def test_a_confirmation_without_the_pending_file_imports_nothing(self):
        self.login(self.curator_a)
        self.upload(PUPIL)
        response = self.client.post(reverse("people:import"), {"token": "guessed"}, follow=True)
        self.assertContains(response, "Файл для загрузки не найден: загрузите его ещё раз.")
        self.assertFalse(Participant.objects.filter(last_name="Орлова").exists())

    def test_another_user_cannot_confirm_someone_elses_pending_file(self):
        self.login(self.curator_a)
        token = self.upload(PUPIL).context["token"]
        self.login(self.head_a)  # may import into the same school, but did not upload this file
        response = self.client.post(reverse("people:import"), {"token": token}, follow=True)
        self.assertContains(response, "Файл для загрузки не найден: загрузите его ещё раз.")
        self.assertFalse(Participant.objects.filter(last_name="Орлова").exists())
        self.assertEqual(PendingImport.objects.get(token=token).user, self.curator_a)

    def test_a_pending_file_expires_after_a_day(self):
        self.login(self.curator_a)
        token = self.upload(PUPIL).context["token"]
        PendingImport.objects.update(created_at=timezone.now() - PendingImport.LIFETIME)
        response = self.client.post(reverse("people:import"), {"token": token}, follow=True)
        self.assertContains(response, "Файл для загрузки не найден: загрузите его ещё раз.")
        self.assertFalse(Participant.objects.filter(last_name="Орлова").exists())

    def test_a_curator_cannot_import_into_another_school(self):
        self.login(self.curator_a)
        response = self.upload(PUPIL, organization=self.school_b)
        self.assertContains(response, "Выберите корректный вариант")
        self.assertFalse(Participant.objects.filter(last_name="Орлова").exists())

    def test_a_confirmation_after_losing_the_right_to_manage_the_school_is_refused(self):
        self.login(self.curator_a)
        token = self.upload(PUPIL).context["token"]
        self.curator_a.roles.update(role="psychologist")
        self.assertEqual(self.client.post(reverse("people:import"), {"token": token}).status_code, 403)
        self.assertFalse(Participant.objects.filter(last_name="Орлова").exists())


VOCABULARY = xlsx.Vocabulary(
    categories=xlsx.Labels([("pupil", "обучающийся"), ("partner_employee", "сотрудник организации-партнёра")]),
    sexes=xlsx.Labels([("m", "м"), ("f", "ж")]),
    forms=xlsx.Labels([("pupil_pupil", "ученик – ученик")], aliases=[("pupil_pupil", "ученик для ученика")]),
)
TODAY = datetime.date(2026, 11, 22)


class ParsingWithoutDatabaseTests(SimpleTestCase):
    """people/xlsx.py alone: no database, no Django."""

    def check(self, *lines: list, header=("Фамилия", "Имя", "Дата рождения", "Категория", "Роль"), existing=()):
        sheet = [(1, list(header)), *((n, values) for n, values in enumerate(lines, start=2))]
        return xlsx.check_participants(sheet, VOCABULARY, TODAY, set(existing))

    def test_the_module_imports_no_django(self):
        code = "import sys, people.xlsx; sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
        self.assertEqual(subprocess.run([sys.executable, "-c", code]).returncode, 0)

    def test_cells_parse_dates_yes_no_grades_and_counts(self):
        self.assertEqual(xlsx.parse_date("01.09.2026"), datetime.date(2026, 9, 1))
        self.assertEqual(xlsx.parse_date(datetime.datetime(2026, 9, 1, 0, 0)), datetime.date(2026, 9, 1))
        self.assertEqual([xlsx.parse_yes_no(v) for v in ("да", " НЕТ ", "Да", True)], [True, False, True, True])
        self.assertEqual(xlsx.parse_grade("10 а"), (10, "А"))
        self.assertEqual(xlsx.parse_grade(2.0), (2, ""))
        self.assertEqual(xlsx.parse_count(12.0, 70), 12)
        for parse, value in ((xlsx.parse_date, "2026-09-01"), (xlsx.parse_yes_no, "ага"), (xlsx.parse_grade, "0"),
                             (lambda v: xlsx.parse_count(v, 70), -1)):
            with self.assertRaises(xlsx.CellError):
                parse(value)

    def test_a_good_row_becomes_a_typed_row(self):
        checked = self.check(["  Ёлкина ", "Вера", "05.05.2011", "Обучающийся", "наставляемый"])
        self.assertEqual(checked.errors, [])
        row = checked.rows[0]
        self.assertEqual((row.last_name, row.birth_date, row.category, row.is_mentor, row.is_mentee),
                         ("Ёлкина", datetime.date(2011, 5, 5), "pupil", False, True))
        self.assertEqual(row.identity, ("елкина|вера|", datetime.date(2011, 5, 5)))

    def test_a_row_with_an_error_returns_no_rows_at_all(self):
        checked = self.check(["Ким", "Вера", "05.05.2011", "обучающийся", "наставляемый"],
                             ["Ли", "Ян", "05.05.2011", "обучающаяся", "наставляемый"])
        self.assertEqual(checked.rows, [])
        self.assertEqual([e.line for e in checked.errors], [3])

    def test_aliases_of_forms_are_accepted(self):
        header = ("Фамилия", "Имя", "Дата рождения", "Категория", "Роль", "Форма наставничества")
        checked = self.check(["Ким", "Вера", "05.05.2011", "обучающийся", "наставляемый", "Ученик для ученика"],
                             header=header)
        self.assertEqual(checked.rows[0].forms, ("pupil_pupil",))

    def test_identities_already_in_the_organization_are_duplicates(self):
        checked = self.check(["Ким", "Вера", "05.05.2011", "обучающийся", "наставляемый"],
                             existing=[("ким|вера|", datetime.date(2011, 5, 5))])
        self.assertEqual([str(e) for e in checked.errors],
                         ["строка 2, «Фамилия»: участник с такими ФИО и датой рождения уже есть в организации"])

    def test_the_reader_streams_excel_rows_with_their_numbers_and_real_dates(self):
        book = Workbook()
        book.active.append(["Фамилия", "Дата рождения", "Стаж"])
        book.active["A3"] = "Ким"
        book.active["C3"] = 7
        book.active["B3"] = datetime.date(2011, 5, 5)
        stream = io.BytesIO()
        book.save(stream)
        rows = list(xlsx.read_sheet(io.BytesIO(stream.getvalue())))
        self.assertEqual(rows, [(1, ["Фамилия", "Дата рождения", "Стаж"]),
                                (3, ["Ким", datetime.datetime(2011, 5, 5), 7])])

    def test_the_reader_understands_excel_shared_strings_rich_text_and_date_styles(self):
        main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        parts = {
            "xl/workbook.xml": f'<workbook {main} xmlns:r="{rel}"><workbookPr date1904="1"/>'
                               '<sheets><sheet name="Лист1" sheetId="1" r:id="rId7"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                          f'relationships"><Relationship Id="rId7" Type="{rel}/worksheet" '
                                          'Target="worksheets/sheet1.xml"/></Relationships>',
            "xl/sharedStrings.xml": f'<sst {main}><si><t>Фамилия</t></si><si><r><t>Ёлки</t></r><r><t>на</t></r>'
                                    '<rPh><t>ЁЛКИНА</t></rPh></si></sst>',
            "xl/styles.xml": f'<styleSheet {main}><numFmts><numFmt numFmtId="170" formatCode="dd/mm/yyyy;@"/>'
                             '</numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="2"/></cellXfs>'
                             '</styleSheet>',
            "xl/worksheets/sheet1.xml": f'<worksheet {main}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
                                        '<row r="4"><c r="B4" t="s"><v>1</v></c><c r="C4" s="1"><v>366</v></c>'
                                        '<c r="D4" s="2"><v>7.5</v></c><c r="E4" t="b"><v>1</v></c>'
                                        '<c r="F4" t="inlineStr"><is><t>Ки</t><r><t>м</t></r></is></c>'
                                        '</row></sheetData></worksheet>',
        }
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w") as archive:
            for name, text in parts.items():
                archive.writestr(name, text)
        self.assertEqual(list(xlsx.read_sheet(stream)), [
            (1, ["Фамилия"]),
            (4, [None, "Ёлкина", datetime.datetime(1905, 1, 1), 7.5, True, "Ким"]),
        ])

    def test_the_reader_refuses_what_is_not_a_workbook(self):
        with self.assertRaisesMessage(xlsx.SheetError, "файл не является книгой Excel (XLSX)"):
            list(xlsx.read_sheet(io.BytesIO(b"not a zip")))
