"""Roles granted in Django's admin are journalled like every other change of access."""

from html.parser import HTMLParser

from django.urls import reverse

from accounts.models import Role, RoleAssignment, User
from audit.models import AuditEntry
from testing.fixtures import PASSWORD, RegionTestCase, make_user


class _Form(HTMLParser):
    """What a browser submits from the page's form: every named input, selected option and textarea."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio"):
                self.data.setdefault(name, []).append(attrs.get("value") or "")
            elif "checked" in attrs:
                self.data.setdefault(name, []).append(attrs.get("value") or "on")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


class AdminRolesAreJournalledTests(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.root = User.objects.create_superuser("root", password=PASSWORD)
        cls.newcomer = make_user("newcomer")

    def post_roles(self, **fields) -> None:
        url = reverse("admin:accounts_user_change", args=[self.newcomer.pk])
        form = _Form()
        form.feed(self.client.get(url).content.decode())
        data = {name: values for name, values in form.data.items() if not name.startswith("_")}
        data.update({name: [str(value)] for name, value in fields.items()})
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, [e for e in response.context["errors"]] if response.context else "")

    def test_a_role_granted_and_taken_away_in_the_admin_is_journalled_in_its_organization(self):
        self.client.force_login(self.root)
        self.post_roles(**{"roles-TOTAL_FORMS": 1, "roles-0-role": Role.CURATOR,
                           "roles-0-organization": self.school_a.pk, "roles-0-participant": ""})
        role = RoleAssignment.objects.get(user=self.newcomer)
        granted = AuditEntry.objects.get(object_type="roleassignment", action=AuditEntry.Action.CREATE)
        self.assertEqual((granted.actor, granted.organization, granted.object_id), (self.root, self.school_a, role.pk))
        self.assertEqual(granted.changes["role"], [None, Role.CURATOR])

        self.post_roles(**{"roles-0-DELETE": "on"})
        self.assertFalse(RoleAssignment.objects.filter(user=self.newcomer).exists())
        taken = AuditEntry.objects.get(object_type="roleassignment", action=AuditEntry.Action.DELETE)
        self.assertEqual((taken.organization, taken.object_id, taken.changes["role"]),
                         (self.school_a, role.pk, [Role.CURATOR, None]))
