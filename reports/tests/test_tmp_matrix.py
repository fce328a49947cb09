from reports.tests.access import CHECKS
from testing.fixtures import RegionTestCase
from testing.tests.test_authorization_matrix import matrix_failures


class T(RegionTestCase):
    def test_matrix(self):
        failures = matrix_failures(self, CHECKS)
        self.assertFalse(failures, "\n" + "\n".join(failures))
