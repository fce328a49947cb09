"""Opening, answering, reminding and closing campaigns: one transaction each, with its audit row."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, RoleAssignment
from accounts.scoping import may, organizations_where, personal_participant_ids
from audit import log
from audit.models import AuditEntry
from meetings import reminders
from meetings.models import Reminder
from organizations.models import Organization
from pairs.models import LIVE_STATUSES, Pair, PairMentee
from people.models import Participant
from roadmaps import actions as roadmap_actions
from surveys import profiles
from surveys.models import Answer, Campaign, Item, Questionnaire, Response

_ANSWERING_ROLES = (Role.MENTOR, Role.MENTEE, Role.REPRESENTATIVE)
# Who a questionnaire is for (Questionnaire.audience): the curator's are answered for the organization.
STAFF_AUDIENCE = "curator"
WITHOUT_PAIR = "none"


def may_answer_for(user, participant) -> bool:
    """The participant's own login, or the parent's (a minor answers through the legal representative); or the
    curator entering a questionnaire filled in on paper («в письменной форме», seed 002)."""
    return (user.roles.filter(participant=participant, role__in=_ANSWERING_ROLES).exists()
            or organizations_where(user, "manage_people").filter(pk=participant.organization_id).exists())


def open_to(user) -> list[tuple[Campaign, Participant, bool]]:
    """(campaign, person, answered) of every open campaign addressed to a person the user answers for: their own
    record, or their child's (a parent's login)."""
    people = Participant.objects.visible_to(user).active().filter(pk__in=personal_participant_ids(user))
    given = Response.objects.filter(campaign=OuterRef("campaign"), participant=OuterRef("participant"))
    rows = (Campaign.recipients.through.objects.filter(participant__in=people, campaign__state=Campaign.State.OPEN)
            .annotate(answered=Exists(given)).order_by("-campaign__opened_on", "participant__last_name")
            .select_related("campaign__questionnaire", "campaign__organization", "participant"))
    return [(row.campaign, row.participant, row.answered) for row in rows]


def audience(organizations, questionnaire: Questionnaire, *, role: str = "", form=None, pair_status: str = ""):
    """The participants a campaign goes to: active people of `organizations` in the role the questionnaire (or
    `role`) names, narrowed to those in a pair of `form` and in `pair_status` (WITHOUT_PAIR: in no live pair)."""
    role = role or questionnaire.audience
    people = Participant.objects.active().filter(organization__in=organizations)
    if role == Role.MENTOR:
        people = people.filter(is_mentor=True)
    elif role == Role.MENTEE:
        people = people.filter(is_mentee=True)
    if pair_status == WITHOUT_PAIR:
        live = Pair.objects.live()
        return people.exclude(pk__in=live.values("mentor")).exclude(
            pk__in=PairMentee.objects.filter(pair__in=live, left_on__isnull=True).values("mentee"))
    if form is None and not pair_status:
        return people
    pairs = Pair.objects.filter(**({"form": form} if form else {}), **(
        {"status": pair_status} if pair_status else {"status__in": LIVE_STATUSES}))
    mentees = PairMentee.objects.filter(pair__in=pairs, left_on__isnull=True).values("mentee")
    return people.filter(Q(pk__in=pairs.values("mentor")) | Q(pk__in=mentees))


def _log(campaign: Campaign, actor, action, changes) -> None:
    log.record(actor=actor, action=action, obj=campaign, organization=campaign.organization, changes=changes)


@transaction.atomic
def open_campaign(*, organization: Organization, questionnaire: Questionnaire, wave: str, actor, role: str = "",
                  form=None, pair_status: str = "", opened_on: datetime.date | None = None) -> Campaign:
    """A campaign of one organization to the audience; a territory's reaches every organization below it (and the
    partners attached to it) with such participants, one part each; a curator's questionnaire goes to every
    educational organization."""
    values = {"questionnaire": questionnaire, "wave": wave, "opened_on": opened_on or timezone.localdate(),
              "created_by": actor}
    staff = questionnaire.audience == STAFF_AUDIENCE
    if organization.kind not in Organization.TERRITORY_KINDS:
        campaign = Campaign.objects.create(organization=organization, **values)
        if not staff:
            people = list(audience([organization], questionnaire, role=role, form=form, pair_status=pair_status))
            if not people:
                raise ValidationError("Под отбор не подходит ни один участник: измените отбор.")
            campaign.recipients.set(people)
        _log(campaign, actor, AuditEntry.Action.CREATE, {"recipients": [None, campaign.recipients.count()]})
        return campaign
    # Participants' questionnaires reach the partners' employees too (mentors of the form «работодатель – …»).
    kinds = Organization.EDUCATIONAL_KINDS if staff else (*Organization.EDUCATIONAL_KINDS, Organization.Kind.PARTNER)
    below = Organization.objects.at_or_below(organization).filter(kind__in=kinds)
    campaign = Campaign.objects.create(organization=organization, **values)
    reached = 0
    for school in below:
        people = [] if staff else list(audience([school], questionnaire, role=role, form=form,
                                                pair_status=pair_status))
        if people or staff:
            part = Campaign.objects.create(organization=school, part_of=campaign, **values)
            part.recipients.set(people)
            reached += 1
    if not reached:
        raise ValidationError("Ни в одной организации территории нет участников, подходящих под отбор.")
    _log(campaign, actor, AuditEntry.Action.CREATE, {"organizations": [None, reached]})
    return campaign


def _clean(item: Item, value):
    where = f"Вопрос «{item.text}»"
    if item.kind == Item.Kind.SCALE:
        if not isinstance(value, int) or not 1 <= value <= 10:
            raise ValidationError({str(item.pk): f"{where}: нужна оценка от 1 до 10."})
        return {"score": value}
    if item.kind == Item.Kind.TEXT:
        return {"text": str(value or "")[:2000]}
    chosen = [value] if item.kind == Item.Kind.SINGLE else list(value or [])
    if not chosen or any(c not in item.options for c in chosen) or len(set(chosen)) != len(chosen):
        raise ValidationError({str(item.pk): f"{where}: выберите из предложенных вариантов."})
    return {"choices": chosen}


def _check_answering(campaign: Campaign, participant, by) -> None:
    if campaign.state == Campaign.State.CLOSED:
        raise ValidationError("Анкетирование закрыто: ответы больше не принимаются.")
    if campaign.questionnaire.audience == STAFF_AUDIENCE:
        if participant is not None or not may(by, "manage_programme", campaign.organization):
            raise ValidationError("Эту анкету заполняет куратор или руководитель организации.")
        if Response.objects.filter(campaign=campaign, participant__isnull=True, given_by=by).exists():
            raise ValidationError("Вы уже заполнили эту анкету.")
        return
    if participant is None or not campaign.recipients.filter(pk=participant.pk).exists():
        raise ValidationError("Эта анкета не адресована участнику.")
    if not may_answer_for(by, participant):
        raise ValidationError("Отвечать может сам участник или его законный представитель.")
    if Response.objects.filter(campaign=campaign, participant=participant).exists():
        raise ValidationError("Участник уже ответил на эту анкету.")


@transaction.atomic
def answer(campaign: Campaign, participant, values: dict[int, object], by) -> Response:
    """Record the answers of `participant` (None: the curator's own questionnaire); `values` maps item id → score,
    option(s) or text. The questionnaires of stages 2–3 fill the profiles matching reads (surveys.profiles)."""
    campaign = Campaign.objects.select_for_update().select_related("questionnaire", "organization").get(pk=campaign.pk)
    _check_answering(campaign, participant, by)
    items = list(campaign.questionnaire.items.all())
    cleaned = [(item, _clean(item, values.get(item.pk))) for item in items]
    response = Response.objects.create(campaign=campaign, participant=participant, given_by=by)
    Answer.objects.bulk_create(Answer(response=response, item=item, **fields) for item, fields in cleaned)
    log.record(actor=by, action=AuditEntry.Action.CREATE, obj=response, organization=campaign.organization,
               participant=participant, changes={"campaign": campaign.pk})
    if participant is not None:
        profiles.fill(campaign.questionnaire.code, participant, cleaned, actor=by)
    return response


def _reminded_users(participants) -> dict[int, list]:
    """Participant id → their own login and their parents': those who may answer, with an address to write to."""
    users = defaultdict(list)
    # One order for every run, so that reminders racing each other never deadlock on their rows.
    roles = (RoleAssignment.objects.filter(participant__in=participants, role__in=_ANSWERING_ROLES,
                                           user__is_active=True).exclude(user__email="")
             .select_related("user").order_by("participant_id", "user_id"))
    for role in roles:
        users[role.participant_id].append(role.user)
    return users


def _reminder(campaign: Campaign) -> tuple[str, str]:
    link = settings.SITE_URL + reverse("logins:surveys")
    subject = f"Наставник: заполните анкету «{campaign.questionnaire.title}»"
    body = (f"Здравствуйте!\n\n{campaign.organization.name} просит заполнить анкету «{campaign.questionnaire.title}»"
            f" ({campaign.get_wave_display()} анкетирование).\n\n{link}\n\n"
            "Такое напоминание приходит не чаще раза в день.")
    return subject, body


@transaction.atomic
def remind(campaign: Campaign, *, actor, day: datetime.date | None = None) -> int:
    """Remind those who have not answered (a territory's campaign: in each part), once per person and day: the
    reminders of meetings (`meetings.reminders.send_once`) keep the row that makes it once. The number of mails."""
    if campaign.state == Campaign.State.CLOSED:
        raise ValidationError("Анкетирование закрыто: напоминать некому.")
    day = day or timezone.localdate()
    sent = 0
    for part in [campaign, *campaign.parts.filter(state=Campaign.State.OPEN).select_related("organization")]:
        subject, body = _reminder(part)
        silent = part.recipients.active().exclude(pk__in=part.responses.values("participant")).values_list(
            "pk", flat=True)
        for participant, users in _reminded_users(silent).items():
            key = f"survey:{part.pk}:{participant}:{day.isoformat()}"
            for user in users:
                sent += reminders.send_once(user, subject, body, key=key, stage=Reminder.Stage.SURVEY)
    _log(campaign, actor, AuditEntry.Action.UPDATE, {"reminded": [None, sent]})
    return sent


@transaction.atomic
def close(campaign: Campaign, by) -> Campaign:
    """Close the campaign and, for a territory's, every part of it still open; each completes the roadmap items of
    its organization waiting for it."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state == Campaign.State.CLOSED:
        raise ValidationError("Анкетирование уже закрыто.")
    parts = list(Campaign.objects.select_for_update().filter(part_of=campaign, state=Campaign.State.OPEN))
    for part in [campaign, *parts]:
        part.state, part.closed_at = Campaign.State.CLOSED, timezone.now()
        part.save(update_fields=["state", "closed_at"])
        _log(part, by, AuditEntry.Action.TRANSITION, {"state": [Campaign.State.OPEN, Campaign.State.CLOSED]})
        roadmap_actions.complete_by(part, actor=by)
    return campaign
