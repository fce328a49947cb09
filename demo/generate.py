"""The demo region's people as plain data, deterministic for a seed and a day; no Django here.

`generate(seed, today)` returns every participant with their profiles, requests and the consents
they gave (or did not, or withdrew), ready for `demo.load` to write through the actions.
"""

import datetime
import random
from dataclasses import dataclass, field

from demo import names, vocabulary
from demo.region import AGREEMENTS, EXTRA_SUBJECTS, HOME_SCHOOL, ORGANIZATIONS, OrgSpec
from programmes.eligibility import ADULT_AGE, age_on

# Pupils and students never agree to the regional base of mentors (people.models.LEARNERS).
LEARNERS = ("pupil", "student")


def school_year_start(today: datetime.date) -> datetime.date:
    return datetime.date(today.year if today.month >= 9 else today.year - 1, 9, 1)


@dataclass
class ConsentPlan:
    kind: str  # "personal_data" or "representative"
    given_on: datetime.date
    representative_name: str = ""
    withdrawn_on: datetime.date | None = None


@dataclass
class Person:
    org: str
    values: dict  # keyword arguments of people.actions.create_participant
    family: str = ""  # the family's surname in its listed (masculine) form
    mentor: dict | None = None  # MentorProfile values and "forms": [form codes]
    mentee: dict | None = None  # MenteeProfile values and "desired_form": a form code
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # (text, area, stated_by)
    consents: list[ConsentPlan] = field(default_factory=list)
    representative: tuple[str, str, str, str] | None = None  # (фамилия, имя, отчество, пол) of a minor's parent
    login: str = ""  # username of the personal login tied to this record
    children: list["Person"] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        v = self.values
        return " ".join(p for p in (v["last_name"], v["first_name"], v["middle_name"]) if p)

    def age_on(self, day: datetime.date) -> int:
        return age_on(self.values["birth_date"], day)

    @property
    def consents_complete(self) -> bool:
        return all(c.withdrawn_on is None for c in self.consents) and {c.kind for c in self.consents} >= (
            {"personal_data", "representative"} if self.representative else {"personal_data"}
        )


@dataclass
class Region:
    people: list[Person]
    staff: dict[str, tuple[str, str, str]]  # username → (фамилия, имя, отчество)
    today: datetime.date
    year_start: datetime.date

    def login(self, username: str) -> Person:
        return next(p for p in self.people if p.login == username)


