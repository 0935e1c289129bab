"""The hall: the dreamer grips the masterpiece and lifts it; the boxes are full; under the house lights the hall is stark, then tears away."""

from __future__ import annotations

import numpy as np
import pytest

from driver import screenshot
from game.session import Run, RunOptions
from game.sim.actions import Actions
from game.sim.story import Beat
from game.sim.world import World
from game.views.play import GameView


@pytest.mark.parametrize("lift", [0.0, 0.5, 1.0])
def test_both_hands_grip_the_frame_at_its_edges_however_high_it_is_held(window, lift):
    from game.render.audience import FRAME_PX, HallPicture
    from PIL import Image

    hall = HallPicture(3, 200)
    hall.set_picture(Image.new("RGB", (64, 64), (120, 40, 60)))
    hall.place_dreamer(lift)
    fx, fy = hall.frame[0].position
    half = FRAME_PX / 2
    for side, hand, arm in zip((-1, 1), hall.hands, hall.arms):
        hx, hy = hand.position
        assert abs(abs(hx - fx) - half) < 12, "a hand is not on the frame's edge"
        assert fy - half < hy < fy + half
        # The arm runs from the shoulder to that hand.
        ax, ay = arm.position
        assert abs(ax - (hx + hall.body.position[0] + side * 30) / 2) < 2
    body_top = hall.body.position[1] + hall.body.height / 2
    if lift == 1.0:
        assert fy - half > body_top - 40, "held high, the frame should be up over the head"
    if lift == 0.0:
        assert fy + half < body_top - 10, "at rest, the head shows above the frame"


def test_the_balcony_boxes_are_full_of_people_behind_their_rails():
    from game.render.audience import BOX_SEATS, BOX_TIERS, RAIL_HEIGHT, box_rects, seat_plan

    plan = seat_plan(3, 720)
    in_boxes = [seat for seat in plan if seat.in_box]
    assert len(in_boxes) == 2 * BOX_TIERS * BOX_SEATS
    for x0, x1, bottom in box_rects():
        seated = [s for s in in_boxes if x0 <= s.x <= x1 and bottom < s.y < bottom + 2 * RAIL_HEIGHT]
        assert len(seated) == BOX_SEATS  # every box has its people, just over its rail


def test_the_front_rows_are_drawn_last_over_the_rows_behind_them():
    from game.render.audience import seat_plan

    stalls = [seat for seat in seat_plan(3, 720) if not seat.in_box]
    depths = [seat.y for seat in stalls]  # the lower on the screen, the nearer the camera
    assert depths[0] > 250 and depths[-1] < 0
    assert sum(b > a + 8 for a, b in zip(depths, depths[1:])) == 0  # never a row further back drawn after a nearer one


def lights_on_frame(window, ticks: int) -> np.ndarray:
    from game.views.play import GameView

    run = Run(RunOptions(seed=3, size="small"))
    run.world = World(run.world.level, seed=3, start=Beat.LIGHTS_ON)
    view = GameView(run)
    window.show_view(view)
    for _ in range(ticks):
        view.step_once()
    view.on_draw()
    return np.asarray(screenshot(window), np.float32)


def test_under_the_house_lights_the_hall_is_stark_and_the_dreamer_still_holds_the_picture(window):
    from game.render.audience import ARCH, FEET_Y

    frame = lights_on_frame(window, 40)
    h = frame.shape[0]
    lum = frame.mean(axis=2)
    assert np.percentile(lum, 90) > 200  # hard white light...
    red = (frame[..., 0] > 140) & (frame[..., 0] > 2.2 * frame[..., 1])
    assert red.mean() > 0.15  # ...on rows and rows of empty red seats, not a washed-out tint
    # The dreamer, seen plainly, still standing on the bright, bare stage in the middle, the picture in hand.
    cx = (ARCH[0] + ARCH[2]) // 2
    legs = frame[h - FEET_Y - 40 : h - FEET_Y - 10, cx + 7 : cx + 13]  # one leg
    stage = frame[h - FEET_Y - 40 : h - FEET_Y - 10, cx + 160 : cx + 260]
    assert stage.mean() > 180 and stage.mean() - legs.mean() > 60
    assert legs[..., 2].mean() > legs[..., 0].mean()  # blue-grey cloth: the figure's own colours, not a silhouette


