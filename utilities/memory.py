"""Work that makes millions of small objects at once. No Django here."""

import contextlib
import gc


@contextlib.contextmanager
def cycles_collected_after():
    """Pause CPython's cycle collector for a bounded piece of work (a matching run, an import), as a decorator or
    a `with` block. Such work keeps hundreds of thousands of rows, names and texts alive to its end; the collector,
    which runs every 700 allocations and from time to time walks every object alive, spent most of the time of
    building them (bench/matching.py). Reference counting still frees everything else at once; cycles, if any,
    are collected when the collector runs again after the block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
