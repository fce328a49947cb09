"""The own account: a new password by e-mail, a change of password that keeps this session only."""

import re

from django.core import mail
from django.urls import reverse

from logins import actions
from logins.models import Invitation
from testing.fixtures import RegionTestCase

PASSWORD = "Krepkiy-parol-2026"
NEW = "Novyy-parol-2027"


class AccountTests(RegionTestCase):
    def setUp(self):
        _, token = actions.invite(self.pupil_a, actor=self.curator_a, kind=Invitation.Kind.REPRESENTATIVE,
                                  invitee_name="Кузнецов Олег", email="kuznetsov@example.org")
        self.parent = actions.redeem(token, username="kuznetsov", password=PASSWORD)

    def test_a_parent_gets_a_new_password_by_the_email_of_the_invitation(self):
        self.client.post(reverse("logins:password_reset"), {"email": "kuznetsov@example.org"})
        self.assertEqual(len(mail.outbox), 1)
        link = re.search(r"https?://\S+", mail.outbox[0].body).group()
        form = self.client.get(link, follow=True)
        self.client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
        self.parent.refresh_from_db()
        self.assertTrue(self.parent.check_password(NEW))

    def test_a_changed_password_ends_the_other_sessions_and_keeps_this_one(self):
        other = self.client_class()
        other.force_login(self.parent)
        self.client.force_login(self.parent)
        self.client.post(reverse("logins:password_change"), {"old_password": PASSWORD, "new_password1": NEW,
                                                             "new_password2": NEW})
        self.assertEqual(self.client.get(reverse("logins:account")).status_code, 200)
        self.assertEqual(other.get(reverse("logins:account")).status_code, 302)