def test_the_hall_tears_away_to_show_the_room_breaking_behind_it(window):
    whole = lights_on_frame(window, 40)
    tearing = lights_on_frame(window, 118)
    changed = np.abs(tearing - whole).sum(axis=2) > 60
    assert 0.15 < changed.mean() < 0.85  # part of the hall is gone, part still hangs there


def hall_at(window, hall, **moment) -> np.ndarray:
    window.clear()
    hall.draw(window, moment.pop("seconds", 1.0), curtain=1.0, lift=0.0, warmth=1.0, **moment)
    return np.asarray(screenshot(window), np.int16)


def test_the_hall_rises_with_the_applause_and_sits_again_however_it_was_last_drawn(window):
    """The crowd's poses are worked out on the GPU from the moment: the applause, the hall on its
    feet, the seats emptied and the hall seen full again each show, whatever the frame before was."""
    from game.render.audience import STAGE_LIP_Y, HallPicture

    hall = HallPicture(3, 720)
    h = window.get_framebuffer_size()[1]
    crowd = slice(h - STAGE_LIP_Y, h)  # the rows of the screen the stalls fill
    above_them = slice(h - STAGE_LIP_Y + 10, h - STAGE_LIP_Y + 26)  # the stage's lip, just over the back rows' heads
    seated = hall_at(window, hall, applause=0.0, standing=0.0)
    assert np.array_equal(hall_at(window, hall, applause=0.0, standing=0.0), seated)
    risen = hall_at(window, hall, applause=1.0, standing=1.0, seconds=2.3)
    changed = np.abs(risen[crowd] - seated[crowd]).max(axis=2) > 40
    assert changed.mean() > 0.2  # hands up, clapping, bobbing
    assert risen[above_them].mean() < seated[above_them].mean() - 10  # on their feet, heads up over the stage's lip
    assert np.array_equal(hall_at(window, hall, applause=0.0, standing=0.0), seated)  # the applause dies: all sit as before
    empty = hall_at(window, hall, applause=0.0, standing=0.0, empty=True)
    red = (empty[crowd][..., 0] > 120) & (empty[crowd][..., 0] > 2 * empty[crowd][..., 1])
    assert red.mean() > 0.25  # rows of empty red seats (the dark hall behind them: seated, it is black shapes)
    assert np.array_equal(hall_at(window, hall, applause=0.0, standing=0.0), seated)  # the hall seen full again


def nothing_hidden(plan, *rest):
    """hidden_bottoms as though nothing were hidden: every seat drawn whole (in one step)."""
    yield
    return [0] * len(plan)


@pytest.mark.parametrize("moment", [dict(applause=0.0, standing=0.0), dict(applause=1.0, standing=1.0, seconds=2.3),
                                    dict(applause=0.7, standing=0.4, seconds=3.7), dict(applause=0.0, standing=0.0, empty=True)])
def test_what_the_crowd_never_shows_is_not_drawn_and_nothing_seen_changes(window, monkeypatch, moment):
    """Each seat is drawn only down to where the seats in front of it hide it in every pose: a
    good part of the crowd's pixels, and the hall looks just as it does with every seat drawn whole."""
    from game.render import audience
    from game.render.ahead import painted
    from game.render.crowd import FIELDS, LOOKS

    def drawn_area() -> float:
        _, numbers = painted(audience.crowd_pictures(3, 720))
        look = "empty" if moment.get("empty") else "seated"
        return float((numbers[:, FIELDS.index(f"{look}_width")] * numbers[:, FIELDS.index(f"{look}_height")]).sum())

    cut, area = hall_at(window, audience.HallPicture(3, 720), **dict(moment)), drawn_area()
    monkeypatch.setattr(audience, "hidden_bottoms", nothing_hidden)
    whole, whole_area = hall_at(window, audience.HallPicture(3, 720), **dict(moment)), drawn_area()
    assert area < 0.85 * whole_area and len(LOOKS) == 5
    differs = np.abs(cut - whole).max(axis=2) > 24
    assert differs.mean() < 0.0005


