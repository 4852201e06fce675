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
    """No automatic collection inside, and one full collection after, when the collector was on:
    else the first questions after the build paid for walking all it made (0.17 s at 100,000
    phrasings). The collector is left as it was found. Also a decorator."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect()
