"""What the nightly flow does to Python's cycle collector while its chunks run."""

from __future__ import annotations

import gc
import weakref

import pytest

from khabar.flows.batching import heap_frozen_during_chunks


class Node:
    """An object that can refer to itself: garbage only the cycle collector frees."""


@pytest.fixture
def no_automatic_collection():
    """A collection that Python starts on its own would free the test's cycle before it is looked at."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_garbage_from_before_the_chunks_waits_for_the_end_of_the_night(no_automatic_collection):
    # A served deployment runs night after night in one process: what a night leaves before its
    # chunks must still be freed once they are done, not stay frozen for the process's life.
    node = Node()
    node.itself = node
    left = weakref.ref(node)
    del node
    with heap_frozen_during_chunks():
        gc.collect()  # what `forget_task_results` runs once a chunk
        assert left() is not None
    gc.collect()
    assert left() is None


def test_a_failed_chunk_leaves_nothing_frozen():
    before = gc.get_freeze_count()
    with pytest.raises(RuntimeError), heap_frozen_during_chunks():
        assert gc.get_freeze_count() > before
        raise RuntimeError("a chunk's stage failed")
    assert gc.get_freeze_count() == before
