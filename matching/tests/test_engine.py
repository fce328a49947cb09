"""Matching in the database: the scope, the hard rules, the reasons, the unmatched mentees and accepting."""

import datetime
import json

from django.core.exceptions import ValidationError

from matching import actions, engine, scoring
from organizations.models import Agreement, Organization
from pairs.actions import propose_pair
from pairs.models import Pair
from people import actions as people
from people.models import Category, Consent
from programmes.models import MentoringKind, MentorshipForm, RoleModelVariant
from testing.fixtures import RegionTestCase, make_participant

START, END = datetime.date(2026, 12, 1), datetime.date(2027, 5, 31)


def mentees_of(result) -> dict[str, str]:
    return {m["name"]: p["mentor"]["name"] for p in result.pairs() for m in p["mentees"]}


class MatchingTestCase(RegionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        people.save_mentor_profile(cls.pupil_mentor_a, actor=None, source="pupils",
                                   competences="олимпиадная математика, шахматы", preferred_age_min=11,
                                   preferred_age_max=15, hours_per_month=4)
        people.add_request(cls.pupil_a, actor=None, text="подготовка к олимпиаде по математике")

    def match(self, scope=None, forms=None, **options):
        return engine.match(scope or self.school_a, forms or [self.pupil_pupil], day=START, **options)

    def explained(self, **options) -> list[dict]:
        """The suggestions in words, as the run's page shows them."""
        return engine.explained(self.match(**options).pairs(), START)

    def mentor(self, last_name, organization=None, **values):
        values = {"grade": 11, "birth_date": datetime.date(2009, 4, 4), **values}
        return make_participant(organization or self.school_a, last_name, is_mentor=True, is_mentee=False, **values)


class ReasonsTests(MatchingTestCase):
    def test_a_suggestion_explains_its_score_in_russian(self):
        [pair] = self.explained()
        [mentee] = pair["mentees"]
        reasons = dict(map(tuple, mentee["reasons"]))
        self.assertEqual(mentee["name"], "Кузнецова Мария")
        self.assertEqual(reasons["запрос «подготовка к олимпиаде по математике» ↔ компетенция «олимпиадная математика»"],
                         40)
        self.assertEqual(reasons["возраст 14 — в предпочтениях наставника (11–15 лет)"], 10)
        self.assertEqual(reasons["у наставника есть время на встречи раз в две недели: 4 ч в месяц"], 10)
        self.assertEqual(sum(reasons.values()), mentee["score"])

    def test_every_request_of_a_mentee_counts_in_the_order_stated(self):
        people.add_request(self.pupil_a, actor=None, text="научиться играть в шахматы")
        [pair] = self.explained()
        links = [text for text, _ in pair["mentees"][0]["reasons"] if text.startswith("запрос")]
        self.assertEqual(links, ["запрос «подготовка к олимпиаде по математике» ↔ компетенция «олимпиадная математика»; "
                                 "запрос «научиться играть в шахматы» ↔ компетенция «шахматы»"])
        data = engine.read_scope(self.school_a, [self.pupil_pupil], START)
        [row] = data.mentees.rows([self.pupil_a.pk])
        self.assertEqual(data.mentees.answers.requests[row],
                         ("подготовка к олимпиаде по математике", "научиться играть в шахматы"))

    def test_a_mentee_without_requests_is_read_with_none(self):
        other = make_participant(self.school_a, "Белова", is_mentee=True, is_mentor=False, grade=7,
                                 birth_date=datetime.date(2013, 3, 3))
        data = engine.read_scope(self.school_a, [self.pupil_pupil], START)
        [row] = data.mentees.rows([other.pk])
        self.assertEqual(data.mentees.answers.requests[row], ())
        self.assertEqual(len(set(data.mentees.ids.tolist())), len(data.mentees))

    def test_a_suggestion_names_the_mentee_and_the_mentor_in_full(self):
        people.update_participant(self.pupil_a, actor=None, middle_name="Петровна")
        [pair] = self.match().pairs()
        self.assertEqual(pair["mentees"][0]["name"], "Кузнецова Мария Петровна")
        self.assertEqual(pair["mentor"]["name"], self.pupil_mentor_a.full_name)

    def test_suggestions_list_mentors_by_name_and_namesakes_in_the_order_they_were_added(self):
        mentors = [self.mentor("Яковлев"), self.mentor("Абрамов"),
                   self.mentor("Абрамов", birth_date=datetime.date(2009, 5, 5))]
        mentees = [self.pupil_a, *(make_participant(self.school_a, name, is_mentee=True, is_mentor=False, grade=7,
                                                    birth_date=datetime.date(2013, 3, 3)) for name in ("Белова", "Орлова"))]
        pinned = [(mentee.pk, mentor.pk) for mentee, mentor in zip(mentees, mentors, strict=True)]
        listed = [(pair["mentor"]["name"], pair["mentor"]["id"]) for pair in self.match(pinned=pinned).pairs()]
        self.assertEqual([name for name, _ in listed], ["Абрамов Иван", "Абрамов Иван", "Яковлев Иван"])
        self.assertLess(listed[0][1], listed[1][1])

    def test_a_run_keeps_columns_that_lay_out_as_its_pairs_of_every_mentor_or_of_one(self):
        other = self.mentor("Абрамов")
        young = make_participant(self.school_a, "Белова", is_mentee=True, is_mentor=False, grade=7,
                                 birth_date=datetime.date(2013, 3, 3))
        result = self.match(pinned=[(young.pk, other.pk)])
        kept = json.loads(json.dumps({"suggestions": result.stored()}))  # as the run's JSON field gives it back
        self.assertEqual(engine.suggestions(kept), result.pairs())
        self.assertEqual([p["mentor"]["name"] for p in result.pairs()], ["Абрамов Иван", "Смирнов Иван"])
        [pair] = engine.suggestions(kept, [other.pk])
        self.assertEqual([m["id"] for m in pair["mentees"]], [young.pk])
        self.assertEqual(sorted(engine.suggested_mentees(kept)), sorted([young.pk, self.pupil_a.pk]))

    def test_a_run_kept_before_columns_shows_its_pairs_as_they_are(self):
        pairs = [{"mentor": {"id": 1, "name": "Смирнов Иван"}, "mentees": [{"id": 2, "name": "Кузнецова Мария",
                                                                             "score": 10, "reasons": [["…", 10]]}]}]
        self.assertEqual(engine.suggestions({"pairs": pairs}), pairs)
        self.assertEqual(engine.suggestions({"pairs": pairs}, [3]), [])
        self.assertEqual(engine.suggested_mentees({"pairs": pairs}), [2])

    def test_a_regions_people_are_read_school_by_school_and_found_by_id(self):
        make_participant(self.school_a, "Белова", is_mentee=True, is_mentor=False, grade=7,
                         birth_date=datetime.date(2013, 3, 3))
        mentees = engine.read_scope(self.region, [self.pupil_pupil], START).mentees
        ids = mentees.ids.tolist()
        self.assertEqual(mentees.organization.tolist(), sorted(mentees.organization.tolist()))
        self.assertNotEqual(ids, sorted(ids))  # school A's newcomer before school B's earlier pupil
        self.assertEqual(mentees.ids[mentees.rows(ids)].tolist(), ids)
        self.assertEqual(mentees.rows([max(ids) + 1]).tolist(), [])

    def test_shared_interests_and_tags_are_named(self):
        people.update_participant(self.pupil_a, actor=None, interests="робототехника, шахматы, рисование")
        people.save_mentor_profile(self.pupil_mentor_a, actor=None, tags="#робототехника, #шахматы")
        [pair] = self.explained()
        points = dict(map(tuple, pair["mentees"][0]["reasons"]))["общие интересы: робототехника, шахматы"]
        self.assertTrue(0 < points < 15)  # two of the three interests: a share of the 15 points

    def test_the_role_model_variant_the_mentee_needs_scores_a_mentor_tagged_for_it(self):
        leader = RoleModelVariant.objects.get(form=self.pupil_pupil, name="лидер – пассивный")
        people.save_mentee_profile(self.pupil_a, actor=None, desired_variant=leader, desired_form=self.pupil_pupil)
        people.save_mentor_profile(self.pupil_mentor_a, actor=None, tags="#лидер", forms=[self.pupil_pupil])
        reasons = self.explained()[0]["mentees"][0]["reasons"]
        self.assertIn(["вариация «лидер – пассивный»: наставник — «лидер»", 15], reasons)
        self.assertIn(["наставляемый выбрал эту форму, наставник к ней готов", 10], reasons)

    def test_a_run_keeps_the_points_and_the_page_words_them_from_the_questionnaire_as_it_is_then(self):
        pairs = self.match().pairs()
        self.assertEqual(pairs[0]["mentees"][0]["points"], {"request": 40, "age": 10, "time": 10})
        people.save_mentor_profile(self.pupil_mentor_a, actor=None, hours_per_month=1)
        reasons = engine.explained(pairs, START)[0]["mentees"][0]["reasons"]
        self.assertIn([scoring.CHANGED, 10], reasons)  # the points the run gave stay; the words say why they no longer hold
        self.assertEqual(sum(points for _, points in reasons), pairs[0]["mentees"][0]["score"])

    def test_the_organizations_weights_apply(self):
        actions.save_weights(self.school_a, actor=None, request=50, interest=0, age=0, time=0, form=50, variant=0)
        [pair] = self.match().pairs()
        self.assertEqual(pair["mentees"][0]["score"], 50)  # the request met; the form was not asked for

    def test_a_municipalitys_weights_apply_to_its_schools_without_their_own(self):
        actions.save_weights(self.municipality_a, actor=None, request=30, interest=10, time=30, variant=10)
        self.assertEqual(engine.weights_for(self.school_a)["time"], 30)
        self.assertEqual(engine.weights_for(self.school_b)["time"], 10)


class HardRuleTests(MatchingTestCase):
    def test_a_curator_matches_within_the_organization_only(self):
        result = self.match()
        names = set(mentees_of(result)) | {m["name"] for m in result.unmatched_mentees}
        self.assertIn("Кузнецова Мария", names)
        self.assertNotIn("Попов Иван", names)

    def test_a_mentor_never_gets_more_mentees_than_the_free_places(self):
        for n in range(4):
            make_participant(self.school_a, f"Младший{n}", grade=5)
        propose_pair(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                     mentees=[make_participant(self.school_a, "Ранний", grade=5)], start_date=START,
                     planned_end_date=END, actor=None)
        result = self.match()
        self.assertEqual(result.matched, 2)  # 3 at most, one place taken by the live pair
        self.assertIn("места у подходящих наставников отданы другим наставляемым",
                      {m["reason"] for m in result.unmatched_mentees})

    def test_the_organizations_lower_limit_counts(self):
        Organization.objects.filter(pk=self.school_a.pk).update(max_mentees_per_mentor=1)
        make_participant(self.school_a, "Младший", grade=5)
        self.assertEqual(self.match().matched, 1)

    def test_unmatched_mentees_are_listed_with_the_reason(self):
        make_participant(self.school_a, "Ровесников", grade=10, birth_date=datetime.date(2010, 6, 6))
        make_participant(self.school_a, "Несогласный", grade=6, consents=False)
        reasons = {m["name"]: m["reason"] for m in self.match().unmatched_mentees}
        self.assertEqual(reasons["Ровесников Иван"], "нет подходящих наставников по правилам формы: наставник должен "
                         "учиться в более старшем классе (на более старшем курсе), чем наставляемый")
        self.assertEqual(reasons["Несогласный Иван"], "нет согласия: согласие на обработку персональных данных; "
                                                      "согласие законного представителя")

    def test_a_mentee_whose_mentors_are_full_is_told_so(self):
        Organization.objects.filter(pk=self.school_a.pk).update(max_mentees_per_mentor=1)
        propose_pair(organization=self.school_a, form=self.pupil_pupil, mentor=self.pupil_mentor_a,
                     mentees=[make_participant(self.school_a, "Ранний", grade=5)], start_date=START,
                     planned_end_date=END, actor=None)
        self.assertEqual(self.match().unmatched_mentees[0]["reason"], "подходящие наставники заняты")

    def test_a_forbidden_pair_is_not_suggested_and_the_mentee_is_told_why(self):
        result = self.match(forbidden=[(self.pupil_a.pk, self.pupil_mentor_a.pk)])
        self.assertEqual(result.pairs(), [])
        self.assertEqual(result.unmatched_mentees[0]["reason"], "куратор исключил всех подходящих наставников")

    def test_a_withdrawn_mentee_does_not_hide_another_mentee(self):
        """A live pair's mentee who withdrew consent leaves the roster; the last mentee by id must not vanish."""
        leaving = make_participant(self.school_a, "Ушедший", grade=5)
        propose_pair(organization=self.school_a, form=self.pupil_pupil, mentor=self.mentor("Занятой"),
                     mentees=[leaving], start_date=START, planned_end_date=END, actor=None)
        people.withdraw_consent(leaving.consents.get(kind=Consent.Kind.PERSONAL_DATA), actor=None,
                                withdrawn_on=datetime.date(2026, 11, 25))
        last = make_participant(self.school_a, "Последний", grade=5, consents=False)
        result = self.match()
        self.assertIn("Кузнецова Мария", mentees_of(result))
        self.assertEqual([m["id"] for m in result.unmatched_mentees], [last.pk])

    def test_a_pinned_pair_is_kept_over_a_better_one(self):
        other = self.mentor("Другой")
        result = self.match(pinned=[(self.pupil_a.pk, other.pk)])
        self.assertEqual(mentees_of(result), {"Кузнецова Мария": "Другой Иван"})

    def test_a_pin_the_rules_no_longer_allow_is_reported(self):
        result = self.match(pinned=[(self.pupil_a.pk, self.pupil_b.pk)])
        self.assertEqual(result.notes, [])  # not in the scope at all: nothing to say
        younger = self.mentor("Младшеклассник", grade=5)
        result = self.match(pinned=[(self.pupil_a.pk, younger.pk)])
        self.assertIn("не проходит правила формы", result.notes[0])

    def test_a_parent_never_mentors_their_own_child(self):
        parent_form = MentorshipForm.objects.create(code="parent_pupil_test", name="родитель – ученик (тест)",
                                                    mentor_categories=["parent"], mentee_categories=["pupil"])
        mother = self.mentor("Кузнецова", category=Category.PARENT, first_name="Анна",
                             birth_date=datetime.date(1985, 1, 1))
        mother.children.add(self.pupil_a)
        reasons = {m["name"]: m["reason"] for m in self.match(forms=[parent_form]).unmatched_mentees}
        self.assertIn("родитель не может быть наставником своего ребёнка", reasons["Кузнецова Мария"])


class StatedPreferenceTests(MatchingTestCase):
    def test_a_like_after_the_group_meeting_wins_the_mentor(self):
        liked = self.mentor("Желанный")
        people.save_mentor_profile(liked, actor=None, source="pupils", competences="олимпиадная математика",
                                   hours_per_month=2)  # 10 points behind: no preferred age
        self.assertEqual(mentees_of(self.match())["Кузнецова Мария"], "Смирнов Иван")
        actions.state_preference(organization=self.school_a, from_participant=self.pupil_a, to_participant=liked,
                                 kind="like", actor=None)
        actions.state_preference(organization=self.school_a, from_participant=liked, to_participant=self.pupil_a,
                                 kind="like", actor=None)
        result = self.match()
        self.assertEqual(mentees_of(result)["Кузнецова Мария"], "Желанный Иван")
        reasons = engine.explained(result.pairs(), START)[0]["mentees"][0]["reasons"]
        self.assertIn(["наставляемый хотел бы работать с этим наставником (после групповой встречи)", 10], reasons)

    def test_a_dislike_lowers_the_score_but_never_leaves_a_mentee_alone(self):
        actions.state_preference(organization=self.school_a, from_participant=self.pupil_mentor_a,
                                 to_participant=self.pupil_a, kind="dislike", actor=None)
        [pair] = self.explained()
        self.assertIn(["наставник не хотел бы работать с этим наставляемым (после групповой встречи)", -50],
                      pair["mentees"][0]["reasons"])

    def test_a_preference_is_between_a_mentor_and_a_mentee(self):
        with self.assertRaisesMessage(ValidationError, "между наставником и наставляемым"):
            actions.state_preference(organization=self.school_a, from_participant=self.pupil_a,
                                     to_participant=make_participant(self.school_a, "Ещё"), kind="like", actor=None)


class ScopeTests(MatchingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.employer_pupil = MentorshipForm.objects.get(code="employer_pupil")
        cls.school_c = Organization.objects.create(code="19-01-002", name="МБОУ «СОШ № 2»", kind="school",
                                                   parent=cls.municipality_a)
        cls.engineer = make_participant(cls.partner, "Инженеров", category=Category.PARTNER_EMPLOYEE, is_mentor=True,
                                        is_mentee=False, professional_experience_years=12,
                                        birth_date=datetime.date(1980, 2, 2))
        cls.pupil_c = make_participant(cls.school_c, "Соколова", first_name="Анна", grade=9,
                                       birth_date=datetime.date(2011, 1, 1))

    def test_a_municipality_gives_a_partners_mentor_to_pupils_of_several_schools(self):
        result = self.match(self.municipality_a, [self.employer_pupil])
        self.assertEqual(set(mentees_of(result)), {"Кузнецова Мария", "Соколова Анна"})
        self.assertNotIn("Попов Иван", {m["name"] for m in result.unmatched_mentees})

    def test_a_partner_without_a_valid_agreement_brings_no_mentors(self):
        Agreement.objects.filter(pk=self.agreement.pk).update(valid_until=datetime.date(2026, 11, 30))
        result = self.match(self.municipality_a, [self.employer_pupil])
        self.assertEqual(result.matched, 0)
        self.assertEqual({m["reason"] for m in result.unmatched_mentees}, {engine.NO_MENTORS})

    def test_a_region_matches_teachers_across_organizations_as_virtual_pairs(self):
        teacher_teacher = MentorshipForm.objects.get(code="teacher_teacher")
        young = make_participant(self.school_b, "Молодая", category=Category.TEACHER, teaching_experience_years=1,
                                 birth_date=datetime.date(2001, 1, 1))
        expert = self.mentor("Опытная", category=Category.TEACHER, teaching_experience_years=25,
                             birth_date=datetime.date(1970, 1, 1))
        self.assertEqual(self.match(self.school_b, [teacher_teacher]).matched, 0)
        result = self.match(self.region, [teacher_teacher])
        self.assertEqual(mentees_of(result), {"Молодая Иван": "Опытная Иван"})
        [pair] = actions.propose_suggestions(result.pairs(), start_date=START, actor=self.operator)
        self.assertEqual((pair.organization, pair.mentor, pair.kind), (self.school_b, expert, MentoringKind.VIRTUAL))
        self.assertEqual([m.mentee for m in pair.mentees.all()], [young])

    def test_all_forms_at_once_give_each_mentee_one_mentor(self):
        result = self.match(self.municipality_a, list(MentorshipForm.objects.all()))
        matched = [m["id"] for p in result.pairs() for m in p["mentees"]]
        self.assertEqual(len(matched), len(set(matched)))
        self.assertEqual(result.matched, 2)  # two pupils of school A and C, two mentors


class AcceptTests(MatchingTestCase):
    def test_accepted_suggestions_become_proposed_pairs_ending_with_the_school_year(self):
        [pair] = actions.propose_suggestions(self.match().pairs(), start_date=START, actor=self.curator_a)
        self.assertEqual((pair.status, pair.mentor, pair.organization, pair.planned_end_date),
                         ("proposed", self.pupil_mentor_a, self.school_a, END))
        self.assertEqual(self.match().matched, 0)  # the mentee now has a live pair of the form

    def test_the_rules_are_rechecked_when_accepting_and_nothing_is_half_written(self):
        second = make_participant(self.school_a, "Второй", grade=5)
        pairs = self.match().pairs()
        self.assertEqual(len(pairs[0]["mentees"]), 2)
        consent = second.consents.get(kind=Consent.Kind.REPRESENTATIVE)
        people.withdraw_consent(consent, actor=None, withdrawn_on=datetime.date(2026, 11, 25))
        with self.assertRaisesMessage(ValidationError, "согласие законного представителя"):
            actions.propose_suggestions(pairs, start_date=START, actor=self.curator_a)
        self.assertFalse(Pair.objects.exists())
