"""A worker keeps what it loaded at start-up out of the garbage collector's way."""

from __future__ import annotations

import gc

from backend.worker import GC_YOUNG_THRESHOLD, settle_heap


def test_after_start_up_the_loaded_objects_are_frozen_and_young_collections_are_rarer() -> None:
    before = gc.get_threshold()
    loaded = [{"course": n} for n in range(1000)]  # stands for models, the NLU and the search index
    try:
        settle_heap()
        assert gc.get_freeze_count() >= len(loaded)
        assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
        assert gc.get_threshold()[1:] == before[1:]
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
