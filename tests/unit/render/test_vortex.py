"""The vortex's picture: the swirl closes on itself with no seam, and the way to the eye can be seen."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from driver import screenshot
from game.sim.vortex import Swirl

LEVELS = Path(__file__).resolve().parents[3] / "levels"
EYE = (1000.0, 360.5)  # on screen, right of the middle: the angle wraps along the row to its left


def field_rows(window, reduce_motion: bool, turn: float, hole: float = 0.0) -> np.ndarray:
    """The swirl field drawn with its eye at EYE; returns the picture (rows top-down)."""
    import arcade

    from game.render.vortex import SwirlField

    camera = arcade.Camera2D(position=(640.0, 360.0))
    camera.match_window()
    swirl = Swirl(EYE, reduce_motion)
    swirl.turn = turn
    window.clear()
    SwirlField(window.ctx).draw(camera, window, swirl, 7.0, reduce_motion, hole=hole)
    return np.asarray(screenshot(window), np.float32)


def across_rows(picture: np.ndarray, row: int, columns: slice) -> float:
    """How much each pixel differs from the one below it, along `row`, averaged."""
    return float(np.abs(picture[row + 1, columns] - picture[row, columns]).sum(axis=1).mean())


@pytest.mark.parametrize("turn", [0.3, 2.0, 40.0])
@pytest.mark.parametrize("reduce_motion", [False, True], ids=["full", "reduced motion"])
def test_the_swirl_has_no_seam_where_its_angle_wraps(window, reduce_motion, turn):
    picture = field_rows(window, reduce_motion, turn)
    wrap_row = picture.shape[0] - int(EYE[1]) - 1  # the row pair straddling the eye's height
    columns = slice(80, int(EYE[0]) - 80)  # left of the eye: where the angle jumps from +pi to -pi
    seam = across_rows(picture, wrap_row, columns)
    elsewhere = [across_rows(picture, row, columns) for row in range(wrap_row - 40, wrap_row + 41) if abs(row - wrap_row) > 3]
    assert seam <= 1.5 * np.median(elsewhere) + 1.0, f"a seam: {seam:.1f} across the wrap, {np.median(elsewhere):.1f} elsewhere"


def test_the_hole_the_room_falls_into_has_no_seam_either(window):
    picture = field_rows(window, False, 2.0, hole=420.0)
    wrap_row = picture.shape[0] - int(EYE[1]) - 1
    columns = slice(int(EYE[0]) - 700, int(EYE[0]) - 250)  # across the hole's ragged edge
    seam = across_rows(picture, wrap_row, columns)
    elsewhere = [across_rows(picture, row, columns) for row in range(wrap_row - 30, wrap_row + 31) if abs(row - wrap_row) > 3]
    assert seam <= 1.5 * np.median(elsewhere) + 1.0, f"a seam: {seam:.1f} across the wrap, {np.median(elsewhere):.1f} elsewhere"


def test_the_holes_ragged_edge_looked_up_round_the_eye_is_the_edge_worked_out_at_every_pixel(window):
    """The hole's edge wanders with the angle round the eye and the time alone: it is worked out
    once a frame along a row of texels and looked up by every pixel of the field. The field is the
    one that works it out four octaves deep at each pixel, frame after frame as the edge moves."""
    import arcade

    from game.render import vortex

    camera = arcade.Camera2D(position=(640.0, 360.0))
    camera.match_window()
    looked_up = vortex.SwirlField(window.ctx)
    worked_out = vortex.SwirlField(window.ctx)
    source = vortex._FS.replace("texture(u_edge, vec2(a / TAU, 0.5)).r", "fbm_round(a / TAU, u_time * 0.4, 6.0)")
    assert source != vortex._FS
    worked_out.programs[True] = window.ctx.program(vertex_shader=vortex.FULLSCREEN_VS, fragment_shader=source, defines={"HOLE": 1})
    pictures = []
    for seconds in (7.0, 9.5):
        for field in (looked_up, worked_out):
            window.clear()
            field.draw(camera, window, Swirl(EYE, False), seconds, False, hole=420.0)
            pictures.append(np.asarray(screenshot(window), np.int16))
    assert np.abs(pictures[0] - pictures[1]).max() <= 2 and np.abs(pictures[2] - pictures[3]).max() <= 2
    assert (np.abs(pictures[0] - pictures[2]).max(axis=2) > 24).mean() > 0.01  # (the edge moved between them)


def test_a_hole_wider_than_the_screen_works_nothing_out(window, monkeypatch):
    """The room still whole under the swirl's hole (its clear middle past every edge): no pass
    of the field is drawn at all (no rectangles is not "the last frame's rectangles")."""
    import arcade

    from game.render.vortex import SwirlField

    field = SwirlField(window.ctx)
    camera = arcade.Camera2D(position=(640.0, 360.0))
    camera.match_window()
    field.draw(camera, window, Swirl((640.0, 360.0), False), 7.0, False, hole=300.0)  # a frame round a small hole
    drawn = []
    monkeypatch.setattr(field.frame, "render", lambda *args, **kwargs: drawn.append(kwargs.get("vertices")))
    field.draw(camera, window, Swirl((640.0, 360.0), False), 7.0, False, hole=5000.0)
    assert drawn == []


@pytest.mark.parametrize("reduce_motion", [False, True], ids=["full", "reduced motion"])
def test_from_where_the_dreamer_arrives_the_way_to_the_eye_shows(window, reduce_motion):
    import math

    from game.level.tiled import load_level
    from game.session import Run, RunOptions
    from game.sim.world import SimSettings, World
    from game.sim.story import Beat
    from game.views.play import GameView
    run = Run(RunOptions(seed=12, size="small"))
    run.world = World(load_level(LEVELS / "vortex.tmj"), seed=12, settings=SimSettings(reduce_motion=reduce_motion), start=Beat.VORTEX)
    view = GameView(run)
    window.show_view(view)
    for _ in range(30):
        view.step_once()
    view.on_draw()
    world = view.world
    # The camera follows the dreamer past the level's edge: they stay in the middle of the screen.
    cx, cy = view.renderer.world_camera.position
    px, py = world.player.position
    assert math.hypot(cx - px, cy - py) < 40
    # The screen is brighter toward the eye (its light, and the glow at the edge pointing to it).
    picture = np.asarray(screenshot(window), np.float32).mean(axis=2)
    h, w = picture.shape
    ys, xs = np.mgrid[0:h, 0:w]
    weight = np.clip(picture - np.percentile(picture, 60), 0, None)
    weight[np.hypot(xs - w / 2, ys - h / 2) < 160] = 0.0  # not the dreamer's own glow
    bright = ((xs * weight).sum() / weight.sum() - w / 2, -((ys * weight).sum() / weight.sum() - h / 2))
    ex, ey = world.story.scene.swirl.eye
    toward = math.atan2(ey - py, ex - px)
    off = abs((math.atan2(bright[1], bright[0]) - toward + math.pi) % (2 * math.pi) - math.pi)
    assert off < math.radians(50), f"the light leans {math.degrees(off):.0f} degrees away from the eye"
    view.overlay.close()
    assert view.renderer.bounded  # other beats' cameras stop at the level's edge again


def test_without_a_hole_the_field_leaves_the_holes_edge_out_of_its_shader_and_looks_the_same(window):
    """The vortex and the waking have no hole: their field's shader has none of the hole's
    ragged edge to work out (software GL works out every branch), and paints the colours the
    shader with it paints (the edge only sets how much of the field shows)."""
    import arcade

    from game.render.vortex import SwirlField

    plain = field_rows(window, False, 2.0)
    field = SwirlField(window.ctx)
    with pytest.raises(KeyError):
        field.programs[False]["u_hole"]
    field.programs[False] = field.programs[True]
    camera = arcade.Camera2D(position=(640.0, 360.0))
    camera.match_window()
    swirl = Swirl(EYE, False)
    swirl.turn = 2.0
    window.clear()
    field.draw(camera, window, swirl, 7.0, False, hole=0.0)
    with_edge = np.asarray(screenshot(window), np.float32)
    assert np.abs(with_edge - plain).max() <= 1.0


def test_the_vortex_is_made_while_lights_on_plays_and_begins_with_nothing_left_to_make(window, monkeypatch):
    """The vortex — its field's programs and first pass, its shards, the sprites of what orbits
    the eye — is made a step a frame once lights on's hall has flown: the vortex begins with that
    very overlay, which makes no orbiter's picture on its first frame, lets the camera go past the
    level's edge, and never puts the vortex level's floor on the GPU (the swirl hides it)."""
    from driver import play_through
    from game.bot import Bot
    from game.render import vortex
    from game.render.vortex import VortexOverlay
    from game.session import Run, RunOptions
    from game.sim.story import Beat
    from game.sim.world import World
    from game.views.play import GameView

    run = Run(RunOptions(seed=3, size="small", autoplay=True))
    run.world = World(run.world.level, seed=3, start=Beat.LIGHTS_ON)
    run.bot = Bot(run.world)
    view = GameView(run)
    window.show_view(view)
    made, ready, pictures = [], [], []
    make, enter, picture = VortexOverlay.__init__, VortexOverlay.entered, vortex.orbit_picture
    monkeypatch.setattr(VortexOverlay, "__init__", lambda overlay, *args: (made.append(overlay), make(overlay, *args))[-1])
    monkeypatch.setattr(VortexOverlay, "entered", lambda overlay, view: (ready.append((overlay.field.target is not None, overlay.orbit_names)), enter(overlay, view))[-1])
    monkeypatch.setattr(vortex, "orbit_picture", lambda world, *args: (pictures.append(world.story.beat), picture(world, *args))[-1])
    play_through(view, Beat.LIGHTS_ON)
    world = view.world
    assert world.story.beat == Beat.VORTEX
    assert len(made) == 1 and view.overlay is made[0]
    overlay = made[0]
    orbiters = [(orbiter.kind, orbiter.name) for orbiter in world.story.scene.orbiters]
    assert ready == [(True, orbiters)] and len(orbiters) > 0  # (its field worked out once, unseen, its orbiters' sprites made)
    sprites = overlay.orbit_sprites
    view.on_draw()
    assert Beat.LIGHTS_ON in pictures and Beat.VORTEX not in pictures
    assert overlay.orbit_sprites is sprites and len(sprites) == len(orbiters)
    assert view.renderer.bounded is False
    assert view.renderer.lighting.level is world.level and view.renderer.lighting._floor is None


def test_a_dream_resumed_in_the_vortex_makes_its_overlay_there_and_then(window):
    """Nothing was made ahead (no lights on before it): the first frame makes the orbiters' sprites."""
    from game.level.vortex import generate_vortex
    from game.session import Run, RunOptions
    from game.sim.story import Beat
    from game.sim.world import World
    from game.views.play import GameView

    run = Run(RunOptions(seed=3, size="small"))
    run.world = World(generate_vortex(3), seed=3, start=Beat.VORTEX)
    view = GameView(run)
    window.show_view(view)
    view.step_once()
    view.on_draw()
    overlay = view.overlay
    assert overlay.orbit_names == [(orbiter.kind, orbiter.name) for orbiter in view.world.story.scene.orbiters]
    assert len(overlay.orbit_sprites) == len(view.world.story.scene.orbiters) > 0
    assert view.renderer.bounded is False
