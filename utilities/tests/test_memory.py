import gc

from django.test import SimpleTestCase

from utilities.memory import cycles_collected_after


class CycleCollectorPauseTests(SimpleTestCase):
    def test_the_collector_is_paused_inside_and_runs_again_after_even_when_the_work_fails(self):
        with self.assertRaisesMessage(ValueError, "the work failed"), cycles_collected_after():
            self.assertFalse(gc.isenabled())
            raise ValueError("the work failed")
        self.assertTrue(gc.isenabled())

    def test_a_pause_inside_a_pause_leaves_the_collector_paused_until_the_outer_one_ends(self):
        with cycles_collected_after():
            with cycles_collected_after():
                pass
            self.assertFalse(gc.isenabled())
        self.assertTrue(gc.isenabled())
