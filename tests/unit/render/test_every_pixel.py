"""The screen is cleared only where nothing else paints it: every pixel of every beat is drawn anew each frame."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from driver import screenshot
from game.session import Run, RunOptions

LEVELS = Path(__file__).resolve().parents[3] / "levels"
STALE = (255, 0, 255)  # what a pixel the frame left undrawn would still show


def _stale_share(window, view) -> float:
    window.clear(color=STALE)
    view.on_draw()
    picture = np.asarray(screenshot(window), np.int16)
    return float(np.all(np.abs(picture - STALE) <= 2, axis=2).mean())


@pytest.mark.parametrize("level", [None, "tiny"])
def test_no_frame_of_any_beat_leaves_last_frames_pixels_on_the_screen(window, level, tmp_path):
    """A frame painted over a screen of magenta: none of it shows, in any beat — the room (the
    void past a small level's edge included), the close-up and its bands, the hall, the swirl."""
    from game.sim.story import Beat
    from game.views.play import GameView

    path = None
    if level == "tiny":  # levels/README.md's worked example, 10 x 7 tiles: the void shows all round it
        for name in ("backstage_tiles.png", "backstage_tiles.tsj"):
            shutil.copy(LEVELS / name, tmp_path / name)
        example = re.search(r"```json\n(.*?)```", (LEVELS / "README.md").read_text(encoding="utf-8"), re.S).group(1)
        path = tmp_path / "tiny.tmj"
        path.write_text(example, encoding="utf-8")
        path = str(path)
    options = RunOptions(seed=3, size="small", autoplay=True, max_ticks=60 * 60 * 15, level=path)
    view = GameView(Run(options))
    window.show_view(view)
    seen: dict[str, list[float]] = {}
    since = 0
    while not view.finished:
        beat = view.world.story.beat.value
        view.step_once()
        since = 0 if view.world.story.beat.value != beat else since + 1
        if since in (1, 45, 150, 400):  # a beat's first frames, and later on (lights on: the hall, then the room tearing)
            # (the waking has a screen of its own: the window has switched to it)
            seen.setdefault(view.world.story.beat.value, []).append(_stale_share(window, window.current_view))
    assert {b.value for b in Beat} <= set(seen), seen
    assert all(share == 0.0 for shares in seen.values() for share in shares), seen


def test_the_hall_paints_the_whole_screen_only_in_a_window_of_its_shape():
    """Scaled to fit, the hall leaves bars in a window of another shape: those must be cleared."""
    from game.render.audience import HallPicture

    class Sized:
        def __init__(self, w, h):
            self.size = (w, h)

        def get_size(self):
            return self.size

    assert HallPicture.paints_screen(Sized(1280, 720)) and HallPicture.paints_screen(Sized(1920, 1080))
    assert not HallPicture.paints_screen(Sized(1024, 768)) and not HallPicture.paints_screen(Sized(1280, 400))


def test_under_the_house_lights_the_still_floor_is_drawn_once_and_copied_the_same(window):
    """With the house lights full up and the camera still, the lit floor is the same picture
    frame after frame: drawn once, then copied — and the copy is what drawing it would give."""
    from game.sim.story import Beat
    from game.views.play import GameView

    view = GameView(Run(RunOptions(seed=3, size="small", autoplay=True)))
    window.show_view(view)
    while not (view.world.story.beat == Beat.LIGHTS_ON and view.world.story.scene.ticks > 150):
        view.step_once()
    lighting = view.renderer.lighting
    view.on_draw()
    drawn_for = lighting.still_floor[1]
    copied = np.asarray(screenshot(window), np.int16)
    view.on_draw()
    assert lighting.still_floor[1] == drawn_for is not None  # nothing moved: the same picture serves
    lighting.still_floor = (None, None)  # forget it: the floor is drawn anew
    view.on_draw()
    assert np.array_equal(np.asarray(screenshot(window), np.int16), copied)
    # The camera moves: the floor moves with it, as drawing it anew would show it.
    for snapshot in (view.renderer.previous, view.renderer.current):
        snapshot.camera = (snapshot.camera[0] + 37.0, snapshot.camera[1] - 23.0)
    view.on_draw()
    moved = np.asarray(screenshot(window), np.int16)
    lighting.still_floor = (None, None)
    view.on_draw()
    assert np.array_equal(np.asarray(screenshot(window), np.int16), moved) and not np.array_equal(moved, copied)