@pytest.mark.parametrize("lit", [False, True])
def test_the_halls_painting_is_copied_onto_the_screen_as_drawing_it_shows_it(window, lit):
    """At 1280×720 the hall's painting is copied from a picture of itself made once: pixel for
    pixel what drawing it gives, and not made again frame after frame."""
    from game.render.audience import VIEW, HallPicture

    assert window.get_framebuffer_size() == VIEW
    hall = HallPicture(3, 200)
    hall.background.texture = hall.hall.lit if lit else hall.hall.dark
    hall.camera.match_window()
    hall.camera.use()
    window.clear(color=(255, 0, 255))
    hall.back.draw(pixelated=True)
    drawn = np.asarray(screenshot(window), np.int16)
    window.clear(color=(255, 0, 255))
    hall.backdrop.draw(lit, hall.back, hall.camera.zoom)
    picture = hall.backdrop.copies[lit]
    copied = np.asarray(screenshot(window), np.int16)
    assert np.array_equal(copied, drawn)
    window.clear(color=(255, 0, 255))
    hall.backdrop.draw(lit, hall.back, hall.camera.zoom)
    assert hall.backdrop.copies[lit] is picture and np.array_equal(np.asarray(screenshot(window), np.int16), drawn)


def test_the_rooms_floor_is_painted_as_the_house_lights_come_up_not_when_the_room_first_shows(window):
    """Lights on begins with a white flash over the empty hall; the room comes apart behind it a
    second later. Its floor (baked and lit under the house lights) is painted on the beat's first
    frame, under the flash: the frame the room first shows only copies it (tens of ms otherwise)."""
    from game.render.debris import EMPTY_HALL_S
    from game.views.play import GameView

    run = Run(RunOptions(seed=3, size="small"))
    run.world = World(run.world.level, seed=3, start=Beat.LIGHTS_ON)
    view = GameView(run)
    window.show_view(view)
    lighting = view.renderer.lighting
    passes = []
    floor_passes = lighting._floor_passes
    lighting._floor_passes = lambda *args: (passes.append(view.world.story.scene.ticks), floor_passes(*args))
    view.step_once()
    view.on_draw()
    bakes = lighting.floor.bakes
    assert passes and bakes >= 1  # painted on the first frame
    passes.clear()
    while view.world.story.scene.ticks < EMPTY_HALL_S * 60 + 3:
        view.step_once()
        view.on_draw()
    assert view.renderer.drew_room and passes == [] and lighting.floor.bakes == bakes


@pytest.mark.parametrize("flash", [0.15, 0.6, 1.0])
def test_the_house_lights_flash_over_the_hall_as_a_screenful_of_their_light_would(window, flash):
    """The flash as the house lights snap on is washed over the hall in one plain pass: pixel for
    pixel what a screen-sized sprite of that light, that strong, drawn over it gives."""
    import arcade

    from game.render import audience
    from game.render.debris import HELD_LIFT

    hall = audience.HallPicture(3, 200)
    moment = dict(curtain=1.0, applause=0.0, standing=0.0, lift=HELD_LIFT, warmth=0.0, lit=True, empty=True)
    window.clear()
    hall.draw(window, 0.1, flash=flash, **moment)
    washed = np.asarray(screenshot(window), np.int16)
    window.clear()
    hall.draw(window, 0.1, **moment)
    unlit = np.asarray(screenshot(window), np.int16)
    sprites = arcade.SpriteList()
    sprites.append(arcade.SpriteSolidColor(*audience.VIEW, audience.VIEW[0] / 2, audience.VIEW[1] / 2, audience.HOUSE_LIGHT + (int(255 * flash),)))
    hall.camera.use()
    sprites.draw()
    assert np.abs(washed - np.asarray(screenshot(window), np.int16)).max() <= 1
    assert np.abs(washed - unlit).mean() > 60 * flash  # (the flash is there to be seen)


