"""Invitations: a one-time code or link that expires, works once, for one person; revoking and closing at once."""

import datetime
import math
from unittest import mock

from django.core import mail
from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from logins import actions, codes
from logins.models import Invitation
from people.models import Consent
from testing.fixtures import RegionTestCase, make_participant

PASSWORD = "Krepkiy-parol-2026"


class CodeTests(SimpleTestCase):
    def test_a_code_holds_at_least_40_random_bits(self):
        self.assertEqual(codes.CODE_BITS, codes.CODE_LENGTH * math.log2(len(codes.ALPHABET)))
        self.assertGreaterEqual(codes.CODE_BITS, 40)
        self.assertEqual(len(set(codes.ALPHABET)), len(codes.ALPHABET))

    def test_a_code_typed_back_in_lower_case_with_dashes_and_misread_letters_is_the_same_code(self):
        code = "0K3QX1MZ2D"
        self.assertEqual(codes.normalize(" ok3qx-imz2d "), code)
        self.assertEqual(codes.normalize(codes.printed(code)), code)

    def test_codes_drawn_in_a_row_do_not_repeat(self):
        drawn = [codes.new_code() for _ in range(5000)]
        self.assertEqual(len(set(drawn)), len(drawn))
        self.assertTrue(all(set(code) <= set(codes.ALPHABET) for code in drawn))


class InvitationTests(RegionTestCase):
    def setUp(self):
        self.pupil = make_participant(self.school_a, "Новикова", first_name="Анна", grade=7, grade_letter="Б")

    def invite(self, participant=None, **values):
        return actions.invite(participant or self.pupil, actor=self.curator_a, **values)

    def test_a_code_signs_the_pupil_in_once_with_the_password_they_chose(self):
        invitation, code = self.invite()
        user = actions.redeem(codes.printed(code).lower(), username="novikova", password=PASSWORD)
        self.assertTrue(user.check_password(PASSWORD))
        self.assertEqual(user.get_full_name(), "Новикова Анна")
        self.assertTrue(RoleAssignment.objects.filter(user=user, role=Role.MENTEE, participant=self.pupil).exists())
        self.pupil.refresh_from_db()
        self.assertEqual(self.pupil.user, user)
        with self.assertRaisesMessage(ValidationError, "уже использовано"):
            actions.redeem(code, username="novikova2", password=PASSWORD)
        self.assertEqual(User.objects.filter(username__startswith="novikova").count(), 1)

    def test_an_invitation_expires_after_the_days_of_the_setting(self):
        invitation, code = self.invite()
        later = timezone.now() + datetime.timedelta(days=15)
        with mock.patch("django.utils.timezone.now", return_value=later):
            self.assertEqual(Invitation.objects.get().state, Invitation.State.OVERDUE)
            with self.assertRaisesMessage(ValidationError, "Срок приглашения истёк"):
                actions.redeem(code, username="novikova", password=PASSWORD)
        self.assertFalse(User.objects.filter(username="novikova").exists())

    def test_another_signed_in_person_cannot_take_the_invitation(self):
        invitation, code = self.invite()
        with self.assertRaisesMessage(ValidationError, "Это приглашение для «Новикова Анна»"):
            actions.redeem(code, signed_in=self.mentor_a)
        self.assertFalse(self.mentor_a.roles.filter(participant=self.pupil).exists())
        self.assertIsNone(Invitation.objects.get().redeemed_at)

    def test_a_revoked_invitation_stops_working_at_once(self):
        invitation, code = self.invite()
        actions.revoke(invitation, actor=self.curator_a)
        with self.assertRaisesMessage(ValidationError, "отозвано"):
            actions.redeem(code, username="novikova", password=PASSWORD)

    def test_a_resent_invitation_has_a_new_secret_and_the_old_one_stops_working(self):
        invitation, old = self.invite()
        new = actions.resend(invitation, actor=self.curator_a)
        self.assertNotEqual(old, new)
        with self.assertRaisesMessage(ValidationError, "Код не найден"):
            actions.redeem(old, username="novikova", password=PASSWORD)
        actions.redeem(new, username="novikova", password=PASSWORD)

    def test_a_weak_password_is_refused_with_nothing_written(self):
        invitation, code = self.invite()
        with self.assertRaises(ValidationError) as refusal:
            actions.redeem(code, username="novikova", password="123")
        self.assertIn("password", refusal.exception.message_dict)
        self.assertFalse(User.objects.filter(username="novikova").exists())
        self.assertIsNone(Invitation.objects.get().redeemed_at)

    def test_a_minor_without_the_representatives_consent_gets_no_own_login(self):
        minor = make_participant(self.school_a, "Белов", consents=False, grade=5)
        with self.assertRaisesMessage(ValidationError, "несовершеннолетний"):
            self.invite(minor)
        self.invite(minor, kind=Invitation.Kind.REPRESENTATIVE, invitee_name="Белова Ольга Петровна",
                    email="belova@example.org")

    def test_an_email_invitation_is_mailed_after_the_commit_and_its_link_works_once(self):
        with self.captureOnCommitCallbacks(execute=True):
            invitation, token = self.invite(kind=Invitation.Kind.REPRESENTATIVE, invitee_name="Новиков Пётр",
                                            email="novikov@example.org", site_url="https://nastavnik.example/")
        self.assertEqual(len(mail.outbox), 1)
        link = reverse("logins:accept_link", args=[token])
        self.assertIn("https://nastavnik.example" + link, mail.outbox[0].body)
        response = self.client.post(link, {"code": token, "username": "novikov", "password": PASSWORD,
                                           "password_again": PASSWORD})
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)
        user = User.objects.get(username="novikov")
        self.assertEqual(user.email, "novikov@example.org")
        self.assertTrue(user.roles.filter(role=Role.REPRESENTATIVE, participant=self.pupil).exists())
        self.client.logout()
        self.assertEqual(self.client.get(link).status_code, 410)

    def test_a_new_code_from_the_curator_sets_a_new_password_on_the_same_login(self):
        invitation, code = self.invite()
        user = actions.redeem(code, username="novikova", password=PASSWORD)
        invitation, code = self.invite()
        again = actions.redeem(code, password="Drugoy-parol-2027")
        self.assertEqual(again, user)
        user.refresh_from_db()
        self.assertTrue(user.check_password("Drugoy-parol-2027"))

    def test_a_teacher_in_two_schools_has_one_login_with_both_roles(self):
        teacher_a = make_participant(self.school_a, "Орлова", first_name="Вера", is_mentor=True, is_mentee=False,
                                     category="teacher", birth_date=datetime.date(1980, 1, 1))
        teacher_b = make_participant(self.school_b, "Орлова", first_name="Вера", is_mentor=True, is_mentee=False,
                                     category="teacher", birth_date=datetime.date(1980, 1, 1))
        user = actions.redeem(self.invite(teacher_a)[1], username="orlova", password=PASSWORD)
        _, code = actions.invite(teacher_b, actor=self.curator_b)
        self.assertEqual(actions.redeem(code, signed_in=user), user)
        self.assertEqual(sorted(user.roles.values_list("organization__code", flat=True)),
                         [self.school_a.code, self.school_b.code])


