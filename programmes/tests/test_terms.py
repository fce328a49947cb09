"""The term of a pair without the database: the school year, the organization's end, a pupil's leaving."""

import datetime
import unittest

from programmes.terms import Person, expected_leaving, latest_end, school_year, term_problem

DECEMBER = datetime.date(2026, 12, 9)


class PairTermTests(unittest.TestCase):
    def test_a_pair_never_runs_past_the_school_year(self):
        limit = latest_end(DECEMBER, [Person("Петров Пётр", "pupil", 6)])
        self.assertEqual((limit.end, limit.why), (datetime.date(2027, 5, 31), "конец учебного года 2026/2027"))
        self.assertIn("не позже 31.05.2027", term_problem(DECEMBER, datetime.date(2027, 12, 9), limit))

    def test_a_pair_starting_in_the_summer_belongs_to_the_year_ahead(self):
        self.assertEqual(school_year(datetime.date(2027, 6, 15)), 2027)
        self.assertEqual(latest_end(datetime.date(2027, 6, 15)).end, datetime.date(2028, 5, 31))

    def test_the_organizations_end_of_the_programme_is_the_end(self):
        self.assertEqual(latest_end(DECEMBER, year_end=datetime.date(2027, 6, 20)).end, datetime.date(2027, 6, 20))

    def test_a_pair_never_runs_past_a_pupils_leaving(self):
        senior = Person("Смирнов Иван", "pupil", 11)
        limit = latest_end(DECEMBER, [senior], year_end=datetime.date(2027, 6, 30))
        self.assertEqual((limit.end, limit.why), (datetime.date(2027, 5, 31), "выпуск «Смирнов Иван» (11 класс)"))

    def test_a_pupil_leaves_after_the_eleventh_class_and_a_student_after_the_fourth_course(self):
        self.assertEqual(expected_leaving("pupil", 9, DECEMBER), datetime.date(2029, 5, 31))
        self.assertEqual(expected_leaving("student", 3, DECEMBER), datetime.date(2028, 5, 31))
        self.assertIsNone(expected_leaving("teacher", None, DECEMBER))
        self.assertIsNone(expected_leaving("pupil", None, DECEMBER))

    def test_an_extension_is_limited_by_the_leaving_only(self):
        self.assertIsNone(latest_end(DECEMBER, [Person("Учитель", "teacher", None)], within_school_year=False))
        limit = latest_end(DECEMBER, [Person("Студент", "student", 4)], within_school_year=False)
        self.assertEqual(limit.end, datetime.date(2027, 5, 31))

    def test_a_pair_starting_on_the_last_day_of_the_year_is_told_so(self):
        start = datetime.date(2027, 5, 31)
        self.assertEqual(term_problem(start, datetime.date(2027, 6, 30), latest_end(start)),
                         "Пара не успеет начаться: конец учебного года 2026/2027 — 31.05.2027.")
