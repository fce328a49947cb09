"""The participants of a matching scope, read from the database into arrays (values_list, a few queries
per side whatever the size), with what the rules and the scores need."""

import datetime
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import CharField, Count, Exists, OuterRef, Q
from django.db.models.functions import Cast

from accounts.models import Role, RoleAssignment
from matching.models import MatchPreference
from matching.scoring import Answers, Questionnaire
from organizations.models import LINEAGE, Agreement, Organization
from pairs import inputs
from pairs.models import PairMentee
from people.models import Consent, MentorProfile, Participant
from programmes import eligibility
from programmes.models import MentorshipForm

COLUMNS = ("id", "organization_id", "full_name", "born", "category", "grade", "interests")
MENTEE_COLUMNS = ("mentee_profile__desired_form_id", "mentee_profile__desired_variant__name", "requests__text")
# The inputs of rules only some forms have (eligibility.inputs), and the columns each is read from: a run of other
# forms does not read them.
INPUT_COLUMNS = {"teaching_years": ("teaching_experience_years",),
                 "flagged": ("mentee_profile__new_to_organization", "mentee_profile__support_reason"),
                 "professional_years": ("professional_experience_years",), "position": ("user_id",)}
# A mentee's requests come joined, a row each, in the order they were stated (people.MenteeRequest's index).
REQUEST_ORDER = ("requests__created_at", "requests__id")
# A scope's people by organization, then id: the order of the participants' organization index, which the
# database then reads without sorting a region's rows.
ROSTER_ORDER = ("organization_id", "id")
MENTOR_COLUMNS = ("mentor_profile__max_mentees", "mentor_profile__competences", "mentor_profile__useful_for",
                  "mentor_profile__tags", "mentor_profile__preferred_age_min", "mentor_profile__preferred_age_max",
                  "mentor_profile__hours_per_month")
MISSING = ["", Consent.Kind.PERSONAL_DATA.label, Consent.Kind.REPRESENTATIVE.label,
           f"{Consent.Kind.PERSONAL_DATA.label}; {Consent.Kind.REPRESENTATIVE.label}"]


@dataclass
class Roster:
    """One side of the scope (mentees or mentors), one row per person, by organization, then id (ROSTER_ORDER)."""

    is_mentors: bool
    ids: np.ndarray
    names: list[str]
    organization: np.ndarray      # organization id
    lineage: np.ndarray           # (n, 3): organization, the one above it, the one above that (-1 none)
    partner: np.ndarray           # bool: an employee of a partner organization
    people: eligibility.People    # what the forms' rules look at
    missing_consents: list[str]   # per person: the consents missing on the start date, "" when none
    answers: Answers
    desired_form: np.ndarray      # mentees: the form asked for (-1 none)
    ready: dict[int, np.ndarray]  # mentors: form id → bool per person (named the form as one they are ready for)
    limit: np.ndarray             # mentors: how many mentees at once (3 or less)
    live: np.ndarray              # mentors: mentees of their live pairs

    def __len__(self) -> int:
        return len(self.ids)

    def lookup(self, ids) -> tuple[np.ndarray, np.ndarray]:
        """(the row of each id, whether it is in the roster at all): a withdrawn person's id is not."""
        ids = np.asarray(ids, dtype=np.int64)
        if not len(self.ids):
            return np.zeros(len(ids), dtype=np.int64), np.zeros(len(ids), dtype=bool)
        position = self._by_id[np.minimum(np.searchsorted(self.ids, ids, sorter=self._by_id), len(self.ids) - 1)]
        return position, self.ids[position] == ids

    @cached_property
    def _by_id(self) -> np.ndarray:
        """The rows in id order."""
        return np.argsort(self.ids, kind="stable")

    def rows(self, ids) -> np.ndarray:
        """The rows of those of `ids` that are in the roster."""
        position, found = self.lookup(ids)
        return position[found]

    def ready_for(self, form_id: int) -> np.ndarray:
        """Mentors: ready for the form (eligibility.ready_for)."""
        named = np.zeros(len(self), dtype=bool)
        for flags in self.ready.values():
            named |= flags
        return eligibility.ready_for(named, self.ready.get(form_id, np.zeros(len(self), dtype=bool)))


def _int(value) -> int:
    return -1 if value is None else value


def _ints(values) -> np.ndarray:
    """A column of integers or None as int64, -1 for None, without a Python loop."""
    column = np.array(values, dtype=np.float64)
    return np.where(np.isnan(column), -1, column).astype(np.int64)


