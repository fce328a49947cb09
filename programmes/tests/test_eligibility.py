"""The rules of the forms, checked on arrays without the database (programmes.eligibility)."""

import datetime
import time

import numpy as np
from django.test import SimpleTestCase

from programmes import eligibility as e

PUPIL_PUPIL = e.FormRules(("pupil",), ("pupil",), mentee_age_min=10, mentee_age_max=19, mentor_grade_above_mentee=True)
STUDENT_PUPIL = e.FormRules(("student",), ("pupil",), mentee_age_min=10, mentee_age_max=19)
TEACHER_TEACHER = e.FormRules(("teacher",), ("teacher",), mentee_max_teaching_years=3)
EMPLOYER_PUPIL = e.FormRules(("partner_employee",), ("pupil",), mentee_age_min=10, mentee_age_max=19,
                             mentor_from_partner=True, mentor_min_experience_years=5)
PARENT_PUPIL = e.FormRules(("parent",), ("pupil",))


def person(**values):
    return {"id": 1, "consents_ok": True, **values}


def code(rules, mentor: dict, mentee: dict, forbidden=None) -> int:
    return int(e.check(rules, e.People.build([mentor]), e.People.build([mentee]), np.array([0]), np.array([0]),
                       forbidden)[0])


def reason(rules, mentor: dict, mentee: dict, forbidden=None) -> str | None:
    return e.REASONS.get(code(rules, mentor, mentee, forbidden))


class PupilPupilTests(SimpleTestCase):
    mentor = person(id=1, category="pupil", grade=10, age_at_start=16)

    def test_a_pupil_mentor_must_be_in_a_higher_grade_than_the_mentee(self):
        same = person(id=2, category="pupil", grade=10, age_at_start=16)
        self.assertIn("более старшем классе", reason(PUPIL_PUPIL, self.mentor, same))
        younger = person(id=2, category="pupil", grade=6, age_at_start=12)
        self.assertIsNone(reason(PUPIL_PUPIL, self.mentor, younger))

    def test_an_unknown_grade_is_not_taken_for_a_lower_one(self):
        unknown = person(id=2, category="pupil", age_at_start=12)
        self.assertEqual(code(PUPIL_PUPIL, self.mentor, unknown), e.GRADE_NOT_HIGHER)

    def test_a_pupil_mentee_is_10_to_19_years_old_at_the_start(self):
        for age, allowed in ((9, False), (10, True), (19, True), (20, False)):
            mentee = person(id=2, category="pupil", grade=3, age_at_start=age)
            self.assertEqual(reason(PUPIL_PUPIL, self.mentor, mentee) is None, allowed, age)

    def test_a_mentee_of_unknown_age_is_refused_by_an_age_rule(self):
        self.assertEqual(code(PUPIL_PUPIL, self.mentor, person(id=2, category="pupil", grade=3)), e.MENTEE_AGE)

    def test_the_refusal_says_the_ages_in_force(self):
        self.assertEqual(e.describe(e.MENTEE_AGE, PUPIL_PUPIL), "наставляемому должно быть от 10 до 19 лет на дату начала")
        relaxed = e.FormRules(("pupil",), ("pupil",), mentee_age_min=12)
        self.assertEqual(e.describe(e.MENTEE_AGE, relaxed), "наставляемому должно быть не меньше 12 лет на дату начала")

    def test_the_first_broken_rule_is_reported(self):
        teacher = person(id=3, category="teacher")
        self.assertEqual(code(PUPIL_PUPIL, teacher, person(id=2, category="pupil")), e.MENTOR_CATEGORY)


