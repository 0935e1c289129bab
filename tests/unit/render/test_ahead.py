"""Pictures painted ahead: the worker's painting is the one used, once, and the beats ask for theirs in time."""

from __future__ import annotations

import threading
import time

import numpy as np

from game.render import ahead as ahead_module
from game.render.ahead import ahead, made
from game.render import closeup
from game.render.closeup import art_with_mipmaps
from game.sim.story import STORY, Beat
from game.views.beats import SHOW, SHOWS, next_show


def test_what_was_started_ahead_is_handed_over_once_and_painted_once():
    calls = []
    gate = threading.Event()

    def paint(n):
        gate.wait(5)
        calls.append(threading.current_thread().name)
        return [n] * 3

    ahead(paint, 7)
    ahead(paint, 7)  # asked twice: started once
    gate.set()
    first = made(paint, 7)
    assert first == [7, 7, 7]
    assert len(calls) == 1 and calls[0].startswith("flawed-ahead")  # on the worker, not here
    again = made(paint, 7)  # nothing waits any more: painted here and now
    assert again == first and len(calls) == 2 and calls[1] == threading.current_thread().name


def test_a_painting_that_fails_ahead_fails_where_it_is_used():
    def broken():
        raise ValueError("no paint")

    ahead(broken)
    try:
        made(broken)
    except ValueError as error:
        assert "no paint" in str(error)
    else:
        raise AssertionError("the worker's error was swallowed")


def test_what_waits_is_bounded():
    for n in range(ahead_module.KEPT + 5):
        ahead(int, n)
    assert ahead_module.waiting() <= ahead_module.KEPT
    for n in range(ahead_module.KEPT + 5):
        assert made(int, n) == n
    assert ahead_module.waiting() == 0


def test_the_big_paintings_are_started_while_the_beat_before_plays():
    painted_ahead = {show.beat for show in SHOWS if show.ahead is not None}
    assert {Beat.FLAW, Beat.ACCEPTANCE, Beat.REVEAL, Beat.VORTEX, Beat.WAKING} <= painted_ahead
    for chapter in STORY:
        following = next_show(chapter.beat)
        assert following is (SHOW[chapter.then] if chapter.then is not None else None)


