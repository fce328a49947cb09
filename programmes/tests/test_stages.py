"""The seven stages of a programme and the rules of moving through them (programmes.stages, no database)."""

import datetime

from django.test import SimpleTestCase

from programmes import stages as s

ALL_NOT_STARTED = {n: s.NOT_STARTED for n in range(1, 8)}


class StageRuleTests(SimpleTestCase):
    def test_the_seven_stages_follow_the_seeds_order(self):
        self.assertEqual([stage.number for stage in s.STAGES], list(range(1, 8)))
        self.assertEqual(s.BY_NUMBER[5].title, "Формирование наставнических пар (групп)")
        self.assertEqual(s.stage_of("pairs_order"), 5)

    def test_a_stage_starts_once_the_one_before_it_has_started(self):
        self.assertEqual(s.why_not_start(1, ALL_NOT_STARTED), "")
        self.assertIn("Сначала начните этап 1", s.why_not_start(2, ALL_NOT_STARTED))
        self.assertEqual(s.why_not_start(3, {**ALL_NOT_STARTED, 1: s.COMPLETED, 2: s.IN_PROGRESS}), "")

    def test_a_stage_already_under_way_is_not_started_again(self):
        self.assertIn("уже идёт", s.why_not_start(1, {**ALL_NOT_STARTED, 1: s.IN_PROGRESS}))

    def test_a_stage_is_completed_once_the_one_before_it_is_and_its_required_documents_are_there(self):
        states = {**ALL_NOT_STARTED, 1: s.IN_PROGRESS, 2: s.IN_PROGRESS}
        self.assertIn("Сначала завершите этап 1", s.why_not_complete(2, states, {"consents", "mentee_base"}))
        states[1] = s.COMPLETED
        self.assertIn("«База наставляемых с перечнем запросов»", s.why_not_complete(2, states, {"consents"}))
        self.assertEqual(s.why_not_complete(2, states, {"consents", "mentee_base"}), "")

    def test_only_a_stage_under_way_is_completed(self):
        self.assertIn("завершить можно только идущий этап", s.why_not_complete(1, ALL_NOT_STARTED, set()))

    def test_optional_documents_do_not_hold_a_stage_back_but_are_listed_as_missing(self):
        produced = {"model_order", "regulation", "roadmap", "curator_order"}
        self.assertEqual(s.why_not_complete(1, {**ALL_NOT_STARTED, 1: s.IN_PROGRESS}, produced), "")
        self.assertEqual([d.code for d in s.missing_documents(1, produced)], ["partner_agreement", "web_page"])

    def test_missing_documents_list_the_required_ones_first(self):
        missing = s.missing_documents(7, set())
        self.assertEqual([d.required for d in missing], sorted((d.required for d in missing), reverse=True))

    def test_the_school_year_runs_from_september_to_august(self):
        self.assertEqual(s.school_year_of(datetime.date(2027, 3, 15)), 2026)
        self.assertEqual(s.school_year_of(datetime.date(2026, 9, 1)), 2026)
        self.assertEqual(s.school_year_of(datetime.date(2026, 8, 31)), 2025)
        self.assertEqual(s.school_year_bounds(2026), (datetime.date(2026, 9, 1), datetime.date(2027, 8, 31)))
        self.assertEqual(s.school_year_label(2026), "2026/2027")
