"""Every indicator of a small territory on a date, against numbers worked out by hand (monitoring/tests/territory.py
tells who is who)."""

import datetime

from monitoring import counting, indicators
from monitoring.tests.territory import DAY, TerritoryTestCase, make_pair
from pairs.actions import approve_pairs
from pairs.models import PairStatus
from testing.fixtures import make_participant


def table(values) -> dict[str, tuple]:
    return {v.code: (v.numerator, v.denominator, v.value, v.target, v.status) for v in values}


class RegionIndicatorsTest(TerritoryTestCase):
    def test_the_region_counts_each_person_once_from_the_order_while_the_pair_lasts(self):
        # mentees 10–19: a1, a2, b2, x1, b1, h1 of school A and z1, z3 of school B — not w1 (consent withdrawn),
        # e_m (pair ended), f1 (proposed), g1 (order after the day), s1 (20 years old).
        # mentors 15–19: m1, b1, m4 (before the start, from the order) of school A and z2 of school B.
        # young teachers: t1. Enterprises: P (two schools) and Q — two, not three.
        # organizations: schools A, A2, B and the college; A, B and the college have mentees.
        got = table(counting.report(self.region, DAY).values)
        self.assertEqual(got, {
            "mentees_10_19": (8, 100, 8.0, 7.5, "on_track"),
            "mentors_15_19": (4, 40, 10.0, 10.0, "on_track"),
            "young_teachers": (1, 5, 20.0, 70.0, "behind"),
            "enterprises": (2, 8, 25.0, 30.0, "behind"),
            "satisfaction_mentees": (None, None, None, 85.0, "no_data"),
            "satisfaction_mentors": (None, None, None, 85.0, "no_data"),
            "organizations_implementing": (3, 4, 75.0, None, "no_target"),
        })

    def test_the_municipalities_of_the_region_are_its_rows_with_their_own_denominators_and_targets(self):
        rows = {o.code: table(values) for o, values in counting.report(self.region, DAY).rows}
        self.assertEqual(list(rows), ["19-01", "19-02"])
        abakan, ust_abakan = rows["19-01"], rows["19-02"]
        # Абакан: 6 mentees of school A over its 40 children (the region's target 7.5); mentors m1, b1, m4 over the
        # 12 pupils of 15–19 school A entered in 2025; partners P and Q; A and the college of A, A2, college.
        self.assertEqual(abakan["mentees_10_19"], (6, 40, 15.0, 7.5, "on_track"))
        self.assertEqual(abakan["mentors_15_19"], (3, 12, 25.0, 10.0, "on_track"))
        self.assertEqual(abakan["young_teachers"], (1, None, None, 70.0, "no_data"))
        self.assertEqual(abakan["enterprises"], (2, None, None, 30.0, "no_data"))
        self.assertEqual(abakan["organizations_implementing"], (2, 3, 66.7, None, "no_target"))
        # Усть-Абаканский район: z1, z3 over the 10 pupils its school entered, behind its own target of 25.
        self.assertEqual(ust_abakan["mentees_10_19"], (2, 10, 20.0, 25.0, "behind"))
        self.assertEqual(ust_abakan["mentors_15_19"], (1, None, None, 10.0, "no_data"))
        self.assertEqual(ust_abakan["enterprises"], (1, None, None, 30.0, "no_data"))
        self.assertEqual(ust_abakan["organizations_implementing"], (1, 1, 100.0, None, "no_target"))

    def test_a_municipality_drills_down_to_its_organizations(self):
        rows = {o.code: table(values) for o, values in counting.report(self.municipality_a, DAY).rows}
        self.assertEqual(set(rows), {"19-01-001", "19-01-002", "19-01-101"})
        self.assertEqual(rows["19-01-001"]["mentees_10_19"][0], 6)
        self.assertEqual(rows["19-01-001"]["mentors_15_19"][:3], (3, 12, 25.0))
        self.assertEqual(rows["19-01-001"]["enterprises"][0], 1)
        self.assertEqual(rows["19-01-002"]["organizations_implementing"][:3], (0, 1, 0.0))
        self.assertEqual(rows["19-01-101"]["mentees_10_19"][0], 0)
        self.assertEqual(rows["19-01-101"]["enterprises"][0], 1)

    def test_an_organization_counts_itself(self):
        got = table(counting.report(self.school_a, DAY).values)
        self.assertEqual(got["mentees_10_19"][:2], (6, None))
        self.assertEqual(got["mentors_15_19"][:3], (3, 12, 25.0))
        self.assertEqual(got["young_teachers"][0], 1)
        self.assertEqual(got["organizations_implementing"][:3], (1, 1, 100.0))

    def test_before_the_withdrawal_and_the_end_of_a_pair_they_counted_and_a_later_order_did_not_yet(self):
        # 15.10.2026: w1 and e_m still count, mentor m2 too; h1 and m4 not yet (order of 20.11.2026).
        got = table(counting.report(self.school_a, datetime.date(2026, 10, 15)).values)
        self.assertEqual(got["mentees_10_19"][0], 7)
        self.assertEqual(got["mentors_15_19"][0], 3)

    def test_before_any_order_nobody_counts(self):
        got = table(counting.report(self.region, datetime.date(2026, 9, 9)).values)
        self.assertEqual([got[c][0] for c in ("mentees_10_19", "mentors_15_19", "young_teachers", "enterprises",
                                              "organizations_implementing")], [0, 0, 0, 0, 0])

    def test_the_trend_gives_the_end_of_each_year_and_the_day(self):
        report = counting.report(self.region, DAY, trend_years=3)
        self.assertEqual([year for year, _ in report.trend], [2024, 2025, 2026])
        self.assertEqual([table(values)["mentees_10_19"][:3] for _, values in report.trend],
                         [(0, None, None), (0, None, None), (8, 100, 8.0)])
        self.assertEqual(table(report.trend[0][1])["mentees_10_19"][3], indicators.default_target("mentees_10_19", 2024))
        self.assertEqual(report.values, report.trend[-1][1])

    def test_the_counting_of_a_region_takes_a_fixed_number_of_queries(self):
        # one query per indicator source; the final questionnaires (surveys.satisfaction) are one of them
        with self.assertNumQueries(8):
            counting.report(self.region, DAY)


