"""Waking's words: written from what happened in the dream, not the same for every run."""

from __future__ import annotations

import math

import pytest

from game.level.vortex import generate_vortex
from game.render.waking import SUMMARY_PT, VIEW, WORDS_FONT, WORDS_PT, flaw_shape, morning_words, summary_text
from game.sim.actions import Actions
from game.sim.flaw import Mark
from game.sim.story import Beat
from game.sim.world import World


def dreamed(world_factory, attempts: int, tools: list[str], alone_s: float, calls: int = 0, marks=()):
    """A world as the morning finds it after a dream of these attempts, tools, loneliness and marks."""
    world = world_factory()
    world.flaw.noticed = True
    stats = world.stats
    stats.attempts, stats.tools_used = attempts, list(tools)
    stats.alone_ticks, stats.calls_for_help = int(alone_s * 60), calls
    for mark in marks:
        world.flaw.worsen(mark, 0.2)
    return world


def test_a_dream_begun_in_the_vortex_does_not_speak_of_a_flaw():
    world = World(generate_vortex(3), seed=3, start=Beat.WAKING)
    words = " ".join(morning_words(world)).lower()
    assert "knot" not in words and "flaw" not in words and "you kept" not in words
    assert "swam" in words
    assert summary_text(world).startswith("no attempts")


def test_the_words_follow_the_attempts_the_tools_and_the_time_alone(world_factory):
    one_tool = morning_words(dreamed(world_factory, 6, ["paintbrush"], 5))
    many = morning_words(dreamed(world_factory, 5, ["palette_knife", "solvent", "varnish"], 40, calls=3))
    bare = morning_words(dreamed(world_factory, 4, [], 15, calls=2))
    for lines in (one_tool, many, bare):
        assert 3 <= len(lines) <= 5
    assert "paintbrush" in " ".join(one_tool) and "6 times" in " ".join(one_tool)
    text = " ".join(many)
    assert all(name in text for name in ("palette knife", "solvent", "varnish")) and "5 times" in text
    assert "fingers" in " ".join(bare) and "4 times" in " ".join(bare)
    # How long the dreamer stayed alone, and how often they called, are told apart.
    alone_lines = {lines[2] for lines in (one_tool, many, bare)}
    assert len(alone_lines) == 3
    assert "three" in many[2] or "3 times" in many[2]


def test_the_kept_flaw_is_told_by_its_shape_and_colour(world_factory):
    across = dreamed(world_factory, 3, ["paintbrush"], 5, marks=[Mark(0.62, 0.5, 0.0, 4.0, (150, 34, 40), "streak")] * 3)
    upright = dreamed(world_factory, 3, ["needle_and_thread"], 5, marks=[Mark(0.5, 0.62, math.pi / 2, 4.0, (38, 46, 120), "web")] * 3)
    shapes = flaw_shape(across.flaw), flaw_shape(upright.flaw)
    assert "madder" in shapes[0] and "smear" in shapes[0]
    assert "indigo" in shapes[1] and "web" in shapes[1]
    assert "across" in shapes[0] and "up through" in shapes[1]
    assert shapes[0] in " ".join(morning_words(across))


def test_the_summary_names_the_tools_and_the_time_alone(world_factory):
    summary = summary_text(dreamed(world_factory, 5, ["varnish", "solvent"], 83), ticks_before=0)
    assert "attempts 5" in summary and "varnish, solvent" in summary and "alone 1:23" in summary


@pytest.mark.parametrize("alone_s", [3, 15, 60])
def test_every_line_fits_the_morning(window, world_factory, alone_s):
    import arcade

    names = ["paintbrush", "palette_knife", "needle_and_thread", "solvent", "varnish"]
    world = dreamed(world_factory, 12, names, alone_s, calls=4, marks=[Mark(0.3, 0.7, 2.0, 4.0, (200, 180, 40), "glaze")] * 4)
    for line in morning_words(world):
        assert arcade.Text(line, 0, 0, (0, 0, 0, 255), WORDS_PT, font_name=WORDS_FONT).content_width < VIEW[0] - 80, line
    summary = summary_text(world, ticks_before=60 * 60 * 25)
    assert arcade.Text(summary, 0, 0, (0, 0, 0, 255), SUMMARY_PT).content_width < VIEW[0] - 80, summary


def test_the_clock_stops_when_the_dreamer_wakes():
    world = World(generate_vortex(3), seed=3, start=Beat.WAKING)
    for _ in range(30):
        world.step(Actions())
    woke = summary_text(world)
    for _ in range(60 * 5):  # five seconds reading the morning
        world.step(Actions())
    assert summary_text(world) == woke


