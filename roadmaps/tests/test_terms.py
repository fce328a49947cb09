"""Every term wording of the seeds' roadmaps and the variants people write, read into due dates: a table.
No database: the reader is plain Python."""

import datetime
import time
import unittest

from roadmaps.catalogue import TEMPLATES
from roadmaps.terms import KINDS, add_months, read_term

# The regional roadmap of seed 002 runs from its order of 03.04.2020 to the end of 2024.
START, END = datetime.date(2020, 4, 3), datetime.date(2024, 12, 31)

# (term as written, kind, due dates within START–END)
TERMS = [
    ('до 10.09.2020', 'date', '10.09.2020'),
    ('в срок до 31 марта 2022 года', 'date', '31.03.2022'),
    ('сентябрь 2021', 'date', '30.09.2021'),
    ('сентябрь – октябрь 2020 г.', 'date', '31.10.2020'),
    ('I квартал 2022 г.', 'date', '31.03.2022'),
    ('в течение 2020/2021 учебного года', 'date', '31.05.2021'),
    ('2020–2024 гг.', 'dates', '31.12.2020 31.12.2021 31.12.2022 31.12.2023 31.12.2024'),
    ('ежегодно', 'recurring', '31.12.2020 31.12.2021 31.12.2022 31.12.2023 31.12.2024'),
    ('декабрь ежегодно', 'recurring', '31.12.2020 31.12.2021 31.12.2022 31.12.2023 31.12.2024'),
    ('ежегодно до 25 декабря', 'recurring', '25.12.2020 25.12.2021 25.12.2022 25.12.2023 25.12.2024'),
    ('ежеквартально', 'recurring', '30.06.2020 30.09.2020 31.12.2020 31.03.2021 30.06.2021 30.09.2021 31.12.2021 31.03.2022 30.06.2022 30.09.2022 31.12.2022 31.03.2023 30.06.2023 30.09.2023 31.12.2023 31.03.2024 30.06.2024 30.09.2024 31.12.2024'),
    ('1 раз в полугодие', 'recurring', '30.06.2020 31.12.2020 30.06.2021 31.12.2021 30.06.2022 31.12.2022 30.06.2023 31.12.2023 30.06.2024 31.12.2024'),
    ('постоянно', 'continuous', '31.12.2024'),
    ('в течение всего периода', 'continuous', '31.12.2024'),
    ('по мере необходимости', 'on_demand', ''),
    ('в течение 3 месяцев после издания приказа', 'relative', '03.07.2020'),
    ('Август - сентябрь 2020', 'date', '30.09.2020'),
    ('В соответствии со сроками реализации программ наставничества', 'unread', ''),
    ('В течение всего периода реализации ЦМН', 'continuous', '31.12.2024'),
    ('Декабрь 2020, Декабрь 2021, Декабрь 2022, Декабрь 2023, Декабрь 2024', 'dates', '31.12.2020 31.12.2021 31.12.2022 31.12.2023 31.12.2024'),
    ('Согласно графику ОО', 'unread', ''),
    ('26 ноября', 'date', '26.11.2020'),
    ('Декабрь 2021 года, далее ежегодно', 'recurring', '31.12.2021 31.12.2022 31.12.2023 31.12.2024'),
    ('КТ - четыре месяца после издания приказа (приказ от', 'relative', '03.08.2020'),
    ('КТ - четыре месяца после издания приказа (приказ от 03.04.2020 № 100-302)', 'relative', '03.08.2020'),
    ('КТ – 15 декабря', 'date', '15.12.2020'),
    ('Контрольная точка (далее – КТ) – два с половиной месяца после издания приказа', 'relative', '18.06.2020'),
    ('апрель 2022 года, далее ежегодно', 'recurring', '30.04.2022 30.04.2023 30.04.2024'),
    ('в течение месяца после издания приказа об утверждении реестра наставников (п. 4.1)', 'relative', '03.05.2020'),
    ('в течение первого – второго месяца после издания приказа (приказ от 03.04.2020 № 100-302)', 'relative', '03.06.2020'),
    ('в течение третьего и четвертого месяца, далее –', 'relative', '03.08.2020'),
    ('декабрь', 'date', '31.12.2020'),
    ('до 20 января', 'date', '20.01.2021'),
    ('от месяца после издания приказа (п. 4.1) до декабря (срок завершения программы)', 'relative', '03.05.2020 31.12.2020'),
    ('по итогам реализации программы', 'date', '31.12.2024'),
    ('январь-март', 'date', '31.03.2021'),
    ('Август-сентябрь Ежегодно Корректировка по запросам Постоянно', 'recurring', '30.09.2020 30.09.2021 30.09.2022 30.09.2023 30.09.2024'),
    ('До 01.10.2022 года постоянно', 'date', '01.10.2022'),
    ('Ежегодно По мере обновления', 'recurring', '31.12.2020 31.12.2021 31.12.2022 31.12.2023 31.12.2024'),
    ('Июнь Ежегодно', 'recurring', '30.06.2020 30.06.2021 30.06.2022 30.06.2023 30.06.2024'),
    ('По завершению программы. Ежегодно', 'recurring', '31.12.2020 31.12.2021 31.12.2022 31.12.2023 31.12.2024'),
    ('Постоянно, ежегодная актуализация', 'recurring', '31.12.2020 31.12.2021 31.12.2022 31.12.2023 31.12.2024'),
    ('В течении года 2022', 'date', '31.12.2022'),
    ('До 1 апреля 2022', 'date', '01.04.2022'),
    ('Октябрь-Ноябрь 2022', 'date', '30.11.2022'),
    ('не реже раз в квартал', 'recurring', '30.06.2020 30.09.2020 31.12.2020 31.03.2021 30.06.2021 30.09.2021 31.12.2021 31.03.2022 30.06.2022 30.09.2022 31.12.2022 31.03.2023 30.06.2023 30.09.2023 31.12.2023 31.03.2024 30.06.2024 30.09.2024 31.12.2024'),
    ('31.02.2022', 'unread', ''),
    ('2 полугодие 2021', 'date', '31.12.2021'),
    ('до', 'unread', ''),
    ('2019', 'date', '31.12.2019'),
    ('ДО 10.09.2020 Г.', 'date', '10.09.2020'),
    ('до10.09.2020', 'date', '10.09.2020'),
    ('до 10.09.20', 'date', '10.09.2020'),
    ('Сентябрь—октябрь 2020 г.', 'date', '31.10.2020'),
    ('сент. 2021', 'date', '30.09.2021'),
    ('I кв. 2022 г.', 'date', '31.03.2022'),
    ('IV квартал 2022', 'date', '31.12.2022'),
    ('в течение 2020-2021 уч. года', 'date', '31.05.2021'),
    ('2020 - 2024 годы', 'dates', '31.12.2020 31.12.2021 31.12.2022 31.12.2023 31.12.2024'),
    ('2020−2024 гг', 'dates', '31.12.2020 31.12.2021 31.12.2022 31.12.2023 31.12.2024'),
    ('Ежегодно, до 25 декабря', 'recurring', '25.12.2020 25.12.2021 25.12.2022 25.12.2023 25.12.2024'),
    ('в течение 6 месяцев после издания приказа', 'relative', '03.10.2020'),
    ('в  течение   всего  периода', 'continuous', '31.12.2024'),
    ('по мере  необходимости', 'on_demand', ''),
    ('при необходимости', 'on_demand', ''),
    ('До 13.10.2020', 'date', '13.10.2020'),
    ('Октябрь – ноябрь 2020', 'date', '30.11.2020'),
    ('Октябрь-ноябрь 2020', 'date', '30.11.2020'),
    ('Сентябрь – ноябрь 2020', 'date', '30.11.2020'),
    ('В течение всего срока реализации ЦМН', 'continuous', '31.12.2024'),
    ('В течение всего периода внедрения', 'continuous', '31.12.2024'),
    ('в течение пятого месяца', 'relative', '03.09.2020'),
    ('в течение шестого месяца', 'relative', '03.10.2020'),
    ('в течение первого-второго месяца', 'relative', '03.06.2020'),
    ('в течение третьего и четвертого', 'unread', ''),
    ('До 20.05.2022 года', 'date', '20.05.2022'),
    ('Апрель 2022', 'date', '30.04.2022'),
    ('Март 2022', 'date', '31.03.2022'),
    ('Декабрь 2022', 'date', '31.12.2022'),
    # the other terms of the seeds' roadmaps
    ('до 10 сентября 2020', 'date', '10.09.2020'),
    ('в течение всего периода реализации ЦМН', 'continuous', '31.12.2024'),
    ('по отдельному графику', 'unread', ''),
    ('в соответствии со сроками реализации программ наставничества', 'unread', ''),
    ('в соответствии со сроками реализации программ наставничества или май 2021 г.', 'date', '31.05.2021'),
    ('в течение всего периода внедрения ЦМН', 'continuous', '31.12.2024'),
    ('в соответствии со сроками, устанавливаемыми Минпросвещения России', 'unread', ''),
    ('В течение всего периода внедрения ЦМН', 'continuous', '31.12.2024'),
    ('Сентябрь 2020', 'date', '30.09.2020'),
    ('Октябрь 2020', 'date', '31.10.2020'),
    ('Сентябрь – октябрь 2020', 'date', '31.10.2020'),
    ('Ноябрь 2020', 'date', '30.11.2020'),
    ('Декабрь 2020', 'date', '31.12.2020'),
    ('в течение первого – второго месяца', 'relative', '03.06.2020'),
    ('КТ – два с половиной месяца после издания приказа', 'relative', '18.06.2020'),
    ('в течение третьего и четвертого месяца после издания приказа', 'relative', '03.08.2020'),
    ('в течение третьего и четвертого месяца', 'relative', '03.08.2020'),
    ('в течение четвертого и пятого месяца после издания приказа', 'relative', '03.09.2020'),
    ('в течение четвертого и пятого месяца', 'relative', '03.09.2020'),
    ('КТ – пять месяцев после издания приказа (приказ от 03.04.2020 № 100-302)', 'relative', '03.09.2020'),
    ('в течение месяца после издания приказа (п. 4.1)', 'relative', '03.05.2020'),
    ('КТ – шесть месяцев после издания приказа (приказ от 03.04.2020 № 100-302)', 'relative', '03.10.2020'),
    ('Постоянно', 'continuous', '31.12.2024'),
    ('До 13.05.2022 года', 'date', '13.05.2022'),
    ('Ежегодно', 'recurring', '31.12.2020 31.12.2021 31.12.2022 31.12.2023 31.12.2024'),
    ('В течение всего периода', 'continuous', '31.12.2024'),
    ('Сентябрь 2022', 'date', '30.09.2022'),
    ('Март 2022 Сентябрь 2022 Сентябрь 2022', 'dates', '31.03.2022 30.09.2022'),
]

