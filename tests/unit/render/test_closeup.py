"""The flaw close-up: once the dreamer has noticed it, the knot stands out from the picture, and the gaze is pulled to it."""

from __future__ import annotations

import numpy as np
import pytest

from driver import play_through, screenshot
from game.render.masterpiece import art_for
from game.session import Run, RunOptions
from game.sim.actions import Actions
from game.sim.beats.flaw import STILL_TICK
from game.sim.story import Beat


def luminance(rgb) -> np.ndarray:
    return np.asarray(rgb, np.float32)[..., :3] @ np.array([0.299, 0.587, 0.114], np.float32) / 255.0


def knot_contrast(lum: np.ndarray, centre: tuple[float, float], radius: float) -> float:
    """How much the knot (a disc of `radius` round `centre`, px of `lum`, row 0 at the top)
    differs from the ring of picture round it, in luminance 0..1."""
    h, w = lum.shape
    ys, xs = np.mgrid[0:h, 0:w]
    d = np.hypot(xs - centre[0], ys - centre[1])
    knot = lum[d < radius * 0.6].mean()
    ring = lum[(d > radius * 1.6) & (d < radius * 3.0)].mean()
    return abs(float(knot - ring))


@pytest.mark.parametrize("seed", [3, 12, 777])
def test_the_flaw_closeup_draws_the_eye_to_the_knot(window, seed):
    from game.render.closeup import CloseupRenderer

    world = Run(RunOptions(seed=seed, size="small")).world
    world.story.enter(Beat.FLAW)
    for _ in range(STILL_TICK + 20):  # into the beat of stillness
        world.step(Actions())
    assert world.story.scene.moment == "still"
    renderer = CloseupRenderer(window)
    window.clear()
    renderer.draw(world)
    frame = luminance(screenshot(window))
    height = frame.shape[0]
    x, y = renderer.to_screen(*world.flaw.centre)
    knot = world.flaw.blots[0]
    radius_px = knot.radius * renderer.scale
    seen = knot_contrast(frame, (x, height - y), radius_px)
    # The clean picture at the same place: the same disc and ring on the art itself.
    art = luminance(art_for(world.seed).pixels)
    size = art.shape[0]
    u, v = world.flaw.centre
    clean = knot_contrast(art, (u * size, (1.0 - v) * size), knot.radius * size)
    assert seen > 0.15 and seen > clean + 0.1, f"seed {seed}: the knot stands out by {seen:.2f} (the clean picture there: {clean:.2f})"
    # The gaze pulled to it: pushed in on the knot, and the picture further out fallen away (darker than it is).
    assert renderer.scale > 2.5 * window.get_size()[1]
    ys, xs = np.mgrid[0:height, 0:frame.shape[1]]
    far = np.hypot(xs - x, ys - (height - y)) > 6 * radius_px
    assert frame[far].mean() < 0.8 * art[art.shape[0] // 8 : -art.shape[0] // 8, art.shape[1] // 8 : -art.shape[1] // 8].mean()


def test_the_acceptance_bloom_warms_the_middle_of_the_picture_and_is_gone_once_it_has_settled(window):
    """As the flaw recomposes a warm glow rises over the close-up's middle (not its corners), at
    its height half-way through, and nothing is left of it once the picture has settled."""
    from game.render.acceptance import AcceptanceOverlay
    from game.render.closeup import CloseupRenderer

    world = Run(RunOptions(seed=3, size="small")).world
    world.story.enter(Beat.ACCEPTANCE)
    renderer = CloseupRenderer(window)

    def picture(recompose):
        renderer.glow = None if recompose is None else AcceptanceOverlay.bloom(window.get_framebuffer_size(), recompose)
        window.clear()
        renderer.draw(world)
        return np.asarray(screenshot(window), np.float32)

    plain, rushing, settled = picture(None), picture(0.5), picture(1.0)
    h, w = plain.shape[:2]
    middle = (slice(h * 2 // 5, h * 3 // 5), slice(w * 2 // 5, w * 3 // 5))
    corner = (slice(0, h // 10), slice(0, w // 10))
    added = rushing - plain
    assert added[middle].mean() > 20 and added[middle][..., 0].mean() > added[middle][..., 2].mean() + 10  # bright, and warm
    assert added[corner].mean() < 0.1 * added[middle].mean()
    assert np.abs(settled - plain).max() <= 1


def test_each_beat_draws_the_close_up_with_only_the_parts_it_needs_and_the_same_picture(window):
    """The close-up's shader is compiled without what a beat never needs (software GL runs every
    branch for every pixel): at moments all through the flaw, the repair and the acceptance
    (the bloom's recomposing included), each beat's variant draws exactly what the whole shader
    draws."""
    from game.render.closeup import CloseupRenderer
    from game.views.play import GameView

    view = GameView(Run(RunOptions(seed=3, size="small", autoplay=True)))
    window.show_view(view)
    moments = {Beat.FLAW: (40, 120, 300), Beat.REPAIR: (30, 400, 1200), Beat.ACCEPTANCE: (200, 870, 1000)}
    checked = []
    while not view.finished and window.current_view is view and len(checked) < 9:
        view.step_once()
        world = view.world
        if world.story.beat not in moments or world.story.scene.ticks not in moments[world.story.beat]:
            continue
        renderer = CloseupRenderer(window)
        renderer.prepare(world)
        assert renderer.closeup_program is not renderer._closeup_program((True, True, True, True))
        window.clear()
        renderer.draw(world)
        own = np.asarray(screenshot(window), np.int16)
        renderer.closeup_program = renderer._closeup_program((True, True, True, True))
        window.clear()
        renderer.draw(world)
        assert np.array_equal(np.asarray(screenshot(window), np.int16), own), (world.story.beat, world.story.scene.ticks)
        checked.append((world.story.beat, world.story.scene.ticks))
    assert len(checked) == 9, checked
    assert any(beat == Beat.ACCEPTANCE and view.world.flaw.recompose > 0.0 for beat, _ in checked[-1:])


def test_the_repair_leaves_out_the_frayed_rim_once_it_has_gone_and_the_easing_in_but_after_a_worsening(window):
    """Within the repair the close-up is drawn without the parts that add nothing to the frame:
    the knot's frayed rim once the flaw is plain to see, and the easing-in of new darkness but
    for a moment after each worsening — so most of its frames are drawn with neither, each
    variant drawing exactly what the beat's whole variant draws; and every one of them was
    compiled with the flaw's first frame, not as the repair first draws it."""
    from game.render.closeup import REPAIR_PARTS, CloseupRenderer, variants_within, wants_closeup
    from game.views.play import GameView

    view = GameView(Run(RunOptions(seed=3, size="small", autoplay=True)))
    window.show_view(view)
    probe = CloseupRenderer(window)
    probe.parts = REPAIR_PARTS
    drawn = {}  # variant: repair frames drawn with it
    while not view.finished and view.world.story.beat != Beat.ACCEPTANCE:
        view.step_once()
        world = view.world
        if world.story.beat == Beat.FLAW and world.story.scene.ticks == 0:
            view.on_draw()  # the flaw's first frame
            assert set(variants_within(REPAIR_PARTS)) <= set(view.overlay.closeup.closeup_programs)
        if world.story.beat != Beat.REPAIR or not wants_closeup(world):
            continue
        variant = probe.in_play(world)
        drawn[variant] = drawn.get(variant, 0) + 1
        if drawn[variant] > 1:
            continue
        renderer = CloseupRenderer(window)
        window.clear()
        renderer.draw(world)
        assert renderer.in_use == variant
        own = np.asarray(screenshot(window), np.int16)
        renderer.closeup_program = renderer._closeup_program(REPAIR_PARTS)
        window.clear()
        renderer.draw(world)
        assert np.array_equal(np.asarray(screenshot(window), np.int16), own), (variant, world.story.scene.ticks)
    assert set(drawn) <= set(variants_within(REPAIR_PARTS)) and len(drawn) >= 3, drawn
    assert drawn[(False, False, False, False)] > 0.5 * sum(drawn.values()), drawn


def test_the_art_is_read_at_the_one_mipmap_level_its_zoom_wants_looking_as_it_does_read_at_all_of_them(window):
    """Outside the gaze's pull the art is read at one mipmap level chosen for the zoom — the
    first when the repair looks closely, a smaller one when the acceptance shows it whole —
    which software GL pays much less for than choosing levels per pixel, and looks the same;
    under the gaze's pull (the flaw beat) it keeps every level."""
    from game.render.closeup import CloseupRenderer
    from game.views.play import GameView

    view = GameView(Run(RunOptions(seed=3, size="small", autoplay=True)))
    window.show_view(view)
    levels = {}
    while len(levels) < 3 and not view.finished:
        view.step_once()
        world = view.world
        beat = world.story.beat
        moment = {Beat.FLAW: 200, Beat.REPAIR: 600, Beat.ACCEPTANCE: 300}.get(beat)
        if beat in levels or moment is None or world.story.scene.ticks != moment:
            continue
        renderer = CloseupRenderer(window)
        window.clear()
        renderer.draw(world)
        levels[beat] = renderer.art_level
        if renderer.art_level is not None:
            drawn = np.asarray(screenshot(window), np.int16)
            prepare = renderer.prepare

            def every_level(*args):
                prepare(*args)
                renderer.art_level = None

            renderer.prepare = every_level
            window.clear()
            renderer.draw(world)
            trilinear = np.asarray(screenshot(window), np.int16)
            assert np.abs(drawn - trilinear).mean() < 1.0 and (np.abs(drawn - trilinear).max(axis=2) > 24).mean() < 0.002, beat
    assert levels == {Beat.FLAW: None, Beat.REPAIR: 0, Beat.ACCEPTANCE: 1}


def test_the_acceptance_compiles_its_gold_ahead_and_draws_it_only_once_the_flaw_recomposes(window):
    from game.render.closeup import CloseupRenderer
    from game.sim.world import World

    run = Run(RunOptions(seed=3, size="small"))
    world = World(run.world.level, seed=3, start=Beat.ACCEPTANCE)
    renderer = CloseupRenderer(window)
    renderer.draw(world)
    full = renderer.parts
    assert full[1] and not renderer.in_use[1]  # breathing: nothing has recomposed yet
    assert renderer.compile_ahead == [] and full in renderer.closeup_programs  # compiled with that first frame
    world.flaw.recompose = 0.2
    renderer.draw(world)
    assert renderer.in_use == full and renderer.closeup_program is renderer.closeup_programs[full]


@pytest.mark.parametrize("beat, moment, widest", [(Beat.FLAW, 30, 0.7), (Beat.ACCEPTANCE, 60, 0.95), (Beat.ACCEPTANCE, 300, 0.9), (Beat.ACCEPTANCE, 1150, 0.7)])
def test_round_the_picture_only_the_backdrop_is_painted_and_it_looks_as_the_close_up_would_paint_it(window, beat, moment, widest):
    """Seen whole (the flaw as it is first seen, the acceptance) the picture leaves the dark
    backstage either side: there a pass that works out nothing but the backdrop, the vignette
    and the glow paints it (the more of the screen the calmer: the unravelling may carry the
    picture out past its frame), and the screen looks as the close-up's own passes would paint it."""
    from game.render import closeup as closeup_module
    from game.views.play import GameView

    view = GameView(Run(RunOptions(seed=3, size="small", autoplay=True)))
    window.show_view(view)
    while not (view.world.story.beat == beat and view.world.story.scene.ticks == moment):
        view.step_once()
    world = view.world
    renderer = closeup_module.CloseupRenderer(window)
    renderer.glow = ((640.0, 360.0), (700.0, 400.0), (1.0, 0.8, 0.55, 0.2))
    window.clear()
    renderer.draw(world)
    box = renderer.backdrop_box()
    assert box[2] < 1280 * widest  # a part of the screen is backdrop
    painted = np.asarray(screenshot(window), np.int16)
    renderer.backdrop_box = lambda: (0, 0, 1280, 720)  # the close-up's passes over every pixel
    window.clear()
    renderer.draw(world)
    whole = np.asarray(screenshot(window), np.int16)
    assert np.abs(painted - whole).max() <= 3


def test_the_flaws_close_up_and_the_acceptances_share_the_art_they_upload(window):
    """Each beat's overlay has a close-up of its own; the art (a 1024 px texture, its mipmaps, a
    level alone) is uploaded once for the window's last seed, not again as the acceptance begins."""
    from game.render.closeup import CloseupRenderer

    flaw, acceptance = CloseupRenderer(window), CloseupRenderer(window)
    flaw.set_seed(3)
    acceptance.set_seed(3)
    assert acceptance.art_texture is flaw.art_texture and acceptance.art_at(1) is flaw.art_at(1)
    acceptance.set_seed(4)
    assert acceptance.art.seed == 4 and acceptance.art_texture is not flaw.art_texture
    assert flaw.art.seed == 3 and flaw.art_at(1).size == (512, 512)


def test_the_acceptance_is_made_while_alone_plays_and_begins_with_its_flaw_drawn(window, monkeypatch):
    """The acceptance's overlay (its close-up's programs and textures, its rings and words, the
    art, the flaw's dear pass) is made a step a frame while alone plays, no frame paying for it all; the acceptance
    takes that very overlay, its first frame draws no flaw, and it shows what a new one shows."""
    from game.bot import Bot
    from game.render.acceptance import AcceptanceOverlay
    from game.render.closeup import CloseupRenderer
    from game.sim.world import World
    from game.views.play import GameView

    view = GameView(Run(RunOptions(seed=3, size="small", autoplay=True)))
    window.show_view(view)
    world = World(view.world.level, seed=3, start=Beat.ALONE)
    view.run.world, view.run.bot = world, Bot(world)
    view.renderer.set_world(world)
    view.enter_beat(world.story.beat)
    made, bands, pauses = [], [], []
    make = AcceptanceOverlay.made_in_parts

    def made_in_parts(overlay, view, *closeup):
        made.append(overlay)
        for _ in make(overlay, view, *closeup):
            pauses.append(world.story.beat)
            yield

    monkeypatch.setattr(AcceptanceOverlay, "made_in_parts", made_in_parts)
    draw_bands = CloseupRenderer._draw_flaw_bands
    monkeypatch.setattr(CloseupRenderer, "_draw_flaw_bands", lambda renderer, upto: (bands.append((world.story.beat, upto)), draw_bands(renderer, upto))[-1])
    view.on_draw()
    assert made == []  # (not on alone's first frame)
    play_through(view, Beat.ALONE)
    assert world.story.beat == Beat.ACCEPTANCE
    assert len(made) == 1 and view.overlay is made[0]  # (made while alone played: see bands)
    assert pauses == [Beat.ALONE] * 3  # its rings and each of its three lines in a frame of their own (~5 ms each)
    assert bands == [(Beat.ALONE, 1), (Beat.ALONE, 2), (Beat.ALONE, 3)]  # a band of the flaw a frame
    view.on_draw()  # the acceptance's first frame
    taken = np.asarray(screenshot(window), np.int16)
    assert len(bands) == 3 and len(made) == 1  # nothing drawn or made again
    view.overlay = AcceptanceOverlay(view)
    view.on_draw()
    fresh = np.asarray(screenshot(window), np.int16)
    assert np.abs(taken - fresh).max() <= 1 and taken.std() > 10


def test_the_flaws_close_up_is_made_while_the_backstage_plays(window, monkeypatch):
    """The flaw's close-up (as the acceptance's: see above, but for its flaw, drawn with the
    flaw's first frame) is made while the backstage plays, and the flaw's first frame still
    compiles the repair's variants with its own."""
    from game.render.closeup import REPAIR_PARTS, CloseupOverlay, variants_within
    from game.views.play import GameView

    view = GameView(Run(RunOptions(seed=3, size="small", autoplay=True)))
    window.show_view(view)
    world = view.world
    made = []
    make = CloseupOverlay.__init__
    monkeypatch.setattr(CloseupOverlay, "__init__", lambda overlay, view, *closeup: (made.append((world.story.beat, overlay)), make(overlay, view, *closeup))[-1])
    view.on_draw()
    play_through(view, Beat.BACKSTAGE, draw_every=8)
    assert world.story.beat == Beat.FLAW
    assert made == [(Beat.BACKSTAGE, view.overlay)]
    closeup = view.overlay.closeup
    assert closeup.art is not None and closeup.art.seed == world.seed  # (the art on the GPU)
    assert closeup.flaw_drawn is None  # (nothing drawn yet: see CloseupOverlay.made_in_steps)
    assert closeup.compile_ahead == variants_within(REPAIR_PARTS)
