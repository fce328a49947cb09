import json

from nastavnik.testing import RegionTestCase
from organizations.models import Organization


class OrganizationApiTests(RegionTestCase):
    def test_a_municipality_lists_its_territory_and_the_partners_serving_it(self):
        self.client.force_login(self.municipal_b)
        codes = {o["code"] for o in self.client.get("/api/v1/organizations/").json()}
        self.assertEqual(codes, {"19-02", "19-02-001", "19-P-001"})

    def test_a_region_operator_adds_a_school_by_code_and_it_is_logged(self):
        self.client.force_login(self.operator)
        response = self.client.post("/api/v1/organizations/", json.dumps(
            {"code": "19-01-777", "name": "МБОУ «Новая школа»", "kind": "school", "parent_code": "19-01"}),
            content_type="application/json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(Organization.objects.get(code="19-01-777").parent, self.municipality_a)

    def test_a_school_cannot_hang_under_a_school(self):
        self.client.force_login(self.operator)
        response = self.client.post("/api/v1/organizations/", json.dumps(
            {"code": "19-01-778", "name": "МБОУ «Ошибка»", "kind": "school", "parent_code": "19-01-001"}),
            content_type="application/json")
        self.assertEqual(response.status_code, 422)
        self.assertFalse(Organization.objects.filter(code="19-01-778").exists())

    def test_a_curator_cannot_change_organizations(self):
        self.client.force_login(self.curator_a)
        response = self.client.patch("/api/v1/organizations/19-01-001", json.dumps({"name": "Другое"}),
                                     content_type="application/json")
        self.assertEqual(response.status_code, 403)
