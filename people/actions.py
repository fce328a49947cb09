"""Every change of participants, their profiles and consents. Views, the API, imports and
commands call these; each runs in one transaction and writes its audit rows in it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.actions import close_personal_logins
from accounts.roles import Role
from audit import log
from audit.models import AuditEntry
from pairs.capacity import live_mentee_count, lock_mentor
from people import erasure, scans
from people.models import LEARNERS, Consent, MenteeProfile, MenteeRequest, MentorProfile, Participant
from people.names import clean_name, fio_key
from people.rules import duplicate_exists

PARTICIPANT_FIELDS = [
    "last_name", "first_name", "middle_name", "birth_date", "sex", "email", "phone", "category",
    "grade", "grade_letter", "teaching_experience_years", "professional_experience_years",
    "is_mentor", "is_mentee", "interests",
]
MENTOR_FIELDS = ["source", "competences", "tags", "useful_for", "preferred_age_min", "preferred_age_max",
                 "hours_per_month", "max_mentees"]
MENTEE_FIELDS = ["desired_form", "desired_variant", "new_to_organization", "support_reason"]

DUPLICATE_MESSAGE = "Участник с такими ФИО и датой рождения уже есть в этой организации."


def _check_duplicate(organization_id: int, values: dict, exclude_pk=None) -> None:
    key = fio_key(values["last_name"], values["first_name"], values.get("middle_name", ""))
    if duplicate_exists(organization_id, key, values["birth_date"], exclude_pk):
        raise ValidationError(DUPLICATE_MESSAGE)


def _clean_names(values: dict) -> dict:
    return {k: clean_name(v) if k in ("last_name", "first_name", "middle_name") and v else v for k, v in values.items()}


@transaction.atomic
def create_participant(*, organization, actor, **values) -> Participant:
    values = _clean_names(values)
    _check_duplicate(organization.pk, values)
    participant = Participant(organization=organization, **values)
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError as error:  # a concurrent insert of the same person
        raise ValidationError(DUPLICATE_MESSAGE) from error
    log.record(actor=actor, action=AuditEntry.Action.CREATE, obj=participant, organization=organization,
               participant=participant, changes=log.diff({}, log.snapshot(participant, PARTICIPANT_FIELDS)))
    return participant


@transaction.atomic
def update_participant(participant: Participant, *, actor, **values) -> Participant:
    values = _clean_names(values)
    before = log.snapshot(participant, PARTICIPANT_FIELDS)
    merged = {**before, **values, "birth_date": values.get("birth_date", participant.birth_date)}
    _check_duplicate(participant.organization_id, merged, exclude_pk=participant.pk)
    for name, value in values.items():
        setattr(participant, name, value)
    participant.save()
    changes = log.diff(before, log.snapshot(participant, PARTICIPANT_FIELDS))
    if changes:
        log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=participant,
                   organization=participant.organization, participant=participant, changes=changes)
    return participant


def _save_profile(model, participant: Participant, fields: list[str], actor, values: dict, forms=None):
    profile = model.objects.filter(participant=participant).first()
    action = AuditEntry.Action.UPDATE if profile else AuditEntry.Action.CREATE
    profile = profile or model(participant=participant)
    before = log.snapshot(profile, fields) if profile.pk else {}
    for name, value in values.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["participant"])
    profile.save()
    changes = log.diff(before, log.snapshot(profile, fields))
    if forms is not None:
        old = sorted(f.name for f in profile.forms.all())
        profile.forms.set(forms)
        new = sorted(f.name for f in forms)
        if old != new:
            changes["forms"] = [old, new]
    if changes:
        log.record(actor=actor, action=action, obj=profile, organization=participant.organization,
                   participant=participant, changes=changes)
    return profile


@transaction.atomic
def save_mentor_profile(participant: Participant, *, actor, forms=None, **values) -> MentorProfile:
    """The mentor's profile, from the curator's form, the person's own login or the import; their own limit of
    mentees is never below the mentees they have now (counted under the mentor's lock: a pair proposed meanwhile
    counts)."""
    if values.get("max_mentees") is not None:
        taken = live_mentee_count(lock_mentor(participant))
        if values["max_mentees"] < taken:
            raise ValidationError({"max_mentees": f"У наставника уже {taken} наставляемых в парах: нельзя указать "
                                                  "меньше."})
    return _save_profile(MentorProfile, participant, MENTOR_FIELDS, actor, values, forms)


@transaction.atomic
def save_mentee_profile(participant: Participant, *, actor, **values) -> MenteeProfile:
    """The mentee's profile; a role-model variant belongs to the desired form (or gives it, when none is chosen)."""
    variant, form = values.get("desired_variant"), values.get("desired_form")
    if variant is not None and form is None:
        values["desired_form"] = variant.form
    elif variant is not None and variant.form_id != form.pk:
        raise ValidationError({"desired_variant": f"Вариация «{variant}» — формы «{variant.form}», а не «{form}»."})
    return _save_profile(MenteeProfile, participant, MENTEE_FIELDS, actor, values)