def _rows(queryset) -> list[tuple]:
    """The rows of a values_list queryset as the driver gives them, without Django's converter call per value (here
    only booleans as 0/1 on SQLite, which numpy and `bool` read alike)."""
    try:
        sql = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. a filter on an empty list of ids: nothing to ask the database
        return []
    with connection.cursor() as cursor:
        cursor.execute(*sql)
        return cursor.fetchall()


def _columns(names, rows: list[tuple]) -> dict[str, list]:
    """The rows' columns by name, a pass per column (zip(*rows) takes twice as long for a region's rows)."""
    return {name: list(map(itemgetter(k), rows)) for k, name in enumerate(names)}


def _consents_in_force(day: datetime.date) -> dict:
    """Annotations of a participant: whether each consent matching needs is in force on `day`."""
    in_force = Consent.objects.filter(participant=OuterRef("pk"), given_on__lte=day).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))
    return {"personal_data": Exists(in_force.filter(kind=Consent.Kind.PERSONAL_DATA)),
            "representative": Exists(in_force.filter(kind=Consent.Kind.REPRESENTATIVE))}


def _missing(columns, ages: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Per person, whether the consents are in force, and those missing (as people.rules.missing_consents names them),
    "" when none."""
    code = eligibility.consents_in_force(np.array(columns["personal_data"], dtype=bool),
                                         np.array(columns["representative"], dtype=bool), ages)
    return code == 0, [MISSING[c] for c in code.tolist()]


@dataclass
class Organizations:
    """The organizations of a scope and its partners: id, the two levels above, partner or not, limit of mentees."""

    ids: np.ndarray
    lineage: np.ndarray
    partner: np.ndarray
    limit: list
    kinds: np.ndarray
    queryset: object   # the organizations, for a subquery

    @classmethod
    def read(cls, organizations) -> "Organizations":
        rows = sorted(organizations.values_list(*LINEAGE, "kind",
                                                "max_mentees_per_mentor"))
        pk, parent, grandparent, kind, limit = zip(*rows, strict=True) if rows else ((),) * 5
        return cls(np.array(pk, dtype=np.int64), np.column_stack([_ints(pk), _ints(parent), _ints(grandparent)]),
                   np.array([k == Organization.Kind.PARTNER for k in kind], dtype=bool), list(limit),
                   np.array(kind, dtype=object), organizations)

    def rows(self, ids: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.ids, ids)


def _grouped(pairs) -> dict[int, list]:
    out: dict[int, list] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out


def read(participants, organizations: Organizations, day: datetime.date, *, mentors: bool,
         needs: frozenset[str], partner_ok: set[int] = frozenset()) -> Roster:
    """`participants` (a queryset of people of `organizations`) as a Roster on the start date `day`, with the inputs
    of the rules in `needs` (eligibility.inputs). What belongs to them in other tables is read for the people of
    those organizations and looked up by id: a join, not a subquery of the participants run once more per table."""
    extra = MENTOR_COLUMNS if mentors else MENTEE_COLUMNS
    consents = _consents_in_force(day)
    names = COLUMNS + extra + tuple(c for need in sorted(needs) for c in INPUT_COLUMNS[need]) + tuple(consents)
    # The birth date as ISO text, which numpy parses a column at a time: Django's converter makes a date object
    # per row and takes a third of the read.
    rows = _rows(participants.annotate(**consents, born=Cast("birth_date", CharField()),
                                       full_name=Participant.full_name_in_sql())
                 .order_by(*ROSTER_ORDER if mentors else (*ROSTER_ORDER, *REQUEST_ORDER)).values_list(*names))
    columns = _one_row_each(_columns(names, rows))
    ids, organization = (np.array(columns[c], dtype=np.int64) for c in ("id", "organization_id"))
    n, where = len(ids), organizations.rows(organization)
    ages = eligibility.ages(columns["born"], day)
    consents_ok, missing = _missing(columns, ages)
    partner = organizations.partner[where]
    unknown = np.full(n, -1, dtype=np.int16)
    people = eligibility.People(
        ids=ids, category=np.fromiter(map(eligibility.CATEGORY_CODES.__getitem__, columns["category"]), dtype=np.int8,
                                      count=n),
        grade=_ints(columns["grade"]).astype(np.int16), age_at_start=ages,
        teaching_years=(_ints(columns["teaching_experience_years"]).astype(np.int16) if "teaching_years" in needs
                        else unknown),
        professional_years=(_ints(columns["professional_experience_years"]).astype(np.int16)
                            if "professional_years" in needs else unknown),
        partner_agreement_valid=partner & np.isin(organization, list(partner_ok)),
        consents_ok=consents_ok,
        flagged=_flagged(columns) if "flagged" in needs else np.zeros(n, dtype=bool),
        position=_positions(columns, organizations, where) if "position" in needs else None)
    roster = Roster(
        is_mentors=mentors, ids=ids, names=columns["full_name"], organization=organization, lineage=organizations.lineage[where],
        partner=partner, people=people, missing_consents=missing, answers=None,
        desired_form=np.empty(0, dtype=np.int64), ready={}, limit=np.empty(0, dtype=np.int64),
        live=np.empty(0, dtype=np.int64))
    if mentors:
        _mentor_side(roster, organizations.queryset, columns, [organizations.limit[w] for w in where.tolist()])
    else:
        _mentee_side(roster, columns)
    return roster


def _flagged(columns) -> np.ndarray:
    """Mentees new to the organization or with a reason for support the curator noted."""
    return np.array([bool(new or reason) for new, reason in zip(columns["mentee_profile__new_to_organization"],
                                                                 columns["mentee_profile__support_reason"], strict=True)],
                    dtype=bool)


def _positions(columns, organizations: Organizations, where: np.ndarray) -> np.ndarray:
    """Each person's position bits (pairs.inputs.position): the kind of their organization, and whether they head it."""
    heads = set(RoleAssignment.objects.filter(role=Role.HEAD, organization__in=organizations.queryset)
                .values_list("user", "organization"))
    head = np.fromiter((pair in heads for pair in zip(columns["user_id"], columns["organization_id"], strict=True)),
                       dtype=bool, count=len(where)) if heads else np.zeros(len(where), dtype=bool)
    kinds = organizations.kinds.tolist()
    as_head, not_head = (np.array([inputs.position(k, h) for k in kinds], dtype=np.int8) for h in (True, False))
    return np.where(head, as_head[where], not_head[where]) if len(where) else np.zeros(0, dtype=np.int8)


def _one_row_each(columns: dict) -> dict:
    """The columns of a query that joined the mentees' requests (a row per request, in order) with a row per person
    and `requests`, the tuple of their requests' texts; other columns as they are."""
    if "requests__text" not in columns:
        return columns
    texts = columns.pop("requests__text")
    ids = np.asarray(columns["id"], dtype=np.int64)
    if not (ids[1:] == ids[:-1]).any():  # mostly: one request or none a person
        columns["requests"] = [() if text is None else (text,) for text in texts]
        return columns
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]).tolist()
    bounds = [*starts, len(ids)]
    columns = {name: [values[k] for k in starts] for name, values in columns.items()}
    columns["requests"] = [tuple(t for t in texts[start:end] if t is not None)
                           for start, end in zip(bounds, bounds[1:], strict=False)]
    return columns