class EveryFormTests(SimpleTestCase):
    def test_a_student_pupil_mentee_is_10_to_19_years_old_at_the_start(self):
        student = person(id=1, category="student", grade=2)
        self.assertEqual(code(STUDENT_PUPIL, student, person(id=2, category="pupil", grade=11, age_at_start=20)),
                         e.MENTEE_AGE)

    def test_a_mentee_without_consents_is_refused(self):
        mentor = person(id=1, category="pupil", grade=10, age_at_start=16)
        mentee = person(id=2, category="pupil", grade=6, age_at_start=12, consents_ok=False)
        self.assertEqual(code(PUPIL_PUPIL, mentor, mentee), e.MENTEE_CONSENT)
        self.assertIn("законного представителя", e.REASONS[e.MENTEE_CONSENT])

    def test_a_mentor_without_consents_is_refused(self):
        mentor = person(id=1, category="pupil", grade=10, age_at_start=16, consents_ok=False)
        self.assertEqual(code(PUPIL_PUPIL, mentor, person(id=2, category="pupil", grade=6, age_at_start=12)),
                         e.MENTOR_CONSENT)

    def test_a_parent_never_mentors_their_own_child(self):
        parent = person(id=7, category="parent")
        child = person(id=8, category="pupil", grade=6, age_at_start=12)
        self.assertEqual(reason(PARENT_PUPIL, parent, child, forbidden=np.array([(7, 8)])),
                         "родитель не может быть наставником своего ребёнка")
        self.assertIsNone(reason(PARENT_PUPIL, parent, child, forbidden=np.array([(7, 9)])))

    def test_forbidden_pairs_may_be_given_as_a_set_of_tuples(self):
        parent, child = person(id=7, category="parent"), person(id=8, category="pupil", grade=6)
        self.assertEqual(code(PARENT_PUPIL, parent, child, forbidden={(7, 8), (5, 6)}), e.PARENT_OF_MENTEE)
        self.assertEqual(code(PARENT_PUPIL, parent, child, forbidden=set()), e.ALLOWED)

    def test_a_person_never_mentors_themselves(self):
        teacher = person(id=4, category="teacher", teaching_years=1)
        self.assertEqual(code(TEACHER_TEACHER, teacher, teacher), e.SAME_PERSON)

    def test_the_mentees_category_must_be_one_of_the_forms(self):
        mentor = person(id=1, category="teacher", teaching_years=20)
        self.assertEqual(code(TEACHER_TEACHER, mentor, person(id=2, category="pupil")), e.MENTEE_CATEGORY)


class TeacherTeacherTests(SimpleTestCase):
    mentor = person(id=1, category="teacher", teaching_years=20)

    def test_a_teacher_mentee_is_a_young_specialist_with_0_to_3_years_of_teaching(self):
        for years, allowed in ((0, True), (3, True), (4, False)):
            mentee = person(id=2, category="teacher", teaching_years=years)
            self.assertEqual(code(TEACHER_TEACHER, self.mentor, mentee) == e.ALLOWED, allowed, years)

    def test_a_teacher_new_to_the_organization_or_flagged_by_the_curator_may_be_a_mentee(self):
        veteran = person(id=2, category="teacher", teaching_years=12)
        self.assertIn("молодой специалист", reason(TEACHER_TEACHER, self.mentor, veteran))
        self.assertIsNone(reason(TEACHER_TEACHER, self.mentor, {**veteran, "flagged": True}))

    def test_a_teacher_of_unknown_experience_needs_the_curators_flag(self):
        self.assertEqual(code(TEACHER_TEACHER, self.mentor, person(id=2, category="teacher")), e.NOT_YOUNG_SPECIALIST)

    def test_the_teachers_form_has_no_age_limit(self):
        self.assertIsNone(reason(TEACHER_TEACHER, self.mentor,
                                 person(id=2, category="teacher", teaching_years=1, age_at_start=45)))


class EmployerTests(SimpleTestCase):
    pupil = person(id=2, category="pupil", grade=9, age_at_start=15)

    def test_an_employer_mentor_belongs_to_a_partner_with_an_agreement_valid_at_the_start(self):
        engineer = person(id=1, category="partner_employee", professional_years=10)
        self.assertIn("соглашением", reason(EMPLOYER_PUPIL, engineer, self.pupil))
        self.assertIsNone(reason(EMPLOYER_PUPIL, {**engineer, "partner_agreement_valid": True}, self.pupil))

    def test_an_employer_mentor_has_at_least_5_years_of_professional_experience(self):
        for years, allowed in ((4, False), (5, True)):
            mentor = person(id=1, category="partner_employee", professional_years=years, partner_agreement_valid=True)
            self.assertEqual(code(EMPLOYER_PUPIL, mentor, self.pupil) == e.ALLOWED, allowed, years)
        self.assertEqual(e.describe(e.MENTOR_EXPERIENCE, EMPLOYER_PUPIL),
                         "у наставника должен быть профессиональный стаж не меньше 5 лет")

    def test_a_rule_switched_off_no_longer_refuses(self):
        novice = person(id=1, category="partner_employee", professional_years=1, partner_agreement_valid=True)
        relaxed = e.FormRules(("partner_employee",), ("pupil",), mentor_from_partner=True)
        self.assertIsNone(reason(relaxed, novice, self.pupil))


