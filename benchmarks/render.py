"""Render speed at 1280x720 headless: our lights with soft shadows against arcade's LightLayer without.

Both draw the same generated backstage (the same floor, walls, props and player, drawn by the
game's WorldRenderer) with the same flickering lights while the player walks; each frame ends
with ``ctx.finish()`` so the GPU work is inside the timer. The two are measured in alternating
blocks so that other work on the machine slows both alike. Then a table of our median frame
time for 1/4/12/32 lights x 100/300/1000 occluder edges in view.

Run: ``python -m benchmarks.render [--seed N] [--frames N] [--msaa]``. The window is made as the
game makes it (``game/app.py``: no multisampling); ``--msaa`` measures arcade's default 4x
multisampling instead, where writing four samples a pixel dominates both.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import statistics
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("ARCADE_HEADLESS", "1")

MIN_LIGHTS = 12  # the floor for the headline figure
MIN_EDGES = 300
BLOCK = 10  # frames per alternating block
TABLE_LIGHTS = (1, 4, 12, 32)
TABLE_EDGES = (100, 300, 1000)
TABLE_FRAMES = 30


def load_light_layer_module(arcade):
    """arcade.future.light.lights, loaded by file path: arcade.future's __init__ fails headless
    (it reaches pyglet.input, which wants what game.compat.prepare_gui papers over first)."""
    from game.compat import prepare_gui

    prepare_gui()
    path = Path(arcade.__file__).parent / "future" / "light" / "lights.py"
    spec = importlib.util.spec_from_file_location("arcade_future_light_lights", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def walk(tick: int):
    from game.sim.actions import Actions

    angle = tick * 0.02
    return Actions((math.cos(angle), math.sin(angle * 0.63)))


def enrich(level, rng_seed: int):
    """Make sure that around the spawn, where the player walks, at least MIN_LIGHTS flickering
    lights reach the view and at least MIN_EDGES occluder edges lie within their reach, adding
    lights and crates on free floor near the spawn where the generated level has fewer."""
    import random

    from game.level.model import TILE_SIZE, LightSpec, PropSpec
    from game.render.shadows import cull, wall_edges

    rng = random.Random(f"bench:{rng_seed}")
    sx, sy = level.spawn
    view = (sx - 640.0, sy - 360.0, sx + 640.0, sy + 360.0)
    free = [
        ((col + 0.5) * TILE_SIZE, (row + 0.5) * TILE_SIZE)
        for row in range(1, level.height - 1)
        for col in range(1, level.width - 1)
        if abs((col + 0.5) * TILE_SIZE - sx) < 600 and abs((row + 0.5) * TILE_SIZE - sy) < 340
        and not any(level.is_wall(col + dc, row + dr) for dc in (-1, 0, 1) for dr in (-1, 0, 1))
    ]

    def reaches(light) -> bool:
        left, bottom, right, top = view
        return light.x + light.radius >= left and light.x - light.radius <= right and light.y + light.radius >= bottom and light.y - light.radius <= top

    lights = [replace(light, flicker=max(light.flicker, 0.3)) for light in level.lights]
    kinds = ("candle", "bare_bulb", "work_lamp", "candle", "spill")
    while sum(map(reaches, lights)) < MIN_LIGHTS:
        x, y = rng.choice(free)
        lights.append(LightSpec(x, y, 260.0, (255, 196, 130), 1.0, 0.6, kinds[len(lights) % len(kinds)]))
    reach = 300.0
    left, bottom, right, top = view
    near_walls = len(cull(wall_edges(level), left - reach, bottom - reach, right + reach, top + reach))
    props = list(level.props)
    near_props = sum(1 for p in props if p.casts_shadow and left - reach <= p.x <= right + reach and bottom - reach <= p.y <= top + reach)
    while near_walls + 4 * near_props + 10 < MIN_EDGES:
        x, y = rng.choice(free)
        props.append(PropSpec(x, y, 20.0, 20.0, "crate", movable=False))
        near_props += 1
    return replace(level, lights=tuple(lights), props=tuple(props))


class Ours:
    def __init__(self, window, world):
        from game.render.world import WorldRenderer

        self.window = window
        self.renderer = WorldRenderer(world, window)
        self.renderer.observe()
        self.renderer.snap_camera()

    def frame(self) -> None:
        self.window.clear()
        self.renderer.draw(1.0)


class Theirs:
    """The same scene, drawn through arcade's LightLayer with the same lights, no shadows."""

    def __init__(self, window, world, module):
        from game.render.world import WorldRenderer

        self.window, self.world = window, world
        self.renderer = WorldRenderer(world, window)
        self.sprite_lists = (self.renderer.background, self.renderer.easel, self.renderer.props, self.renderer.tools, self.renderer.player)
        for sprites in self.sprite_lists:
            sprites.data.program = window.ctx.sprite_list_program_cull  # arcade's own, unlit
        self.renderer.observe()
        self.renderer.snap_camera()
        self.layer = module.LightLayer(*window.get_framebuffer_size())
        from game.render.lighting import AMBIENT

        self.ambient = tuple(round(c * 255) for c in AMBIENT)  # the same darkness as ours
        self.lights = []
        for light in world.lights:
            handle = module.Light(*light.position, light.spec.radius, tuple(light.spec.color), "soft")
            self.layer.add(handle)
            self.lights.append((light, handle))

    def frame(self) -> None:
        for light, handle in self.lights:  # flicker and sway, as ours gets them
            handle.position = light.position
            b = min(1.0, light.brightness)
            handle._color = tuple(int(c * b) for c in light.spec.color)
        self.window.clear()
        r = self.renderer
        r._sync(1.0)
        r.follow(1.0)
        r.world_camera.use()
        with self.layer:
            for sprites in self.sprite_lists:
                sprites.draw(pixelated=True)
        self.layer.draw(ambient_color=self.ambient)


