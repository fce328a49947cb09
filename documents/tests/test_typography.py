import datetime

from django.test import SimpleTestCase

from documents import typography


class TypographyTests(SimpleTestCase):
    def test_a_short_date_is_written_with_two_digit_day_and_month(self):
        self.assertEqual(typography.date_short(datetime.date(2026, 9, 1)), "01.09.2026")

    def test_a_long_date_names_the_month_in_the_genitive_with_the_year_mark(self):
        self.assertEqual(typography.date_long(datetime.date(2026, 9, 1)), "1 сентября 2026\u00a0г.")

    def test_no_date_is_an_empty_string(self):
        self.assertEqual(typography.date_short(None), "")
        self.assertEqual(typography.date_long(None), "")

    def test_a_term_runs_from_one_date_to_another(self):
        term = typography.term(datetime.date(2026, 9, 1), datetime.date(2027, 5, 31))
        self.assertEqual(term, "с 01.09.2026 по 31.05.2027")

    def test_straight_quotes_become_yolochki_and_inner_quotes_lapki(self):
        self.assertEqual(typography.quotes('МБОУ "СОШ № 1"'), "МБОУ «СОШ № 1»")
        self.assertEqual(typography.quotes('приказ "О "Школе" наставников"'), "приказ «О „Школе“ наставников»")

    def test_yolochki_already_typed_stay(self):
        self.assertEqual(typography.quotes("МБОУ «СОШ № 1»"), "МБОУ «СОШ № 1»")

    def test_a_signature_puts_initials_before_the_surname(self):
        self.assertEqual(typography.initials("Шуплецова", "Мария", "Григорьевна"), "М.Г.\u00a0Шуплецова")
        self.assertEqual(typography.initials("Шуплецова"), "Шуплецова")

    def test_an_order_number_drops_the_number_sign_and_outer_spaces(self):
        self.assertEqual(typography.order_number(" №  12-о "), "12-о")
