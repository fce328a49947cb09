import io
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from accounts.models import User
from audit.models import AuditEntry
from organizations.importing import import_organizations
from organizations.models import Organization
from testing.fixtures import RegionTestCase

HEADER = ["Код", "Наименование", "Тип", "Код вышестоящей организации"]


def workbook(*rows, header=HEADER) -> io.BytesIO:
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    return stream


class ImportOrganizationsTests(RegionTestCase):
    def load(self, *rows, actor=None, **kwargs):
        return import_organizations(workbook(*rows, **kwargs), actor=actor)

    def errors(self, *rows, **kwargs) -> list[str]:
        return [str(e) for e in self.load(*rows, **kwargs).errors]

    def state(self):
        return list(Organization.objects.order_by("code").values_list("code", "name", "kind", "parent__code")), \
            AuditEntry.objects.count()

    def test_parents_may_follow_their_children_in_the_file_or_already_be_in_the_system(self):
        report = self.load(
            ("19-03-001", "МБОУ «Бейская СОШ»", "школа", "19-03"),
            ("19-03", "Бейский район", "Муниципалитет", "19"),
            ("19-03-201", "МБУ ДО «Бейский ЦДТ»", "организация дополнительного образования", "19-03"),
            ("19-P-002", "ООО «Хакасский муниципальный банк»", "Организация-партнер", "19"),
        )
        self.assertEqual(report.errors, [])
        self.assertEqual(report.summary(), "Загружено — добавлено организаций: 4, изменено: 0, без изменений: 0.")
        school = Organization.objects.get(code="19-03-001")
        self.assertEqual((school.kind, school.parent.code, school.parent.parent), ("school", "19-03", self.region))
        self.assertEqual(Organization.objects.get(code="19-P-002").kind, "partner")
        self.assertEqual(AuditEntry.objects.filter(object_type="organization", action="create").count(), 4)

    def test_existing_codes_are_updated_and_unchanged_rows_left_alone(self):
        report = self.load(
            ("19-01-001", "МБОУ «Средняя школа № 1»", "школа", "19-01"),
            ("19-01-101", "ГБПОУ «Абаканский колледж»", "колледж", "19-02"),
            ("19-02", "Усть-Абаканский район", "муниципалитет", "19"),
        )
        self.assertEqual(report.errors, [])
        self.assertEqual(report.summary(), "Загружено — добавлено организаций: 0, изменено: 2, без изменений: 1.")
        self.school_a.refresh_from_db()
        self.college.refresh_from_db()
        self.assertEqual(self.school_a.name, "МБОУ «Средняя школа № 1»")
        self.assertEqual(self.college.parent, self.municipality_b)
        entry = AuditEntry.objects.get(object_type="organization", object_id=self.college.pk)
        self.assertEqual(entry.changes, {"parent": ["19-01", "19-02"]})

    def test_every_error_kind_is_named_with_its_row_and_nothing_is_written(self):
        before = self.state()
        errors = self.errors(
            ("", "Без кода", "школа", "19-01"),
            ("19-01-002", "Лицей", "лицей", "19-01"),
            ("19-01-003", "Гимназия", "школа", "19-01"),
            ("19-01-003", "Гимназия № 2", "школа", "19-01"),
            ("Х" * 41, "Длинный код", "школа", "19-01"),
        )
        self.assertEqual(errors, [
            "строка 2, «Код»: не заполнено",
            "строка 3, «Тип»: неизвестный тип; допустимо: «регион», «муниципалитет», «школа», «колледж», "
            "«организация дополнительного образования», «организация-партнёр»",
            "строка 5, «Код»: код повторяет строку 4",
            "строка 6, «Код»: не длиннее 40 символов",
        ])
        errors = self.errors(
            ("20", "Красноярский край", "регион", "19"),
            ("19-01-004", "Школа без района", "школа", ""),
            ("19-01-005", "Сама себе", "школа", "19-01-005"),
            ("19-01-006", "Школа", "школа", "19-99"),
            ("19-01-007", "Школа при школе", "школа", "19-01-001"),
            ("19-01", "г. Абакан", "школа", "19"),
        )
        self.assertEqual(errors, [
            "строка 2, «Код вышестоящей организации»: у региона нет вышестоящей организации",
            "строка 3, «Код вышестоящей организации»: не заполнено: школа подчиняется «муниципалитет» или «регион»",
            "строка 4, «Код вышестоящей организации»: организация не может подчиняться сама себе",
            "строка 5, «Код вышестоящей организации»: нет организации с кодом «19-99» ни в файле, ни в системе",
            "строка 6, «Код вышестоящей организации»: школа подчиняется «муниципалитет» или «регион», "
            "а «19-01-001» — школа",
            "строка 7, «Тип»: под организацией есть «ГБПОУ «Абаканский колледж»» (колледж), "
            "которая не может подчиняться типу «школа»",
            "строка 7, «Тип»: под организацией есть «МБОУ «СОШ № 1»» (школа), которая не может подчиняться типу «школа»",
        ])
        self.assertEqual(self.state(), before)

    def test_unknown_and_missing_columns_are_reported_on_the_header_row(self):
        self.assertEqual(self.errors(("19-01-009", "Школа"), header=["код", "Название"]), [
            "строка 1, «Название»: неизвестный столбец",
            "строка 1, «Наименование»: нет обязательного столбца",
            "строка 1, «Тип»: нет обязательного столбца",
        ])

    def test_a_region_operator_changes_only_their_region_and_adds_no_regions(self):
        other = Organization.objects.create(code="24", name="Красноярский край", kind="region")
        Organization.objects.create(code="24-01", name="г. Красноярск", kind="municipality", parent=other)
        before = self.state()
        errors = self.errors(
            ("24-01", "г. Красноярск", "муниципалитет", "24"),
            ("24-01-001", "Школа", "школа", "24-01"),
            ("25", "Приморский край", "регион", ""),
            ("19-01-010", "Новая школа", "школа", "19-01"),
            actor=self.operator,
        )
        self.assertEqual(errors, [
            "строка 2, «Код»: организация вне вашей территории: менять её нельзя",
            "строка 3, «Код вышестоящей организации»: «24-01» вне вашей территории",
            "строка 4, «Тип»: добавить регион может только администратор системы",
        ])
        self.assertEqual(self.state(), before)
        report = self.load(("19-04", "Новый район", "муниципалитет", "19"), ("19-04-001", "Школа", "школа", "19-04"),
                           actor=self.operator)
        self.assertEqual(report.errors, [])

    def test_a_superuser_adds_regions(self):
        admin = User.objects.create_superuser("admin", password="x")
        self.assertEqual(self.load(("25", "Приморский край", "регион", ""), actor=admin).errors, [])
        self.assertTrue(Organization.objects.filter(code="25", kind="region").exists())