def timed(drawer, world, ctx, frames: int, start_tick: int, counts: list | None = None) -> list[float]:
    times = []
    for i in range(frames):
        drawer.renderer.remember()
        world.step(walk(start_tick + i))
        drawer.renderer.observe()
        t0 = time.perf_counter()
        drawer.frame()
        ctx.finish()
        times.append(time.perf_counter() - t0)
        if counts is not None:
            counts.append((drawer.renderer.lighting.light_count, drawer.renderer.lighting.edge_count))
    return times


def p95(values) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def synthetic_level(lights: int, edges: int):
    """One screen-sized room with `lights` lights and crates until `edges` occluder edges are in view."""
    import random

    from game.level.model import Level, LightSpec, PropSpec
    from game.render.shadows import wall_edges

    cols, rows = 40, 23
    text = ["#" * cols] + ["#" + "." * (cols - 2) + "#" for _ in range(rows - 2)] + ["#" * cols]
    text[rows // 2] = "#" + "." * (cols // 2 - 1) + "S" + "." * (cols - cols // 2 - 2) + "#"
    level = Level.from_ascii(text, seed=1)
    rng = random.Random(f"table:{lights}:{edges}")
    specs = tuple(
        LightSpec(rng.uniform(80, cols * 32 - 80), rng.uniform(80, rows * 32 - 80), rng.uniform(180, 300), (255, 200, 140), 1.0, 0.5, ("candle", "bare_bulb", "work_lamp")[i % 3])
        for i in range(lights)
    )
    crates = max(0, (edges - len(wall_edges(level)) - 10) // 4)
    props = tuple(PropSpec(rng.uniform(60, cols * 32 - 60), rng.uniform(60, rows * 32 - 60), rng.uniform(10, 24), rng.uniform(10, 24), "crate", movable=False) for _ in range(crates))
    return replace(level, lights=specs, props=props)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--frames", type=int, default=200, help="frames measured for each renderer")
    parser.add_argument("--msaa", action="store_true", help="a window with 4x multisampling (arcade's default)")
    parser.add_argument("--no-table", action="store_true")
    args = parser.parse_args(argv)

    from game.compat import prepare_arcade

    arcade = prepare_arcade()
    window = arcade.Window(1280, 720, "render benchmark", visible=False, antialiasing=args.msaa)
    ctx = window.ctx
    module = load_light_layer_module(arcade)

    from game.level.generate import generate_backstage
    from game.sim.world import World

    level = enrich(generate_backstage(args.seed), args.seed)
    world = World(level, seed=args.seed)
    ours, theirs = Ours(window, world), Theirs(window, world, module)
    for drawer in (ours, theirs):  # warm up: shader compiles, texture uploads
        timed(drawer, world, ctx, 5, 0)
    ours_times, theirs_times, counts = [], [], []
    tick = 0
    while len(ours_times) < args.frames:
        ours_times += timed(ours, world, ctx, BLOCK, tick, counts)
        theirs_times += timed(theirs, world, ctx, BLOCK, tick + BLOCK)
        tick += 2 * BLOCK
    from game.render.shadows import wall_edges

    total_edges = len(wall_edges(level)) + 4 * sum(p.casts_shadow for p in level.props) + 10
    print(f"level: generated backstage seed {args.seed}, {level.width}x{level.height} tiles, {len(level.lights)} lights, {total_edges} occluder edges")
    print(f"window: 1280x720 headless, {'4x multisampling' if args.msaa else 'no multisampling (as the game opens it)'}, {ctx.info.RENDERER}")
    lights_drawn, edges_drawn = (statistics.mean(c) for c in zip(*counts))
    print(f"per frame (mean): {lights_drawn:.1f} lights reaching the view, {edges_drawn:.0f} occluder edges within their reach; player walking")
    om, tm = statistics.median(ours_times) * 1000, statistics.median(theirs_times) * 1000
    print(f"ours (soft shadows):          median {om:6.2f} ms   p95 {p95(ours_times) * 1000:6.2f} ms   ({len(ours_times)} frames)")
    print(f"arcade LightLayer (no shadows): median {tm:6.2f} ms   p95 {p95(theirs_times) * 1000:6.2f} ms   ({len(theirs_times)} frames)")

    if not args.no_table:
        print()
        print("median frame time (ms), one screen-sized room, every light and edge in view:")
        print("lights \\ edges " + "".join(f"{e:>9}" for e in TABLE_EDGES) + "   LightLayer")
        for lights in TABLE_LIGHTS:
            cells = []
            for edges in TABLE_EDGES:
                table_world = World(synthetic_level(lights, edges), seed=1)
                drawer = Ours(window, table_world)
                timed(drawer, table_world, ctx, 3, 0)
                times = timed(drawer, table_world, ctx, TABLE_FRAMES, 3)
                cells.append(statistics.median(times) * 1000)
            table_world = World(synthetic_level(lights, TABLE_EDGES[0]), seed=1)
            drawer = Theirs(window, table_world, module)
            timed(drawer, table_world, ctx, 3, 0)
            arcade_ms = statistics.median(timed(drawer, table_world, ctx, TABLE_FRAMES, 3)) * 1000
            print(f"{lights:>14} " + "".join(f"{c:9.2f}" for c in cells) + f"   {arcade_ms:10.2f}")
    print(f"ours / LightLayer: {om / tm:.3f} (target <= 0.75)")
    print(f"render_vs_lightlayer_ratio: {om / tm:.3f}")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