@transaction.atomic
def add_request(participant: Participant, *, actor, text: str, area=MenteeRequest.Area.OTHER,
                stated_by=MenteeRequest.StatedBy.SELF) -> MenteeRequest:
    request = MenteeRequest.objects.create(participant=participant, text=text.strip(), area=area, stated_by=stated_by)
    log.record(actor=actor, action=AuditEntry.Action.CREATE, obj=request, organization=participant.organization,
               participant=participant, changes={"text": [None, request.text], "stated_by": [None, stated_by]})
    return request


def _check_scan(scan) -> None:
    """A scan is a PDF, JPEG or PNG by its content; it is stored under a random name with the right extension."""
    head = scan.read(scans.HEAD)
    scan.seek(0)
    kind = scans.kind_of(head)
    if kind is None:
        raise ValidationError({"scan": scans.REFUSED})
    scan.name = f"scan.{kind}"


@transaction.atomic
def record_consent(participant: Participant, *, actor, kind: str, given_on: datetime.date,
                   representative_name: str = "", scan=None, online: bool = False) -> Consent:
    if kind == Consent.Kind.REPRESENTATIVE and not representative_name.strip():
        raise ValidationError({"representative_name": "Укажите ФИО законного представителя."})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": "Дата согласия не может быть в будущем."})
    if kind == Consent.Kind.MENTOR_BASE and not (participant.is_mentor and participant.category not in LEARNERS
                                                 and not participant.is_minor_on(given_on)):
        raise ValidationError({"kind": "В региональную базу наставников входят только совершеннолетние наставники, "
                                       "не обучающиеся и не студенты."})
    if participant.consents.filter(kind=kind, withdrawn_on__isnull=True).exists():
        raise ValidationError("Такое согласие уже действует; чтобы заменить его, сначала отметьте отзыв.")
    if scan:
        _check_scan(scan)
    consent = Consent.objects.create(participant=participant, kind=kind, given_on=given_on,
                                     representative_name=representative_name.strip(), recorded_by=actor,
                                     scan=scan or "", given_online=online)
    log.record(actor=actor, action=AuditEntry.Action.CREATE, obj=consent, organization=participant.organization,
               participant=participant, changes={"kind": [None, kind], "given_on": [None, given_on.isoformat()],
                                                 "given_online": [None, online]})
    return consent


@transaction.atomic
def withdraw_consent(consent: Consent, *, actor, withdrawn_on: datetime.date) -> Consent:
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": "Дата отзыва раньше даты согласия."})
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    participant = consent.participant
    log.record(actor=actor, action=AuditEntry.Action.UPDATE, obj=consent, organization=participant.organization,
               participant=participant, changes={"withdrawn_on": [None, withdrawn_on.isoformat()]})
    if consent.kind == Consent.Kind.PERSONAL_DATA:
        anonymize_participant(participant, actor=actor)
    elif consent.kind == Consent.Kind.REPRESENTATIVE and participant.is_minor_on(withdrawn_on):
        # A minor's own login stands on the representative's consent (logins.actions.check_invitable).
        close_personal_logins(participant, actor=actor, roles=(Role.MENTOR, Role.MENTEE))
    return consent


ANONYMOUS = "Обезличен"


@transaction.atomic
def anonymize_participant(participant: Participant, *, actor) -> Participant:
    """Erase what identifies a person; keep organization, category, sex, birth year, roles and
    pairs so that the counts used for statistics stay right. The name goes from every row that wrote it
    down (people.erasure), the scans of the consents from the disk."""
    label = f"{ANONYMOUS} № {participant.pk}"
    erasure.erase_name(participant, erasure.written_forms(participant.last_name, participant.first_name,
                                                          participant.middle_name), label)
    erasure.delete_files([c.scan for c in participant.consents.exclude(scan="")])
    participant.last_name = ANONYMOUS
    participant.first_name = f"№ {participant.pk}"
    participant.middle_name = ""
    participant.birth_date = None
    participant.email = participant.phone = participant.interests = ""
    participant.anonymized_at = timezone.now()
    participant.user = None
    participant.save()
    # Nobody signs in as, or for, an anonymized person; their invitations (a parent's name) go.
    close_personal_logins(participant, actor=actor)
    erasure.delete_invitations(participant)
    participant.requests.update(text="(обезличено)")
    participant.consents.update(scan="")
    participant.consents.filter(kind=Consent.Kind.REPRESENTATIVE).update(representative_name="(обезличено)")
    participant.children.clear()
    participant.parents.clear()
    MentorProfile.objects.filter(participant=participant).update(competences="", tags="", useful_for="")
    # The audit trail keeps who did what and when, but no longer what the data were.
    AuditEntry.objects.filter(participant=participant).update(changes={}, object_repr=label)
    log.record(actor=actor, action=AuditEntry.Action.ANONYMIZE, obj=participant,
               organization=participant.organization, participant=participant)
    return participant
