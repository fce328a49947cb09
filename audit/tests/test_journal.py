from audit.log import record
from audit.models import AuditEntry
from organizations.models import Organization
from testing.fixtures import RegionTestCase


class JournalOutlivesItsOrganizationTests(RegionTestCase):
    def test_deleting_an_organization_keeps_its_audit_rows_with_its_code_and_name(self):
        school = Organization.objects.create(code="19-01-099", name="МБОУ «СОШ № 99»", kind="school",
                                             parent=self.municipality_a)
        row = record(actor=self.operator, action=AuditEntry.Action.CREATE, obj=school, organization=school)
        school.delete()
        row.refresh_from_db()
        self.assertIsNone(row.organization)
        self.assertEqual(row.organization_label, "19-01-099 МБОУ «СОШ № 99»")
