"""The rules of the forms, checked on arrays without the database."""

import numpy as np
from django.test import SimpleTestCase

from programmes import eligibility as e

PUPIL_PUPIL = e.FormRules(("pupil",), ("pupil",), mentee_age_min=10, mentee_age_max=19, mentor_grade_above_mentee=True)
TEACHER_TEACHER = e.FormRules(("teacher",), ("teacher",), mentee_max_teaching_years=3)
EMPLOYER_PUPIL = e.FormRules(("partner_employee",), ("pupil",), mentee_age_min=10, mentee_age_max=19,
                             mentor_from_partner=True, mentor_min_experience_years=5)


def person(**values):
    return {"id": 1, "consents_ok": True, **values}


def reason(rules, mentor: dict, mentee: dict, parents=None) -> str | None:
    code = e.check(rules, e.People.build([mentor]), e.People.build([mentee]), np.array([0]), np.array([0]),
                   None if parents is None else np.array(parents))[0]
    return e.REASONS.get(int(code))


class PupilPupilTests(SimpleTestCase):
    mentor = person(id=1, category="pupil", grade=10, age_at_start=16)

    def test_a_pupil_mentor_must_be_in_a_higher_grade(self):
        same = person(id=2, category="pupil", grade=10, age_at_start=16)
        self.assertIn("более старшем классе", reason(PUPIL_PUPIL, self.mentor, same))
        younger = person(id=2, category="pupil", grade=6, age_at_start=12)
        self.assertIsNone(reason(PUPIL_PUPIL, self.mentor, younger))

    def test_a_pupil_mentee_is_10_to_19_years_old_at_the_start(self):
        for age, allowed in ((9, False), (10, True), (19, True), (20, False)):
            mentee = person(id=2, category="pupil", grade=3, age_at_start=age)
            self.assertEqual(reason(PUPIL_PUPIL, self.mentor, mentee) is None, allowed, age)

    def test_a_mentee_without_consents_is_refused(self):
        mentee = person(id=2, category="pupil", grade=6, age_at_start=12, consents_ok=False)
        self.assertIn("согласий", reason(PUPIL_PUPIL, self.mentor, mentee))

    def test_a_parent_never_mentors_their_own_child(self):
        parent = person(id=7, category="parent")
        child = person(id=8, category="pupil", grade=6, age_at_start=12)
        rules = e.FormRules(("parent",), ("pupil",))
        self.assertIn("родитель", reason(rules, parent, child, parents=[(7, 8)]))
        self.assertIsNone(reason(rules, parent, child, parents=[(7, 9)]))

    def test_the_first_broken_rule_is_reported(self):
        teacher = person(id=3, category="teacher")
        self.assertIn("категория наставника", reason(PUPIL_PUPIL, teacher, person(id=2, category="pupil")))


class TeacherTeacherTests(SimpleTestCase):
    mentor = person(id=1, category="teacher", teaching_years=20)

    def test_a_teacher_mentee_is_a_young_specialist_new_or_flagged(self):
        self.assertIsNone(reason(TEACHER_TEACHER, self.mentor, person(id=2, category="teacher", teaching_years=3)))
        veteran = person(id=2, category="teacher", teaching_years=12)
        self.assertIn("молодой специалист", reason(TEACHER_TEACHER, self.mentor, veteran))
        self.assertIsNone(reason(TEACHER_TEACHER, self.mentor, {**veteran, "flagged": True}))

    def test_the_teachers_form_has_no_age_limit(self):
        self.assertIsNone(reason(TEACHER_TEACHER, self.mentor,
                                 person(id=2, category="teacher", teaching_years=1, age_at_start=45)))


class EmployerTests(SimpleTestCase):
    pupil = person(id=2, category="pupil", grade=9, age_at_start=15)

    def test_an_employer_mentor_needs_a_valid_partner_agreement(self):
        engineer = person(id=1, category="partner_employee", professional_years=10)
        self.assertIn("соглашением", reason(EMPLOYER_PUPIL, engineer, self.pupil))
        self.assertIsNone(reason(EMPLOYER_PUPIL, {**engineer, "partner_agreement_valid": True}, self.pupil))

    def test_an_employer_mentor_has_at_least_5_years_of_experience(self):
        novice = person(id=1, category="partner_employee", professional_years=4, partner_agreement_valid=True)
        self.assertIn("стаж", reason(EMPLOYER_PUPIL, novice, self.pupil))

    def test_a_rule_switched_off_no_longer_refuses(self):
        novice = person(id=1, category="partner_employee", professional_years=1, partner_agreement_valid=True)
        relaxed = e.FormRules(("partner_employee",), ("pupil",), mentor_from_partner=True)
        self.assertIsNone(reason(relaxed, novice, self.pupil))


class CapacityTests(SimpleTestCase):
    def test_a_mentor_has_at_most_three_mentees_and_lower_limits_win(self):
        self.assertEqual(e.mentor_limit(None, None), 3)
        self.assertEqual(e.mentor_limit(2, None), 2)
        self.assertEqual(e.mentor_limit(None, 1), 1)
        self.assertEqual(e.mentor_limit(5, None), 3)

    def test_remaining_capacity_never_goes_below_zero(self):
        self.assertEqual(e.remaining_capacity(np.array([3, 2]), np.array([1, 3])).tolist(), [2, 0])

    def test_a_million_candidates_are_checked_as_arrays(self):
        n = 1_000_000
        rng = np.random.default_rng(1)
        mentors = e.People.build([person(id=i, category="pupil", grade=10, age_at_start=16) for i in range(10)])
        mentees = e.People.build([person(id=100 + i, category="pupil", grade=5 + i % 7, age_at_start=11 + i % 7)
                                  for i in range(10)])
        reasons = e.check(PUPIL_PUPIL, mentors, mentees, rng.integers(0, 10, n), rng.integers(0, 10, n))
        self.assertEqual(reasons.shape, (n,))
        self.assertTrue(set(np.unique(reasons).tolist()) <= {0, e.GRADE_NOT_HIGHER})
