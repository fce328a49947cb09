"""The indicators of a territory (region, municipality or organization) on a date, from the register.

Numbers only: one grouped query per role counts the people of each organization of the territory, another the
partners that provided mentors; the levels above are sums made here (each person belongs to one organization, so a sum
counts nobody twice; partners are counted distinct at every level). Who may see a territory is the caller's
check (organizations_where); nothing here returns a person.

Who counts on a day D (DOMAIN.md §5, issue 17):
- a mentee from the date of the order that approved the pair (`Pair.approved_on` ≤ D) while the pair has not
  ended before D and the mentee has not left it; a pair only proposed never counts;
- a mentor the same way, the mentor of the pair on D (`MentorTerm`; before the start, the first one);
- a person is a mentee and a mentor independently — in each indicator once, however many pairs;
- nobody from the day a consent to the processing of personal data or of the legal representative was withdrawn;
- ages on D as programmes.eligibility counts them (monitoring.indicators.born_between); a person anonymized keeps
  the year of birth only and is taken as born on 1 July.
"""

import datetime
from dataclasses import dataclass, field, replace

from django.db.models import Count, Exists, F, OuterRef, Q

from monitoring import indicators, satisfaction
from monitoring.indicators import Counts, Value
from monitoring.models import Denominator, Target
from organizations.models import Organization, at_or_above, at_or_below
from pairs.models import MentorTerm, PairMentee
from people.models import Category, Consent, Participant

WITHDRAWN_KINDS = (Consent.Kind.PERSONAL_DATA, Consent.Kind.REPRESENTATIVE)


def _pair_on(day: datetime.date, path: str) -> Q:
    return Q(**{f"{path}approved_on__lte": day}) & (Q(**{f"{path}ended_on__isnull": True})
                                                   | Q(**{f"{path}ended_on__gte": day}))


def mentees_on(day: datetime.date):
    """The mentees' places in pairs counted on `day`."""
    return (PairMentee.objects.filter(_pair_on(day, "pair__"))
            .filter(Q(left_on__isnull=True) | Q(left_on__gt=day)))


def mentors_on(day: datetime.date):
    """The mentors' terms counted on `day`."""
    return (MentorTerm.objects.filter(_pair_on(day, "pair__"))
            .filter(Q(started_on__lte=day) | Q(started_on=F("pair__start_date")))
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day)))


def _aged(day: datetime.date, ages: tuple[int, int], path: str = "") -> Q:
    """People (reached by `path`) of `ages` on `day`."""
    earliest, latest = indicators.born_between(day, *ages)
    first_year, last_year = indicators.birth_years_between(day, *ages)
    return Q(**{f"{path}birth_date__range": (earliest, latest)}) | Q(**{
        f"{path}birth_date__isnull": True, f"{path}birth_year__range": (first_year, last_year)})


def _withdrawn(day: datetime.date, person: str) -> Exists:
    return Exists(Consent.objects.filter(participant=OuterRef(person), kind__in=WITHDRAWN_KINDS,
                                         withdrawn_on__lte=day))


def people_by_organization(organization_ids: list[int], day: datetime.date) -> dict[int, dict[str, int]]:
    """Organization id → its people counted on `day`, a grouped query per role, each a semi-join (a person counts
    once however many pairs; no DISTINCT to sort). Mentees: the organizations' people with a counted place in one
    of the organizations' pairs (a mentee is always of the pair's organization, pairs.actions.check_pair). Mentors
    may mentor anywhere (a college student at a school): the organizations' people of 15–19 with a counted term."""
    people = Participant.objects.order_by().filter(organization__in=organization_ids)
    own_pairs = mentees_on(day).filter(pair__organization__in=organization_ids)
    mentees = (people.filter(Exists(own_pairs.filter(mentee=OuterRef("pk"))))
               .exclude(_withdrawn(day, "pk")).values("organization")
               .annotate(mentees=Count("pk"), mentees_10_19=Count("pk", filter=_aged(day, indicators.MENTEE_AGES)),
                         young_teacher_mentees=Count("pk", filter=Q(
                             category=Category.TEACHER,
                             teaching_experience_years__lte=indicators.YOUNG_SPECIALIST_YEARS))))
    mentors = (people.filter(_aged(day, indicators.MENTOR_AGES), Exists(mentors_on(day).filter(mentor=OuterRef("pk"))))
               .exclude(_withdrawn(day, "pk")).values("organization").annotate(mentors_15_19=Count("pk")))
    found: dict[int, dict[str, int]] = {}
    for row in [*mentees, *mentors]:
        found.setdefault(row.pop("organization"), {"mentees": 0, "mentees_10_19": 0, "young_teacher_mentees": 0,
                                                   "mentors_15_19": 0}).update(row)
    return found