class ImportOrganizationsCommandTests(RegionTestCase):
    def run_command(self, *rows, options=()) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
            file.write(workbook(*rows).getvalue())
            file.flush()
            try:
                call_command("import_organizations", file.name, *options, stdout=out, stderr=err)
                return 0, out.getvalue(), err.getvalue()
            except CommandError as error:  # manage.py prints it and exits with its returncode
                return error.returncode, out.getvalue(), err.getvalue() + str(error)

    def test_success_exits_with_zero_and_prints_a_summary(self):
        status, out, _ = self.run_command(("19-03", "Бейский район", "муниципалитет", "19"))
        self.assertEqual(status, 0)
        self.assertIn("добавлено организаций: 1", out)

    def test_errors_exit_with_one_and_write_nothing(self):
        status, _, err = self.run_command(("19-03", "Бейский район", "муниципалитет", "19"),
                                          ("19-03-001", "Школа", "школа", "19-99"))
        self.assertEqual(status, 1)
        self.assertIn("строка 3, «Код вышестоящей организации»: нет организации с кодом «19-99»", err)
        self.assertFalse(Organization.objects.filter(code="19-03").exists())

    def test_dry_run_writes_nothing(self):
        status, out, _ = self.run_command(("19-03", "Бейский район", "муниципалитет", "19"), options=["--dry-run"])
        self.assertEqual((status, out.strip()), (0, "Проверено, можно загрузить — организаций в файле: 1."))
        self.assertFalse(Organization.objects.filter(code="19-03").exists())


class ImportOrganizationsPageTests(RegionTestCase):
    def upload(self, *rows, dry_run=False):
        file = SimpleUploadedFile("orgs.xlsx", workbook(*rows).getvalue())
        return self.client.post(reverse("organizations:import"), {"file": file, "dry_run": dry_run})

    def test_a_region_operator_uploads_the_list_and_sees_the_organizations(self):
        self.login(self.operator)
        self.assertContains(self.client.get(reverse("organizations:import")), "Загрузка организаций из XLSX")
        response = self.upload(("19-03", "Бейский район", "муниципалитет", "19"))
        self.assertRedirects(response, reverse("organizations:list"), fetch_redirect_response=False)
        self.assertTrue(Organization.objects.filter(code="19-03").exists())

    def test_errors_are_listed_by_row_and_nothing_is_written(self):
        self.login(self.operator)
        response = self.upload(("19-03", "Бейский район", "район", "19"))
        self.assertContains(response, "строка 2, «Тип»: неизвестный тип")
        self.assertFalse(Organization.objects.filter(code="19-03").exists())

    def test_a_dry_run_only_checks(self):
        self.login(self.operator)
        response = self.upload(("19-03", "Бейский район", "муниципалитет", "19"), dry_run=True)
        self.assertContains(response, "Проверено, можно загрузить — организаций в файле: 1.")
        self.assertFalse(Organization.objects.filter(code="19-03").exists())

    def test_school_staff_may_not_upload_organizations(self):
        self.login(self.curator_a)
        self.assertEqual(self.upload(("19-03", "Бейский район", "муниципалитет", "19")).status_code, 403)
        self.assertFalse(Organization.objects.filter(code="19-03").exists())