# A school's roadmap for one school year: a month without a year falls in it, «ежегодно» ends with it.
SCHOOL_YEAR = datetime.date(2020, 9, 1), datetime.date(2021, 5, 31)
SCHOOL_TERMS = [
    ("январь-март", "date", "31.03.2021"),
    ("декабрь", "date", "31.12.2020"),
    ("ежегодно", "recurring", "31.12.2020 31.05.2021"),
    ("май ежегодно", "recurring", "31.05.2021"),
    ("1 раз в полугодие", "recurring", "31.12.2020"),
    ("постоянно", "continuous", "31.05.2021"),
    ("июль", "unread", ""),  # no July in the school year: the user sets the date
]


def _dates(text: str) -> tuple[datetime.date, ...]:
    return tuple(datetime.datetime.strptime(day, "%d.%m.%Y").date() for day in text.split())


class TermTableTests(unittest.TestCase):
    def test_every_wording_of_the_seeds_and_its_variants_reads_into_due_dates(self):
        for text, kind, due in TERMS:
            with self.subTest(text):
                term = read_term(text, START, END)
                self.assertEqual((term.kind, term.due), (kind, _dates(due)))

    def test_the_table_holds_every_term_of_the_seeds_roadmaps(self):
        table = {text for text, _, _ in TERMS} | {"", "в течение третьего и четвертого месяца после издания приказа, "
                                                      "далее – ежемесячно"}
        for template in TEMPLATES.values():
            for row in template.rows:
                if not row.section:
                    self.assertIn(row.term, table, template.code)

    def test_a_month_without_a_year_falls_within_the_school_year(self):
        for text, kind, due in SCHOOL_TERMS:
            with self.subTest(text):
                term = read_term(text, *SCHOOL_YEAR)
                self.assertEqual((term.kind, term.due), (kind, _dates(due)))

    def test_every_kind_of_the_table_is_a_known_kind(self):
        self.assertEqual({kind for _, kind, _ in TERMS}, set(KINDS))


