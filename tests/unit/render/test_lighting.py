"""Lights and soft shadows, as rendered: walls, props and the player block light, light adds up
without clipping, closed rooms stay dark, and reduce-flicker keeps the picture calm."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.level.model import TILE_SIZE, Level, LightSpec, PropSpec
from game.render.lighting import AMBIENT, HOUSE_LIGHT
from game.render.shadows import wall_edges
from game.sim.world import SimSettings, World

T = TILE_SIZE
# 20 x 11 tiles: the whole room fits on screen wherever the camera follows the dreamer.
WALL_IN_THE_MIDDLE = [
    "####################",
    "#S.................#",
    "#..................#",
    "#..................#",
    "#.........#........#",
    "#.........#........#",
    "#.........#........#",
    "#..................#",
    "#..................#",
    "#..................#",
    "####################",
]
CLOSED_ROOM = [
    "####################",
    "#S.................#",
    "#..................#",
    "#.......#####......#",
    "#.......#...#......#",
    "#.......#...#......#",
    "#.......#...#......#",
    "#.......#####......#",
    "#..................#",
    "#..................#",
    "####################",
]
OPEN_ROOM = [row.replace("#", ".") if 0 < i < 10 else row for i, row in enumerate(CLOSED_ROOM)]
OPEN_ROOM = ["#" + row[1:-1] + "#" for row in OPEN_ROOM]


def level(rows, *lights: LightSpec, props=()) -> Level:
    return replace(Level.from_ascii(rows, seed=4), lights=tuple(lights), props=tuple(props))


def lamp(x, y, radius=400.0, intensity=1.0, kind="work_lamp", flicker=0.0, color=(255, 220, 180)) -> LightSpec:
    return LightSpec(x, y, radius, color, intensity, flicker, kind)


class Scene:
    """A world drawn by the game's own WorldRenderer, with readers for what came out."""

    def __init__(self, window, world: World):
        from game.render.world import WorldRenderer

        self.window, self.world = window, world
        self.renderer = WorldRenderer(world, window)
        self.renderer.observe()
        self.renderer.snap_camera()
        self.lighting = self.renderer.lighting
        self._map = None

    def draw(self) -> "Scene":
        self.window.clear()
        self.renderer.draw(1.0)
        self._map = None
        return self

    def step(self) -> "Scene":
        self.renderer.remember()
        self.world.step()
        self.renderer.observe()
        return self

    def light_map(self) -> np.ndarray:
        if self._map is None:
            texture = self.lighting.light_map
            data = np.frombuffer(texture.read(), dtype=np.float16).astype(np.float32)
            self._map = data.reshape(texture.height, texture.width, 4)[..., :3]
        return self._map

    def screen(self, x: float, y: float) -> tuple[int, int]:
        sx, sy = self.renderer.world_camera.project((x, y))[:2]
        return int(sx), int(sy)

    def light(self, x: float, y: float) -> np.ndarray:
        """The light falling on world point (x, y): RGB in light units (ambient included)."""
        sx, sy = self.renderer.world_camera.project((x, y))[:2]
        light = self.light_map()
        h, w = light.shape[:2]
        return light[int(sy * h / self.window.height), int(sx * w / self.window.width)]

    def pixels(self, x: float, y: float, size: int = 6) -> np.ndarray:
        """The final picture around world point (x, y), as an RGB array."""
        import arcade

        sx, sy = self.screen(x, y)
        image = arcade.get_image(sx - size // 2, sy - size // 2, size, size).convert("RGB")
        return np.asarray(image, np.float32)


def brightness(rgb) -> float:
    return float(np.mean(rgb))


def test_the_far_side_of_a_wall_is_darker_and_follows_the_light(window):
    # The wall is column 10, rows 4-6 from the top: x 320..352, y 128..224 in the world.
    wall_mid_y = 176.0
    world = World(level(WALL_IN_THE_MIDDLE, lamp(240.0, wall_mid_y)))
    scene = Scene(window, world).draw()
    near, far = scene.light(240.0 - 80.0, wall_mid_y), scene.light(240.0 + 192.0, wall_mid_y)
    assert brightness(near) > 0.5
    assert brightness(far) < 0.25 * brightness(near)
    assert brightness(far) == pytest.approx(brightness(AMBIENT), abs=0.02)  # full shadow: only ambient
    # The final picture agrees.
    assert brightness(scene.pixels(240.0 - 80.0, wall_mid_y)) > 3 * brightness(scene.pixels(240.0 + 192.0, wall_mid_y))
    # The wall's lit face is lit; its far face is not.
    assert brightness(scene.light(320.0 + 4.0, wall_mid_y)) > 0.4
    assert brightness(scene.light(352.0 - 4.0, wall_mid_y)) < 0.2

    # The light moves above the wall's end: the far side is lit now.
    world.lights[0].offset = (0.0, 180.0)
    scene.draw()
    assert brightness(scene.light(240.0 + 192.0, wall_mid_y)) > 2 * brightness(far)


def test_a_pushed_prop_moves_its_shadow(window):
    crate = PropSpec(300.0, 176.0, 40.0, 40.0, "crate", movable=True)
    world = World(level(OPEN_ROOM, lamp(200.0, 176.0), props=[crate]))
    scene = Scene(window, world).draw()
    behind = (420.0, 176.0)
    shaded = brightness(scene.light(*behind))
    assert shaded < 0.5 * brightness(scene.light(200.0 - 120.0, 176.0))
    assert brightness(scene.light(300.0, 176.0)) > 0.5  # the crate's top is lit, not blacked out
    world.props[0].body.position = (300.0, 260.0)  # pushed out of the way
    scene.renderer.observe()
    scene.draw()
    assert brightness(scene.light(*behind)) > 2 * shaded
    # and its shadow fell where it went
    assert brightness(scene.light(420.0, 260.0 + 30.0)) < brightness(scene.light(420.0, 176.0))


def test_the_player_casts_a_shadow(window):
    world = World(level(OPEN_ROOM, lamp(200.0, 176.0)))
    world.player.place((260.0, 176.0))
    scene = Scene(window, world)
    scene.renderer.snap_camera()
    scene.draw()
    assert brightness(scene.light(330.0, 176.0)) < 0.6 * brightness(scene.light(330.0, 176.0 + 60.0))


def test_shadows_have_a_penumbra_that_widens_with_distance(window):
    crate = PropSpec(300.0, 176.0, 24.0, 24.0, "crate")
    world = World(level(OPEN_ROOM, lamp(200.0, 176.0, radius=600.0, kind="spill"), props=[crate]))
    scene = Scene(window, world).draw()

    def edge_width(x: float) -> float:
        """How far (px) across the shadow's edge at distance x the light goes from 20 % to 80 %."""
        ys = np.arange(176.0, 176.0 + 120.0, 1.0)
        values = np.array([brightness(scene.light(x, y)) for y in ys])
        lo, hi = values.min(), values.max()
        inside = ys[np.argmax(values > lo + 0.2 * (hi - lo))]
        outside = ys[np.argmax(values > lo + 0.8 * (hi - lo))]
        return outside - inside

    near, far = edge_width(350.0), edge_width(560.0)
    assert near >= 0.0
    assert far > 1.5 * near


def test_overlapping_lights_add_up_without_clipping(window):
    a, b = lamp(260.0, 176.0, radius=300.0, intensity=1.2), lamp(380.0, 176.0, radius=300.0, intensity=1.2)
    point = (320.0, 176.0)
    only_a = Scene(window, World(level(OPEN_ROOM, a))).draw()
    light_a, pixels_a = only_a.light(*point), only_a.pixels(*point)
    only_b = Scene(window, World(level(OPEN_ROOM, b))).draw()
    light_b = only_b.light(*point)
    both = Scene(window, World(level(OPEN_ROOM, a, b))).draw()
    light_both, pixels_both = both.light(*point), both.pixels(*point)
    ambient = np.array(AMBIENT)
    assert np.allclose(light_both - ambient, (light_a - ambient) + (light_b - ambient), rtol=0.05, atol=0.02)
    assert light_both.max() > 1.0  # past what an 8-bit buffer could hold
    assert brightness(pixels_both) > brightness(pixels_a) + 10
    assert pixels_both.max() < 255  # rolled off, not clipped to white
    assert pixels_both[..., 0].mean() > pixels_both[..., 2].mean() + 20  # still warm, not washed white


# Lights all round, including one hung right on the room's outer corner and one on its wall's face.
@pytest.mark.parametrize("where", [(100.0, 176.0), (352.0, 300.0), (520.0, 60.0), (416.0, 256.0), (400.0, 256.0), (236.0, 240.0)])
def test_no_light_leaks_into_a_closed_room(window, where):
    # The room is columns 8-12, rows 3-7 from the top: its inside x 288..384, y 128..224.
    world = World(level(CLOSED_ROOM, lamp(*where, radius=500.0, intensity=2.0)))
    scene = Scene(window, world).draw()
    assert brightness(scene.light(*where)) > 1.0
    light = scene.light_map()
    (x0, y0), (x1, y1) = scene.screen(288.0 + 1, 128.0 + 1), scene.screen(384.0 - 1, 224.0 - 1)
    h, w = light.shape[:2]
    inside = light[int(y0 * h / window.height) + 1 : int(y1 * h / window.height), int(x0 * w / window.width) + 1 : int(x1 * w / window.width)]
    assert inside.size > 0
    assert np.abs(inside - np.array(AMBIENT)).max() < 0.01
    # whereas without the walls the same spot is lit
    open_scene = Scene(window, World(level(OPEN_ROOM, lamp(*where, radius=500.0, intensity=2.0)))).draw()
    assert brightness(open_scene.light(336.0, 176.0)) > brightness(AMBIENT) + 0.1


def test_wall_outlines_have_no_seams_between_tiles():
    block = Level.from_ascii(["######", "#S...#", "#.##.#", "#.##.#", "#....#", "######"])
    edges = wall_edges(block)
    # The 2x2 block in the middle is outlined by four edges, one per side, none inside it.
    inner = [e for e in edges if 64 <= min(e[0], e[2]) and max(e[0], e[2]) <= 128 and 64 <= min(e[1], e[3]) and max(e[1], e[3]) <= 128]
    assert len(inner) == 4
    for x0, y0, x1, y1 in edges:
        # floor on the right-hand side of each edge, wall on the left
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        nx, ny = (y1 - y0), -(x1 - x0)
        length = (nx * nx + ny * ny) ** 0.5
        right = block.cell_of(mx + nx / length * 4, my + ny / length * 4)
        left = block.cell_of(mx - nx / length * 4, my - ny / length * 4)
        assert not block.is_wall(*right) and block.is_wall(*left)


def test_house_lights_light_everything_and_every_shadow_vanishes(window):
    world = World(level(WALL_IN_THE_MIDDLE, lamp(240.0, 176.0)))
    scene = Scene(window, world).draw()
    assert brightness(scene.light(432.0, 176.0)) < 0.3
    world.lights.house = 1.0
    world.step()
    scene.renderer.observe()
    scene.draw()
    light = scene.light_map()
    assert np.allclose(light, np.array(HOUSE_LIGHT), atol=0.01)



def test_under_the_full_house_lights_the_light_map_is_filled_once_and_again_after_lamps_lit_it(window):
    """Under the full house lights the light map is flat, the same every frame: it is filled
    once, not frame after frame — and filled flat again when the house lights come back full
    after the lamps lit it."""
    world = World(level(WALL_IN_THE_MIDDLE, lamp(240.0, 176.0)))
    scene = Scene(window, world)
    filled = []
    atlas_render = scene.lighting.atlas.render
    scene.lighting.atlas.render = lambda *args: (filled.append(1), atlas_render(*args))

    def lit(house: float) -> np.ndarray:
        world.lights.house = house
        world.step()
        scene.renderer.observe()
        scene.draw()
        return scene.light_map()

    lit(1.0)
    assert len(filled) == 1
    assert np.allclose(lit(1.0), np.array(HOUSE_LIGHT), atol=0.01) and len(filled) == 1  # the same map, not filled again
    assert not np.allclose(lit(0.5), np.array(HOUSE_LIGHT), atol=0.01)  # the lamp and the wall's shadow show again
    assert np.allclose(lit(1.0), np.array(HOUSE_LIGHT), atol=0.01)  # and are gone again


def test_under_the_full_house_lights_the_floor_looks_as_the_light_map_would_light_it(window):
    """The house lights' own floor pass (no light map read) paints what the light map would."""
    world = World(level(WALL_IN_THE_MIDDLE, lamp(240.0, 176.0)))
    scene = Scene(window, world)
    world.lights.house = 1.0
    world.step()
    scene.renderer.observe()
    points = [(100.0, 100.0), (432.0, 176.0), (300.0, 60.0)]
    own = [scene.draw().pixels(x, y) for x, y in points][-1:] + [scene.pixels(x, y) for x, y in points]
    programs = scene.lighting.floor_programs
    programs[True] = programs[False]  # the light map's pass, as for any other light
    mapped = [scene.draw().pixels(x, y) for x, y in points][-1:] + [scene.pixels(x, y) for x, y in points]
    for a, b in zip(own, mapped):
        assert np.abs(a - b).max() <= 4  # to the dither
    assert brightness(own[1]) > 40  # and lit: not a black floor matching a black floor

@pytest.mark.parametrize("shift, zoom", [((0.0, 0.0), None), ((0.3, 0.7), None), ((0.55, 0.05), None), ((17.9, -3.45), None), ((0.3, 0.7), 0.45)])
def test_every_pixel_of_the_floor_shows_the_world_texel_under_it(window, shift, zoom):
    """The floor is lit a world texel to a pixel, then laid over the screen: each screen pixel
    shows the texel its middle lands in (at any sub-pixel camera), all of that texel's pixels
    alike, and the same floor texels look the same wherever they are — zoomed out too (a level's
    preview, lit a pixel at a time)."""
    import arcade

    world = World(level(WALL_IN_THE_MIDDLE, lamp(240.0, 176.0)))
    world.lights.house = 1.0  # one light everywhere: a texel's look is its picture's colour alone
    world.step()
    scene = Scene(window, world)
    camera = scene.renderer.world_camera
    scene.draw()
    lighting = scene.lighting
    camera.position = (camera.position[0] + shift[0], camera.position[1] + shift[1])
    if zoom is not None:
        camera.zoom = zoom
    window.clear(color=(255, 0, 255))
    camera.use()
    lighting.still_floor = (None, None)
    lighting.draw_floor(camera)
    width, height = window.get_framebuffer_size()
    shown = np.asarray(arcade.get_image(0, 0, width, height).convert("RGB"), np.int16)[::-1]  # rows from the bottom
    floor = lighting.floor
    picture = np.frombuffer(floor.picture.read(), np.uint8).reshape(floor.picture.height, floor.picture.width, 4)
    left, bottom = camera.unproject((0, 0))[:2]
    origin = (round(left * 64) / 64, round(bottom * 64) / 64)  # (as the still floor is placed)
    xs = np.floor(origin[0] + (np.arange(width) + 0.5) / camera.zoom).astype(int)
    ys = np.floor(origin[1] + (np.arange(height) + 0.5) / camera.zoom).astype(int)
    inside_x, inside_y = (xs >= 0) & (xs < world.level.pixel_width), (ys >= 0) & (ys < world.level.pixel_height)
    assert inside_x.any() and inside_y.any()
    texel = picture[(ys - int(floor.origin[1]))[inside_y][:, None], (xs - int(floor.origin[0]))[inside_x][None, :]]
    seen = shown[inside_y][:, inside_x]
    assert not np.all(seen == (255, 0, 255), axis=2).any()  # every pixel drawn
    bases = np.ascontiguousarray(texel).reshape(-1, 4).view(np.uint32).ravel()
    colours = seen.reshape(-1, 3)
    looks, first, which = np.unique(bases, return_index=True, return_inverse=True)
    assert len(looks) > 20  # a floor of many colours: a texel off by one would show
    assert np.abs(colours - colours[first][which.ravel()]).max() <= 2  # (the dither: a step either way)


def large_changes(values, threshold: float) -> list[int]:
    """Frames where the value has moved by at least `threshold` from its last turning point."""
    events, anchor, direction = [], values[0], 0
    for i, v in enumerate(values):
        if direction and (v - anchor) * direction > 0:
            anchor = v
        elif abs(v - anchor) >= threshold:
            direction = 1 if v > anchor else -1
            anchor = v
            events.append(i)
    return events


def most_in_a_second(frames: list[int], fps: int = 60) -> int:
    return max((sum(1 for t in frames if start <= t < start + fps) for start in frames), default=0)


def candle_series(window, reduce_flicker: bool, frames: int) -> list[float]:
    candle = lamp(320.0, 176.0, radius=220.0, intensity=1.4, kind="candle", flicker=1.0)
    world = World(level(OPEN_ROOM, candle), settings=SimSettings(reduce_flicker=reduce_flicker))
    world.player.place((60.0, 300.0))
    scene = Scene(window, world)
    values = []
    for _ in range(frames):
        scene.step().draw()
        values.append(brightness(scene.pixels(320.0 + 50.0, 176.0 + 20.0, size=8)))
    return values


def test_reduce_flicker_keeps_a_candle_to_three_visible_changes_a_second(window):
    calm = candle_series(window, True, 150)
    threshold = 0.1 * float(np.mean(calm))  # a visible change: a tenth of the brightness
    assert np.mean(calm) > 40  # the candle does light the floor
    assert most_in_a_second(large_changes(calm, threshold)) <= 3
    # The same candle without the setting flashes far more often: the measure can fail.
    wild = candle_series(window, False, 60)
    assert most_in_a_second(large_changes(wild, threshold)) > 3


def test_a_scene_drawn_some_other_way_is_lit_by_compositing(window):
    """Sprites the lighting has not adopted are drawn offscreen and lit by one full-screen pass."""
    import arcade
    from PIL import Image

    from game.render.lighting import Lighting

    world = World(level(WALL_IN_THE_MIDDLE, lamp(240.0, 176.0)))
    lighting = Lighting(window.ctx, world.level)
    camera = arcade.Camera2D()
    camera.position = (320.0, 176.0)
    white = arcade.SpriteList()
    sprite = arcade.Sprite(arcade.Texture(Image.new("RGBA", (64, 64), (200, 200, 200, 255)), hash="test-white"))
    sprite.position, sprite.width, sprite.height = (320.0, 176.0), 640.0, 352.0
    white.append(sprite)
    window.clear()
    camera.match_window()
    camera.use()
    lighting.draw(world, camera, white.draw)

    def at(x, y):
        sx, sy = camera.project((x, y))[:2]
        return brightness(np.asarray(arcade.get_image(int(sx) - 3, int(sy) - 3, 6, 6).convert("RGB"), np.float32))

    near, far = at(160.0, 176.0), at(432.0, 176.0)
    assert near > 3 * far
    assert far == pytest.approx(200 * np.mean(AMBIENT), abs=4)  # the unlit side: ambient only
    # A flat dark surface is dithered: neighbouring pixels differ by a step or so, never more.
    sx, sy = camera.project((500.0, 176.0))[:2]
    patch = np.asarray(arcade.get_image(int(sx) - 8, int(sy) - 8, 16, 16).convert("RGB"), np.int32)
    assert len(np.unique(patch[..., 2])) >= 2
    assert np.ptp(patch[..., 2]) <= 3


def test_a_level_bigger_than_the_floor_picture_is_painted_around_the_camera(window):
    """512 × 512 tiles is legal: the floor is painted from tiles near the camera, never whole."""
    from game.level.model import Level
    from game.render.framing import view_rect
    from game.render.lighting import FLOOR_PICTURE_PX
    from game.render.world import WorldRenderer
    from game.sim.world import World

    n = 160  # 5120 px: more than the picture holds
    rows = ["#" * n] + ["#" + "." * (n - 2) + "#" for _ in range(n - 2)] + ["#" * n]
    rows[1] = "#S" + rows[1][2:]
    world = World(Level.from_ascii(rows, seed=3))
    renderer = WorldRenderer(world, window)
    renderer.draw(1.0)
    floor = renderer.lighting.floor
    view = view_rect(renderer.world_camera.position, window.get_size())
    assert not floor.whole and floor.bakes == 1 and floor.holds(view)
    assert max(floor.size) < FLOOR_PICTURE_PX  # the view and a margin round it, not more
    renderer.draw(1.0)
    assert floor.bakes == 1  # the camera has not moved: nothing painted again
    world.player.place((n * 32 - 100.0, n * 32 - 100.0))
    renderer.observe()
    renderer.snap_camera()
    renderer.draw(1.0)
    assert floor.bakes == 2 and floor.holds((n * 32 - 700.0, n * 32 - 400.0, n * 32 - 1.0, n * 32 - 1.0))
    wide = (100.0, 100.0, 3100.0, 2100.0)  # a preview's view, far out: a bigger picture is made for it
    floor.around(wide)
    assert floor.bakes == 3 and floor.holds(wide) and floor.size[0] >= 3000


@given(st.integers(1, 8), st.integers(1, 8), st.lists(st.booleans(), min_size=64, max_size=64))
def test_wall_outlines_are_every_side_between_wall_and_floor_once(width, height, cells):
    walls = tuple(tuple(cells[row * 8 : row * 8 + width]) for row in range(height))
    level = Level(width=width, height=height, walls=walls, spawn=(16.0, 16.0))
    sides = []  # each edge cut into tile sides: (wall cell, the floor cell beside it)
    for x0, y0, x1, y1 in wall_edges(level):
        steps = int(max(abs(x1 - x0), abs(y1 - y0)) // 32)
        dx, dy = (x1 - x0) / steps, (y1 - y0) / steps
        for i in range(steps):
            mx, my = x0 + dx * (i + 0.5), y0 + dy * (i + 0.5)
            nx, ny = dy / 32, -dx / 32  # the right-hand side
            sides.append((level.cell_of(mx - nx * 16, my - ny * 16), level.cell_of(mx + nx * 16, my + ny * 16)))
    expected = [((c, r), (c + dc, r + dr)) for r in range(height) for c in range(width) for dc, dr in ((1, 0), (-1, 0), (0, 1), (0, -1))
                if walls[r][c] and not level.is_wall(c + dc, r + dr)]
    assert sorted(sides) == sorted(expected)


def test_lights_that_cannot_reach_the_view_are_not_worked_out_and_none_that_sway_into_it_are_missed():
    from game.render.lighting import light_rows
    from game.sim.lights import MAX_SWAY_PX

    view = (0.0, 0.0, 320.0, 320.0)
    # Swinging bulbs hung just past the view's right edge, nearer and farther than a full swing; one far off.
    bulbs = [lamp(320.0 + 40.0 + step * 0.5, 160.0, radius=40.0, kind="bare_bulb", flicker=0.5) for step in range(int(MAX_SWAY_PX * 2) + 4)]
    world = World(level(["S" + "." * 39] + ["." * 40] * 11, *bulbs, lamp(1200.0, 200.0, radius=40.0)))
    world.lights.gutter = 1.0  # a draught: the widest swing
    for _ in range(120):
        world.step()
        rows = light_rows(world, view)
        far = world.lights[len(bulbs)]
        assert far._tick != world.lights._tick  # never read: not worked out
        touching = [light for light in world.lights if light.brightness > 0.0 and light.position[0] - light.spec.radius <= view[2]]
        assert len(rows) == len(touching)
    assert 0 < len(touching) < len(bulbs)  # some swung in, some did not


def test_a_floor_is_painted_from_its_own_map_whatever_floor_was_made_since(window):
    """Every level's floor picture is baked by the lighting's one program: one made since for
    another level (a vortex's, say) leaves how this one is painted as it was."""
    from game.level.vortex import generate_vortex
    from game.render.lighting import FloorPicture, Lighting
    from game.render.tiles import level_tiles

    world = World(level(WALL_IN_THE_MIDDLE, lamp(240.0, 176.0)))
    lighting = Lighting(window.ctx, world.level)
    floor = lighting.floor
    floor.bake((0.0, 0.0))
    first = floor.picture.read()
    FloorPicture(window.ctx, level_tiles(generate_vortex(3)), lighting.bake_program, lighting.quad)
    floor.bake((0.0, 0.0))
    assert floor.picture.read() == first
    assert len(set(first)) > 8  # (a floor of many colours, not a blank one)
