"""Two people typing the same code at the same moment: one login, the other refused (PostgreSQL)."""

from accounts.models import Role, User
from logins import actions
from testing.fixtures import RaceTestCase, make_participant, make_user, race

PASSWORD = "Krepkiy-parol-2026"


class RedeemRaceTests(RaceTestCase):
    def test_a_code_used_twice_at_once_makes_one_login(self):
        pupil = make_participant(self.school, "Гонкина", grade=7)
        curator = make_user("curator", Role.CURATOR, self.school)
        _, code = actions.invite(pupil, actor=curator)
        outcomes = race([lambda: actions.redeem(code, username="first", password=PASSWORD),
                         lambda: actions.redeem(code, username="second", password=PASSWORD)])
        self.assertEqual(outcomes, ["ok", "refused"])
        self.assertEqual(User.objects.filter(username__in=["first", "second"]).count(), 1)
