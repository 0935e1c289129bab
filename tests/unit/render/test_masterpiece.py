"""The masterpiece: one picture per seed, woven, vivid, different between seeds — and the
close-up's darkness growing after every failed repair."""

from __future__ import annotations

import colorsys

import numpy as np
import pytest

from driver import screenshot
from game.render.masterpiece import SIZE, THREAD, MasterpieceArt, flaw_field, paint_tapestry
from game.sim.actions import Actions, Button
from game.sim.flaw import Mark


@pytest.fixture(scope="module")
def pictures():
    return {seed: paint_tapestry(seed) for seed in (3, 4)}


def luminance(pixels: np.ndarray) -> np.ndarray:
    return pixels[..., :3].astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)


def test_one_seed_gives_the_same_picture_twice(pictures):
    again = paint_tapestry(3)
    assert again.shape == (SIZE, SIZE, 3) and again.dtype == np.uint8
    assert np.array_equal(again, pictures[3])


def test_two_seeds_differ_clearly(pictures):
    a, b = pictures[3].astype(np.int32), pictures[4].astype(np.int32)
    assert np.abs(a - b).mean() > 30  # per channel, out of 255
    hist_a = np.histogramdd(a.reshape(-1, 3) // 64, bins=(4, 4, 4), range=((0, 4),) * 3)[0] / a.size * 3
    hist_b = np.histogramdd(b.reshape(-1, 3) // 64, bins=(4, 4, 4), range=((0, 4),) * 3)[0] / b.size * 3
    assert np.abs(hist_a - hist_b).sum() > 0.4  # different palettes, not just moved shapes


def test_warp_and_weft_show(pictures):
    lum = luminance(pictures[3])[64:-64, 64:-64]
    rows = np.array([lum[k::THREAD].mean() for k in range(THREAD)])
    cols = np.array([lum[:, k::THREAD].mean() for k in range(THREAD)])
    # Each thread is darker at its edges than across its middle, both ways.
    assert rows.max() / rows.min() > 1.08
    assert cols.max() / cols.min() > 1.08


def test_vibrant_colour_fields(pictures):
    inner = pictures[4][100:-100:7, 100:-100:7].reshape(-1, 3) / 255.0
    saturation = np.array([colorsys.rgb_to_hsv(*p)[1] for p in inner])
    assert np.median(saturation) > 0.35
    assert len({tuple(p) for p in (pictures[4][::16, ::16].reshape(-1, 3) // 32)}) > 40


def test_the_flaw_field_darkens_where_the_flaw_is():
    import random

    from game.sim.flaw import Flaw

    flaw = Flaw(random.Random(1))
    small, _ = flaw_field(flaw, 128)
    flaw.worsen(Mark(0.6, 0.5, 0.0, 2.0, (80, 10, 20)), 0.3)
    big, colour = flaw_field(flaw, 128)
    assert big.sum() > small.sum() * 3
    row, col = int((1 - flaw.centre[1]) * 128), int(flaw.centre[0] * 128)
    assert big[row, col] > 0.4 and big[5, 5] < 0.01


def test_the_texture_and_the_easel_picture(window, world_factory):
    from game.render.masterpiece import EaselPicture

    art = MasterpieceArt(3, 256)
    texture = art.texture()
    assert texture.width == texture.height == 256
    world = world_factory()
    picture = EaselPicture(world, world.level.masterpiece)
    before = luminance(np.asarray(picture.sprite.texture.image))
    for _ in range(4):
        world.flaw.worsen(Mark(*world.flaw.centre), 0.4)
    picture.update(world)
    after = luminance(np.asarray(picture.sprite.texture.image))
    # The picture's own pixels carry the flaw: darker round the flaw's centre, not elsewhere.
    side = after.shape[0]
    row, col = int((1 - world.flaw.centre[1]) * side), int(world.flaw.centre[0] * side)
    near = (slice(max(0, row - side // 8), row + side // 8), slice(max(0, col - side // 8), col + side // 8))
    assert after[near].mean() < before[near].mean() * 0.7
    assert after[: side // 10, : side // 10].mean() == pytest.approx(before[: side // 10, : side // 10].mean(), abs=1.0)


def test_the_easel_in_the_room_is_drawn_with_the_flaw(window):
    """On the screen, where the easel stands: the picture darkens as the flaw grows."""
    from dataclasses import replace

    from game.level.model import Level, LightSpec
    from game.render.world import WorldRenderer
    from game.sim.world import World

    level = Level.from_ascii(["##########", "#S.......#", "#.....M..#", "#........#", "##########"], seed=3)
    easel = level.masterpiece
    level = replace(level, lights=(LightSpec(easel.x + 16, easel.y - 40, 400, (255, 255, 255), 2.0, 0.0),))
    world = World(level, seed=3)
    world.player.place((easel.x - 40, easel.y - 20))
    renderer = WorldRenderer(world, window)
    renderer.observe()
    renderer.snap_camera()

    def picture_pixels() -> np.ndarray:
        window.clear()
        renderer.observe()  # the renderer reads the flaw as it reads every frame
        renderer.draw(1.0)
        sprite = renderer.easel_picture.sprite
        (x0, y0), (x1, y1) = (renderer.world_camera.project((sprite.left, sprite.bottom)), renderer.world_camera.project((sprite.right, sprite.top)))
        height = window.get_framebuffer_size()[1]
        frame = luminance(np.asarray(screenshot(window)))
        inner = 0.2  # the middle of the picture, clear of its edge
        dx, dy = (x1 - x0) * inner, (y1 - y0) * inner
        return frame[int(height - y1 + dy) : int(height - y0 - dy), int(x0 + dx) : int(x1 - dx)]

    before = picture_pixels()
    assert before.size > 16 and before.mean() > 20  # the picture is there, and lit
    for _ in range(4):
        world.flaw.worsen(Mark(*world.flaw.centre), 0.4)
    after = picture_pixels()
    assert after.mean() < before.mean() * 0.8, (before.mean(), after.mean())


def calm_frame(window, renderer, world) -> np.ndarray:
    """The close-up's luminance, with panic calmed for the measure (no vignette, no unravelling)."""
    level, unravel = world.panic.level, world.panic.unravel
    world.panic.level = world.panic.unravel = 0.0
    window.clear()
    renderer.draw(world)
    world.panic.level, world.panic.unravel = level, unravel
    return luminance(np.asarray(screenshot(window)))


def dark_area(frame: np.ndarray, clean: np.ndarray) -> int:
    """Pixels within 250 px of the screen's middle that the flaw has darkened by a quarter or more."""
    h, w = frame.shape
    ys, xs = np.ogrid[0:h, 0:w]
    middle = (xs - w / 2) ** 2 + (ys - h / 2) ** 2 < 250**2
    return int(((frame < clean * 0.75 - 4) & middle).sum())


def test_the_closeups_darkness_grows_after_each_attempt(window, world_factory):
    from game.bot import minigame_actions
    from game.render.closeup import CloseupRenderer
    from game.sim.beats.repair import start_attempt
    from game.sim.story import Beat

    world = world_factory()
    world.story.enter(Beat.REPAIR)
    world.run(ticks=2)  # every frame below is taken two ticks into the beat: the same camera
    renderer = CloseupRenderer(window)
    world.flaw.blots[0].darkness = 0.0  # the picture before any flaw, to measure against
    clean = calm_frame(window, renderer, world)
    world.flaw.blots[0].darkness = world.flaw.darkness
    areas = [dark_area(calm_frame(window, renderer, world), clean)]
    for tool in ("paintbrush", "palette_knife", "needle_and_thread", "solvent", "varnish"):
        game = start_attempt(world, tool)
        while world.minigame is not None:
            world.step(minigame_actions(world) if game.ticks < 200 else Actions.of(Button.CANCEL))
        world.story.enter(Beat.REPAIR)  # the beat may have ended: keep the camera on the easel
        world.run(ticks=2)
        areas.append(dark_area(calm_frame(window, renderer, world), clean))
    print("dark areas", areas)
    assert all(b > a for a, b in zip(areas, areas[1:])), areas
    assert areas[0] > 0  # the knot is there from the start, if small
    assert areas[-1] > areas[0] + 40000  # by the end it mars the middle of the picture
