import gc
from unittest import TestCase

from utilities.memory import cycles_collected_after


class CycleCollectorPauseTests(TestCase):
    def test_the_collector_is_paused_inside_and_runs_again_after_even_when_the_work_fails(self):
        with self.assertRaises(ZeroDivisionError), cycles_collected_after():
            self.assertFalse(gc.isenabled())
            1 / 0
        self.assertTrue(gc.isenabled())

    def test_a_pause_inside_a_pause_leaves_the_collector_paused_until_the_outer_one_ends(self):
        with cycles_collected_after():
            with cycles_collected_after():
                pass
            self.assertFalse(gc.isenabled())
        self.assertTrue(gc.isenabled())