class CapacityTests(SimpleTestCase):
    def test_a_mentor_has_at_most_three_mentees_and_lower_limits_win(self):
        self.assertEqual(e.mentee_limit(None, None), 3)
        self.assertEqual(e.mentee_limit(2, None), 2)
        self.assertEqual(e.mentee_limit(None, 1), 1)
        self.assertEqual(e.mentee_limit(5, None), 3)

    def test_remaining_capacity_never_goes_below_zero(self):
        self.assertEqual(e.remaining_capacity(np.array([3, 2]), np.array([1, 3])).tolist(), [2, 0])
        self.assertEqual(int(e.remaining_capacity(3, 1)), 2)


class ScaleTests(SimpleTestCase):
    def test_a_million_candidate_pairs_are_checked_as_arrays_in_well_under_a_second(self):
        n = 1_000_000
        rng = np.random.default_rng(1)
        mentors = e.People.build([person(id=i, category="pupil", grade=10, age_at_start=16) for i in range(100)])
        mentees = e.People.build([person(id=1000 + i, category="pupil", grade=5 + i % 7, age_at_start=11 + i % 7)
                                  for i in range(1000)])
        forbidden = np.array([(1, 1000), (2, 1001)])
        started = time.perf_counter()
        reasons = e.check(PUPIL_PUPIL, mentors, mentees, rng.integers(0, 100, n), rng.integers(0, 1000, n), forbidden)
        elapsed = time.perf_counter() - started
        self.assertEqual(reasons.shape, (n,))
        self.assertTrue(set(np.unique(reasons).tolist()) <= {e.ALLOWED, e.GRADE_NOT_HIGHER, e.PARENT_OF_MENTEE})
        self.assertLess(elapsed, 2.0)


HEAD_TEACHER = e.FormRules(("teacher",), ("teacher",), mentor_position="head")
LECTURER_TEACHER = e.FormRules(("teacher", "partner_employee"), ("teacher",), mentee_max_teaching_years=3,
                               mentor_position="higher_education")


class TeachersModelTests(SimpleTestCase):
    young = person(id=2, category="teacher", teaching_years=1)

    def test_only_the_head_mentors_in_the_form_head_of_the_organization_teacher(self):
        teacher = person(id=1, category="teacher", position=0)
        head = person(id=1, category="teacher", position=e.POSITION_HEAD)
        self.assertEqual(code(HEAD_TEACHER, teacher, self.young), e.MENTOR_POSITION)
        self.assertEqual(e.describe(e.MENTOR_POSITION, HEAD_TEACHER),
                         "в этой форме наставник — руководитель образовательной организации")
        self.assertEqual(code(HEAD_TEACHER, head, self.young), e.ALLOWED)

    def test_a_lecturer_mentor_teaches_at_a_college_or_a_university(self):
        school_teacher = person(id=1, category="teacher", position=0)
        lecturer = person(id=1, category="teacher", position=e.POSITION_HIGHER_EDUCATION)
        self.assertEqual(code(LECTURER_TEACHER, school_teacher, self.young), e.MENTOR_POSITION)
        self.assertEqual(code(LECTURER_TEACHER, lecturer, self.young), e.ALLOWED)