def partners_by_organization(organization_ids: list[int], day: datetime.date) -> set[tuple[int, int]]:
    """(organization, partner) for every partner whose employee mentors a pair of the organization on `day`."""
    return set(mentors_on(day).order_by().filter(pair__organization__in=organization_ids,
                                                 mentor__organization__kind=Organization.Kind.PARTNER)
               .values_list("pair__organization", "mentor__organization").distinct())


@dataclass
class Node:
    organization: Organization
    counts: Counts = Counts()
    partners: set[int] = field(default_factory=set)
    answers: dict[str, tuple[int, int]] = field(default_factory=dict)
    children: list["Node"] = field(default_factory=list)


class Tree:
    """The territory and everything below it, read once (a few thousand rows for a region)."""

    def __init__(self, territory: Organization):
        self.root = territory
        below = list(Organization.objects.filter(at_or_below([territory])).exclude(pk=territory.pk)
                     .only("pk", "code", "name", "kind", "parent_id"))
        self.nodes = {territory.pk: Node(territory)}
        self.nodes.update({o.pk: Node(o) for o in below})
        for o in below:
            self.nodes[o.parent_id].children.append(self.nodes[o.pk])
        for node in self.nodes.values():
            node.children.sort(key=lambda n: n.organization.name.casefold())

    def chain(self, organization_id: int) -> list[Node]:
        """The node of the organization and those above it up to the territory."""
        chain = []
        node_id = organization_id
        while node_id in self.nodes:
            node = self.nodes[node_id]
            chain.append(node)
            if node.organization.pk == self.root.pk:
                break
            node_id = node.organization.parent_id
        return chain

    def count(self, day: datetime.date) -> None:
        for node in self.nodes.values():
            node.counts, node.partners, node.answers = Counts(), set(), {}
        for organization_id, row in people_by_organization(list(self.nodes), day).items():
            own = Counts(row["mentees_10_19"], row["mentors_15_19"], row["young_teacher_mentees"], 0,
                         int(row["mentees"] > 0), 0)
            for node in self.chain(organization_id):
                node.counts += own
        for node in self.nodes.values():
            if node.organization.is_educational:
                for above in self.chain(node.organization.pk):
                    above.counts += Counts(organizations=1)
        for organization_id, partner_id in partners_by_organization(list(self.nodes), day):
            for node in self.chain(organization_id):
                node.partners.add(partner_id)
        for organization_id, answers in satisfaction.by_organization(self.nodes, day).items():
            for node in self.chain(organization_id):
                for code, (satisfied, answered) in answers.items():
                    s, a = node.answers.get(code, (0, 0))
                    node.answers[code] = (s + satisfied, a + answered)
        for node in self.nodes.values():
            node.counts = replace(node.counts, enterprises=len(node.partners))


def _latest(rows, year: int) -> dict[tuple[int, str], int]:
    """(territory, kind) → the value of the latest year not after `year`."""
    found: dict[tuple[int, str], tuple[int, int]] = {}
    for territory, kind, row_year, value in rows:
        if row_year <= year and found.get((territory, kind), (0, 0))[0] < row_year:
            found[(territory, kind)] = (row_year, value)
    return {key: value for key, (_, value) in found.items()}


class Denominators:
    """The entered numbers of the territory and below: a node's own, else the sum of those below it (in an
    organization, its own pupils and teachers — the alternative to the number of the territory's children)."""

    def __init__(self, tree: Tree, year: int):
        rows = Denominator.objects.filter(territory__in=list(tree.nodes)).values_list("territory", "kind", "year",
                                                                                     "value")
        self.entered = _latest(rows, year)

    def of(self, node: Node) -> dict[str, int | None]:
        return {kind: self._value(node, kind) for kind in indicators.DENOMINATORS}

    def _value(self, node: Node, kind: str) -> int | None:
        own = self.entered.get((node.organization.pk, kind))
        if own is not None:
            return own
        below = [v for v in (self._value(child, kind) for child in node.children) if v is not None]
        return sum(below) if below else None


