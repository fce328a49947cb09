"""Matching and the pair form apply the same rules (programmes.eligibility on pairs.inputs and matching.reading):
on random organizations every suggestion passes the pair form's check, and every pair the check accepts is a
candidate of matching."""

import datetime

from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from accounts.models import Role
from matching import engine
from pairs.actions import check_pair, propose_pair
from people import actions as people
from people.models import Category
from programmes.models import MentorshipForm
from testing.fixtures import RegionTestCase, make_participant, make_user

START = datetime.date(2026, 12, 1)
FORM_CODES = ["pupil_pupil", "teacher_teacher", "head_teacher", "lecturer_teacher", "student_pupil",
              "employer_pupil"]

person = st.fixed_dictionaries({
    "category": st.sampled_from([Category.PUPIL, Category.TEACHER, Category.STUDENT, Category.PARTNER_EMPLOYEE]),
    "grade": st.integers(1, 11), "born": st.integers(1970, 2018), "years": st.integers(0, 30),
    "consents": st.booleans(), "ready": st.sets(st.sampled_from(FORM_CODES), max_size=2), "head": st.booleans(),
})


class RulesAgreeTests(RegionTestCase, HypothesisTestCase):
    def make(self, n: int, spec: dict, *, mentor: bool):
        partner = spec["category"] == Category.PARTNER_EMPLOYEE
        teacher = spec["category"] in (Category.TEACHER, Category.PARTNER_EMPLOYEE)
        participant = make_participant(
            self.partner if partner and mentor else self.school_a, f"{'Наставник' if mentor else 'Ученик'}{n}",
            category=spec["category"], is_mentor=mentor, is_mentee=not mentor,
            grade=None if teacher else spec["grade"], birth_date=datetime.date(spec["born"], 3, 1),
            teaching_experience_years=spec["years"] if teacher else None,
            professional_experience_years=spec["years"] if partner else None, consents=spec["consents"])
        if mentor:
            forms = list(MentorshipForm.objects.filter(code__in=spec["ready"]))
            people.save_mentor_profile(participant, actor=None, source="pupils", forms=forms)
            if spec["head"] and not partner:
                user = make_user(f"head{n}", Role.HEAD, self.school_a)
                participant.user = user
                participant.save(update_fields=["user"])
        return participant

    @settings(max_examples=12, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mentors=st.lists(person, min_size=1, max_size=4), mentees=st.lists(person, min_size=1, max_size=5),
           code=st.sampled_from(FORM_CODES), live=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4)),
                                                           max_size=3))
    def test_every_suggestion_passes_the_pair_form_and_every_allowed_pair_is_a_candidate(self, mentors, mentees,
                                                                                          code, live):
        mentor_rows = [self.make(n, spec, mentor=True) for n, spec in enumerate(mentors)]
        mentee_rows = [self.make(n, spec, mentor=False) for n, spec in enumerate(mentees)]
        forms = list(MentorshipForm.objects.all())
        for i, j in live:  # some live pairs, of any form the rules allow
            if i < len(mentor_rows) and j < len(mentee_rows):
                for form in forms:
                    try:
                        propose_pair(organization=self.school_a, form=form, mentor=mentor_rows[i],
                                     mentees=[mentee_rows[j]], start_date=START,
                                     planned_end_date=datetime.date(2027, 5, 31), actor=None)
                        break
                    except ValidationError:
                        continue
        form = MentorshipForm.objects.get(code=code)
        result = engine.match(self.school_a, [form], day=START)
        roster = result.scope
        candidates = {(int(roster.mentees.ids[i]), int(roster.mentors.ids[j]))
                      for i, j in zip(result.problem["cand_mentee"].tolist(), result.problem["cand_mentor"].tolist(),
                                      strict=True)}
        suggested = {(int(roster.mentees.ids[i]), int(roster.mentors.ids[j]))
                     for i, j in zip(result.assignment.mentee.tolist(), result.assignment.mentor.tolist(), strict=True)}
        for mentor in mentor_rows:
            for mentee in mentee_rows:
                try:
                    check_pair(organization=self.school_a, form=form, mentor=mentor, mentees=[mentee],
                               start_date=START)
                    accepted = True
                except ValidationError:
                    accepted = False
                key = (mentee.pk, mentor.pk)
                if key in suggested:
                    self.assertTrue(accepted, f"подбор предложил пару, которую форма пары отклоняет: {key}")
                if accepted:
                    self.assertIn(key, candidates, f"форма пары принимает пару, которой нет у подбора: {key}")