def test_the_hall_and_the_room_are_cut_into_pieces_an_even_share_a_frame_before_the_room_shows(window):
    """Cutting the stark hall and the room into the pieces they come apart in is ~0.15-0.25 s of
    work: a share of its steps each frame of the empty hall from its second (the first draws the
    hall and paints the room's floor), done before the room shows, however long each step takes (a
    time budget a frame ran out on a slow machine: the rest at once)."""
    from game.render.debris import CUT_BY_S, CUT_FROM_FRAME, LightsOnOverlay
    from game.sim.beats.lights_on import EMPTY_HALL_S
    from game.views.play import GameView

    run = Run(RunOptions(seed=3, size="small"))
    run.world = World(run.world.level, seed=3, start=Beat.LIGHTS_ON)
    view = GameView(run)
    window.show_view(view)
    overlay = view.overlay
    assert isinstance(overlay, LightsOnOverlay)
    shares = []
    while view.world.story.scene.ticks < EMPTY_HALL_S * 60:
        view.step_once()
        done = overlay.cut_done
        view.on_draw()
        if overlay.cut_total:
            shares.append(overlay.cut_done - done)
    total = overlay.cut_total
    assert overlay.cutting is None and overlay.pieces is not None and overlay.fragments is not None  # all cut, before the room shows
    assert shares[:CUT_FROM_FRAME] == [0] * CUT_FROM_FRAME  # (the hall's first frames: none)
    assert overlay.cut_done == total and len(shares) >= CUT_BY_S * 60 - 1
    assert max(shares) <= total / (CUT_BY_S * 60 - CUT_FROM_FRAME) + 2  # an even share each frame, none doing it all
    # The steps counted are the steps taken.
    assert total == overlay.cut_steps(view.world.story.scene.debris) == len(list(overlay.cut(window, view.world)))


def test_the_hall_is_made_a_step_at_a_time_before_the_reveal_and_the_reveal_takes_it(window):
    """Its paintings painted ahead, the hall the reveal shows (its textures, its crowd, its
    sprites) is made a step each frame while the acceptance plays, so no frame makes it all, and
    the reveal takes that very hall; never started ahead, nothing is made early."""
    import time

    from game.render import audience
    from game.render.ahead import ahead, idle

    seed = 31
    audience.forget_hall()
    fresh = audience.Hall._made is None
    assert list(audience.prepare_hall(seed)) == [] and seed not in audience._halls  # nothing painted ahead for it: left to the reveal
    if audience.Hall._made is None:
        ahead(audience.hall_paintings)
    ahead(audience.crowd_pictures, seed, audience.SEATS)
    while not idle():
        time.sleep(0.01)
    steps = copies = 0
    readied = False
    for _ in audience.prepare_hall(seed):
        if seed not in audience._halls:  # made at the last of its steps; then the copies of it the reveal begins with
            steps += 1
        elif not readied:  # (first the hall drawn onto a pixel, which readies its drawing: no copy yet)
            readied = True
            assert not audience._halls[seed].backdrop.copies
        else:
            copies += 1
            assert len(audience._halls[seed].backdrop.copies) == copies
    assert steps >= 2 + (4 if fresh else 0)  # the seats and the crowd apart (and the hall's atlases, a picture a step, if not made yet)
    hall = audience._halls[seed]
    assert audience.hall_picture(seed) is hall
    assert set(hall.backdrop.copies) == {"dark", *(("dark", alpha) for alpha in audience.STEADY_SPOTS), "lit"} and copies == 4 and readied
    # The lit hall (lights on's first frames) made ahead is the lit hall as drawing it makes it.
    ahead_lit = hall.backdrop.copies.pop("lit").read(components=4)
    hall.camera.use()
    hall.background.texture = hall.hall.lit
    assert hall.backdrop.made("lit", hall.back).read(components=4) == ahead_lit
    assert len(set(ahead_lit)) > 16  # (a painting, not one colour)
    audience.forget_hall()


