"""Freed memory goes back to the system after the big one-off builds, without a frame waiting for it."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import weakref
from pathlib import Path

import pytest

from game import heap

ROOT = Path(__file__).resolve().parents[2]


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


MAPPED_AFTER_A_BIG_FREE = """
import ctypes, sys
import game.heap
fields = ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")
class Info(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in fields]
libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = Info
painting = bytearray(24 << 20)  # a painting's big array...
del painting  # ...freed: glibc would now keep anything smaller in its heap
before = libc.mallinfo2().hblks
block = bytearray(2 << 20)
print(libc.mallinfo2().hblks - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_big_blocks_are_mapped_on_their_own_even_after_a_bigger_one_was_freed():
    """After a big block is freed, glibc would keep every smaller one in its heap, where freed
    arrays scatter it and the resident size creeps up dream after dream: the game has it map each
    block of MAPPED_FROM_BYTES or more on its own, handed back the moment it is freed."""
    out = subprocess.run([sys.executable, "-c", MAPPED_AFTER_A_BIG_FREE], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1"]


class Left:
    """Something a dream made, in a cycle with itself: only the collector frees it."""

    def __init__(self):
        self.me = self


def test_what_a_dream_left_is_collected_not_set_aside_with_the_next_dreams(monkeypatch):
    """A dream over, what it made is garbage in cycles; the next dream's first frame sets what
    is alive aside from the collector: that garbage must not go with it, held all through."""
    monkeypatch.setattr(heap, "_let_go", False)
    gc.collect()
    heap.hold_long_lived()  # the first dream's first frame
    try:
        made = Left()
        left = weakref.ref(made)
        del made
        heap.let_go_of_long_lived()  # its end
        gc.disable()  # (no collection of its own may come first)
        try:
            heap.hold_long_lived()  # the next dream's first frame
            assert left() is None
        finally:
            gc.enable()
    finally:
        heap.let_go_of_long_lived()


def test_a_first_dream_sets_aside_without_a_collection_first(monkeypatch):
    """Nothing was let go before the first dream: its first frame pays for no full collection."""
    monkeypatch.setattr(heap, "_let_go", False)
    collections = []
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append(args) or 0)
    heap.hold_long_lived()
    heap.let_go_of_long_lived()
    assert collections == []
