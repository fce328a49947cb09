import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from audit.models import AuditEntry
from people import actions
from people.models import Consent, Participant
from people.rules import missing_consents
from testing.fixtures import RegionTestCase, make_participant

SEPT = datetime.date(2026, 9, 1)


class ConsentRulesTests(RegionTestCase):
    def test_a_minor_needs_the_legal_representatives_consent_too(self):
        pupil = make_participant(self.school_a, "Орлов", consents=False)
        actions.record_consent(pupil, actor=self.curator_a, kind=Consent.Kind.PERSONAL_DATA, given_on=SEPT)
        self.assertEqual(missing_consents(pupil, SEPT), [Consent.Kind.REPRESENTATIVE.label])

    def test_an_adult_needs_only_the_personal_data_consent(self):
        teacher = make_participant(self.school_a, "Волкова", consents=False, category="teacher",
                                   birth_date=datetime.date(1980, 1, 1))
        actions.record_consent(teacher, actor=self.curator_a, kind=Consent.Kind.PERSONAL_DATA, given_on=SEPT)
        self.assertEqual(missing_consents(teacher, SEPT), [])

    def test_a_consent_given_later_does_not_count_on_an_earlier_date(self):
        self.assertEqual(len(missing_consents(self.pupil_a, datetime.date(2026, 8, 31))), 2)

    def test_representative_consent_names_the_representative(self):
        pupil = make_participant(self.school_a, "Орлов", consents=False)
        with self.assertRaises(ValidationError):
            actions.record_consent(pupil, actor=self.curator_a, kind=Consent.Kind.REPRESENTATIVE,
                                   given_on=SEPT, representative_name=" ")

    def test_a_second_active_consent_of_the_same_kind_is_refused(self):
        with self.assertRaises(ValidationError):
            actions.record_consent(self.pupil_a, actor=self.curator_a, kind=Consent.Kind.PERSONAL_DATA,
                                   given_on=SEPT)


class WithdrawalTests(RegionTestCase):
    def withdraw_personal_data(self, participant):
        consent = participant.consents.get(kind=Consent.Kind.PERSONAL_DATA)
        actions.withdraw_consent(consent, actor=self.curator_a, withdrawn_on=datetime.date(2026, 11, 1))

    def test_withdrawing_the_personal_data_consent_anonymizes_the_person(self):
        self.withdraw_personal_data(self.pupil_a)
        pupil = Participant.objects.get(pk=self.pupil_a.pk)
        self.assertNotIn("Кузнецова", pupil.full_name)
        self.assertIsNone(pupil.birth_date)
        self.assertIsNotNone(pupil.anonymized_at)

    def test_anonymization_keeps_the_counts_used_for_statistics(self):
        self.withdraw_personal_data(self.pupil_a)
        pupil = Participant.objects.get(pk=self.pupil_a.pk)
        self.assertEqual((pupil.organization, pupil.category, pupil.sex, pupil.birth_year, pupil.is_mentee),
                         (self.school_a, "pupil", "f", 2012, True))
        self.assertEqual(Participant.objects.filter(organization=self.school_a, is_mentee=True).count(), 1)

    def test_anonymization_erases_personal_data_from_the_audit_trail(self):
        actions.update_participant(self.pupil_a, actor=self.curator_a, phone="+7 900 000-00-00")
        self.withdraw_personal_data(self.pupil_a)
        texts = [str(e.changes) + e.object_repr for e in AuditEntry.objects.filter(participant=self.pupil_a)]
        self.assertFalse(any("Кузнецова" in t or "900" in t for t in texts))
        self.assertTrue(AuditEntry.objects.filter(participant=self.pupil_a, action="anonymize").exists())

    def test_an_anonymized_person_no_longer_blocks_a_new_record_of_the_same_name(self):
        self.withdraw_personal_data(self.pupil_a)
        again = actions.create_participant(organization=self.school_a, actor=self.curator_a, last_name="Кузнецова",
                                           first_name="Мария", birth_date=datetime.date(2012, 5, 1),
                                           category="pupil", is_mentee=True)
        self.assertIsNotNone(again.pk)


class DuplicateTests(RegionTestCase):
    def create(self, **values):
        base = dict(last_name="Кузнецова", first_name="Мария", birth_date=datetime.date(2012, 5, 1),
                    category="pupil", is_mentee=True)
        return actions.create_participant(organization=self.school_a, actor=self.curator_a, **{**base, **values})

    def test_the_same_fio_and_birth_date_in_one_organization_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "уже есть"):
            self.create()

    def test_case_yo_and_spaces_do_not_hide_a_duplicate(self):
        with self.assertRaises(ValidationError):
            self.create(last_name="  КУЗНЕЦОВА ", first_name="мария")
        make_participant(self.school_a, "Королёв", first_name="Пётр")
        with self.assertRaises(ValidationError):
            self.create(last_name="Королев", first_name="Петр")

    def test_the_same_person_may_be_registered_in_another_organization(self):
        twin = actions.create_participant(organization=self.school_b, actor=self.curator_b, last_name="Кузнецова",
                                          first_name="Мария", birth_date=datetime.date(2012, 5, 1),
                                          category="pupil", is_mentee=True)
        self.assertEqual(twin.organization, self.school_b)

    def test_creating_a_participant_writes_the_audit_log(self):
        person = self.create(first_name="Анна")
        entry = AuditEntry.objects.get(participant=person)
        self.assertEqual((entry.actor, entry.action, entry.changes["first_name"]), (self.curator_a, "create", [None, "Анна"]))


class ConsentScanTests(RegionTestCase):
    def test_a_scan_that_is_not_a_pdf_jpeg_or_png_is_refused_whatever_its_name(self):
        page = SimpleUploadedFile("согласие.pdf", b"<html><script>alert(1)</script></html>")
        with self.assertRaisesMessage(ValidationError, "PDF, JPEG или PNG"):
            actions.record_consent(make_participant(self.school_b, "Новикова", consents=False), actor=self.curator_b,
                                   kind=Consent.Kind.PERSONAL_DATA, given_on=datetime.date(2026, 9, 2), scan=page)

    def test_a_scan_is_stored_under_a_random_name_and_given_only_as_a_download_to_the_school(self):
        consent = self.pupil_a.consents.get(kind=Consent.Kind.PERSONAL_DATA)
        consent.delete()
        consent = actions.record_consent(self.pupil_a, actor=self.curator_a, kind=Consent.Kind.PERSONAL_DATA,
                                         given_on=datetime.date(2026, 9, 2),
                                         scan=SimpleUploadedFile("Кузнецова.jpg", b"\x89PNG\r\n\x1a\n" + bytes(16)))
        self.assertRegex(consent.scan.name, r"^consents/[0-9a-f]{32}\.png$")
        self.client.force_login(self.curator_a)
        response = self.client.get(reverse("people:consent_scan", args=[consent.pk]))
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.client.force_login(self.curator_b)
        self.assertEqual(self.client.get(reverse("people:consent_scan", args=[consent.pk])).status_code, 404)

    @override_settings(PROTECTED_MEDIA_SERVER="nginx")
    def test_behind_nginx_the_scan_is_sent_by_the_web_server_after_the_check(self):
        consent = self.pupil_a.consents.get(kind=Consent.Kind.PERSONAL_DATA)
        consent.scan.save("scan.pdf", ContentFile(b"%PDF-1.7\n"))
        self.client.force_login(self.curator_a)
        response = self.client.get(reverse("people:consent_scan", args=[consent.pk]))
        self.assertEqual(response["X-Accel-Redirect"], f"/protected-media/{consent.scan.name}")
        self.assertEqual(response.content, b"")