def _mentee_answers(columns, ages: np.ndarray) -> Answers:
    n = len(columns["requests"])
    none = np.full(n, -1, dtype=np.int64)
    blank = [""] * n
    return Answers(requests=columns["requests"],
                   interests=columns["interests"], tags=blank, competences=blank,
                   useful_for=blank, variant=[name or "" for name in columns["mentee_profile__desired_variant__name"]],
                   age=ages, age_min=none, age_max=none, hours=none)


def _mentor_answers(columns) -> Answers:
    def texts(name):
        return [text or "" for text in columns[name]]

    n = len(columns["interests"])
    return Answers(requests=[()] * n, interests=columns["interests"], tags=texts("mentor_profile__tags"),
                   competences=texts("mentor_profile__competences"), useful_for=texts("mentor_profile__useful_for"),
                   variant=[""] * n, age=np.full(n, -1, dtype=np.int64),
                   age_min=_ints(columns["mentor_profile__preferred_age_min"]),
                   age_max=_ints(columns["mentor_profile__preferred_age_max"]),
                   hours=_ints(columns["mentor_profile__hours_per_month"]))


def read_questionnaires(ids, day: datetime.date, *, mentors: bool) -> dict[int, Questionnaire]:
    """The questionnaires of a few people by id, as they are now (the mentees' ages on `day`)."""
    extra = MENTOR_COLUMNS if mentors else MENTEE_COLUMNS
    names = ("id", "interests", "birth_date", *extra)
    rows = list(Participant.objects.filter(pk__in=list(ids)).order_by(*("id",) if mentors else ("id", *REQUEST_ORDER))
                .values_list(*names))
    columns = _one_row_each(_columns(names, rows))
    found = list(columns["id"])
    answers = (_mentor_answers(columns) if mentors
               else _mentee_answers(columns, eligibility.ages(columns["birth_date"], day)))
    return {pid: answers.person(row) for row, pid in enumerate(found)}


def _mentee_side(roster: Roster, columns) -> None:
    roster.answers = _mentee_answers(columns, roster.people.age_at_start)
    roster.desired_form = _ints(columns["mentee_profile__desired_form_id"])


