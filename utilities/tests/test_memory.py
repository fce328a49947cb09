import gc
import weakref

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

    def test_what_the_work_made_is_old_after_it_and_its_cycles_are_still_collected(self):
        class Node:
            pass

        with cycles_collected_after():
            kept, cycle = [Node()], Node()
            cycle.itself = cycle
            alive = weakref.ref(cycle)
            del cycle
        self.assertTrue(any(o is kept for o in gc.get_objects(generation=2)))
        gc.collect()
        self.assertIsNone(alive())

    def test_objects_a_process_froze_stay_frozen(self):
        gc.freeze()
        try:
            frozen = gc.get_freeze_count()
            with cycles_collected_after():
                pass
            self.assertEqual(gc.get_freeze_count(), frozen)
        finally:
            gc.unfreeze()