@pytest.mark.parametrize("made_ahead", [False, True], ids=["made as drawn", "made ahead"])
@pytest.mark.parametrize("warmth", [0.0, 0.5, 1.0])
def test_the_spotlight_kept_in_the_halls_copy_looks_as_it_does_drawn_over_the_hall(window, monkeypatch, warmth, made_ahead):
    """While the spotlight holds still (as the curtain rises, and at its full) it is painted into
    the copy of the hall the frame begins with (made ahead from the copy of the hall alone, or
    drawn whole when first needed): the frame is pixel for pixel the one drawn with the spotlight
    over the hall, and while it warms no copy is made for each of its strengths."""
    from PIL import Image

    from game.render import audience

    hall = audience.HallPicture(3, 200)
    hall.set_picture(Image.new("RGB", (64, 64), (120, 40, 60)))
    if made_ahead:
        steps = len(list(hall.backdrops_in_steps(window)))
        assert steps == 5 and len(hall.backdrop.copies) == 4  # (the hall readied to be drawn onto a pixel, then a copy a step)
    window.clear()
    hall.draw(window, 2.0, curtain=1.0, applause=0.8, standing=0.3, lift=0.5, warmth=warmth)
    kept = np.asarray(screenshot(window), np.int16)
    steady = audience.spot_alpha(warmth) in audience.STEADY_SPOTS
    assert steady == (warmth != 0.5)
    if not made_ahead:
        assert set(hall.backdrop.copies) == ({("dark", audience.spot_alpha(warmth))} if steady else {"dark"})
    monkeypatch.setattr(audience, "STEADY_SPOTS", ())
    window.clear()
    hall.draw(window, 2.0, curtain=1.0, applause=0.8, standing=0.3, lift=0.5, warmth=warmth)
    over = np.asarray(screenshot(window), np.int16)
    assert np.array_equal(kept, over)


def test_lights_ons_overlay_is_made_while_the_reveal_plays_and_begins_the_beat(window, monkeypatch):
    """Lights on's overlay (its swirl's programs among it, and the stark hall it cuts into pieces,
    drawn offscreen) is made a step a frame as the reveal plays, never on the reveal's first frame;
    lights on begins with that very overlay, and cuts that very hall."""
    from driver import play_through
    from game.bot import Bot
    from game.render.debris import LightsOnOverlay
    from game.views.play import GameView

    run = Run(RunOptions(seed=3, size="small", autoplay=True))
    run.world = World(run.world.level, seed=3, start=Beat.REVEAL)
    run.bot = Bot(run.world)
    view = GameView(run)
    window.show_view(view)
    made = []
    make = LightsOnOverlay.__init__
    monkeypatch.setattr(LightsOnOverlay, "__init__", lambda overlay, *args: (made.append((overlay, view.world.story.beat)), make(overlay, *args))[-1])
    stark, draw_stark = [], LightsOnOverlay.stark_hall_drawn
    monkeypatch.setattr(LightsOnOverlay, "stark_hall_drawn", lambda overlay, window: (stark.append(view.world.story.beat), draw_stark(overlay, window))[-1])
    view.step_once()
    view.on_draw()
    assert made == []  # (not on the reveal's first frame)
    play_through(view, Beat.REVEAL)
    assert view.world.story.beat == Beat.LIGHTS_ON
    assert len(made) == 1 and view.overlay is made[0][0]
    assert made[0][1] == Beat.REVEAL
    overlay = made[0][0]
    drawn_ahead = overlay.stark_hall
    assert drawn_ahead is not None and stark == [Beat.REVEAL]
    for _ in range(3):
        view.step_once()
        view.on_draw()
    assert overlay.stark_hall is None and overlay.cut_done >= 2 and stark == [Beat.REVEAL]  # (cut, not drawn again)