class LivePairsAndReadinessTests(SimpleTestCase):
    mentor = person(id=1, category="teacher")
    young = person(id=2, category="teacher", teaching_years=1)

    def test_a_mentor_who_named_other_forms_is_not_a_mentor_in_this_one(self):
        self.assertEqual(code(TEACHER_TEACHER, {**self.mentor, "ready": False}, self.young), e.MENTOR_NOT_READY)
        named, this = np.array([True, True, False]), np.array([True, False, False])
        self.assertEqual(e.ready_for(named, this).tolist(), [True, False, True])  # none named: any form

    def test_a_mentee_never_gets_a_second_live_pair_of_one_form(self):
        self.assertEqual(code(TEACHER_TEACHER, self.mentor, {**self.young, "busy": True}), e.MENTEE_BUSY)

    def test_a_mentor_never_takes_the_same_mentee_in_a_second_live_pair(self):
        live = np.array([[1, 2]])
        reasons = e.check(HEAD_TEACHER, e.People.build([{**self.mentor, "position": e.POSITION_HEAD}]),
                          e.People.build([self.young]), np.array([0]), np.array([0]), live=live)
        self.assertEqual(int(reasons[0]), e.ALREADY_PAIRED)


class InputTests(SimpleTestCase):
    def test_a_minor_needs_the_representatives_consent_and_an_adult_does_not(self):
        missing = e.consents_in_force(np.array([True, True, False]), np.array([False, False, False]),
                                      np.array([17, 18, -1]))
        self.assertEqual(missing.tolist(), [2, 0, 1])

    def test_the_age_on_the_start_date_counts_full_years(self):
        day = datetime.date(2026, 12, 1)
        born = [datetime.date(2012, 12, 1), datetime.date(2012, 12, 2), None]
        self.assertEqual(e.ages(born, day).tolist(), [14, 13, -1])
        self.assertEqual(e.age_on(born[1], day), 13)


HEAD_TEACHER = e.FormRules(("teacher",), ("teacher",), mentor_position="head")


class RuleInputsTests(SimpleTestCase):
    """A matching run reads the inputs only some rules look at (experience, position, «new or flagged») just for the
    forms that have those rules: `inputs` names them, and no rule looks at any other."""

    def test_each_form_names_the_inputs_of_its_own_rules(self):
        self.assertEqual(e.inputs([PUPIL_PUPIL, STUDENT_PUPIL]), (frozenset(), frozenset()))
        self.assertEqual(e.inputs([TEACHER_TEACHER]), (frozenset(), {"teaching_years", "flagged"}))
        self.assertEqual(e.inputs([EMPLOYER_PUPIL, HEAD_TEACHER]), ({"professional_years", "position"}, frozenset()))

    def test_a_rule_gives_the_same_reason_whatever_the_inputs_it_does_not_name(self):
        rng = np.random.default_rng(2026)
        n = 200

        def people(known: frozenset, side) -> e.People:
            values = {"teaching_years": rng.integers(-1, 10, n).astype(np.int16),
                      "professional_years": rng.integers(-1, 10, n).astype(np.int16),
                      "flagged": rng.random(n) < 0.5, "position": rng.integers(0, 4, n).astype(np.int8)}
            unread = {"teaching_years": np.full(n, -1, dtype=np.int16), "professional_years": np.full(n, -1, np.int16),
                      "flagged": np.zeros(n, dtype=bool), "position": np.zeros(n, dtype=np.int8)}
            common = dict(ids=np.arange(n) + side, category=rng.integers(0, len(e.CATEGORY_CODES), n).astype(np.int8),
                          grade=rng.integers(-1, 12, n).astype(np.int16), age_at_start=rng.integers(-1, 40, n).astype(
                              np.int16), partner_agreement_valid=rng.random(n) < 0.5, consents_ok=rng.random(n) < 0.9)
            full = e.People(**common, **values)
            return full, e.People(**common, **{k: values[k] if k in known else unread[k] for k in values})

        for rules in (PUPIL_PUPIL, STUDENT_PUPIL, TEACHER_TEACHER, EMPLOYER_PUPIL, PARENT_PUPIL, HEAD_TEACHER):
            mentor_needs, mentee_needs = e.inputs([rules])
            (mentors, mentors_read), (mentees, mentees_read) = people(mentor_needs, 0), people(mentee_needs, 1000)
            i, j = rng.integers(0, n, 2000), rng.integers(0, n, 2000)
            self.assertEqual(e.check(rules, mentors, mentees, i, j).tolist(),
                             e.check(rules, mentors_read, mentees_read, i, j).tolist(), rules)
