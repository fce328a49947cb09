import datetime

from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from organizations.models import Organization
from pairs import actions
from pairs.models import PairChange, PairStatus
from people.models import Consent, MentorProfile
from programmes.actions import create_programme, set_rule_override
from programmes.models import MentorshipForm
from testing.fixtures import RegionTestCase, make_participant

START, END = datetime.date(2026, 12, 1), datetime.date(2027, 5, 31)


class PairTermTests(RegionTestCase):
    def propose(self, mentor=None, **values):
        return actions.propose_pair(organization=self.school_a, form=self.pupil_pupil,
                                    mentor=mentor or self.pupil_mentor_a, mentees=[self.pupil_a], start_date=START,
                                    actor=self.curator_a, **values)

    def test_a_pair_never_runs_past_the_school_year(self):
        self.assertEqual(self.propose().planned_end_date, END)
        with self.assertRaisesMessage(ValidationError, "не позже 31.05.2027: конец учебного года 2026/2027"):
            self.propose(planned_end_date=datetime.date(2027, 12, 1))

    def test_a_pair_ends_with_the_organizations_programme_of_the_year(self):
        create_programme(organization=self.school_a, year=2026, forms=[self.pupil_pupil], goal="Цель",
                         actor=self.curator_a, ends_on=datetime.date(2027, 6, 20))
        self.assertEqual(self.propose().planned_end_date, datetime.date(2027, 6, 20))

    def test_a_pair_never_runs_past_a_pupils_leaving(self):
        create_programme(organization=self.school_a, year=2026, forms=[self.pupil_pupil], goal="Цель",
                         actor=self.curator_a, ends_on=datetime.date(2027, 6, 20))
        senior = make_participant(self.school_a, "Выпускников", is_mentor=True, is_mentee=False, grade=11,
                                  birth_date=datetime.date(2009, 1, 1))
        self.assertEqual(self.propose(mentor=senior).planned_end_date, END)

    def test_an_extension_never_outlasts_a_pupils_leaving(self):
        senior = make_participant(self.school_a, "Выпускников", is_mentor=True, is_mentee=False, grade=11,
                                  birth_date=datetime.date(2009, 1, 1))
        pair = self.propose(mentor=senior)
        actions.approve_pairs([pair], actor=self.head_a, order_number="1", order_date=START)
        with self.assertRaisesMessage(ValidationError, "не позже 31.05.2027: выпуск «Выпускников Иван» (11 класс)"):
            actions.request_extension(pair, actor=self.curator_a, reason="illness",
                                      new_end_date=datetime.date(2027, 6, 30))

    def test_a_pair_cannot_start_before_its_start_date(self):
        pair = self.propose()
        actions.approve_pairs([pair], actor=self.head_a, order_number="1", order_date=START)
        with self.assertRaisesMessage(ValidationError, "не раньше даты начала — 01.12.2026"):
            actions.start_pair(pair, actor=self.curator_a, on=datetime.date(2026, 11, 30))
        self.assertEqual(actions.start_pair(pair, actor=self.curator_a, on=START).status, PairStatus.ACTIVE)


