"""The home school's people sign in through invitations, at every stage: the story's mentor, mentee and parent
redeemed theirs; a class got a sheet of codes — some used, some waiting, some overdue, one revoked; parents of
pupils whose representative consent is missing were invited by e-mail, one signed in and gave it online; the
mentor and the mentee filled their questionnaires themselves. All through logins.actions."""

import datetime

from django.utils import timezone

from accounts.models import User
from logins import actions
from logins.models import Invitation
from people.models import Consent, MenteeRequest, Participant

SITE_URL = "http://127.0.0.1:8000"  # where `make demo` serves, for the links in the console's e-mails
SIGNED_IN_PUPILS = 3
OVERDUE_PUPILS = 2
INVITED_PARENTS = 3


def story_logins(*, records: dict[str, Participant], parent_name: str, users: dict[str, User], curator) -> None:
    """The demo's personal logins took their roles by invitations: codes for the pupils, a link for the parent."""
    for username in ("mentor", "mentee"):
        _, code = actions.invite(records[username], actor=curator)
        actions.redeem(code, signed_in=users[username])
    _, token = actions.invite(records["mentee"], actor=curator, kind=Invitation.Kind.REPRESENTATIVE,
                              invitee_name=parent_name, email=users["parent"].email, site_url=SITE_URL)
    actions.redeem(token, signed_in=users["parent"])


def _sent_weeks_ago(invitations: list[Invitation], weeks: int) -> None:
    """Invitations handed out before today (the actions date them now)."""
    sent = timezone.now() - datetime.timedelta(weeks=weeks)
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(sent_at=sent,
                                                                       expires_at=sent + datetime.timedelta(days=14))


def invitations_at_every_stage(*, records: dict[str, Participant], users: dict[str, User], curator,
                               password: str) -> None:
    mentee = records["mentee"]
    classmates = (Participant.objects.active().filter(organization=mentee.organization, grade=mentee.grade,
                                                      grade_letter=mentee.grade_letter, user__isnull=True)
                  .prefetch_related("consents"))
    issued, _ = actions.invite_with_codes(classmates, actor=curator)
    for n, (_, code) in enumerate(issued[:SIGNED_IN_PUPILS], start=1):
        actions.redeem(code, username=f"pupil{n}", password=password)
    rest = issued[SIGNED_IN_PUPILS:]
    _sent_weeks_ago([i for i, _ in rest[:OVERDUE_PUPILS]], weeks=3)
    if len(rest) > OVERDUE_PUPILS:
        actions.revoke(rest[OVERDUE_PUPILS][0], actor=curator)

    today = timezone.localdate()
    without = [p for p in Participant.objects.active().filter(organization=mentee.organization, is_mentee=True)
               .prefetch_related("consents").order_by("pk")
               if p.is_minor_on(today) and not any(c.kind == Consent.Kind.REPRESENTATIVE and c.is_in_force_on(today)
                                                   for c in p.consents.all())][:INVITED_PARENTS]
    for n, child in enumerate(without, start=2):
        name = f"{child.last_name} {'Ольга' if n % 2 else 'Андрей'} Викторов{'на' if n % 2 else 'ич'}"
        _, token = actions.invite(child, actor=curator, kind=Invitation.Kind.REPRESENTATIVE, invitee_name=name,
                                  email=f"parent{n}@example.org", site_url=SITE_URL)
        if n == 2:
            parent = actions.redeem(token, username=f"parent{n}", password=password)
            actions.give_consent(child, actor=parent, kind=Consent.Kind.REPRESENTATIVE)

    actions.save_questionnaire(records["mentor"], actor=users["mentor"], interests=records["mentor"].interests,
                               useful_for="Помогу разобраться в программировании и подготовиться к олимпиадам",
                               competences="информатика, математика", hours_per_month=6,
                               max_mentees=records["mentor"].mentor_profile.max_mentees)
    actions.save_questionnaire(mentee, actor=users["mentee"], interests=mentee.interests,
                               request_text="Хочу научиться выступать с проектом на конференции",
                               request_area=MenteeRequest.Area.CREATIVE)
