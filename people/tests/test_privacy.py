"""What each role sees of a participant (people.privacy): the exact fields, and the hidden values absent from
the card, the pair card and the API answer."""

import datetime
import json

from django.urls import reverse

from accounts.models import ApiToken
from pairs.models import Pair, PairMentee
from people import privacy
from people.privacy import CLASS, CONTACT, EVERYTHING, NAME
from testing.fixtures import RegionTestCase

# pupil_a (Кузнецова) is born 01.05.2012, her representative's consent names Петрова Анна Сергеевна.
MENTEE_HIDDEN = ("01.05.2012", "2012-05-01", "Петрова Анна Сергеевна", "согласие", "Интересы")
# pupil_mentor_a (Смирнов) is born 03.03.2010.
MENTOR_HIDDEN = ("03.03.2010", "2010-03-03")


class FieldsByRoleTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pupil_a.email, cls.pupil_a.phone = "masha@example.org", "+7 900 111-22-33"
        cls.pupil_a.save()
        cls.pupil_mentor_a.phone = "+7 900 444-55-66"
        cls.pupil_mentor_a.save()
        cls.pair = Pair.objects.create(organization=cls.school_a, form=cls.pupil_pupil, mentor=cls.pupil_mentor_a,
                                       start_date=datetime.date(2026, 10, 1),
                                       planned_end_date=datetime.date(2027, 5, 31))
        PairMentee.objects.create(pair=cls.pair, mentee=cls.pupil_a)

    def card(self, user, participant) -> str:
        self.login(user)
        response = self.client.get(reverse("people:detail", args=[participant.pk]))
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def api(self, user, participant) -> dict:
        _, key = ApiToken.issue(user, "test")
        response = self.client.get(f"/api/v1/participants/{participant.pk}", headers={"Authorization": f"Bearer {key}"})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def shown_in_api(self, user, participant) -> set[str]:
        return {key for key, value in self.api(user, participant).items() if value is not None} - {"id", "anonymized"}

    def test_the_organization_staff_see_every_field_and_section(self):
        for user in (self.head_a, self.curator_a, self.psychologist_a):
            self.assertEqual(privacy.fields_for(user, self.pupil_a), EVERYTHING)
        page = self.card(self.curator_a, self.pupil_a)
        for value in ("01.05.2012", "Петрова Анна Сергеевна", "Согласия"):
            self.assertIn(value, page)

    def test_a_mentor_sees_of_his_mentee_the_name_class_organization_and_contact_only(self):
        fields = privacy.fields_for(self.mentor_a, self.pupil_a)
        self.assertEqual(fields, {"last_name", "first_name", "middle_name", "grade", "grade_letter", "email", "phone",
                                  "organization"})
        page = self.card(self.mentor_a, self.pupil_a)
        self.assertIn("Кузнецова", page)
        self.assertIn("masha@example.org", page)
        self.assertIn("6", page)
        for hidden in MENTEE_HIDDEN:
            self.assertNotIn(hidden, page)
        answer = self.api(self.mentor_a, self.pupil_a)
        self.assertEqual(self.shown_in_api(self.mentor_a, self.pupil_a) - {"middle_name"},
                         {"organization", "last_name", "first_name", "grade", "grade_letter", "email", "phone"})
        self.assertIsNone(answer["birth_date"])
        self.assertNotIn("2012", json.dumps(answer))
        for section in ("consents", "requests", "mentee-profile"):
            _, key = ApiToken.issue(self.mentor_a, section)
            response = self.client.get(f"/api/v1/participants/{self.pupil_a.pk}/{section}",
                                       headers={"Authorization": f"Bearer {key}"})
            self.assertEqual(response.status_code, 404, section)

    def test_a_mentee_sees_of_the_mentor_the_name_organization_contact_and_the_class_of_a_pupil_mentor(self):
        self.assertEqual(privacy.fields_for(self.mentee_a, self.pupil_mentor_a), NAME | CONTACT | CLASS | {"organization"})
        self.login(self.mentee_a)
        page = self.client.get(reverse("pairs:detail", args=[self.pair.pk])).content.decode()
        self.assertIn("Смирнов", page)
        self.assertIn("+7 900 444-55-66", page)
        self.assertIn("10А класс", page)
        for hidden in MENTOR_HIDDEN:
            self.assertNotIn(hidden, page)

    def test_an_adult_mentor_shows_the_mentee_no_class(self):
        self.pupil_mentor_a.category = "teacher"
        self.assertEqual(privacy.fields_for(self.mentee_a, self.pupil_mentor_a), NAME | CONTACT | {"organization"})

    def test_a_parent_sees_the_own_child_fully_and_of_the_mentor_what_the_mentee_sees(self):
        self.assertEqual(privacy.fields_for(self.parent_a, self.pupil_a), EVERYTHING)
        self.assertEqual(privacy.fields_for(self.parent_a, self.pupil_mentor_a),
                         privacy.fields_for(self.mentee_a, self.pupil_mentor_a))
        page = self.card(self.parent_a, self.pupil_a)
        for value in ("01.05.2012", "Петрова Анна Сергеевна"):
            self.assertIn(value, page)
        self.assertEqual(self.api(self.parent_a, self.pupil_a)["birth_date"], "2012-05-01")

    def test_a_participant_sees_the_own_record_fully(self):
        self.assertEqual(privacy.fields_for(self.mentee_a, self.pupil_a), EVERYTHING)
        self.assertEqual(privacy.fields_for(self.mentor_a, self.pupil_mentor_a), EVERYTHING)
        self.assertIn("03.03.2010", self.card(self.mentor_a, self.pupil_mentor_a))

    def test_after_the_pair_ends_the_mentor_no_longer_sees_the_mentee(self):
        Pair.objects.filter(pk=self.pair.pk).update(status="completed")
        self.assertEqual(privacy.fields_for(self.mentor_a, self.pupil_a), NAME)

    def test_above_the_organization_nobody_is_seen(self):
        for user in (self.operator, self.municipal_a):
            self.assertEqual(privacy.fields_for(user, self.pupil_a), set())
            self.login(user)
            self.assertEqual(self.client.get(reverse("people:detail", args=[self.pupil_a.pk])).status_code, 404)
