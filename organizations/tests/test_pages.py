import datetime

from django.urls import reverse

from audit.models import AuditEntry
from organizations.models import Agreement, Organization
from testing.fixtures import RegionTestCase


def agreement_data(counterparty, **values) -> dict:
    return {"counterparty": counterparty.pk, "number": "15/2026", "signed_on": "2026-10-01",
            "valid_from": "2026-10-01", "valid_until": "2027-06-30", **values}


class OrganizationPagesTests(RegionTestCase):
    def get(self, user, name, *args, query=""):
        self.login(user)
        return self.client.get(reverse(name, args=args) + query)

    def test_the_operator_sees_every_organization_grouped_by_municipality(self):
        response = self.get(self.operator, "organizations:list")
        page = response.content.decode()
        for name in ("Региональный уровень", "г. Абакан", "Усть-Абаканский район", "Абаканский колледж"):
            self.assertIn(name, page)
        self.assertLess(page.index("г. Абакан"), page.index("МБОУ «СОШ № 1»"))
        self.assertLess(page.index("МБОУ «СОШ № 1»"), page.index("Усть-Абаканский район"))

    def test_search_by_name_ignores_case(self):
        response = self.get(self.operator, "organizations:list", query="?q=райковская")
        self.assertContains(response, "Райковская")
        self.assertNotContains(response, "СОШ № 1")

    def test_a_curator_sees_only_the_own_school(self):
        response = self.get(self.curator_a, "organizations:list")
        self.assertContains(response, "СОШ № 1")
        self.assertNotContains(response, "Райковская")
        self.assertNotContains(response, f'href="{reverse("organizations:detail", args=[self.municipality_a.pk])}"')

    def test_the_card_shows_kind_parent_counts_and_the_agreements_covering_the_school(self):
        response = self.get(self.curator_a, "organizations:detail", self.school_a.pk)
        for text in ("школа", "г. Абакан", "АО «Абаканвагонмаш»", "№ 7/2026 от 20.08.2026", "по 31.08.2027"):
            self.assertContains(response, text)
        self.assertEqual(response.context["counts"],
                         {"participants": 2, "mentors": 1, "mentees": 1, "without_consents": 0})

    def test_a_municipality_card_lists_its_organizations_and_counts_them_all(self):
        response = self.get(self.municipal_a, "organizations:detail", self.municipality_a.pk)
        self.assertContains(response, "Абаканский колледж")
        self.assertEqual(response.context["counts"]["participants"], 2)

    def test_the_municipality_sees_the_schools_curators_as_contacts(self):
        self.curator_a.email = "curator@school1.example.org"
        self.curator_a.save()
        response = self.get(self.municipal_a, "organizations:detail", self.school_a.pk)
        self.assertContains(response, "curator_a <span class=\"muted\">— curator@school1.example.org</span>")
        self.assertNotContains(response, "Кузнецова")

    def test_an_organization_outside_the_scope_is_not_found(self):
        self.assertEqual(self.get(self.curator_a, "organizations:detail", self.school_b.pk).status_code, 404)


class PartnerAgreementTests(RegionTestCase):
    def post(self, user, name, pk, data):
        self.login(user)
        return self.client.post(reverse(name, args=[pk]), data)

    def test_the_partner_list_shows_the_agreements_covering_the_users_organizations_only(self):
        Agreement.objects.create(partner=self.partner, counterparty=self.school_b, number="12/2026",
                                 signed_on=datetime.date(2026, 9, 1), valid_from=datetime.date(2026, 9, 1))
        self.login(self.curator_a)
        response = self.client.get(reverse("organizations:partners"))
        self.assertContains(response, "7/2026")
        self.assertNotContains(response, "12/2026")
        self.login(self.curator_b)
        response = self.client.get(reverse("organizations:partners"))
        self.assertContains(response, "12/2026")
        self.assertNotContains(response, "7/2026")

    def test_a_curator_adds_an_agreement_of_the_own_school_with_an_audit_row(self):
        response = self.post(self.curator_a, "organizations:agreement_create", self.partner.pk,
                             agreement_data(self.school_a))
        self.assertRedirects(response, reverse("organizations:partners"))
        agreement = Agreement.objects.get(number="15/2026")
        entry = AuditEntry.objects.get(object_type="agreement", object_id=agreement.pk)
        self.assertEqual((entry.action, entry.organization, entry.actor), ("create", self.school_a, self.curator_a))

    def test_a_curator_cannot_sign_for_another_school_or_the_municipality(self):
        for counterparty in (self.school_b, self.municipality_a):
            response = self.post(self.curator_a, "organizations:agreement_create", self.partner.pk,
                                 agreement_data(counterparty))
            self.assertContains(response, "Выберите корректный вариант")
        self.assertFalse(Agreement.objects.filter(number="15/2026").exists())

    def test_a_number_is_unique_for_the_partner_and_the_term_is_ordered(self):
        response = self.post(self.municipal_a, "organizations:agreement_create", self.partner.pk,
                             agreement_data(self.school_a, number="7/2026"))
        self.assertContains(response, "У партнёра уже есть соглашение № 7/2026.")
        response = self.post(self.municipal_a, "organizations:agreement_create", self.partner.pk,
                             agreement_data(self.school_a, valid_until="2026-09-01"))
        self.assertContains(response, "Срок действия заканчивается раньше, чем начинается.")
        self.assertEqual(Agreement.objects.count(), 1)

    def test_an_agreement_is_only_made_with_a_partner(self):
        response = self.post(self.operator, "organizations:agreement_create", self.school_b.pk,
                             agreement_data(self.school_a))
        self.assertEqual(response.status_code, 404)

    def test_editing_an_agreement_records_old_and_new_values(self):
        self.post(self.municipal_a, "organizations:agreement_edit", self.agreement.pk,
                  agreement_data(self.municipality_a, number="7/2026", signed_on="2026-08-20",
                                 valid_from="2026-09-01", valid_until="2028-08-31"))
        entry = AuditEntry.objects.get(object_type="agreement", action="update")
        self.assertEqual(entry.changes, {"valid_until": ["2027-08-31", "2028-08-31"]})
        self.assertEqual(entry.organization, self.municipality_a)

    def test_a_school_curator_sees_but_cannot_edit_the_municipalitys_agreement(self):
        self.login(self.curator_a)
        self.assertNotContains(self.client.get(reverse("organizations:partners")),
                               reverse("organizations:agreement_edit", args=[self.agreement.pk]))
        response = self.client.get(reverse("organizations:agreement_edit", args=[self.agreement.pk]))
        self.assertEqual(response.status_code, 403)

    def test_partners_of_another_region_are_not_shown(self):
        region = Organization.objects.create(code="24", name="Красноярский край", kind="region")
        Organization.objects.create(code="24-P-1", name="ПАО «Красцветмет»", kind="partner", parent=region)
        self.login(self.operator)
        self.assertNotContains(self.client.get(reverse("organizations:partners")), "Красцветмет")
