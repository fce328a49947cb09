"""Writes the generated demo region into the database through the actions, in one transaction."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import STAFF_ROLES, Role, RoleAssignment, User
from demo import logins
from demo.generate import Person, Region, generate
from demo.meetings import WorkStory
from demo.orders import OrderBook
from demo.pairs import make_pairs
from demo.plans import make_plans
from demo.programme import ProgrammeStory
from demo.region import AGREEMENTS, DENOMINATORS, HOME_SCHOOL, MUNICIPALITIES, ORGANIZATIONS, REGION, TARGETS
from demo.reports import make_reports
from demo.roadmaps import make_roadmaps
from demo.surveys import make_surveys
from monitoring.actions import set_figures
from organizations.actions import create_agreement
from organizations.models import Organization
from people import actions
from people.models import Participant
from programmes.models import MentorshipForm

DEFAULT_SEED = 19
DEMO_PASSWORD = "nastavnik2026"
# The user the audit log names as the author of every demo record; its presence marks a loaded demo.
ACTOR_USERNAME = "demo_loader"


@dataclass(frozen=True)
class Login:
    username: str
    role: Role | None  # None: the superuser
    organization: str  # code
    who: str  # what the user is, for the logins table


LOGINS = [
    Login("admin", None, REGION[0], "суперпользователь: администрирование Django (/admin/)"),
    Login("operator", Role.REGION_OPERATOR, REGION[0], "региональный оператор: весь регион"),
    Login("municipal", Role.MUNICIPAL_SPECIALIST, "19-01", "специалист отдела образования г. Абакана"),
    Login("head", Role.HEAD, HOME_SCHOOL, "директор школы"),
    Login("curator", Role.CURATOR, HOME_SCHOOL, "куратор наставничества (заместитель директора)"),
    Login("psychologist", Role.PSYCHOLOGIST, HOME_SCHOOL, "педагог-психолог"),
    Login("mentor", Role.MENTOR, HOME_SCHOOL, "наставник: ученик 10 класса"),
    Login("mentee", Role.MENTEE, HOME_SCHOOL, "наставляемый: ученик 6 класса"),
    Login("parent", Role.REPRESENTATIVE, HOME_SCHOOL, "законный представитель наставляемого (mentee)"),
]


def database_state() -> str:
    """"demo" when the demo is loaded, "data" when the database holds anything else, else "empty"."""
    if User.objects.filter(username=ACTOR_USERNAME).exists():
        return "demo"
    if Organization.objects.exists() or Participant.objects.exists() or User.objects.exists():
        return "data"
    return "empty"


@transaction.atomic
def load_demo(*, seed: int = DEFAULT_SEED, today: datetime.date) -> Region:
    region = generate(seed, today)
    actor = User.objects.create(username=ACTOR_USERNAME, last_name="Загрузка демо-данных", is_active=False)
    organizations = _organizations(region, actor)
    users = _users(region, organizations)
    forms = {form.code: form for form in MentorshipForm.objects.all()}
    records: dict[int, Participant] = {}
    for person in region.people:
        records[id(person)] = _participant(person, organizations, forms, users, actor)
    for person in region.people:
        for child in person.children:
            records[id(person)].children.add(records[id(child)])
    story = {name: records[id(region.login(name))] for name in ("mentor", "mentee")}
    logins.story_logins(records=story, parent_name=" ".join(region.login("mentee").representative[:3]),
                        users=users, curator=users["curator"])
    _withdrawals(region, records, actor)
    orders = OrderBook(actor)
    programme = ProgrammeStory(organization=organizations[HOME_SCHOOL], year_start=region.year_start, today=today,
                               actor=actor, curator=users["curator"], orders=orders)
    programme.before_pairs()
    current = make_pairs(seed=seed, year_start=region.year_start, today=today, actor=actor, orders=orders,
                         story=(records[id(region.login("mentor"))], records[id(region.login("mentee"))]))
    make_plans(current, users=users, today=today)
    WorkStory(seed=seed, year_start=region.year_start, today=today, users=users).make(current)
    programme.after_pairs()
    logins.invitations_at_every_stage(records=story, users=users, curator=users["curator"], password=DEMO_PASSWORD)
    make_surveys(current, seed=seed, today=today, curator=users["curator"])
    _indicator_figures(organizations, today, actor)
    make_roadmaps(organizations, year_start=region.year_start, today=today, users=users)
    make_reports(organizations, year_start=region.year_start, today=today, users=users)
    return region


def _date(start: datetime.date, offset: tuple[int, int, int]) -> datetime.date:
    years, month, day = offset
    return datetime.date(start.year + years, month, day)


def _organizations(region: Region, actor) -> dict[str, Organization]:
    create = Organization.objects.create
    root = create(code=REGION[0], name=REGION[1], kind=Organization.Kind.REGION, time_zone="Asia/Krasnoyarsk")
    organizations = {root.code: root}
    for code, name in MUNICIPALITIES:
        organizations[code] = create(code=code, name=name, kind=Organization.Kind.MUNICIPALITY, parent=root)
    for spec in ORGANIZATIONS:
        organizations[spec.code] = create(code=spec.code, name=spec.name, kind=spec.kind,
                                          parent=organizations[spec.parent])
    for spec in AGREEMENTS:
        create_agreement(
            actor=actor, partner=organizations[spec.partner], counterparty=organizations[spec.counterparty],
            number=spec.number,
            signed_on=_date(region.year_start, spec.signed), valid_from=_date(region.year_start, spec.valid_from),
            valid_until=_date(region.year_start, spec.valid_until) if spec.valid_until else None,
            subject=spec.subject)
    return organizations


def _users(region: Region, organizations: dict[str, Organization]) -> dict[str, User]:
    parent = region.login("mentee").representative
    full_names = {**region.staff, "parent": parent[:3]}
    for username in ("mentor", "mentee"):
        values = region.login(username).values
        full_names[username] = (values["last_name"], values["first_name"], values["middle_name"])
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    users = {}
    for login in LOGINS:
        last, first, middle = full_names.get(login.username, ("Администратор", "", ""))
        users[login.username] = user = User.objects.create(
            username=login.username, password=password, last_name=last, first_name=first, middle_name=middle,
            email=f"{login.username}@example.org", is_staff=login.role is None, is_superuser=login.role is None)
        if login.role in STAFF_ROLES:
            RoleAssignment.objects.create(user=user, role=login.role, organization=organizations[login.organization])
    return users


def _participant(person: Person, organizations, forms, users, actor) -> Participant:
    user = users.get(person.login) if person.login in ("mentor", "mentee") else None
    participant = actions.create_participant(organization=organizations[person.org], actor=actor, user=user,
                                             **person.values)
    if person.mentor:
        values = dict(person.mentor)
        codes = values.pop("forms")
        actions.save_mentor_profile(participant, actor=actor, forms=[forms[c] for c in codes], **values)
    if person.mentee:
        values = dict(person.mentee)
        values["desired_form"] = forms[values["desired_form"]]
        actions.save_mentee_profile(participant, actor=actor, **values)
    for text, area, stated_by in person.requests:
        actions.add_request(participant, actor=actor, text=text, area=area, stated_by=stated_by)
    for plan in person.consents:
        actions.record_consent(participant, actor=actor, kind=plan.kind, given_on=plan.given_on,
                               representative_name=plan.representative_name)
    return participant


def _indicator_figures(organizations: dict[str, Organization], today: datetime.date, actor) -> None:
    """The denominators of this year and the last (the trend has a base), the region's targets of this year."""
    for code, denominators in DENOMINATORS.items():
        for year in (today.year - 1, today.year):
            set_figures(organizations[code], year, denominators=denominators,
                        targets=TARGETS.get(code, {}) if year == today.year else {}, actor=actor)


def _withdrawals(region: Region, records: dict[int, Participant], actor) -> None:
    """Withdrawn consents last, after every link to the person is made: the person is anonymized."""
    for person in region.people:
        for plan in person.consents:
            if plan.withdrawn_on:
                consent = records[id(person)].consents.get(kind=plan.kind, withdrawn_on__isnull=True)
                actions.withdraw_consent(consent, actor=actor, withdrawn_on=plan.withdrawn_on)