def test_the_morning_fully_up_is_drawn_whole_and_the_screen_is_cleared_under_it_before(window):
    """The waking screen is not cleared under the morning once it is fully up (its painting
    fills the window, copied onto it): what it draws then is the same whatever was on the
    screen before. While it is coming up, it is not, and the screen must be cleared."""
    import numpy as np
    from PIL import Image

    from driver import screenshot
    from game.render.waking import WakingPicture

    picture = WakingPicture()
    picture.set_memory(Image.new("RGB", (64, 64), (120, 40, 60)))
    picture.set_words(["Morning.", "A second line."])

    def over(colour, fade):
        window.clear(color=colour)
        picture.draw(window, fade, 9.0, "attempts 3", True)
        return np.asarray(screenshot(window), np.int16)

    assert picture.paints_screen(window, 1.0) and not picture.paints_screen(window, 0.6)
    for fade in (0.3, 0.6, 0.99, 1.0):
        same = np.array_equal(over((255, 0, 255), fade), over((0, 255, 0), fade))
        assert same == picture.paints_screen(window, fade), fade


@pytest.mark.parametrize("fade", [0.1, 0.5, 0.9])
def test_the_morning_coming_up_over_the_swirl_in_one_pass_looks_as_drawn_over_it(window, fade):
    """As the morning comes up, the swirl and the morning over it are painted in one opaque pass
    (no clear, nothing blended twice): the same picture as the swirl drawn over the cream and the
    morning blended over that, whatever was on the screen before."""
    import numpy as np
    import arcade

    from driver import screenshot
    from game.render.vortex import SwirlField
    from game.render.waking import UNDER_SWIRL, WakingPicture
    from game.sim.vortex import Swirl

    picture = WakingPicture()
    field = SwirlField(window.ctx)
    camera = arcade.Camera2D(position=(400.0, 300.0))
    swirl = Swirl((400.0, 300.0), False)

    def frame(under, one_pass: bool):
        window.clear(color=under)
        morning = picture.rising_over_swirl(window, fade) if one_pass else None
        arcade.get_window().default_camera.use()
        field.draw(camera, window, swirl, 2.0, False, alpha=1.0 - fade * 0.5, morning=morning)
        picture.draw(window, fade, 2.0, "", False, morning_drawn=morning is not None)
        return np.asarray(screenshot(window), np.int16)

    assert picture.rising_over_swirl(window, fade) is not None and picture.rising_over_swirl(window, 1.0) is None
    drawn = frame(UNDER_SWIRL, one_pass=False)
    assert np.abs(frame((255, 0, 255), one_pass=True) - drawn).max() <= 2


def test_the_morning_is_made_while_the_vortex_plays_and_waking_shows_that_very_screen(window, monkeypatch):
    """The morning's screen (its pictures on the GPU, its memory, its words) is made a step a
    frame while the vortex plays, no frame paying for it all; waking shows that very screen,
    with the words the dream as it ended tells."""
    from driver import play_through
    from game.bot import Bot
    from game.session import Run, RunOptions
    from game.views.play import GameView
    from game.views.waking import WakingView

    run = Run(RunOptions(seed=3, size="small", autoplay=True))
    run.world = World(generate_vortex(3), seed=3, start=Beat.VORTEX)
    run.bot = Bot(run.world)
    view = GameView(run)
    window.show_view(view)
    made = []
    make = WakingView.__init__
    monkeypatch.setattr(WakingView, "__init__", lambda screen, *args: (made.append(screen), make(screen, *args))[-1])
    world = view.world
    view.on_draw()
    assert made == []  # (not on the vortex's first frame)
    play_through(view, Beat.VORTEX)
    assert world.story.beat == Beat.WAKING
    assert len(made) == 1 and window.current_view is made[0]
    assert [line.text for line in made[0].picture.lines] == morning_words(world) != []


def test_the_morning_goes_on_the_gpu_a_picture_a_step_and_its_words_a_line_a_step(window):
    """Made while the vortex plays (see WakingView.made_in_steps), a frame's step puts at most one
    of the morning's full-screen copies on the GPU — the sprite's, the one the swirl is painted
    with: both in one step was a 25-45 ms frame in the vortex — and writes one line of words."""
    from game.render.waking import WakingPicture

    picture = WakingPicture.__new__(WakingPicture)
    made_in = {}  # each copy: the step it was made in
    steps = picture.made_in_steps()
    for step in range(1000):
        done = next(steps, "done") == "done"
        if len(getattr(picture, "morning", ())):
            made_in.setdefault("sprite", step)
        if getattr(picture, "morning_picture", None) is not None:
            made_in.setdefault("picture", step)
        if done:
            break
    assert set(made_in) == {"sprite", "picture"} and made_in["sprite"] != made_in["picture"], made_in
    assert tuple(picture.morning_picture.size) == VIEW and picture.morning[0].texture.size == VIEW
    lines = ["Morning.", "A second line.", "A third."]
    assert sum(1 for _ in picture.words_set_in_steps(lines)) == len(lines)
    assert [text.text for text in picture.lines] == lines