class _Generator:
    def __init__(self, seed: int, today: datetime.date):
        self.rng = random.Random(seed)
        # A stream of its own, so that the consents to the base of mentors leave the rest of the region as it was.
        self.base_rng = random.Random(seed + 1)
        self.today = today
        self.start = school_year_start(today)
        self.seen: set[tuple[str, datetime.date]] = set()

    # --- small helpers -------------------------------------------------------------------
    def weighted(self, options: dict):
        return self.rng.choices(list(options), weights=list(options.values()))[0]

    def born_in(self, year: int) -> datetime.date:
        return datetime.date(year, 1, 1) + datetime.timedelta(days=self.rng.randrange(365))

    def sept(self, years_back: int) -> datetime.date:
        """A day in September of the school year `years_back` years ago, never after today."""
        first = self.start.replace(year=self.start.year - years_back)
        return min(first + datetime.timedelta(days=self.rng.randrange(30)), self.today)

    def person(self, org: str, sex: str, generation: str, born: datetime.date, family: str = "",
               name: tuple[str, str, str] | None = None, **values) -> Person:
        """A new person whose ФИО and date of birth are unique in the whole region; `name` is
        (фамилия, имя, отчество) when it is already known."""
        father = ""
        while name is None or (" ".join(name), born) in self.seen:
            family = family if name is None and family else self.rng.choice(names.SURNAMES)
            father = self.rng.choice(names.FIRST_NAMES["m", "adult"])
            name = (names.surname_for(family, sex), self.rng.choice(names.FIRST_NAMES[sex, generation]),
                    names.patronymic_for(father, sex))
        self.seen.add((" ".join(name), born))
        values = {"last_name": name[0], "first_name": name[1], "middle_name": name[2], "birth_date": born,
                  "sex": sex, **values}
        if generation == "adult":
            values["email"] = f"{names.translit(name[0])}.{names.translit(name[1])[0]}@example.org"
        person = Person(org=org, values=values, family=family)
        if generation == "young":
            person.representative = self.parent_of(family, father)
        return person

    def parent_of(self, family: str, father: str) -> tuple[str, str, str, str]:
        sex = "f" if self.rng.random() < 0.7 else "m"
        first = father if sex == "m" else self.rng.choice(names.FIRST_NAMES["f", "adult"])
        grandfather = self.rng.choice(names.FIRST_NAMES["m", "adult"])
        return names.surname_for(family, sex), first, names.patronymic_for(grandfather, sex), sex

    def requests(self, catalogue: list, category: str, count: int, prefer=()) -> list[tuple[str, str, str]]:
        preferred = [r for r in catalogue if r[2] in prefer]
        chosen: list = []
        while len(chosen) < count:
            pool = preferred if preferred and self.rng.random() < 0.6 else catalogue
            request = self.rng.choice(pool)
            if request not in chosen:
                chosen.append(request)
        return [(text, area, self.weighted(vocabulary.STATED_BY[category])) for text, area, _ in chosen]

    def mentor_profile(self, source: str, competences: list[str], tags: list[str], forms: list[str],
                       ages: tuple[int, int], hours: tuple[int, int], useful_extra: str = "") -> dict:
        useful = [vocabulary.USEFUL_FOR[c] for c in competences if c in vocabulary.USEFUL_FOR]
        useful_for = "; ".join(([useful_extra] if useful_extra else []) + useful)
        return {
            "source": source, "competences": ", ".join(competences),
            "tags": ", ".join(vocabulary.tag(t) for t in tags),
            "useful_for": useful_for[:1].upper() + useful_for[1:] + ".",
            "preferred_age_min": ages[0], "preferred_age_max": ages[1],
            "hours_per_month": self.rng.randint(*hours), "max_mentees": self.weighted({3: 5, 2: 3, 1: 1}),
            "forms": forms,
        }

    def give_consents(self, person: Person, returning: bool, complete: bool = False) -> None:
        """Most consents are complete; some are missing, a few withdrawn (the person is then anonymized)."""
        given = self.sept(1 if returning else 0)
        state = "complete" if complete else self.weighted({"complete": 93, "missing": 4, "withdrawn": 3})
        if state == "missing":
            return
        person.consents.append(ConsentPlan("personal_data", given))
        if person.representative and (complete or self.rng.random() < 0.94):
            last, first, middle, _ = person.representative
            person.consents.append(ConsentPlan("representative", given, f"{last} {first} {middle}"))
        if person.mentor and person.values["category"] not in LEARNERS and self.base_rng.random() < 0.4:
            person.consents.append(ConsentPlan("mentor_base", given))
        room = (self.today - given).days
        if state == "withdrawn" and room > 1:
            person.consents[0].withdrawn_on = given + datetime.timedelta(days=self.rng.randint(1, room))

    # --- participants by category ----------------------------------------------------------
    def pupil(self, org: str, grade: int, roles: tuple[bool, bool], interests=None, complete=False) -> Person:
        is_mentor, is_mentee = roles
        interests = interests or self.rng.sample(vocabulary.PUPIL_INTERESTS, self.rng.randint(2, 4))
        person = self.person(org, self.rng.choice("mf"), "young", self.born_in(self.start.year - grade - 6),
                             category="pupil", grade=grade, grade_letter=self.rng.choice("АББВ"),
                             is_mentor=is_mentor, is_mentee=is_mentee, interests=", ".join(interests))
        linked = [i.removesuffix(" и культура") for i in interests]
        if is_mentor:
            own = [c for c in linked if c in vocabulary.PUPIL_COMPETENCES]
            extra = self.rng.sample(vocabulary.PUPIL_COMPETENCES, 2)
            competences = list(dict.fromkeys(own[:2] + extra))[:3]
            age = self.start.year - person.values["birth_date"].year
            person.mentor = self.mentor_profile("pupils", competences, interests[:3], ["pupil_pupil"],
                                                (10, max(age - 2, 11)), (4, 8))
        if is_mentee:
            forms = {"pupil_pupil": 60, "student_pupil": 40} if grade <= 7 else \
                {"pupil_pupil": 25, "student_pupil": 30, "employer_pupil": 45}
            person.mentee = {"desired_form": self.weighted(forms)}
            catalogue = [r for r in vocabulary.PUPIL_REQUESTS if grade >= 8 or r[1] != "career"]
            person.requests = self.requests(catalogue, "pupil", self.rng.randint(1, 2), prefer=linked)
        self.give_consents(person, returning=grade > 5, complete=complete)
        return person

    def pupil_roles(self, grade: int) -> tuple[bool, bool]:
        if grade <= 6:
            return False, True
        weights = {(False, True): 90, (True, False): 10} if grade <= 8 else \
            {(False, True): 45, (True, False): 42, (True, True): 13}
        return self.weighted(weights)

    def student(self, org: str, course: int, source: str = "pupils", forms=None) -> Person:
        roles = (False, True) if course <= 2 and self.rng.random() < 0.9 else \
            self.weighted({(True, False): 60, (False, True): 28, (True, True): 12})
        if forms:  # graduates registered as mentors of their school
            roles = (True, False)
        person = self.person(org, self.rng.choice("mf"), "young",
                             self.born_in(self.start.year - 16 - course - self.rng.randint(0, 1)),
                             category="student", grade=course, is_mentor=roles[0], is_mentee=roles[1],
                             interests=", ".join(self.rng.sample(vocabulary.PUPIL_INTERESTS, 2)))
        if person.age_on(self.start) >= ADULT_AGE and person.age_on(self.today) >= ADULT_AGE:
            person.representative = None
        if roles[0]:
            competences = self.rng.sample(vocabulary.STUDENT_COMPETENCES, self.rng.randint(2, 3))
            person.mentor = self.mentor_profile(source, competences, competences[:2],
                                                forms or ["student_pupil", "student_student"], (11, 17), (4, 10))
        if roles[1]:
            person.mentee = {"desired_form": self.weighted({"employer_student": 55, "student_student": 45})}
            person.requests = self.requests(vocabulary.STUDENT_REQUESTS, "student", self.rng.randint(1, 2))
        self.give_consents(person, returning=course > 1)
        return person

    def teacher(self, org: str, mentor: bool, subjects=vocabulary.SUBJECTS, forms=("teacher_teacher",),
                complete=False) -> Person:
        subject, genitive = self.rng.choice(subjects)
        kind = "mentor" if mentor else self.weighted({"young": 60, "new": 25, "flagged": 15})
        experience = {"mentor": (8, 35), "young": (0, 3), "new": (4, 20), "flagged": (5, 25)}[kind]
        years = self.rng.randint(*experience)
        born = self.born_in(self.start.year - 22 - years - self.rng.randint(0, 5))
        person = self.person(org, self.weighted({"f": 78, "m": 22}), "adult", born, category="teacher",
                             teaching_experience_years=years, is_mentor=mentor, is_mentee=not mentor,
                             interests=", ".join(self.rng.sample(vocabulary.ADULT_INTERESTS, 2)))
        if mentor:
            competences = [f"преподавание {genitive}"] + self.rng.sample(vocabulary.TEACHER_COMPETENCES, 2)
            person.mentor = self.mentor_profile("teachers", competences, [subject] + competences[1:2], list(forms),
                                                (22, 40), (4, 12), f"поделюсь методикой преподавания {genitive}")
        else:
            person.mentee = {"desired_form": "teacher_teacher", "new_to_organization": kind == "new",
                             "support_reason": self.rng.choice(vocabulary.TEACHER_SUPPORT_REASONS)
                             if kind == "flagged" else ""}
            person.requests = self.requests(vocabulary.TEACHER_REQUESTS, "teacher", self.rng.randint(1, 2))
            if self.rng.random() < 0.5:
                person.requests.append((f"методика преподавания {genitive}", "professional", "self"))
        self.give_consents(person, returning=years > 0 and kind != "new", complete=complete)
        return person

    def employee(self, spec: OrgSpec, parent_of: Person | None = None) -> Person:
        values = {"category": "partner_employee", "is_mentor": True, "is_mentee": False,
                  "interests": ", ".join(self.rng.sample(vocabulary.ADULT_INTERESTS, 2))}
        if parent_of:  # the legal representative of a pupil is this very employee
            last, first, middle, sex = parent_of.representative
            born = self.born_in(parent_of.values["birth_date"].year - self.rng.randint(24, 34))
            years = self.start.year - born.year - 20 - self.rng.randint(0, 4)
            person = self.person(spec.code, sex, "adult", born, parent_of.family, (last, first, middle),
                                 professional_experience_years=years, **values)
            person.children.append(parent_of)
        else:
            years = self.rng.randint(2, 4) if self.rng.random() < 0.2 else self.rng.randint(5, 30)
            born = self.born_in(self.start.year - 20 - years - self.rng.randint(0, 8))
            person = self.person(spec.code, self.weighted({"m": 65, "f": 35}), "adult", born,
                                 professional_experience_years=years, **values)
        competences = self.rng.sample(spec.industry, 2) + ["профориентация"]
        person.mentor = self.mentor_profile("enterprises", competences, competences[:2],
                                            ["employer_pupil", "employer_student"], (14, 20), (2, 8))
        self.give_consents(person, returning=True)
        return person

    # --- organizations ---------------------------------------------------------------------
    def organization(self, spec: OrgSpec) -> list[Person]:
        people = []
        for i in range(spec.pupils):
            grade = 5 + i % 7
            people.append(self.pupil(spec.code, grade, self.pupil_roles(grade)))
        for i in range(spec.students):
            people.append(self.student(spec.code, 1 + i % 4))
        subjects = EXTRA_SUBJECTS if spec.kind == "extra" else vocabulary.SUBJECTS
        forms = ("teacher_teacher", "lecturer_teacher") if spec.kind == "college" else ("teacher_teacher",)
        for i in range(spec.teachers):
            people.append(self.teacher(spec.code, mentor=i % 5 < 3, subjects=subjects, forms=forms))
        for _ in range(spec.graduates):
            people.append(self.student(spec.code, self.rng.randint(1, 3), source="graduates", forms=["student_pupil"]))
        return people

    def partner(self, spec: OrgSpec, people: list[Person]) -> list[Person]:
        """Employees of a partner; two of them are parents of pupils of the partner's territory,
        so «a parent never mentors their own child» has something to refuse."""
        territory = tuple(a.counterparty for a in AGREEMENTS if a.partner == spec.code)
        pupils = [p for p in people if p.values["category"] == "pupil" and p.org.startswith(territory)
                  and p.consents_complete and not p.login]
        parents = self.rng.sample(pupils, 2)
        return [self.employee(spec, parents[i] if i < 2 else None) for i in range(spec.employees)]

    def story(self) -> list[Person]:
        """The people behind the personal logins: a pupil mentor and a sixth-former, his future
        mentee, whose parent is the «parent» login; all their consents are in order."""
        mentor = self.pupil(HOME_SCHOOL, 10, (True, False), ["робототехника", "программирование", "шахматы"],
                            complete=True)
        mentee = self.pupil(HOME_SCHOOL, 6, (False, True), ["робототехника", "футбол"], complete=True)
        mentor.mentor["max_mentees"] = 3
        mentee.mentee["desired_form"] = "pupil_pupil"
        mentor.login, mentee.login = "mentor", "mentee"
        return [mentor, mentee]

    def region(self) -> Region:
        people = self.story()
        for spec in ORGANIZATIONS:
            people += self.partner(spec, people) if spec.kind == "partner" else self.organization(spec)
        return Region(people=people, staff=self.staff(), today=self.today, year_start=self.start)

    def staff(self) -> dict[str, tuple[str, str, str]]:
        return {username: names.full_name(self.rng, self.weighted({"f": 75, "m": 25}), "adult")
                for username in ("operator", "municipal", "head", "curator", "psychologist")}


def generate(seed: int, today: datetime.date) -> Region:
    return _Generator(seed, today).region()
