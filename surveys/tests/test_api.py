"""GET /api/v1/surveys/campaigns/: the campaigns the user sees, as numbers."""

import datetime

from accounts.models import ApiToken
from surveys import actions
from surveys.models import Questionnaire
from testing.fixtures import RegionTestCase

URL = "/api/v1/surveys/campaigns/"


class CampaignsApiTests(RegionTestCase):
    def get(self, user):
        token = ApiToken.issue(user, "test")[1]
        return self.client.get(URL, headers={"Authorization": f"Bearer {token}"})

    def test_a_territory_gets_the_numbers_of_its_schools_and_no_name(self):
        questionnaire = Questionnaire.objects.get(code="mentee_dynamics")
        campaign = actions.open_campaign(organization=self.municipality_a, questionnaire=questionnaire, wave="final",
                                         actor=self.municipal_a, opened_on=datetime.date(2026, 12, 1))
        part = campaign.parts.get()
        actions.answer(part, self.pupil_a, {item.pk: 8 if item.kind == "scale" else "" for item in
                                            questionnaire.items.all()}, by=self.mentee_a)
        response = self.get(self.municipal_a)
        rows = {row["id"]: row for row in response.json()["items"]}
        self.assertEqual((rows[part.pk]["asked"], rows[part.pk]["answered"], rows[part.pk]["part_of"]),
                         (1, 1, campaign.pk))
        self.assertNotIn("Кузнецова", response.content.decode())
        self.assertEqual(self.get(self.curator_b).json()["items"], [])
        self.assertEqual(self.get(self.mentee_a).status_code, 403)