def test_the_art_mipmaps_halve_down_to_one_pixel_and_average_what_they_cover():
    art, levels = made(art_with_mipmaps, 3)
    size = art.size
    assert len(levels) == size.bit_length()  # 1024 → 11 levels, the last 1×1
    for level, data in enumerate(levels):
        side = max(1, size >> level)
        assert len(data) == side * side * 4
    second = np.frombuffer(levels[1], np.uint8).reshape(size // 2, size // 2, 4)[..., :3].astype(np.float32)
    block = art.pixels[:2, :2].reshape(-1, 3).astype(np.float32).mean(axis=0)
    assert np.abs(second[0, 0] - block).max() <= 1.0
    whole = np.frombuffer(levels[-1], np.uint8)[:3].astype(np.float32)
    assert np.abs(whole - art.pixels.reshape(-1, 3).mean(axis=0)).max() <= 3.0  # the whole picture's mean, give or take rounding


def test_a_new_seeds_masterpiece_is_painted_ahead_in_many_steps_and_once(tmp_path, monkeypatch):
    """A seed's masterpiece is first painted on the worker as the backstage's first frames are
    drawn: in many steps (the worker rests between them, and the frames keep most of the machine),
    to the very picture painted at once; made, it is not painted again."""
    from game.render.masterpiece import paint_tapestry

    monkeypatch.setenv("FLAWED_CACHE_DIR", str(tmp_path))  # nothing kept from before
    steps, painting = 0, art_with_mipmaps(4321)
    while True:
        try:
            next(painting)
        except StopIteration as done:
            art, levels = done.value
            break
        steps += 1
    assert steps >= 8
    assert np.array_equal(art.pixels, paint_tapestry(4321))
    again, steps = art_with_mipmaps(4321), 0
    for _ in again:
        steps += 1
    assert steps == 1  # (only the mipmaps' own)


def test_the_next_beats_paintings_start_once_the_first_frame_is_drawn(window):
    from game.session import Run, RunOptions
    from game.views.play import GameView

    closeup._SHOWN.clear()  # (no close-up shows seed 3's art yet)
    view = GameView(Run(RunOptions(seed=3)))
    window.show_view(view)
    started = ahead_module.waiting()
    assert view.paint_ahead is SHOW[Beat.FLAW].ahead  # asked for, not yet started: the frame comes first
    view.on_draw()
    assert view.paint_ahead is None and ahead_module.waiting() == started + 1
    made(art_with_mipmaps, 3)  # handed over, so nothing waits after this test


def test_a_painting_in_steps_is_painted_gently_ahead_and_at_once_when_asked_for():
    """A painting that yields between its steps rests between them on the worker (the frames
    drawn meanwhile keep most of the machine), makes the same picture, and stops resting the
    moment it is asked for."""
    steps = []

    def paint(n):
        for step in range(n):
            time.sleep(0.01)
            steps.append((step, time.perf_counter()))
            yield
        return f"{n} steps"

    assert made(paint, 3) == "3 steps"  # never started ahead: painted here, all at once
    steps.clear()
    ahead(paint, 6)
    while len(steps) < 3:
        time.sleep(0.005)
    gaps = [later - earlier for (_, earlier), (_, later) in zip(steps, steps[1:])]
    assert min(gaps) >= 0.01 * (1 + ahead_module.REST) * 0.9  # each step, then a rest three times as long
    started = time.perf_counter()
    assert made(paint, 6) == "6 steps"
    assert len(steps) == 6 and steps[-1][1] - started < 0.01 * (1 + ahead_module.REST) * 3  # hurried: the last steps without rests


def test_the_hall_and_the_crowd_are_painted_in_steps():
    import inspect

    from game.render.audience import SEATS, crowd_pictures, hall_paintings, seat_plan

    assert inspect.isgenerator(hall_paintings()) and inspect.isgenerator(crowd_pictures(3, SEATS))
    steps = 0
    crowd = crowd_pictures(3, SEATS)
    try:
        while True:
            next(crowd)
            steps += 1
    except StopIteration as done:
        atlas, numbers = done.value
    assert steps >= 10 and atlas.ndim == 3 and len(numbers) == len(seat_plan(3, SEATS))


def test_the_memory_the_reveal_holds_up_is_painted_while_the_acceptance_plays(window):
    """The masterpiece's memory (its flaw traced in gold) is painted on the worker from the flaw
    as the acceptance begins — the repairs are over, it will not change — and is the very one
    the reveal takes as it begins; once made it is not painted again."""
    from game.render.recollection import memory_of, paint_memory, paint_memory_ahead
    from game.session import Run, RunOptions
    from game.views.play import GameView

    view = GameView(Run(RunOptions(seed=37, autoplay=True)))  # (a dream no other test remembers)
    window.show_view(view)
    view.on_draw()
    while view.world.story.beat is not Beat.ACCEPTANCE:
        view.step_once()
    memory = memory_of(view.world, 256, recompose=1.0)
    assert ahead_module.started(paint_memory, *memory)
    while view.world.story.beat is Beat.ACCEPTANCE:
        view.step_once()
    assert view.world.story.beat is Beat.REVEAL and memory_of(view.world, 256, recompose=1.0) == memory
    assert not ahead_module.started(paint_memory, *memory)  # handed over to the reveal
    paint_memory_ahead(view.world, 256, recompose=1.0)  # asked for again (the same dream dreamt again)...
    assert not ahead_module.started(paint_memory, *memory)  # ...it is remembered, not painted again


def test_the_vortex_shards_are_painted_while_lights_on_plays(window):
    """The pieces of wall adrift in the vortex are painted on the worker as lights on begins, from
    the vortex level the backstage leads to — the very ones the vortex takes as it begins."""
    from game.level.vortex import vortex_level_for
    from game.render.vortex import paint_shards, shard_picture, shard_places
    from game.session import Run, RunOptions
    from game.views.play import GameView

    view = GameView(Run(RunOptions(seed=43, autoplay=True)))  # (a dream no other test remembers)
    window.show_view(view)
    view.on_draw()
    while view.world.story.beat is not Beat.LIGHTS_ON:
        view.step_once()
    places = shard_places(vortex_level_for(view.world.level, view.world.seed), view.world.seed)
    assert len(places) > 5 and ahead_module.started(paint_shards, places)
    while view.world.story.beat is not Beat.VORTEX:
        view.step_once()
    view.on_draw()
    assert shard_places(view.world.level, view.world.seed) == places
    assert not ahead_module.started(paint_shards, places)  # handed over to the vortex
    shards = view.overlay.shards
    assert len(shards) == len(places)
    x, y, width, height, lit_from, seed = places[-1]
    assert shards[-1].position == (x, y)
    assert np.array_equal(np.asarray(shards[-1].texture.image), np.asarray(shard_picture(width, height, lit_from, seed)))


def test_the_acceptance_paints_no_art_ahead_that_a_close_up_already_shows(window):
    """The flaw's close-up uploaded the art (see CloseupRenderer.set_seed): painting it again ahead
    of the acceptance would take the worker's time (and the frames' lock) for nothing."""
    from types import SimpleNamespace

    closeup._SHOWN.clear()
    closeup.CloseupRenderer(window).set_seed(3)
    started = ahead_module.waiting()
    closeup.paint_ahead(SimpleNamespace(seed=3))
    assert ahead_module.waiting() == started
    closeup.paint_ahead(SimpleNamespace(seed=5))
    assert ahead_module.waiting() == started + 1
    made(art_with_mipmaps, 5)  # handed over, so nothing waits after this test
