"""The masterpiece: one picture per seed, woven, vivid, different between seeds — and the
close-up's darkness growing after every failed repair."""

from __future__ import annotations

import colorsys

import numpy as np
import pytest
from PIL import Image

from driver import screenshot
from game.render.masterpiece import COMPOSITIONS, SIZE, THREAD, WEAVES, MasterpieceArt, design_for, flaw_field, paint_tapestry
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


def layout(pixels: np.ndarray, cells: int = 8) -> np.ndarray:
    """Where the picture's outlines and contours are: edge density in a cells² grid inside the border.

    Brightness edges only, so it sees where the shapes are, not what colour they are.
    """
    size = pixels.shape[0]
    block = size // 128
    lum = luminance(pixels)[: block * 128, : block * 128].reshape(128, block, 128, block).mean(axis=(1, 3))
    edges = np.hypot(np.diff(lum, axis=0)[:, :-1], np.diff(lum, axis=1)[:-1, :])[6:-5, 6:-5]
    step = edges.shape[0] // cells
    return edges[: step * cells, : step * cells].reshape(cells, step, cells, step).mean(axis=(1, 3)).ravel()


def alike(a: np.ndarray, b: np.ndarray) -> float:
    """How alike two pictures' layouts are: the correlation of their edge densities (1 the same)."""
    return float(np.corrcoef(layout(a), layout(b))[0, 1])


@pytest.mark.parametrize("seeds", [(3, 4), (3, 12), (12, 777), (3, 777)])
def test_two_seeds_differ_in_layout_not_only_in_palette(seeds):
    a, b = (paint_tapestry(seed) for seed in seeds)
    # Pictures of one composition correlate at 0.55 or more (a medallion and a medallion turned).
    assert alike(a, b) < 0.45, f"seeds {seeds}: their layouts are alike ({alike(a, b):.2f})"
    # The measure is blind to colour: the same picture with its dyes swapped keeps its layout.
    assert alike(a, a[..., ::-1].copy()) > 0.9


def test_the_designs_vary_in_composition_symmetry_and_weave():
    designs = [design_for(seed) for seed in range(40)]
    assert {d.composition for d in designs} == set(COMPOSITIONS)
    assert len({d.symmetry for d in designs}) >= 4
    assert {d.weave for d in designs} == set(WEAVES)
    assert design_for(7) == design_for(7)


def test_a_small_picture_is_the_same_work_with_its_border_in_proportion():
    small = paint_tapestry(5, 256).astype(np.float32)
    large = paint_tapestry(5).astype(np.float32)
    shrunk = np.asarray(Image.fromarray(large.astype(np.uint8)).resize((256, 256), Image.LANCZOS), np.float32)
    assert alike(small, shrunk) > 0.6
    assert abs(luminance(small).mean() - luminance(shrunk).mean()) < 20  # not drowned in a heavy border


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
    """Pixels the flaw has darkened by a quarter or more."""
    return int((frame < clean * 0.75 - 4).sum())


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


def test_right_after_a_worsening_the_flaw_is_drawn_a_band_a_frame_and_looks_as_if_drawn_at_once(window, world_factory, monkeypatch):
    """The flaw pass is the close-up's dearest (~15 ms in software GL); after a worsening it is
    drawn a band of rows a frame into the texture not shown, the flaw as it was shown meanwhile.
    The new darkness eases in from nothing, so every frame looks as the one that drew it at once."""
    from game.render import closeup
    from game.sim.flaw import Mark
    from game.sim.story import Beat

    world = world_factory()
    world.story.enter(Beat.REPAIR)
    world.run(ticks=2)
    banded, at_once = closeup.CloseupRenderer(window), closeup.CloseupRenderer(window)

    def frame(renderer, bands: int) -> np.ndarray:
        monkeypatch.setattr(closeup, "FLAW_BANDS", bands)
        window.clear()
        renderer.draw(world)
        return np.asarray(screenshot(window), np.int16)

    before = frame(banded, 3)
    assert np.array_equal(before, frame(at_once, 1))  # the flaw as first seen: drawn at once by both
    assert banded.drawing is None
    world.flaw.worsen(Mark(0.62, 0.48, angle=0.7, stretch=2.5, colour=(40, 60, 90), kind="streak"), 0.3, tick=world.tick)
    target = 1 - banded.flaw_now
    for since in range(4):
        shown = frame(banded, 3)
        assert banded.drawing == ([target, since + 1, False] if since < 2 else None)  # a band a frame, then shown
        assert np.abs(shown - frame(at_once, 1)).max() <= 2
        world.run(ticks=1)
    world.run(ticks=closeup.GROW_TICKS)
    grown = frame(banded, 3)
    assert np.abs(grown - frame(at_once, 1)).max() <= 2
    assert (np.abs(grown - before).max(axis=2) > 40).sum() > 500  # (the new darkness is there to be seen)
