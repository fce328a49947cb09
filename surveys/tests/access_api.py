"""Authorization matrix rows of the questionnaire API (format: testing/access_matrix.py); the campaigns are those of
surveys/tests/access.py."""

from surveys.tests.access import STAFF, listed
from testing.access_matrix import NOBODY, Check, pupil_surname

CHECKS = [
    Check("/api/v1/surveys/campaigns/", listed, STAFF, secret=pupil_surname, sees=NOBODY),
]
