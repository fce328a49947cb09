"""Scores and their Russian reasons, without the database (matching.scoring)."""

from unittest import mock

import numpy as np
from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import scoring
from matching.scoring import Answers, Preferences, Questionnaire, total

VARIANTS = ["успевающий – неуспевающий", "лидер – пассивный", "равный – равному"]


def mentee(**values) -> Questionnaire:
    return Questionnaire(**{"requests": ("подготовка к олимпиаде",), "interests": "робототехника, шахматы, театр",
                            "age": 14, **values})


def mentor(**values) -> Questionnaire:
    return Questionnaire(**{"competences": "олимпиадная математика", "useful_for": "научу программировать",
                            "interests": "шахматы", "tags": "#робототехника, #лидер", "age_min": 11, "age_max": 15,
                            "hours": 4, **values})


def _sides(a: Questionnaire, b: Questionnaire, agreed: bool, variants=VARIANTS, lexicon=None):
    """One mentee row 0 (id 1) and one mentor row 0 (id 2), as matching lays out millions of them."""
    mentees, mentors = Answers.of([a]), Answers.of([b])
    sides = scoring.sides([1], mentees, [2], mentors, lexicon)
    return scoring.for_form(*sides, mentees, mentors, list(variants), np.array([agreed]), np.array([agreed]))


def vectorised(a: Questionnaire, b: Questionnaire, *, agreed=False, likes=(), weights=scoring.DEFAULT_WEIGHTS) -> int:
    """The score as matching computes it for millions of pairs."""
    return int(scoring.score(*_sides(a, b, agreed), np.array([0]), np.array([0]), weights, Preferences.build(likes))[0])


def explain(a: Questionnaire, b: Questionnaire, *, lexicon=None, form_agreed=False, variants=(), likes=(False, False),
            dislikes=(False, False)) -> list[scoring.Reason]:
    """The pair's points as matching keeps them with a suggestion, in the words the page shows;
    `likes`/`dislikes`: (the mentee about the mentor, the mentor about the mentee)."""
    stated = [(who, 3 - who, kind) for kind, sides in ((1, likes), (0, dislikes))
              for who, said in zip((1, 2), sides, strict=True) if said]
    made = scoring.points(*_sides(a, b, form_agreed, variants, lexicon), np.array([0]), np.array([0]),
                          preferences=Preferences.build(stated))
    return scoring.describe(a, b, {criterion: int(value[0]) for criterion, value in made.items()})


class ScaleTests(SimpleTestCase):
    def test_the_default_points_of_the_six_criteria_add_up_to_100(self):
        self.assertEqual(sum(scoring.DEFAULT_WEIGHTS[key] for key in scoring.CRITERIA), 100)

    def test_a_mentor_who_meets_everything_scores_100_and_never_more(self):
        a = mentee(requests=("олимпиада по математике",), interests="шахматы", variant="лидер – пассивный")
        likes = [(1, 2, True), (2, 1, True)]
        self.assertEqual(vectorised(a, mentor(), agreed=True), 100)
        self.assertEqual(vectorised(a, mentor(), agreed=True, likes=likes), 100)

    def test_a_pair_both_sides_dislike_scores_no_less_than_0(self):
        a = mentee(requests=("театр",), interests="", age=-1)
        self.assertEqual(vectorised(a, mentor(hours=0), likes=[(1, 2, False), (2, 1, False)]), 0)


class SubjectTests(SimpleTestCase):
    def test_a_mentee_asking_for_chemistry_gets_the_chemist_not_the_physicist(self):
        a = mentee(requests=("подготовка к олимпиаде по химии",), interests="")
        chemist = mentor(competences="химия", useful_for="помогу подготовиться к олимпиаде по химии")
        physicist = mentor(competences="физика", useful_for="помогу подготовиться к олимпиаде по физике")
        self.assertGreater(vectorised(a, chemist), vectorised(a, physicist))
        self.assertFalse(any(r.text.startswith("запрос") for r in explain(a, physicist)))

    def test_generic_words_never_outweigh_the_subject(self):
        a = mentee(requests=("методика преподавания физики",), interests="")
        same_words = mentor(competences="методика преподавания химии", useful_for="преподавание химии")
        subject = mentor(competences="физика", useful_for="")
        self.assertGreater(vectorised(a, subject), vectorised(a, same_words))

    def test_a_rare_subject_weighs_more_than_a_common_one(self):
        lexicon = scoring.Lexicon.of(
            Answers.of([mentee(requests=("математика, хакасский язык",))] + [mentee(requests=("математика",))] * 6),
            Answers.of([mentor(competences="математика")] * 6 + [mentor(competences="хакасский язык")]))
        a = mentee(requests=("математика, хакасский язык",))
        rare = explain(a, mentor(competences="хакасский язык", useful_for=""), lexicon=lexicon)[0].points
        common = explain(a, mentor(competences="математика", useful_for=""), lexicon=lexicon)[0].points
        self.assertGreater(rare, common)


