"""What tests start from: the small region built once per test class, and real races of transactions."""

import datetime
import functools
import threading
import unittest

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase, TransactionTestCase

from accounts.models import Role, RoleAssignment, User
from organizations.models import Agreement, Organization
from people.models import Category, Consent, Participant
from programmes.models import MentorshipForm

PASSWORD = "Nastavnik-test-2026"
TODAY = datetime.date(2026, 11, 22)


@functools.cache
def _password_hash() -> str:
    """PASSWORD hashed once: the hasher is slow on purpose, and a region has a score of users."""
    return make_password(PASSWORD)


def make_user(username: str, role: Role | None = None, organization=None, participant=None) -> User:
    user = User.objects.create(username=username, password=_password_hash(), last_name=username)
    if role:
        RoleAssignment.objects.create(user=user, role=role, organization=organization, participant=participant)
    return user


def make_participant(organization, last_name: str, *, birth_date=datetime.date(2012, 5, 1), consents=True,
                     **values) -> Participant:
    values.setdefault("first_name", "Иван")
    values.setdefault("category", Category.PUPIL)
    values.setdefault("is_mentee", not values.get("is_mentor", False))
    participant = Participant.objects.create(organization=organization, last_name=last_name,
                                             birth_date=birth_date, **values)
    if consents:
        Consent.objects.create(participant=participant, kind=Consent.Kind.PERSONAL_DATA,
                               given_on=datetime.date(2026, 9, 1))
        Consent.objects.create(participant=participant, kind=Consent.Kind.REPRESENTATIVE,
                               given_on=datetime.date(2026, 9, 1), representative_name="Петрова Анна Сергеевна")
    return participant


class ReloadsCatalogue:
    """For TransactionTestCase and live-server tests: the flush after each test empties the forms
    catalogue and the ready questionnaires that data migrations load, so they are loaded again before each test.
    (Serialized rollback would do it too, but it clashes with the content types that other flushes recreate.)"""

    @classmethod
    def _fixture_setup(cls):
        from django.apps import apps

        from programmes.catalogue import load_catalogue
        from surveys import catalogue as questionnaires

        super()._fixture_setup()
        load_catalogue(apps)
        questionnaires.install(apps)


def race(calls) -> list[str]:
    """Run the calls at the same moment, one thread and one connection each; "ok" or "refused" for each."""
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@unittest.skipUnless(connection.vendor == "postgresql", "SQLite lets one writer in at a time: no race to test")
class RaceTestCase(ReloadsCatalogue, TransactionTestCase):
    """Real parallel transactions (`race`) against PostgreSQL, in a school of a region built for each test."""

    def setUp(self):
        region = Organization.objects.create(code="R", name="Регион", kind="region")
        self.school = Organization.objects.create(code="S", name="Школа", kind="school", parent=region)


class RegionTestCase(TestCase):
    """Region → two municipalities → two schools, a college and a partner, a user for every role.

    «_a» names belong to school A (municipality A), «_b» to school B (municipality B).
    """

    @classmethod
    def setUpTestData(cls):
        org = Organization.objects.create
        cls.region = org(code="19", name="Республика Хакасия", kind=Organization.Kind.REGION)
        cls.municipality_a = org(code="19-01", name="г. Абакан", kind="municipality", parent=cls.region)
        cls.municipality_b = org(code="19-02", name="Усть-Абаканский район", kind="municipality", parent=cls.region)
        cls.school_a = org(code="19-01-001", name="МБОУ «СОШ № 1»", kind="school", parent=cls.municipality_a)
        cls.school_b = org(code="19-02-001", name="МБОУ «Райковская СОШ»", kind="school", parent=cls.municipality_b)
        cls.college = org(code="19-01-101", name="ГБПОУ «Абаканский колледж»", kind="college", parent=cls.municipality_a)
        cls.partner = org(code="19-P-001", name="АО «Абаканвагонмаш»", kind="partner", parent=cls.region)
        cls.agreement = Agreement.objects.create(
            partner=cls.partner, counterparty=cls.municipality_a, number="7/2026",
            signed_on=datetime.date(2026, 8, 20), valid_from=datetime.date(2026, 9, 1),
            valid_until=datetime.date(2027, 8, 31))

        cls.pupil_mentor_a = make_participant(cls.school_a, "Смирнов", is_mentor=True, is_mentee=False, grade=10,
                                              grade_letter="А", birth_date=datetime.date(2010, 3, 3))
        cls.pupil_a = make_participant(cls.school_a, "Кузнецова", first_name="Мария", grade=6, sex="f")
        cls.pupil_b = make_participant(cls.school_b, "Попов", grade=7)

        cls.operator = make_user("operator", Role.REGION_OPERATOR, cls.region)
        cls.municipal_a = make_user("municipal_a", Role.MUNICIPAL_SPECIALIST, cls.municipality_a)
        cls.municipal_b = make_user("municipal_b", Role.MUNICIPAL_SPECIALIST, cls.municipality_b)
        cls.head_a = make_user("head_a", Role.HEAD, cls.school_a)
        cls.curator_a = make_user("curator_a", Role.CURATOR, cls.school_a)
        cls.curator_b = make_user("curator_b", Role.CURATOR, cls.school_b)
        cls.psychologist_a = make_user("psychologist_a", Role.PSYCHOLOGIST, cls.school_a)
        cls.mentor_a = make_user("mentor_a", Role.MENTOR, cls.school_a, cls.pupil_mentor_a)
        cls.mentee_a = make_user("mentee_a", Role.MENTEE, cls.school_a, cls.pupil_a)
        cls.parent_a = make_user("parent_a", Role.REPRESENTATIVE, cls.school_a, cls.pupil_a)
        cls.stranger = make_user("stranger")
        cls.pupil_pupil = MentorshipForm.objects.get(code="pupil_pupil")

    def login(self, user: User) -> None:
        self.client.force_login(user)
