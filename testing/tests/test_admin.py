"""Django admin is no side door: what carries personal data, pairs or rules changes only through
the actions (rule checks, the journal), so a superuser sees those rows there and changes none."""

import datetime

from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User
from audit.log import record
from audit.models import AuditEntry
from pairs.models import Pair, PairMentee
from programmes.models import FormRuleOverride
from testing.fixtures import PASSWORD, RegionTestCase

# Every model of these apps: participants, consents, profiles, pairs, programmes and the rules of
# forms and their overrides, orders, matching runs, meetings, invitations, the journal, roadmaps and their versions.
READ_ONLY_APPS = {"people", "pairs", "programmes", "documents", "matching", "meetings", "audit", "logins", "roadmaps", "reports"}


def read_only(model) -> bool:
    return model._meta.app_label in READ_ONLY_APPS


class AdminIsReadOnlyTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.root = User.objects.create_superuser("root", password=PASSWORD)
        pair = Pair.objects.create(organization=cls.school_a, form=cls.pupil_pupil, mentor=cls.pupil_mentor_a,
                                   start_date=datetime.date(2026, 10, 1), planned_end_date=datetime.date(2027, 5, 31))
        PairMentee.objects.create(pair=pair, mentee=cls.pupil_a)
        FormRuleOverride.objects.create(organization=cls.region, form=cls.pupil_pupil,
                                        rule=FormRuleOverride.Rule.MENTEE_AGE_MAX, value=18)
        record(actor=cls.curator_a, action=AuditEntry.Action.CREATE, obj=pair, organization=cls.school_a)

    def setUp(self):
        self.client.force_login(self.root)

    def url(self, model, view: str, *args) -> str:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)

    def test_a_superusers_posts_to_add_change_or_delete_such_rows_are_refused(self):
        protected = [(model, model_admin) for model, model_admin in admin.site._registry.items() if read_only(model)]
        self.assertGreaterEqual({model.__name__ for model, _ in protected},
                                {"Participant", "MentorProfile", "MenteeProfile", "Pair", "MentorshipForm",
                                 "FormRuleOverride", "Programme", "AuditEntry"})
        tried_rows = set()
        for model, _ in protected:
            with self.subTest(model=model.__name__):
                count = model.objects.count()
                self.assertEqual(self.client.post(self.url(model, "add"), {}).status_code, 403)
                row = model.objects.first()
                if row is not None:
                    tried_rows.add(model.__name__)
                    self.assertEqual(self.client.post(self.url(model, "change", row.pk), {}).status_code, 403)
                    self.assertEqual(self.client.post(self.url(model, "delete", row.pk), {"post": "yes"}).status_code,
                                     403)
                    self.assertEqual(self.client.get(self.url(model, "change", row.pk)).status_code, 200)  # seen
                self.assertEqual(model.objects.count(), count)
        self.assertGreaterEqual(tried_rows, {"Participant", "Pair", "MentorshipForm", "FormRuleOverride", "AuditEntry"})

    def test_no_inline_of_any_admin_page_edits_such_rows(self):
        request = RequestFactory().get("/admin/")
        request.user = self.root
        for model, model_admin in admin.site._registry.items():
            for inline in model_admin.get_inline_instances(request):
                if read_only(inline.model):
                    with self.subTest(admin=model.__name__, inline=inline.model.__name__):
                        self.assertFalse(inline.has_add_permission(request, None))
                        self.assertFalse(inline.has_change_permission(request))
                        self.assertFalse(inline.has_delete_permission(request))

    def test_an_organization_with_participants_cannot_be_deleted_in_the_admin(self):
        response = self.client.post(self.url(self.school_a, "delete", self.school_a.pk), {"post": "yes"})
        self.assertEqual(set(response.context["perms_lacking"]), {"участник", "наставническая пара (группа)"})
        self.assertTrue(type(self.school_a).objects.filter(pk=self.school_a.pk).exists())
