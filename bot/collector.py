"""The cyclic garbage collector held off while a fact base is indexed.

Building a Matcher makes hundreds of thousands of containers that live on or die by reference
counting: no collection during it finds garbage, yet at 100,000 phrasings the collections it set
off took about a second, the full ones most of it (each walks every live object).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# containers made inside worth one full collection after: the article's base makes about 10,000,
# and walking everything a one-shot ask has loaded costs it 11 ms for nothing
_WORTH_COLLECTING = 100_000


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside, and one full collection after a large build, when the
    collector was on: else the first questions after it paid for walking all it made (0.17 s at
    100,000 phrasings). The collector is left as it was found. Also a decorator."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            if gc.get_count()[0] > _WORTH_COLLECTING:
                gc.collect()
