import datetime

from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from people import actions
from people.models import Consent
from testing.fixtures import RegionTestCase

LIST = reverse("audit:list")


class AuditPageTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        actions.update_participant(cls.pupil_a, actor=cls.curator_a, grade=7, category="student")
        actions.update_participant(cls.pupil_b, actor=cls.curator_b, phone="+7 913 000-00-00")
        actions.save_mentor_profile(cls.pupil_mentor_a, actor=cls.curator_a, source="pupils",
                                    forms=[cls.pupil_pupil])

    def page(self, user, query=""):
        self.login(user)
        return self.client.get(LIST + query)

    def test_the_head_reads_who_changed_what_with_russian_labels(self):
        response = self.page(self.head_a)
        for text in ("curator_a", "изменение", "Кузнецова Мария", "Класс/курс:", "6 → 7",
                     "Категория:", "обучающийся → студент", "Готов к формам:", "— → ученик – ученик"):
            self.assertContains(response, text)

    def test_the_head_does_not_see_another_schools_changes(self):
        self.assertNotContains(self.page(self.head_a), "Попов")

    def test_above_the_organization_rows_about_people_have_no_names(self):
        for user in (self.operator, self.municipal_a):
            response = self.page(user)
            for text in ("Кузнецова", "Смирнов", "6 → 7", "curator_a"):
                self.assertNotContains(response, text)
            for text in ("Участник", "куратор", "МБОУ «СОШ № 1»", "изменение"):
                self.assertContains(response, text)

    def test_curators_psychologists_and_participants_have_no_audit_page(self):
        for user in (self.curator_a, self.psychologist_a, self.mentor_a, self.parent_a, self.stranger):
            self.assertEqual(self.page(user).status_code, 403)

    def test_the_log_of_one_person(self):
        response = self.page(self.head_a, f"?participant={self.pupil_mentor_a.pk}")
        self.assertContains(response, "Участник: <a")
        self.assertContains(response, "Готов к формам:")
        self.assertNotContains(response, "6 → 7")

    def test_a_person_outside_the_scope_cannot_be_asked_for(self):
        response = self.page(self.head_a, f"?participant={self.pupil_b.pk}")
        self.assertNotContains(response, "Попов")

    def test_filters_by_organization_action_and_dates(self):
        consent = self.pupil_a.consents.get(kind=Consent.Kind.PERSONAL_DATA)
        actions.withdraw_consent(consent, actor=self.curator_a, withdrawn_on=datetime.date(2026, 10, 1))
        response = self.page(self.operator, f"?organization={self.municipality_b.pk}")
        self.assertEqual({entry.organization for entry in response.context["page"]}, {self.school_b})
        response = self.page(self.head_a, "?action=anonymize")
        self.assertContains(response, "обезличивание")
        self.assertEqual(response.context["page"].paginator.count, 1)
        self.assertEqual(self.page(self.head_a, "?since=2099-01-01").context["page"].paginator.count, 0)
        today = timezone.localdate(AuditEntry.objects.latest("at").at).isoformat()
        self.assertGreater(self.page(self.head_a, f"?since={today}&until={today}").context["page"].paginator.count, 0)

    def test_withdrawn_consent_shows_dates_as_russian_dates(self):
        consent = self.pupil_a.consents.get(kind=Consent.Kind.REPRESENTATIVE)
        actions.withdraw_consent(consent, actor=self.curator_a, withdrawn_on=datetime.date(2026, 10, 1))
        self.assertContains(self.page(self.head_a), "Дата отзыва:</span> — → 01.10.2026")

    def test_a_pair_proposal_is_shown_with_its_mentees(self):
        from pairs.actions import propose_pair
        from testing.fixtures import make_participant

        pupil = make_participant(self.school_a, "Орлова", first_name="Вера", grade=6)
        propose_pair(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                     mentees=[pupil], start_date=datetime.date(2026, 12, 1),
                     planned_end_date=datetime.date(2027, 5, 31), actor=self.curator_a)
        self.login(self.head_a)
        self.assertContains(self.client.get(reverse("audit:list")), "Орлова Вера")
