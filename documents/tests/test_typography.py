"""Russian typography of the documents (documents.typography, no Django)."""

import datetime
from unittest import TestCase

from documents import typography as t


class DateTests(TestCase):
    def test_a_short_date_is_day_month_year_with_leading_zeros(self):
        self.assertEqual(t.date_short(datetime.date(2026, 9, 1)), "01.09.2026")
        self.assertEqual(t.date_short(None), "")

    def test_a_long_date_names_the_month_in_the_genitive(self):
        self.assertEqual(t.date_long(datetime.date(2026, 9, 1)), "1 сентября 2026\u00a0г.")
        months = [t.date_long(datetime.date(2026, month, 15)).split()[1] for month in range(1, 13)]
        self.assertEqual(months, ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                                  "сентября", "октября", "ноября", "декабря"])

    def test_a_term_reads_from_and_to(self):
        self.assertEqual(t.term(datetime.date(2026, 9, 1), datetime.date(2027, 5, 31)), "с 01.09.2026 по 31.05.2027")


class QuoteTests(TestCase):
    def test_straight_quotes_become_yolochki(self):
        self.assertEqual(t.quotes('МБОУ "СОШ № 1"'), "МБОУ «СОШ № 1»")

    def test_a_quote_inside_a_quote_becomes_lapki(self):
        self.assertEqual(t.quotes('приказ "Об утверждении "Положения" о наставничестве"'),
                         "приказ «Об утверждении „Положения“ о наставничестве»")
        self.assertEqual(t.quotes('МБОУ "Лицей "Эрудит""'), "МБОУ «Лицей „Эрудит“»")

    def test_english_quotes_and_yolochki_already_typed_are_kept_consistent(self):
        self.assertEqual(t.quotes("«СОШ “Гармония”»"), "«СОШ „Гармония“»")
        self.assertEqual(t.quotes("(“Успех каждого ребенка”)"), "(«Успех каждого ребенка»)")

    def test_a_lone_closing_quote_and_text_without_quotes_are_left_as_typed(self):
        self.assertEqual(t.quotes('монитор 27"'), 'монитор 27"')
        self.assertEqual(t.quotes("01.09.2026 № 5"), "01.09.2026 № 5")


class NameTests(TestCase):
    def test_a_signature_puts_initials_before_the_surname(self):
        self.assertEqual(t.initials("Шуплецова", "Марина", "Григорьевна"), "М.Г.\u00a0Шуплецова")
        self.assertEqual(t.initials("Иванов", "иван"), "И.\u00a0Иванов")
        self.assertEqual(t.initials("Иванов"), "Иванов")

    def test_an_order_number_loses_the_sign_and_outer_spaces(self):
        self.assertEqual(t.order_number(" № 12-о "), "12-о")
        self.assertEqual(t.order_number("№12  /  ОД"), "12 / ОД")