def _mentor_side(roster: Roster, organizations, columns, organization_limits: list) -> None:
    roster.answers = _mentor_answers(columns)
    for form_id, pids in _grouped(MentorProfile.forms.through.objects.filter(
            mentorprofile__participant__organization__in=organizations).values_list(
                "mentorshipform_id", "mentorprofile__participant_id")).items():
        ready = np.zeros(len(roster), dtype=bool)
        ready[roster.rows(pids)] = True
        roster.ready[form_id] = ready
    limits = {pair: eligibility.mentee_limit(*pair) for pair in set(zip(
        organization_limits, columns["mentor_profile__max_mentees"], strict=True))}
    roster.limit = np.array([limits[pair] for pair in zip(organization_limits, columns["mentor_profile__max_mentees"],
                                                          strict=True)], dtype=np.int64)
    roster.live = np.zeros(len(roster), dtype=np.int64)
    counts = list(PairMentee.objects.live().filter(pair__mentor__organization__in=organizations).values("pair__mentor")
                  .annotate(n=Count("id")).values_list("pair__mentor", "n"))
    if counts:
        mentor_ids, n = zip(*counts, strict=True)
        rows, found = roster.lookup(mentor_ids)
        roster.live[rows[found]] = np.asarray(n, dtype=np.int64)[found]


@dataclass
class Scope:
    """What a run may match: its mentees and mentors, the partners' reach, the pairs already live."""

    organization: Organization
    mentees: Roster
    mentors: Roster
    agreements: np.ndarray        # (k, 2): partner id, the organization or territory it serves
    parents: np.ndarray           # (k, 2): parent id, child id — a parent never mentors their child
    busy: dict[int, np.ndarray]   # form id → mentee rows already in a live pair of that form
    live: np.ndarray              # (k, 2): mentor id, mentee id of the live pairs of any form
    preferences: np.ndarray       # (k, 3): from id, to id, 1 like / 0 dislike


def read_scope(scope: Organization, forms: list[MentorshipForm], day: datetime.date,
               needs: tuple[frozenset[str], frozenset[str]] = (eligibility.MENTOR_INPUTS, eligibility.MENTEE_INPUTS)) -> Scope:
    """`needs`: the inputs of the forms' rules, (the mentors', the mentees') as eligibility.inputs gives them; by
    default all."""
    below = Organization.objects.at_or_below(scope).exclude(kind=Organization.Kind.PARTNER)
    reach = Q(counterparty__in=below) | Q(counterparty__in=scope.lineage()[1:])
    agreements = np.array(list(Agreement.objects.valid_on(day).filter(reach)
                               .values_list("partner_id", "counterparty_id")), dtype=np.int64).reshape(-1, 2)
    partners = set(agreements[:, 0].tolist())
    mentee_categories = {c for f in forms for c in f.mentee_categories}
    mentor_categories = {c for f in forms for c in f.mentor_categories}
    active = Participant.objects.active()
    organizations = Organizations.read(Organization.objects.filter(Q(pk__in=below) | Q(pk__in=partners)))
    mentor_needs, mentee_needs = needs
    mentees = read(active.filter(is_mentee=True, organization__in=below, category__in=mentee_categories),
                   organizations, day, mentors=False, needs=mentee_needs)
    mentors = read(active.filter(Q(organization__in=below) | Q(organization__in=partners), is_mentor=True,
                                 category__in=mentor_categories), organizations, day, mentors=True, partner_ok=partners,
                   needs=mentor_needs)
    # The mentees' pairs, parents and preferences by a join on the mentee, not a subquery of all the mentees.
    parents = np.array(list(Participant.children.through.objects.filter(
        to_participant__is_mentee=True, to_participant__organization__in=below).values_list(
        "from_participant_id", "to_participant_id")), dtype=np.int64).reshape(-1, 2)
    live = list(PairMentee.objects.live().filter(mentee__is_mentee=True, mentee__organization__in=below).values_list(
        "pair__form_id", "pair__mentor_id", "mentee_id"))
    busy = {form_id: mentees.rows(ids) for form_id, ids in _grouped((f, m) for f, _, m in live).items()}
    preferences = np.array([(a, b, kind == MatchPreference.Kind.LIKE) for a, b, kind in MatchPreference.objects.filter(
        Q(from_participant__is_mentee=True, from_participant__organization__in=below)
        | Q(to_participant__is_mentee=True, to_participant__organization__in=below)).values_list(
        "from_participant_id", "to_participant_id", "kind")], dtype=np.int64).reshape(-1, 3)
    live_pairs = np.array([(mentor, mentee) for _, mentor, mentee in live], dtype=np.int64).reshape(-1, 2)
    return Scope(scope, mentees, mentors, agreements, parents, busy, live_pairs, preferences)