class PairRuleTests(RegionTestCase):
    def propose(self, mentees, mentor=None, form=None, organization=None):
        return actions.propose_pair(organization=organization or self.school_a, form=form or self.pupil_pupil,
                                    mentor=mentor or self.pupil_mentor_a, mentees=mentees, start_date=START,
                                    planned_end_date=END, actor=self.curator_a)

    def pupils(self, n, grade=6, name="Ученик"):
        return [make_participant(self.school_a, f"{name}{grade}-{i}", grade=grade) for i in range(n)]

    def test_a_mentor_never_gets_a_fourth_mentee(self):
        self.propose(self.pupils(3))
        with self.assertRaisesMessage(ValidationError, "уже 3 наставляемых из 3"):
            self.propose([make_participant(self.school_a, "Четвёртый", grade=6)])

    def test_the_organization_and_the_mentor_may_set_a_lower_limit(self):
        Organization.objects.filter(pk=self.school_a.pk).update(max_mentees_per_mentor=2)
        with self.assertRaisesMessage(ValidationError, "из 2 возможных"):
            self.propose(self.pupils(3))
        MentorProfile.objects.create(participant=self.pupil_mentor_a, source="pupils", max_mentees=1)
        with self.assertRaisesMessage(ValidationError, "из 1 возможных"):
            self.propose(self.pupils(2, name="Другой"))

    def test_a_pupil_mentor_must_be_in_a_higher_grade_than_the_mentee(self):
        with self.assertRaisesMessage(ValidationError, "более старшем классе"):
            self.propose([make_participant(self.school_a, "Одноклассник", grade=10)])

    def test_a_pupil_mentee_must_be_10_to_19_at_the_start(self):
        small = make_participant(self.school_a, "Малыш", grade=2, birth_date=datetime.date(2018, 1, 1))
        with self.assertRaisesMessage(ValidationError, "наставляемому должно быть от 10 до 19 лет на дату начала"):
            self.propose([small])

    def test_a_participant_without_consents_cannot_be_put_into_a_pair(self):
        pupil = make_participant(self.school_a, "Без согласия", grade=6, consents=False)
        with self.assertRaisesMessage(ValidationError, "нет нужных согласий"):
            self.propose([pupil])

    def test_a_withdrawn_consent_blocks_a_new_pair(self):
        Consent.objects.filter(participant=self.pupil_a, kind="representative").update(
            withdrawn_on=datetime.date(2026, 11, 1))
        with self.assertRaisesMessage(ValidationError, "согласий"):
            self.propose([self.pupil_a])

    def test_a_parent_never_mentors_their_own_child(self):
        parent = make_participant(self.school_a, "Кузнецов", first_name="Олег", category="parent", is_mentor=True,
                                  is_mentee=False, birth_date=datetime.date(1985, 1, 1))
        parent.children.add(self.pupil_a)
        form = MentorshipForm.objects.create(code="parent_pupil", name="родитель – ученик",
                                             mentor_categories=["parent"], mentee_categories=["pupil"])
        with self.assertRaisesMessage(ValidationError, "родитель не может быть наставником своего ребёнка"):
            self.propose([self.pupil_a], mentor=parent, form=form)

    def test_an_employer_mentor_needs_a_valid_agreement_and_five_years(self):
        engineer = make_participant(self.partner, "Инженеров", category="partner_employee", is_mentor=True,
                                    is_mentee=False, birth_date=datetime.date(1980, 1, 1), professional_experience_years=4)
        employer_pupil = MentorshipForm.objects.get(code="employer_pupil")
        with self.assertRaisesMessage(ValidationError, "профессиональный стаж"):
            self.propose([self.pupil_a], mentor=engineer, form=employer_pupil)
        with self.assertRaisesMessage(ValidationError, "соглашением"):
            self.propose([self.pupil_b], mentor=engineer, form=employer_pupil, organization=self.school_b)

    def test_a_region_can_switch_a_rule_off_and_the_change_is_logged(self):
        engineer = make_participant(self.partner, "Инженеров", category="partner_employee", is_mentor=True,
                                    is_mentee=False, birth_date=datetime.date(1980, 1, 1), professional_experience_years=2)
        employer_pupil = MentorshipForm.objects.get(code="employer_pupil")
        set_rule_override(organization=self.region, form=employer_pupil, rule="mentor_min_experience_years",
                          value=None, actor=self.operator)
        pair = self.propose([self.pupil_a], mentor=engineer, form=employer_pupil)
        self.assertEqual(pair.status, PairStatus.PROPOSED)
        self.assertTrue(AuditEntry.objects.filter(object_type="formruleoverride", actor=self.operator).exists())

    def test_an_organization_override_wins_over_the_regions(self):
        set_rule_override(organization=self.region, form=self.pupil_pupil, rule="mentee_age_min", value=15,
                          actor=self.operator)
        with self.assertRaisesMessage(ValidationError, "от 15 до 19 лет"):
            self.propose([self.pupil_a])  # 14 years old on 01.12.2026
        set_rule_override(organization=self.school_a, form=self.pupil_pupil, rule="mentee_age_min", value=10,
                          actor=self.head_a)
        self.assertEqual(self.propose([self.pupil_a]).status, PairStatus.PROPOSED)

    def test_a_mentee_is_in_one_live_pair_of_a_form(self):
        self.propose([self.pupil_a])
        other_mentor = make_participant(self.school_a, "Лебедев", is_mentor=True, is_mentee=False, grade=11,
                                        birth_date=datetime.date(2009, 1, 1))
        with self.assertRaisesMessage(ValidationError, "уже в паре этой формы"):
            self.propose([self.pupil_a], mentor=other_mentor)

    def test_a_pair_goes_proposed_approved_active_completed_and_every_step_is_logged(self):
        pair = self.propose([self.pupil_a])
        actions.approve_pairs([pair], actor=self.head_a, order_number="15-н", order_date=datetime.date(2026, 11, 25))
        pair.refresh_from_db()
        self.assertEqual(pair.status, PairStatus.APPROVED)
        actions.start_pair(pair, actor=self.curator_a)
        actions.complete_pair(pair, actor=self.curator_a, on=END)
        self.assertEqual(pair.status, PairStatus.COMPLETED)
        steps = list(AuditEntry.objects.filter(object_type="pair").values_list("changes__status", flat=True))
        self.assertEqual(len(steps), 4)

    def test_a_completed_pair_frees_the_mentors_place(self):
        pairs = [self.propose([p]) for p in self.pupils(3)]
        actions.terminate_pair(pairs[0], actor=self.curator_a, on=datetime.date(2026, 12, 20),
                               reason="наставляемый не выполняет обязанности")
        self.assertEqual(self.propose(self.pupils(1, grade=7)[:1]).status, PairStatus.PROPOSED)

    def test_a_pair_cannot_be_approved_twice(self):
        pair = self.propose([self.pupil_a])
        actions.approve_pairs([pair], actor=self.head_a, order_number="1", order_date=START)
        with self.assertRaisesMessage(ValidationError, "недоступно"):
            actions.approve_pairs([pair], actor=self.head_a, order_number="2", order_date=START)

    def test_a_mentor_without_consents_is_refused_and_the_missing_consent_is_named(self):
        mentor = make_participant(self.school_a, "Лебедев", is_mentor=True, is_mentee=False, grade=11,
                                  birth_date=datetime.date(2009, 1, 1), consents=False)
        with self.assertRaisesMessage(ValidationError, "у наставника нет нужных согласий (согласие на обработку "
                                                       "персональных данных; согласие законного представителя)"):
            self.propose([self.pupil_a], mentor=mentor)

    def test_an_employer_mentors_agreement_must_be_valid_on_the_pairs_start(self):
        engineer = make_participant(self.partner, "Инженеров", category="partner_employee", is_mentor=True,
                                    is_mentee=False, birth_date=datetime.date(1980, 1, 1), professional_experience_years=9)
        employer_pupil = MentorshipForm.objects.get(code="employer_pupil")
        late = datetime.date(2027, 9, 1)  # the agreement ends on 31.08.2027
        with self.assertRaisesMessage(ValidationError, "соглашением"):
            actions.propose_pair(organization=self.school_a, form=employer_pupil, mentor=engineer,
                                 mentees=[self.pupil_a], start_date=late, planned_end_date=datetime.date(2028, 5, 31),
                                 actor=self.curator_a)
        self.assertEqual(self.propose([self.pupil_a], mentor=engineer, form=employer_pupil).status,
                         PairStatus.PROPOSED)

    def test_a_group_is_one_mentor_with_several_mentees_within_the_limit(self):
        pair = self.propose(self.pupils(3))
        self.assertEqual(pair.mentees.count(), 3)

    def test_a_pair_cannot_be_completed_before_it_starts(self):
        pair = self.propose([self.pupil_a])
        actions.approve_pairs([pair], actor=self.head_a, order_number="1", order_date=START)
        actions.start_pair(pair, actor=self.curator_a)
        with self.assertRaisesMessage(ValidationError, "раньше начала пары (01.12.2026)"):
            actions.complete_pair(pair, actor=self.curator_a, on=datetime.date(2026, 11, 30))

    def test_a_finished_pair_closes_its_mentors_term_and_cancels_the_changes_waiting_for_an_order(self):
        pair = self.propose([self.pupil_a])
        actions.approve_pairs([pair], actor=self.head_a, order_number="1", order_date=START)
        pair.refresh_from_db()
        change = actions.request_extension(pair, actor=self.curator_a, reason="illness",
                                           new_end_date=datetime.date(2027, 6, 30))
        actions.terminate_pair(pair, actor=self.curator_a, on=datetime.date(2027, 1, 20),
                               reason="наставляемый не выполняет обязанности")
        self.assertEqual(pair.mentor_terms.get().ended_on, datetime.date(2027, 1, 20))
        change.refresh_from_db()
        self.assertEqual(change.status, PairChange.Status.CANCELLED)

    def test_the_order_fixing_the_pairs_joins_stage_5_of_the_programme(self):
        programme = create_programme(organization=self.school_a, year=2026, forms=[self.pupil_pupil],
                                     goal="Адаптация", actor=self.curator_a)
        pair = self.propose([self.pupil_a])
        actions.approve_pairs([pair], actor=self.head_a, order_number="15-од", order_date=datetime.date(2026, 11, 25))
        document = programme.stages.get(number=5).documents.get()
        self.assertEqual((document.kind, str(document)),
                         ("pairs_order", "Приказ о закреплении наставнических пар (групп) № 15-од от 25.11.2026"))

    def test_a_refused_order_approves_none_of_its_pairs(self):
        good = self.propose([self.pupil_a])
        other = make_participant(self.school_a, "Лебедев", is_mentor=True, is_mentee=False, grade=11,
                                 birth_date=datetime.date(2009, 1, 1))
        pupil = make_participant(self.school_a, "Отзыв", grade=6)
        bad = self.propose([pupil], mentor=other)
        pupil.consents.update(withdrawn_on=datetime.date(2026, 11, 20))
        with self.assertRaisesMessage(ValidationError, "нет нужных согласий"):
            actions.approve_pairs([good, bad], actor=self.head_a, order_number="1", order_date=START)
        good.refresh_from_db()
        self.assertEqual(good.status, PairStatus.PROPOSED)