class ClosingTests(RegionTestCase):
    def setUp(self):
        self.pupil = make_participant(self.school_a, "Новикова", grade=7)
        self.user = actions.redeem(actions.invite(self.pupil, actor=self.curator_a)[1], username="novikova",
                                   password=PASSWORD)

    def test_closing_the_login_of_a_person_who_left_takes_effect_on_the_next_request(self):
        self.client.force_login(self.user)
        card = reverse("people:detail", args=[self.pupil.pk])
        self.assertEqual(self.client.get(card).status_code, 200)
        actions.close_login(self.pupil, actor=self.curator_a)
        response = self.client.get(card)
        self.assertRedirects(response, f"{reverse('login')}?next={card}", fetch_redirect_response=False)
        self.user.refresh_from_db()
        self.assertFalse(self.user.is_active)
        self.pupil.refresh_from_db()
        self.assertIsNone(self.pupil.user)

    def test_anonymizing_the_person_closes_their_login_and_drops_their_invitations(self):
        from people.actions import anonymize_participant

        actions.invite(self.pupil, actor=self.curator_a, kind=Invitation.Kind.REPRESENTATIVE,
                       invitee_name="Новиков Пётр", email="n@example.org")
        anonymize_participant(self.pupil, actor=self.curator_a)
        self.assertFalse(self.user.roles.exists())
        self.assertFalse(Invitation.objects.filter(participant=self.pupil).exists())

    def test_signing_out_everywhere_ends_every_session(self):
        other_device = self.client_class()
        other_device.force_login(self.user)
        self.client.force_login(self.user)
        self.client.post(reverse("logins:sign_out_all"))
        self.assertEqual(other_device.get(reverse("home")).status_code, 302)
        self.assertEqual(self.client.get(reverse("home")).status_code, 302)

    def test_a_consent_kind_given_online_needs_a_kind_the_person_may_give(self):
        with self.assertRaises(ValidationError):
            actions.give_consent(self.pupil, actor=self.user, kind=Consent.Kind.PERSONAL_DATA)


@override_settings(AXES_ENABLED=True)
class GuessingTests(RegionTestCase):
    def test_guessing_codes_locks_the_address_out_like_guessing_passwords(self):
        guesses = [self.client.post(reverse("logins:code"), {"code": "AAAAA-AAAAA"}).status_code for _ in range(5)]
        self.assertEqual(guesses[0], 410)
        invitation, code = actions.invite(self.pupil_a, actor=self.curator_a)
        self.assertEqual(self.client.post(reverse("logins:code"), {"code": code}).status_code, 429)
