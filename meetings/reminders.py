"""Reminders of deadlines by e-mail, each sent once: «скоро срок» SOON_DAYS before the due day and «срок прошёл»
after it, to whom the deadline falls on — the mentor, the mentee and the mentee's parents, or the curators.

Once means once however often and however many at a time `send_due` runs: the row of a reminder is inserted
first, under a unique constraint, and the mail goes only after that row is committed — a second run, or one
racing it, fails the insert and sends nothing. (A mail server down at that moment loses the reminder rather than
sending it twice.)"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from meetings import deadlines
from meetings.facts import facts_of
from meetings.models import Reminder
from pairs.models import Pair, PairStatus

SOON_DAYS = 2
# Pairs ended longer ago than this owe nothing more worth reminding.
ENDED_WITHIN_DAYS = 60
ROLES = {deadlines.MENTOR: (Role.MENTOR,), deadlines.MENTEE: (Role.MENTEE, Role.REPRESENTATIVE),
         deadlines.CURATOR: (Role.CURATOR,)}


def stage(deadline: deadlines.Deadline, today: datetime.date) -> str | None:
    if deadline.overdue(today):
        return Reminder.Stage.OVERDUE
    if (deadline.due - today).days <= SOON_DAYS:
        return Reminder.Stage.SOON
    return None


def recipients(pair: Pair, deadline: deadlines.Deadline):
    """Active users with an e-mail address whose role this deadline is the work of."""
    roles = RoleAssignment.objects.filter(role__in=ROLES[deadline.who], user__is_active=True).exclude(user__email="")
    if deadline.who == deadlines.CURATOR:
        roles = roles.filter(organization=pair.organization_id)
    else:
        roles = roles.filter(participant=deadline.participant)
    return [assignment.user for assignment in roles.select_related("user")]


def _pairs(today: datetime.date):
    recent = today - datetime.timedelta(days=ENDED_WITHIN_DAYS)
    return (Pair.objects.filter(status__in=(PairStatus.ACTIVE, PairStatus.COMPLETED, PairStatus.TERMINATED))
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=recent)).select_related("organization", "mentor"))


def _message(pair: Pair, deadline: deadlines.Deadline, stage_: str) -> tuple[str, str]:
    when = "срок прошёл" if stage_ == Reminder.Stage.OVERDUE else "скоро срок"
    subject = f"Наставник: {deadline.label} — {when} {deadline.due:%d.%m.%Y}"
    link = settings.SITE_URL + reverse("meetings:pair", args=[pair.pk])
    body = (f"Здравствуйте!\n\n{deadline.label}: срок — {deadline.due:%d.%m.%Y} ({when}).\n"
            f"Пара наставника {pair.mentor.full_name}, {pair.organization.name}.\n\n{link}\n\n"
            "Это письмо отправлено один раз; сделанное снимает напоминание.")
    return subject, body


def send_due(today: datetime.date) -> int:
    """Send every reminder due on `today` not sent before; the number sent."""
    pairs = {pair.pk: pair for pair in _pairs(today)}
    sent = 0
    for pk, facts in facts_of(Pair.objects.filter(pk__in=pairs)).items():
        for deadline in deadlines.deadlines(facts, today):
            stage_ = stage(deadline, today)
            if stage_ is None:
                continue
            for user in recipients(pairs[pk], deadline):
                sent += send_once(user, *_message(pairs[pk], deadline, stage_), pair=pairs[pk], key=deadline.key,
                                  stage=stage_)
    return sent


def send_once(user, subject: str, body: str, **reminder) -> int:
    """Mail `user` unless the reminder (the fields of its `Reminder` row) went before: 1 when sent, 0 when not.
    Every reminder of the product goes through here (the deadlines above, the questionnaires of surveys, the
    «Напомнить» of roadmaps)."""
    try:
        with transaction.atomic():
            Reminder.objects.create(user=user, **reminder)
            transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
    except IntegrityError:
        return 0
    return 1
