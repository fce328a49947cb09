import json

from audit.models import AuditEntry
from organizations.models import Organization
from testing.fixtures import RegionTestCase


class OrganizationApiTests(RegionTestCase):
    def post(self, user, payload):
        self.client.force_login(user)
        return self.client.post("/api/v1/organizations/", json.dumps(payload), content_type="application/json")

    def patch(self, user, code, payload):
        self.client.force_login(user)
        return self.client.patch(f"/api/v1/organizations/{code}", json.dumps(payload), content_type="application/json")

    def codes(self, user, query=""):
        self.client.force_login(user)
        return {o["code"] for o in self.client.get(f"/api/v1/organizations/{query}").json()}

    def test_a_municipality_lists_its_territory_and_the_partners_serving_it(self):
        self.assertEqual(self.codes(self.municipal_b), {"19-02", "19-02-001", "19-P-001"})

    def test_the_list_filters_by_kind_and_by_the_parents_code(self):
        self.assertEqual(self.codes(self.operator, "?kind=school"), {"19-01-001", "19-02-001"})
        self.assertEqual(self.codes(self.operator, "?parent=19-01"), {"19-01-001", "19-01-101"})

    def test_a_school_of_another_municipality_is_404(self):
        self.client.force_login(self.municipal_b)
        self.assertEqual(self.client.get("/api/v1/organizations/19-01-001").status_code, 404)

    def test_a_mentor_has_no_organization_list(self):
        self.client.force_login(self.mentor_a)
        self.assertEqual(self.client.get("/api/v1/organizations/").status_code, 403)

    def test_a_partners_agreements_are_those_the_user_may_see(self):
        self.client.force_login(self.municipal_a)
        numbers = [a["number"] for a in self.client.get("/api/v1/organizations/19-P-001/agreements").json()]
        self.assertEqual(numbers, ["7/2026"])
        self.client.force_login(self.municipal_b)
        self.assertEqual(self.client.get("/api/v1/organizations/19-P-001/agreements").json(), [])

    def test_a_region_operator_adds_a_school_by_code_and_it_is_logged(self):
        response = self.post(self.operator, {"code": "19-01-777", "name": "МБОУ «Новая школа»", "kind": "school",
                                             "parent_code": "19-01"})
        self.assertEqual(response.status_code, 201, response.content)
        school = Organization.objects.get(code="19-01-777")
        self.assertEqual(school.parent, self.municipality_a)
        self.assertTrue(AuditEntry.objects.filter(actor=self.operator, action="create").exists())

    def test_posting_an_existing_code_updates_that_organization(self):
        response = self.post(self.operator, {"code": "19-01-001", "name": "МБОУ «Лицей № 1»", "kind": "school",
                                             "parent_code": "19-01"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(Organization.objects.get(code="19-01-001").name, "МБОУ «Лицей № 1»")

    def test_a_school_cannot_hang_under_a_school_and_the_field_is_named(self):
        response = self.post(self.operator, {"code": "19-01-778", "name": "МБОУ «Ошибка»", "kind": "school",
                                             "parent_code": "19-01-001"})
        self.assertEqual(response.status_code, 422)
        [error] = response.json()["detail"]
        self.assertEqual(error["field"], "parent_code")
        self.assertIn("«19-01-001» — школа", error["message"])
        self.assertFalse(Organization.objects.filter(code="19-01-778").exists())

    def test_a_blank_name_is_refused(self):
        response = self.post(self.operator, {"code": "19-01-779", "name": "  ", "kind": "school",
                                             "parent_code": "19-01"})
        self.assertEqual(response.json()["detail"], [{"field": "name", "message": "Обязательное поле."}])

    def test_an_unknown_kind_is_named_in_russian(self):
        response = self.post(self.operator, {"code": "19-01-780", "name": "Лицей", "kind": "lyceum"})
        self.assertEqual(response.status_code, 422)
        [error] = response.json()["detail"]
        self.assertEqual(error["field"], "kind")
        self.assertTrue(error["message"].startswith("Допустимые значения: 'region'"))

    def test_a_region_operator_renames_a_school_keeping_the_rest(self):
        response = self.patch(self.operator, "19-01-001", {"name": "МБОУ «СОШ № 1 имени Героя»"})
        self.assertEqual(response.status_code, 200, response.content)
        self.school_a.refresh_from_db()
        self.assertEqual((self.school_a.name, self.school_a.parent), ("МБОУ «СОШ № 1 имени Героя»", self.municipality_a))

    def test_a_region_operator_works_only_within_the_region(self):
        Organization.objects.create(code="24", name="Красноярский край", kind="region")
        response = self.post(self.operator, {"code": "24-01", "name": "г. Красноярск", "kind": "municipality",
                                             "parent_code": "24"})
        self.assertEqual(response.json()["detail"], [{"field": "parent_code", "message": "«24» вне вашей территории"}])
        self.assertEqual(self.patch(self.operator, "24", {"name": "Край"}).status_code, 404)
        self.assertFalse(Organization.objects.filter(code="24-01").exists())

    def test_a_curator_cannot_change_organizations(self):
        response = self.patch(self.curator_a, "19-01-001", {"name": "Другое"})
        self.assertEqual(response.status_code, 403)
        self.school_a.refresh_from_db()
        self.assertEqual(self.school_a.name, "МБОУ «СОШ № 1»")

    def test_a_municipal_specialist_cannot_add_organizations(self):
        response = self.post(self.municipal_a, {"code": "19-01-781", "name": "Школа", "kind": "school",
                                                "parent_code": "19-01"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Organization.objects.filter(code="19-01-781").exists())
