"""The regional base of mentors (seed 004 §2.9): adults who agreed, with their organization and competences."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from people import actions
from people.models import Consent, MentorProfile
from testing.fixtures import RegionTestCase, make_participant

SEPT = datetime.date(2026, 9, 1)


class MentorBaseTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()

        def teacher(school, last_name):
            person = make_participant(school, last_name, is_mentor=True, category="teacher",
                                      birth_date=datetime.date(1980, 2, 2))
            MentorProfile.objects.create(participant=person, source="teachers", competences=f"физика ({last_name})")
            return person

        cls.agreed = teacher(cls.school_b, "Орлова")
        cls.silent = teacher(cls.school_a, "Соколов")
        cls.withdrawn = teacher(cls.school_a, "Зуев")
        for person in (cls.agreed, cls.withdrawn):
            actions.record_consent(person, actor=cls.curator_a, kind=Consent.Kind.MENTOR_BASE, given_on=SEPT)
        consent = cls.withdrawn.consents.get(kind=Consent.Kind.MENTOR_BASE)
        actions.withdraw_consent(consent, actor=cls.curator_a, withdrawn_on=datetime.date(2026, 10, 1))

    def page(self, user) -> str:
        self.login(user)
        response = self.client.get(reverse("people:mentor_base"))
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_base_shows_only_the_mentors_who_agreed_with_organization_and_competences(self):
        for user in (self.operator, self.municipal_a, self.municipal_b, self.curator_a):
            page = self.page(user)
            self.assertIn("Орлова Иван", page)
            self.assertIn("МБОУ «Райковская СОШ»", page)
            self.assertIn("физика (Орлова)", page)
            for absent in ("Соколов", "Зуев", "Смирнов", "02.02.1980", "1980-02-02"):
                self.assertNotIn(absent, page)

    def test_a_pupil_mentor_cannot_agree_to_the_regional_base(self):
        with self.assertRaisesMessage(ValidationError, "только совершеннолетние наставники"):
            actions.record_consent(self.pupil_mentor_a, actor=self.curator_a, kind=Consent.Kind.MENTOR_BASE,
                                   given_on=SEPT)

    def test_the_consent_is_recorded_by_the_school_with_an_audit_row(self):
        self.assertTrue(AuditEntry.objects.filter(participant=self.agreed, object_type="consent",
                                                  changes__kind=[None, Consent.Kind.MENTOR_BASE]).exists())

    def test_a_user_with_no_staff_role_does_not_open_the_base(self):
        for user in (self.mentor_a, self.parent_a, self.stranger):
            self.login(user)
            self.assertEqual(self.client.get(reverse("people:mentor_base")).status_code, 403)
