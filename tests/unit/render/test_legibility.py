"""A stranger can read the screen: the dreamer stands out lit or in the dark, walls read as walls where no lamp reaches, the figure walks and trembles."""

from __future__ import annotations

import math

import numpy as np
import pytest

from driver import screenshot
from game.level.generate import generate_backstage
from game.sim.actions import Actions
from game.sim.world import World

SEED = 6


def luminance(pixels: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB pixels (0..255)."""
    c = pixels.astype(np.float64) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast(a: float, b: float) -> float:
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def light_at(world, x: float, y: float) -> float:
    """Roughly how much lamp light falls on a place (no shadows): enough to find lit and dark spots."""
    total = 0.0
    for light in world.lights:
        lx, ly = light.position
        d = math.hypot(lx - x, ly - y) / light.spec.radius
        if d < 1.0:
            total += light.spec.intensity * (1.0 - d) ** 2
    return total


def frame_with_the_dreamer_at(window, world, renderer, position):
    world.player.place(position)
    renderer.observe()
    renderer.snap_camera()
    window.clear()
    renderer.draw(1.0)
    image = np.asarray(screenshot(window), np.float64)
    x, y = renderer.world_camera.project(position)[:2]
    return image, (x, image.shape[0] - y)  # screen px, top row first


def grown(mask: np.ndarray, px: int) -> np.ndarray:
    """A mask grown by `px` pixels every way."""
    from PIL import Image, ImageFilter

    image = Image.fromarray(mask.astype(np.uint8) * 255).filter(ImageFilter.MaxFilter(2 * px + 1))
    return np.asarray(image) > 0


def dreamer_and_around(window, renderer, image):
    """Mean luminance of the dreamer's own pixels (those that change when the figure is not drawn)
    and of a ring 3 to 12 px around them."""
    for sprite in (renderer.player_sprite, renderer.rim_sprite):
        sprite.visible = False
    window.clear()
    renderer.draw(1.0)
    without = np.asarray(screenshot(window), np.float64)
    for sprite in (renderer.player_sprite, renderer.rim_sprite):
        sprite.visible = True
    drawn = np.abs(image - without).max(axis=2) > 6
    assert drawn.sum() > 300, "the dreamer was not drawn"
    figure = ~grown(~drawn, 1)  # its own pixels, not the soft edge where it blends with the floor
    ring = grown(drawn, 12) & ~grown(drawn, 3)
    lum = luminance(image.reshape(-1, 3)).reshape(image.shape[:2])
    return lum[figure].mean(), lum[ring].mean()


@pytest.fixture
def scene(window):
    from game.render.world import WorldRenderer

    world = World(generate_backstage(SEED), seed=SEED)
    return world, WorldRenderer(world, window)


def open_cells(level):
    return [(c, r) for r in range(2, level.height - 2) for c in range(2, level.width - 2)
            if all(not level.is_wall(c + dc, r + dr) for dc in (-2, -1, 0, 1, 2) for dr in (-2, -1, 0, 1, 2))]


def test_the_dreamer_stands_out_in_a_lit_room_and_in_the_darkest_spot(window, scene):
    world, renderer = scene
    level = world.level
    cells = [level.cell_center(c, r) for c, r in open_cells(level)]
    lamps = [light.position for light in world.lights]
    lit = max((p for p in cells if min(math.hypot(p[0] - x, p[1] - y) for x, y in lamps) > 48), key=lambda p: light_at(world, *p))
    dark = min(cells, key=lambda p: (light_at(world, *p), p))
    assert light_at(world, *lit) > 0.5 and light_at(world, *dark) == 0.0
    for place in (lit, dark):
        image, _ = frame_with_the_dreamer_at(window, world, renderer, place)
        figure, around = dreamer_and_around(window, renderer, image)
        assert contrast(figure, around) >= 3.0, f"at {place}: dreamer {figure:.4f} vs around {around:.4f}"


def test_walls_read_as_walls_where_no_lamp_reaches(window, scene):
    world, renderer = scene
    level = world.level
    dark = min((level.cell_center(c, r) for c, r in open_cells(level)), key=lambda p: (light_at(world, *p), p))
    image, _ = frame_with_the_dreamer_at(window, world, renderer, dark)
    lum = luminance(image.reshape(-1, 3)).reshape(image.shape[:2])
    walls, floors = [], []
    for r in range(level.height):
        for c in range(level.width):
            x, y = level.cell_center(c, r)
            if light_at(world, x, y) > 0.0:
                continue  # only where no lamp reaches
            sx, sy = renderer.world_camera.project((x, y))[:2]
            sy = image.shape[0] - sy
            if 10 <= sx < image.shape[1] - 10 and 10 <= sy < image.shape[0] - 10:
                patch = lum[int(sy) - 6 : int(sy) + 6, int(sx) - 6 : int(sx) + 6].mean()
                (walls if level.walls[r][c] else floors).append(patch)
    assert len(walls) > 20 and len(floors) > 5
    wall, floor = float(np.median(walls)), float(np.median(floors))
    assert wall >= 2.0 * floor  # the rooms' shape reads in the dark: the walls' tops twice as bright as the floor...
    assert np.median([luminance(np.full((1, 3), 255.0 * (wall ** (1 / 2.2))))]) > 0  # (sanity)


def test_the_figure_walks_through_its_frames_and_trembles_more_with_panic(window, scene):
    world, renderer = scene
    frames = set()
    for tick in range(60):
        renderer.remember()
        world.step(Actions((1.0, 0.0)))
        renderer.observe()
        renderer.draw(1.0)
        if tick >= 10:  # under way
            frames.add(renderer.look.frame)
    assert len(frames) >= 5 and 0 not in frames  # walking: the stride's frames, not the standing one

    def wobble(level: float) -> float:
        world.panic.level = level
        offsets = []
        for _ in range(40):
            renderer.remember()
            world.step()
            renderer.observe()
            renderer.draw(1.0)
            px, py = world.player.position
            sx, sy = renderer.player_sprite.position
            offsets.append(math.hypot(sx - px, sy - py))
        return float(np.mean(offsets))

    calm, panicked = wobble(0.05), wobble(0.9)
    assert panicked > 4 * calm and panicked > 0.5  # px in the world: seen as a shake on screen


def test_walking_pictures_change_frame_to_frame(window, scene):
    """Screenshots of a walk: the figure's pixels change as the stride goes on (not only where it is)."""
    world, renderer = scene
    crops = []
    for tick in range(24):
        renderer.remember()
        world.step(Actions((0.0, -1.0)))
        renderer.observe()
        if tick % 4 == 3:
            window.clear()
            renderer.draw(1.0)
            image = np.asarray(screenshot(window), np.float64)
            x, y = renderer.world_camera.project(renderer.player_sprite.position)[:2]
            y = image.shape[0] - y
            crops.append(image[int(y) - 24 : int(y) + 24, int(x) - 24 : int(x) + 24])
    differences = [np.abs(a - b).mean() for a, b in zip(crops, crops[1:])]
    assert min(differences) > 1.0