class AttentionTests(unittest.TestCase):
    def test_what_cannot_be_read_is_kept_as_written_and_marked(self):
        for text in ("Согласно графику ОО", "В соответствии со сроками реализации программ наставничества",
                     "до ", "31.02.2022", "в течение третьего и четвертого"):
            with self.subTest(text):
                term = read_term(text, START, END)
                self.assertEqual((term.kind, term.due, term.text, term.attention), ("unread", (), text, True))

    def test_a_date_outside_the_period_is_kept_and_marked(self):
        term = read_term("2019", START, END)
        self.assertEqual((term.due, term.attention), ((datetime.date(2019, 12, 31),), True))
        self.assertFalse(read_term("до 10.09.2020", START, END).attention)

    def test_a_control_point_is_known_by_its_letters(self):
        self.assertTrue(read_term("КТ – 15 декабря", START, END).control_point)
        self.assertTrue(read_term("Контрольная точка (далее – КТ) – два с половиной месяца после издания приказа",
                                  START, END).control_point)
        self.assertFalse(read_term("декабрь", START, END).control_point)

    def test_months_after_the_order_count_from_the_order_written_in_the_term(self):
        written = read_term("в течение 2 месяцев после издания приказа (приказ от 15.05.2020 № 7)", START, END)
        self.assertEqual(written.due, (datetime.date(2020, 7, 15),))
        self.assertEqual(read_term("в течение 2 месяцев после издания приказа", START, END).due,
                         (datetime.date(2020, 6, 3),))

    def test_monthly_after_a_relative_start_gives_every_month_end(self):
        term = read_term("в течение третьего и четвертого месяца после издания приказа, далее – ежемесячно",
                         START, END)
        self.assertEqual(term.kind, "recurring")
        self.assertEqual(term.due[:3], _dates("03.08.2020 31.08.2020 30.09.2020"))
        self.assertEqual(term.due[-1], END)

    def test_a_hostile_term_is_read_at_once(self):
        for text in ("1" * 400 + " x", "1 и " * 120 + "x", "декабрь " * 60, "<" * 500, "2020-" * 100):
            with self.subTest(text[:20]):
                started = time.perf_counter()
                read_term(text, START, END)
                self.assertLess(time.perf_counter() - started, 0.5)
        self.assertEqual(read_term("до 10.09.2020" + " " * 500, START, END).kind, "unread")

    def test_half_a_month_is_fifteen_days(self):
        self.assertEqual(add_months(datetime.date(2020, 4, 3), 2.5), datetime.date(2020, 6, 18))
        self.assertEqual(add_months(datetime.date(2020, 1, 31), 1), datetime.date(2020, 2, 29))
