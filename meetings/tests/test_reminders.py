"""Reminders by e-mail: to whom the deadline falls on, each sent once however often the command runs."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from accounts.models import Role, User
from meetings import reminders
from meetings.models import Reminder
from meetings.tasks import send_reminders
from meetings.tests.base import START, PairTestCase, working_pair
from pairs.models import Pair, PairStatus
from testing.fixtures import RaceTestCase, make_participant, make_user, race

D = datetime.date


def with_emails(*users):
    for user in users:
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@example.ru")


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class ReminderTests(PairTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        with_emails(cls.mentor_a, cls.mentee_a, cls.parent_a, cls.curator_a, cls.head_a)

    def send(self, day) -> int:
        """Mails go once the reminder's row is committed: here, at the end of the block."""
        with self.captureOnCommitCallbacks(execute=True):
            return reminders.send_due(day)

    def command(self, *args) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_reminders", *args, stdout=io.StringIO())

    def test_the_command_run_twice_sends_each_reminder_once(self):
        self.command("--day", "2026-09-16")
        first = [(m.to, m.subject) for m in mail.outbox]
        self.command("--day", "2026-09-16")
        self.assertEqual([(m.to, m.subject) for m in mail.outbox], first)
        self.assertEqual(first, [(["mentor_a@example.ru"],
                                  "Наставник: Регулярная встреча (последняя — 01.09.2026) — срок прошёл 15.09.2026")])

    def test_a_reminder_comes_before_the_due_day_and_again_once_it_has_passed(self):
        self.assertEqual(self.send(D(2026, 9, 13)), 1)
        self.assertEqual(self.send(D(2026, 9, 14)), 0)
        self.assertEqual(self.send(D(2026, 9, 16)), 1)
        self.assertEqual(len(mail.outbox), 2)
        self.assertEqual(sorted(Reminder.objects.values_list("stage", flat=True)), ["overdue", "soon"])

    def test_the_final_reports_remind_the_mentor_the_mentee_with_the_parents_and_the_curator(self):
        Pair.objects.filter(pk=self.pair.pk).update(status=PairStatus.COMPLETED, ended_on=D(2026, 9, 20))
        self.send(D(2026, 10, 1))
        subjects = {(m.to[0], m.subject.split(" — ")[0]) for m in mail.outbox}
        self.assertLessEqual({("mentor_a@example.ru", "Наставник: Отчёт наставника о выполнении плана"),
                              ("mentee_a@example.ru", "Наставник: Отчёт наставляемого с оценкой наставника"),
                              ("parent_a@example.ru", "Наставник: Отчёт наставляемого с оценкой наставника"),
                              ("curator_a@example.ru", "Наставник: Итоговое собеседование куратора с наставляемым")},
                             subjects)
        self.assertNotIn("head_a@example.ru", {m.to[0] for m in mail.outbox})

    def test_a_user_without_an_address_or_blocked_gets_nothing(self):
        User.objects.filter(pk=self.mentor_a.pk).update(is_active=False)
        self.assertEqual(self.send(D(2026, 9, 16)), 0)

    def test_the_periodic_task_sends_the_same_reminders_once(self):
        with self.captureOnCommitCallbacks(execute=True):
            send_reminders.enqueue(repeat=False)
            send_reminders.enqueue()
        self.assertGreater(len(mail.outbox), 0)
        self.assertEqual(Reminder.objects.count(), len(mail.outbox))


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class ReminderRaceTests(RaceTestCase):
    def test_two_runs_at_once_send_each_reminder_once(self):
        from programmes.models import MentorshipForm

        form = MentorshipForm.objects.get(code="pupil_pupil")
        for number in range(3):
            mentor = make_participant(self.school, f"Наставник{number}", is_mentor=True, is_mentee=False, grade=10,
                                      birth_date=D(2010, 1, 1))
            mentee = make_participant(self.school, f"Ученик{number}")
            working_pair(self.school, form, mentor, mentee, start=START)
            user = make_user(f"mentor{number}", Role.MENTOR, self.school, mentor)
            with_emails(user)
        counts = []
        outcomes = race([lambda: counts.append(reminders.send_due(D(2026, 9, 16)))] * 2)
        self.assertEqual(outcomes, ["ok", "ok"])
        self.assertEqual(sum(counts), 3)
        self.assertEqual(len(mail.outbox), 3)
        self.assertEqual(Reminder.objects.count(), 3)
