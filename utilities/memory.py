"""Work that makes millions of small objects at once. No Django here."""

import contextlib
import gc


@contextlib.contextmanager
def cycles_collected_after():
    """Pause CPython's cycle collector for a bounded piece of work (a matching run, an import), as a decorator or
    a `with` block. Such work keeps hundreds of thousands of rows, names and texts alive to its end; the collector,
    which runs every 700 allocations and from time to time walks every object alive, spent most of the time of
    building them (bench/matching.py). Reference counting still frees everything else at once.

    After the work its objects go straight to the oldest generation (a freeze and an unfreeze move them there
    without walking them): they live as long as the result does, and the young generations' collections would
    otherwise walk them all once more. Cycles among them, if any, are collected with the oldest generation. A
    process that froze objects of its own (e.g. before forking workers) keeps them frozen: then the work's objects
    are left young."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
