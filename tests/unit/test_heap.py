"""Freed memory goes back to the system after the big one-off builds, without a frame waiting for it."""

from __future__ import annotations

import threading

from game import heap


def test_the_heap_is_trimmed_on_a_thread_of_its_own_and_asks_while_one_runs_fold_into_one(monkeypatch):
    """A trim walks the whole heap (up to tens of ms): the frame that asks for it goes on at once,
    and the trimmer does it; asked again and again while it trims, it trims once more after."""
    running, finish, done = threading.Event(), threading.Event(), threading.Semaphore(0)
    trims = []

    def trim(pad: int) -> int:
        trims.append((threading.current_thread(), pad))
        running.set()
        finish.wait(10)
        done.release()
        return 1

    monkeypatch.setattr(heap, "_trim", trim)
    heap.release_freed_memory()  # (returns while the trim is held)
    assert running.wait(10)
    for _ in range(5):
        heap.release_freed_memory()
    finish.set()
    assert done.acquire(timeout=10) and done.acquire(timeout=10)
    assert not done.acquire(timeout=0.2)  # the five asked while it ran: one trim more, not five
    assert len(trims) == 2 and all(thread is not threading.main_thread() and pad == 0 for thread, pad in trims)