class OrderDateTest(TerritoryTestCase):
    def test_a_mentee_counts_from_the_date_of_the_order_that_approved_the_pair(self):
        pair = make_pair(self.school_b, self.pupil_mentor_b, [self.pupil_b], status=PairStatus.PROPOSED,
                         approved_on=None, start=datetime.date(2026, 12, 10))
        approve_pairs([pair], actor=self.curator_b, order_number="15", order_date=datetime.date(2026, 11, 25))
        pair.refresh_from_db()
        self.assertEqual(pair.approved_on, datetime.date(2026, 11, 25))
        before, after = (table(counting.report(self.school_b, day).values)["mentees_10_19"][0]
                         for day in (datetime.date(2026, 11, 24), datetime.date(2026, 11, 25)))
        self.assertEqual(after - before, 1)

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pupil_mentor_b = make_participant(cls.school_b, "Старшеклассник", is_mentor=True, is_mentee=False,
                                              grade=10, birth_date=datetime.date(2010, 2, 2))


class ParticipantsByFormTest(TerritoryTestCase):
    def test_participants_are_counted_by_form_and_category_once_a_form(self):
        rows = {row.form: (row.mentors, row.mentees) for row in counting.participants_by_form(self.region, DAY)}
        # «ученик – ученик»: mentors m1, b1, m4 (school A), z2 (school B); mentees a1, a2, b2, x1, h1, z3.
        self.assertEqual(rows["ученик – ученик"], ({"pupil": 4}, {"pupil": 6}))
        # «работодатель – ученик»: e1 once, though in two schools; mentees b1 and z1.
        self.assertEqual(rows["работодатель – ученик"], ({"partner_employee": 1}, {"pupil": 2}))
        self.assertEqual(rows["работодатель – студент"], ({"partner_employee": 1}, {"student": 1}))
        self.assertEqual(rows["учитель – учитель"], ({"teacher": 1}, {"teacher": 2}))
        self.assertEqual(len(rows), 4)