def test_lights_ons_empty_hall_is_copied_from_the_stark_hall_drawn_ahead_as_drawing_it_shows_it(window, monkeypatch):
    """While the empty hall shows, lights on copies the stark hall drawn as the reveal played onto
    the screen, its flash over it, rather than drawing the hall again each frame: what drawing it
    gives (and what is torn into pieces after). The picture is let go once the room shows."""
    from driver import play_through
    from game.bot import Bot
    from game.render.audience import VIEW, HallPicture

    assert window.get_framebuffer_size() == VIEW
    run = Run(RunOptions(seed=3, size="small", autoplay=True))
    run.world = World(run.world.level, seed=3, start=Beat.REVEAL)
    run.bot = Bot(run.world)
    view = GameView(run)
    window.show_view(view)
    play_through(view, Beat.REVEAL)
    overlay, picture = view.overlay, view.overlay.stark_picture
    assert picture is not None and overlay.empty_hall(view)
    drawn, draw = [], HallPicture.draw
    monkeypatch.setattr(HallPicture, "draw", lambda hall, *args, **kwargs: (drawn.append(kwargs.get("flash", 0.0)), draw(hall, *args, **kwargs))[-1])
    for _ in range(3):
        view.step_once()
        view.on_draw()
    assert drawn == [] and overlay.stark_picture is picture  # (copied, not drawn)
    assert set(overlay.hall.backdrop.copies) == {"lit"}  # the reveal's dark copies let go, the lit one kept (drawn if the window is resized)
    for flash in (0.6, 0.0):
        window.clear()
        overlay.draw_empty_hall(window, 0.5, flash)
        copied = np.asarray(screenshot(window), np.int16)
        overlay.stark_picture = None
        window.clear()
        overlay.draw_empty_hall(window, 0.5, flash)
        overlay.stark_picture = picture
        differs = np.abs(copied - np.asarray(screenshot(window), np.int16)).max(axis=2) > 0
        assert drawn[-1] == flash and differs.mean() < 0.001  # (a few hundred pixels at the edges of smoothed sprites, the
        # rails' and the picture's, which software GL rounds otherwise onto a picture than onto the screen)
    while overlay.empty_hall(view):
        view.step_once()
        view.on_draw()
    assert overlay.stark_picture is None


def test_the_rows_the_crowd_hides_are_worked_out_a_step_of_seats_at_a_time():
    """hidden_bottoms is painted on the worker beside the frames: it yields every STEP_SEATS
    seats, so no step of it holds a core for long, and gives a row count for every seat."""
    from game.render import audience

    stalls = [seat for seat in audience.seat_plan(3, audience.SEATS) if not seat.in_box]
    person = (np.ones((60, 24), bool), np.ones((60, 24), bool))
    working = audience.hidden_bottoms(stalls, [person] * len(stalls), [0.0] * len(stalls), [0.0] * len(stalls))
    steps = 0
    try:
        while True:
            next(working)
            steps += 1
    except StopIteration as done:
        hidden = done.value
    assert steps == -(-len(stalls) // audience.STEP_SEATS) and steps >= 3
    assert len(hidden) == len(stalls) and max(hidden) > 0  # (opaque people in rows: the ones in front hide the bottoms of those behind)


def test_the_crowds_atlas_goes_to_the_gpu_in_steps_of_its_own_as_it_was_painted(window):
    """Crowd.made_in_steps makes the atlas's texture in one step and sends the pictures in the
    next (each costs a frame's worth in software GL), its top row at the texture's first as the
    crowd's numbers read it; its programs and seats after."""
    from game.render.ahead import built_in_steps
    from game.render.crowd import FIELDS, Crowd

    atlas = np.random.default_rng(5).integers(0, 256, (64, 32, 4), dtype=np.uint8)
    seats = np.zeros((3, len(FIELDS)), np.float32)
    making = built_in_steps(Crowd, Crowd.made_in_steps, window.ctx, atlas, {"stalls": seats})
    next(making)
    crowd = making.gi_frame.f_locals["instance"]
    assert crowd.atlas.size == (32, 64) and not hasattr(crowd, "parts")  # the texture made, nothing sent yet
    next(making)
    sent = np.frombuffer(crowd.atlas.read(), np.uint8).reshape(64, 32, 4)
    assert np.array_equal(sent, atlas) and not hasattr(crowd, "parts")
    with pytest.raises(StopIteration) as done:
        next(making)
    assert done.value.value is crowd and crowd.parts["stalls"][1] == 3
