from unittest import TestCase

from utilities.charts import bars, share


class ChartTests(TestCase):
    def test_the_longest_bar_is_the_largest_value_and_the_others_in_proportion(self):
        self.assertEqual([bar["width"] for bar in bars([("a", 4), ("b", 1), ("c", 0)])], [100, 25, 0])

    def test_bars_of_nothing_have_no_width(self):
        self.assertEqual([bar["width"] for bar in bars([("a", 0), ("b", 0)])], [0, 0])

    def test_a_share_is_a_whole_percentage_and_zero_of_nothing(self):
        self.assertEqual((share(1, 3), share(2, 3), share(0, 0)), (33, 67, 0))
