"""The cyclic garbage collector held off while a fact base is indexed.

Building a Matcher makes hundreds of thousands of containers that live on or die by reference
counting: no collection during it finds garbage, yet at 100,000 phrasings the collections it set
off took about a second, the full ones most of it (each walks every live object).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside; the collector is left as it was found. Also a decorator."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
