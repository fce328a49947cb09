"""A small territory built by hand for the indicators' tests, with the numbers worked out by hand in the tests.

On top of testing.fixtures.RegionTestCase (region 19 → «г. Абакан»: school A and the college; «Усть-Абаканский
район»: school B; partner P under the region): a second school of Абакан with nobody in a pair, a second partner
Q, and the pairs below, all approved on 10.09.2026 and started on 15.09.2026 unless said otherwise.

school A: pair A — mentor m1 (16) with a1 (12), a2 (12) and w1 (13), whose consent is withdrawn on 01.11.2026;
          pair B — mentor b1 (16) with b2 (13) and x1 (anonymized, born in 2014);
          pair C — mentor e1 (partner P) with b1, who is both a mentor and a mentee;
          pair E — mentor m2 (17) with e_m (14), completed on 15.11.2026;
          pair F — mentor m3 (16) with f1 (12), only proposed;
          pair G — mentor m5 (17) with g1 (12), approved by an order of 05.12.2026;
          pair H — mentor m4 (15) with h1 (12), approved on 20.11.2026, starting on 10.12.2026;
          pair T — teacher t2 with the young specialist t1 (2 years of teaching) and t3 (10 years).
college:  pair K — mentor e2 (partner Q) with the student s1 (20).
school B: pair Z — mentor e1 (partner P) with z1 (14); pair Y — mentor z2 (18) with z3 (11).
"""

import datetime

from monitoring.models import Denominator, Target
from organizations.models import Organization
from pairs.models import MentorTerm, Pair, PairMentee, PairStatus
from people.actions import withdraw_consent
from people.models import Category, Consent, Participant
from programmes.models import MentorshipForm
from testing.fixtures import RegionTestCase, make_participant

DAY = datetime.date(2026, 12, 1)
APPROVED = datetime.date(2026, 9, 10)
START = datetime.date(2026, 9, 15)


def born(age: int, month: int = 5) -> datetime.date:
    """A birth date giving `age` on DAY (a spring birthday, long past by December)."""
    return datetime.date(DAY.year - age, month, 1)


def make_pair(organization, mentor, mentees, *, approved_on=APPROVED, start=START, status=PairStatus.ACTIVE,
              ended_on=None, form="pupil_pupil") -> Pair:
    pair = Pair.objects.create(organization=organization, form=MentorshipForm.objects.get(code=form), mentor=mentor,
                               status=status, start_date=start, planned_end_date=datetime.date(2027, 5, 31),
                               approved_on=approved_on, ended_on=ended_on)
    PairMentee.objects.bulk_create([PairMentee(pair=pair, mentee=m) for m in mentees])
    MentorTerm.objects.create(pair=pair, mentor=mentor, started_on=start, ended_on=ended_on)
    return pair


class TerritoryTestCase(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.build_territory()

    @classmethod
    def build_territory(cls):
        """What the territory adds to the region (also for the browser tests, which build the region per test)."""
        cls.school_a2 = Organization.objects.create(code="19-01-002", name="МБОУ «СОШ № 2»", kind="school",
                                                    parent=cls.municipality_a)
        cls.partner_q = Organization.objects.create(code="19-P-002", name="ООО «Саянстрой»", kind="partner",
                                                    parent=cls.region)
        a, b = cls.school_a, cls.school_b

        def pupil(org, name, age, **values):
            values.setdefault("is_mentee", not values.get("is_mentor"))
            return make_participant(org, name, birth_date=born(age), **values)

        def employee(partner, name):
            return make_participant(partner, name, birth_date=born(40), is_mentor=True, is_mentee=False,
                                    category=Category.PARTNER_EMPLOYEE, professional_experience_years=10)

        m1, m2, m3, m4, m5 = (pupil(a, f"Наставник{i}", age, is_mentor=True)
                              for i, age in ((1, 16), (2, 17), (3, 16), (4, 15), (5, 17)))
        a1, a2, w1, b2 = pupil(a, "Первая", 12), pupil(a, "Вторая", 12), pupil(a, "Отозвавшая", 13), pupil(a, "Бэ", 13)
        b1 = pupil(a, "Двойной", 16, is_mentor=True, is_mentee=True)
        x1 = pupil(a, "Обезличенный", 12)
        Participant.objects.filter(pk=x1.pk).update(birth_date=None, birth_year=2014)
        e_m, f1, g1, h1 = pupil(a, "Ушедший", 14), pupil(a, "Предложенный", 12), pupil(a, "Поздний", 12), \
            pupil(a, "Ранний", 12)
        t2 = make_participant(a, "Опытная", birth_date=born(50), category=Category.TEACHER, is_mentor=True,
                              is_mentee=False, teaching_experience_years=25)
        t1 = make_participant(a, "Молодая", birth_date=born(24), category=Category.TEACHER,
                              teaching_experience_years=2)
        t3 = make_participant(a, "Средняя", birth_date=born(36), category=Category.TEACHER,
                              teaching_experience_years=10)
        e1, e2 = employee(cls.partner, "Заводской"), employee(cls.partner_q, "Строитель")
        s1 = make_participant(cls.college, "Студент", birth_date=born(20), category=Category.STUDENT)
        z1, z3 = pupil(b, "Зет", 14), pupil(b, "Младший", 11)
        z2 = pupil(b, "Старший", 18, is_mentor=True)

        make_pair(a, m1, [a1, a2, w1])
        make_pair(a, b1, [b2, x1])
        make_pair(a, e1, [b1], form="employer_pupil")
        make_pair(a, m2, [e_m], status=PairStatus.COMPLETED, ended_on=datetime.date(2026, 11, 15))
        make_pair(a, m3, [f1], status=PairStatus.PROPOSED, approved_on=None)
        make_pair(a, m5, [g1], status=PairStatus.APPROVED, approved_on=datetime.date(2026, 12, 5))
        make_pair(a, m4, [h1], status=PairStatus.APPROVED, approved_on=datetime.date(2026, 11, 20),
                  start=datetime.date(2026, 12, 10))
        make_pair(a, t2, [t1, t3], form="teacher_teacher")
        make_pair(cls.college, e2, [s1], form="employer_student")
        make_pair(b, e1, [z1], form="employer_pupil")
        make_pair(b, z2, [z3])
        withdraw_consent(Consent.objects.get(participant=w1, kind=Consent.Kind.PERSONAL_DATA), actor=None,
                         withdrawn_on=datetime.date(2026, 11, 1))

        def enter(territory, kind, value, year=2026):
            Denominator.objects.create(territory=territory, year=year, kind=kind, value=value)

        enter(cls.region, "children_10_19", 100)
        enter(cls.region, "children_15_19", 40)
        enter(cls.region, "young_teachers", 5)
        enter(cls.region, "enterprises", 8)
        enter(cls.region, "children_10_19", 999, year=2027)     # a later year does not count in 2026
        enter(cls.municipality_a, "children_10_19", 40)
        enter(cls.school_a, "children_15_19", 12, year=2025)    # the latest year entered holds
        enter(cls.school_b, "children_10_19", 10)                # Усть-Абаканский район: its school's pupils
        Target.objects.create(territory=cls.region, year=2026, indicator="mentees_10_19", value=7.5)
        Target.objects.create(territory=cls.municipality_b, year=2026, indicator="mentees_10_19", value=25)