class ReasonTests(SimpleTestCase):
    def test_a_request_is_linked_to_the_competence_that_meets_it(self):
        reasons = explain(mentee(), mentor())
        self.assertEqual(reasons[0].text, "запрос «подготовка к олимпиаде» ↔ компетенция «олимпиадная математика»")
        self.assertEqual(reasons[0].points, 20)  # «олимпиада» met, «подготовка» not: half of 40

    def test_a_request_met_by_what_the_mentor_can_be_useful_for_says_so(self):
        reasons = explain(mentee(requests=("хочу научиться программировать",)), mentor())
        self.assertEqual(reasons[0].text, "запрос «хочу научиться программировать» ↔ «чем могу быть полезен»: "
                                          "«научу программировать»")

    def test_shared_interests_and_tags_are_named(self):
        reasons = {r.text: r.points for r in explain(mentee(), mentor())}
        # «театр» only the mentee names weighs 2, the two shared ones 1 each: 15 · 2 // 4
        self.assertEqual(reasons["общие интересы: робототехника, шахматы"], 7)

    def test_the_age_the_time_the_form_and_the_variant(self):
        texts = [r.text for r in explain(mentee(variant="лидер – пассивный"), mentor(), form_agreed=True,
                                         variants=tuple(VARIANTS))]
        self.assertIn("возраст 14 — в предпочтениях наставника (11–15 лет)", texts)
        self.assertIn("у наставника есть время на встречи раз в две недели: 4 ч в месяц", texts)
        self.assertIn("наставляемый выбрал эту форму, наставник к ней готов", texts)
        self.assertIn("вариация «лидер – пассивный»: наставник — «лидер»", texts)

    def test_a_variant_of_another_form_or_an_unfit_mentor_scores_nothing(self):
        self.assertFalse(any("вариация" in r.text for r in explain(mentee(variant="лидер – пассивный"), mentor())))
        other = mentee(variant="успевающий – неуспевающий")
        self.assertFalse(any("вариация" in r.text for r in explain(other, mentor(), variants=tuple(VARIANTS))))

    def test_an_age_outside_the_preference_or_too_little_time_scores_nothing(self):
        texts = " ".join(r.text for r in explain(mentee(age=17), mentor(hours=1)))
        self.assertNotIn("возраст", texts)
        self.assertNotIn("время", texts)

    def test_preferences_after_the_group_meeting_add_and_subtract(self):
        reasons = explain(mentee(), mentor(), likes=(True, False), dislikes=(False, True))
        self.assertIn(scoring.Reason("наставляемый хотел бы работать с этим наставником (после групповой встречи)", 10),
                      reasons)
        self.assertIn(scoring.Reason("наставник не хотел бы работать с этим наставляемым (после групповой встречи)",
                                     -50), reasons)


texts = st.lists(st.sampled_from(["шахматы", "робототехника", "олимпиадная математика", "подготовка к олимпиаде",
                                  "театр", "химия", "английский язык", "#лидер", "программирование", "футбол"]),
                 max_size=4).map(", ".join)


class ScoreEqualsReasonsTests(SimpleTestCase):
    """Every point of a score is a reason the page can put into words."""

    @settings(max_examples=200, deadline=None)
    @given(requests=st.lists(texts, max_size=2), interests=texts, own=texts, competences=texts, useful=texts, tags=texts,
           age=st.integers(-1, 19), low=st.integers(-1, 16), high=st.integers(-1, 19), hours=st.integers(-1, 6),
           agreed=st.booleans(), variant=st.sampled_from(["", *VARIANTS]),
           likes=st.lists(st.tuples(st.sampled_from([1, 2]), st.booleans()), max_size=2, unique_by=lambda x: x[0]))
    def test_the_reasons_add_up_to_the_vectorised_score(self, requests, interests, own, competences, useful, tags, age,
                                                         low, high, hours, agreed, variant, likes):
        a = Questionnaire(requests=tuple(requests), interests=interests, age=age, variant=variant)
        b = Questionnaire(interests=own, competences=competences, useful_for=useful, tags=tags,
                          age_min=low, age_max=high, hours=hours)
        rows = [(who, 3 - who, like) for who, like in likes]  # ids: mentee 1, mentor 2
        stated = {who: like for who, like in likes}
        reasons = explain(a, b, form_agreed=agreed, variants=tuple(VARIANTS),
                          likes=(stated.get(1) is True, stated.get(2) is True),
                          dislikes=(stated.get(1) is False, stated.get(2) is False))
        self.assertEqual(total(reasons), vectorised(a, b, agreed=agreed, likes=rows))
        self.assertNotIn(scoring.CHANGED, [r.text for r in reasons])

    def test_reasons_the_questionnaires_no_longer_bear_out_keep_their_points_and_say_so(self):
        made = {"request": 20, "age": 10, "time": 10}
        reasons = scoring.describe(mentee(), mentor(competences="театр", useful_for="", hours=0), made)
        self.assertEqual([(scoring.CHANGED, 20), ("возраст 14 — в предпочтениях наставника (11–15 лет)", 10),
                          (scoring.CHANGED, 10)], [(r.text, r.points) for r in reasons])

    def test_an_organizations_weights_change_the_points(self):
        weights = {**scoring.DEFAULT_WEIGHTS, "request": 80, "interest": 0, "age": 0, "time": 0}
        self.assertEqual(vectorised(mentee(), mentor(), weights=weights), 40)