class Targets:
    """A node's targets of a year: its own, else of the nearest territory above it, else the seed's."""

    def __init__(self, territory: Organization, tree: Tree, years: list[int]):
        above = Organization.objects.filter(at_or_above(Organization.objects.filter(pk=territory.pk)))
        self.entered = {(t, i, y): float(v) for t, i, y, v in Target.objects.filter(
            Q(territory__in=list(tree.nodes)) | Q(territory__in=above.values("pk")), year__in=years)
            .values_list("territory", "indicator", "year", "value")}
        self.parents = {pk: node.organization.parent_id for pk, node in tree.nodes.items()}
        self.parents.update(dict(above.values_list("pk", "parent_id")))

    def of(self, organization_id: int, year: int) -> dict[str, float | None]:
        return {i.code: self._target(organization_id, i.code, year) for i in indicators.INDICATORS}

    def _target(self, organization_id: int | None, code: str, year: int) -> float | None:
        while organization_id is not None:
            if (organization_id, code, year) in self.entered:
                return self.entered[(organization_id, code, year)]
            organization_id = self.parents.get(organization_id)
        return indicators.default_target(code, year)


def _evaluate(node: Node, denominators: Denominators, targets: Targets, year: int) -> list[Value]:
    return indicators.evaluate(node.counts, denominators.of(node), node.answers, targets.of(node.organization.pk, year))


@dataclass
class Report:
    territory: Organization
    day: datetime.date
    values: list[Value]
    # The territory's children (municipalities of a region, organizations of a municipality) with their values.
    rows: list[tuple[Organization, list[Value]]]
    # (year, values at the end of it — or on the day in its year), oldest first.
    trend: list[tuple[int, list[Value]]]


LEVELS = {Organization.Kind.REGION: "region", Organization.Kind.MUNICIPALITY: "municipality"}
# What a report is about: a territory, or an organization that educates (a partner has no indicators).
REPORTED_KINDS = (*Organization.TERRITORY_KINDS, *Organization.EDUCATIONAL_KINDS)


def level(organization: Organization) -> str:
    return LEVELS.get(organization.kind, "organization")


def as_json(report: "Report") -> dict:
    """The shape of `manage.py kpi --json` and of the API (issue 17)."""
    t = report.territory
    return {"territory": {"code": t.code, "name": t.name, "level": level(t)}, "date": report.day.isoformat(),
            "indicators": [{"code": v.code, "name": v.name, "numerator": v.numerator, "denominator": v.denominator,
                            "value": v.value, "target": v.target, "status": v.status} for v in report.values]}


def report(territory: Organization, day: datetime.date, *, trend_years: int = 0) -> Report:
    tree = Tree(territory)
    days = indicators.trend_days(day, trend_years) if trend_years else [day]
    targets = Targets(territory, tree, sorted({d.year for d in days}))
    trend = []
    for on in days:
        tree.count(on)
        denominators = Denominators(tree, on.year)
        trend.append((on.year, _evaluate(tree.nodes[territory.pk], denominators, targets, on.year)))
    root = tree.nodes[territory.pk]
    rows = [(child.organization, _evaluate(child, denominators, targets, day.year)) for child in root.children
            if child.organization.kind != Organization.Kind.PARTNER]
    return Report(territory, day, trend[-1][1], rows, trend if trend_years else [])


@dataclass
class FormRow:
    form: str
    mentors: dict[str, int]
    mentees: dict[str, int]


def participants_by_form(territory: Organization, day: datetime.date) -> list[FormRow]:
    """Mentors and mentees counted on `day` in the pairs of the territory, by form and category (the shape of the
    statistical forms): a person once in a form, however many pairs of it; in two forms, in both. Two queries."""
    where = Q(pair__organization__in=Organization.objects.filter(at_or_below([territory])).values("pk"))
    mentees = (mentees_on(day).filter(where).exclude(_withdrawn(day, "mentee")).order_by().values_list("pair__form__name", "mentee__category")
               .annotate(n=Count("mentee", distinct=True)))
    mentors = (mentors_on(day).filter(where).exclude(_withdrawn(day, "mentor")).order_by()
               .values_list("pair__form__name", "mentor__category").annotate(n=Count("mentor", distinct=True)))
    rows: dict[str, FormRow] = {}
    for side, found in (("mentees", mentees), ("mentors", mentors)):
        for form, category, n in found:
            row = rows.setdefault(form, FormRow(form, {}, {}))
            getattr(row, side)[category] = n
    return [rows[form] for form in sorted(rows)]