class RequestTableTests(SimpleTestCase):
    """A region's request points come from a table of kinds of requests × kinds of offers: the same numbers as each
    pair's own overlap."""

    @settings(max_examples=50, deadline=None)
    @given(requests=st.lists(st.lists(texts, max_size=2), min_size=1, max_size=6),
           offers=st.lists(st.tuples(texts, texts), min_size=1, max_size=6))
    def test_the_table_gives_each_pair_its_own_overlap(self, requests, offers):
        mentees = Answers.of([mentee(requests=tuple(r)) for r in requests] * 3)
        mentors = Answers.of([mentor(competences=c, useful_for=u) for c, u in offers] * 3)
        sides = scoring.sides(np.arange(len(mentees)), mentees, np.arange(len(mentors)) + 100, mentors)
        i, j = np.repeat(np.arange(len(mentees)), len(mentors)), np.tile(np.arange(len(mentors)), len(mentees))
        by_table = scoring.points(*sides, i, j)["request"]
        with mock.patch.object(scoring, "TABLE", 0):
            by_pair = scoring.points(*sides, i, j)["request"]
        self.assertEqual(by_table.tolist(), by_pair.tolist())


class CriteriaTableTests(SimpleTestCase):
    """Age, time, form and variant points come from a table of kinds of people × kinds of people, and the score sums
    the table before looking it up: the same numbers as each pair's own, and the score the sum of the points."""

    @settings(max_examples=50, deadline=None)
    @given(mentees=st.lists(st.tuples(st.integers(-1, 19), st.booleans(), st.sampled_from(["", *VARIANTS])),
                            min_size=1, max_size=6),
           mentors=st.lists(st.tuples(st.integers(-1, 12), st.integers(-1, 19), st.integers(-1, 6), st.booleans(),
                                      st.sampled_from(["#лидер", "#успевающий", "", "#равный, #лидер"])),
                            min_size=1, max_size=6))
    def test_the_table_gives_each_pair_its_own_points(self, mentees, mentors):
        answers = Answers.of([mentee(age=age, variant=variant) for age, _, variant in mentees] * 3)
        offers = Answers.of([mentor(age_min=low, age_max=high, hours=hours, tags=tags)
                             for low, high, hours, _, tags in mentors] * 3)
        sides = scoring.sides(np.arange(len(answers)), answers, np.arange(len(offers)) + 100, offers)
        sides = scoring.for_form(*sides, answers, offers, VARIANTS, np.array([w for _, w, _ in mentees] * 3),
                                 np.array([r for *_, r, _ in mentors] * 3))
        i, j = np.repeat(np.arange(len(answers)), len(offers)), np.tile(np.arange(len(offers)), len(answers))
        by_table, score = scoring.points(*sides, i, j), scoring.score(*sides, i, j)
        with mock.patch.object(scoring, "TABLE", 0):
            by_pair = scoring.points(*sides, i, j)
        self.assertEqual({c: v.tolist() for c, v in by_table.items()}, {c: v.tolist() for c, v in by_pair.items()})
        self.assertEqual(score.tolist(), np.clip(sum(by_pair.values()), 0, scoring.SCALE).tolist())


class KindsTests(SimpleTestCase):
    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.lists(st.integers(-60, 100), min_size=3, max_size=3), max_size=30), st.booleans())
    def test_rows_alike_are_one_kind_numbered_in_order_with_their_first_row(self, values, wide):
        rows = np.array(values, dtype=np.int64).reshape(-1, 3)
        if wide:  # masks of 64-bit words: too wide for one number, sorted by lexsort
            rows = rows.astype(np.uint64) << np.uint64(56)
        kind, first = scoring.kinds(rows)
        distinct = sorted({tuple(r) for r in rows.tolist()})
        self.assertEqual(kind.tolist(), [distinct.index(tuple(r)) for r in rows.tolist()])
        self.assertEqual(first.tolist(), [next(k for k, r in enumerate(rows.tolist()) if tuple(r) == d)
                                          for d in distinct])
