"""The repair's screen: the captions and the hints never cover the minigame's work area, and the hints read (WCAG 4.5:1)."""

from __future__ import annotations

import numpy as np
import pytest

from driver import screenshot
from game.bot import Bot
from game.render.minigame import BAND_ALPHA, BAND_COLOUR, HINT_COLOUR, TEXT_COLOUR
from game.session import Run, RunOptions
from game.settings import Settings
from game.sim.beats.repair import start_attempt
from game.sim.story import Beat
from game.tools import TOOL_IDS

CAPTIONS = ("[your heartbeat pounds in your ears]", "[the silence of the hall roars]", "[a brush scrapes across dry wool]")


def relative_luminance(rgb) -> np.ndarray:
    """WCAG 2's relative luminance of sRGB colours (0..255)."""
    c = np.asarray(rgb, np.float64)[..., :3] / 255.0
    linear = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast(a, b) -> np.ndarray:
    la, lb = relative_luminance(a), relative_luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def repair_view(window, tool_id: str | None, text_size: int = 100):
    """A game view at the easel in the repair beat, with `tool_id` mid-attempt (None: choosing a tool),
    three captions showing, drawn once."""
    from game.views.host import Host
    from game.views.play import GameView

    run = Run(RunOptions(seed=3, size="small"))
    world = run.world
    world.player.place(Bot(world).easel_spot())
    world.tools.carried.extend(TOOL_IDS[:2])
    world.story.enter(Beat.REPAIR)
    view = GameView(run, host=Host(Settings(text_size=text_size)))
    window.show_view(view)
    if tool_id is not None:
        start_attempt(world, tool_id)
    for _ in range(50):  # the camera settles on the work
        view.step_once()
    assert (world.minigame is not None) == (tool_id is not None)
    for line in CAPTIONS:
        view.captions.say(line, world.tick)
    view.on_draw()
    return view


def work_box(view) -> tuple[float, float, float, float]:
    closeup = view.overlay.closeup
    u0, v0, u1, v1 = view.world.minigame.work_area
    (x0, y0), (x1, y1) = closeup.to_screen(u0, v0), closeup.to_screen(u1, v1)
    return (x0, y0, x1, y1)


@pytest.mark.parametrize("text_size", [100, 200])
@pytest.mark.parametrize("tool_id", TOOL_IDS + ("hands",))
def test_captions_and_hints_never_cover_the_work_area(window, tool_id, text_size):
    view = repair_view(window, tool_id, text_size)
    width, height = window.get_size()
    work = work_box(view)
    assert 0 <= work[0] and work[2] <= width and 0 <= work[1] and work[3] <= height, f"the work area {work} is off the screen"
    captions = view.captions.box
    assert captions is not None, "the captions were not drawn"
    painter = view.overlay.minigame
    for name, box in (("captions", captions), ("hint", painter.hint_box()), ("title", painter.title_box())):
        assert not overlaps(box, work), f"{tool_id} at text size {text_size}: the {name} {box} covers the work area {work}"
    assert not overlaps(captions, painter.hint_box())


def with_and_without_words(window, view) -> tuple[np.ndarray, np.ndarray]:
    """The screen as drawn, then drawn again without the minigame's words."""
    with_words = np.asarray(screenshot(window), np.float64)
    view.overlay.minigame.show_words = False
    view.on_draw()
    return with_words, np.asarray(screenshot(window), np.float64)


@pytest.mark.parametrize("tool_id", ["paintbrush", "solvent", None])
def test_the_hint_and_the_title_read_at_four_and_a_half_to_one_over_the_weave(window, tool_id):
    view = repair_view(window, tool_id)
    with_words, behind = with_and_without_words(window, view)
    painter = view.overlay.minigame
    height = with_words.shape[0]
    for box, colour in ((painter.hint_box(), HINT_COLOUR), (painter.title_box(), TEXT_COLOUR)):
        left, bottom, right, top = (int(round(v)) for v in box)
        rows = slice(height - top, height - bottom)  # image rows run down from the top
        written = with_words[rows, left:right]
        ground = behind[rows, left:right]
        assert np.abs(written - ground).sum(axis=2).max() > 100, "no words were drawn where the box says"
        worst = contrast(colour, ground.reshape(-1, 3)).min()
        assert worst >= 4.5, f"the words read at only {worst:.2f}:1 over what is behind them"


def test_the_bands_are_dark_enough_for_the_words_over_any_picture():
    for under in ((255, 255, 255), (255, 240, 0), (0, 0, 0)):
        band = np.array(BAND_COLOUR) * BAND_ALPHA / 255 + np.array(under) * (1 - BAND_ALPHA / 255)
        assert contrast(HINT_COLOUR, band) >= 4.5 and contrast(TEXT_COLOUR, band) >= 4.5


def test_the_words_keep_to_their_places_in_a_window_that_changed_size(window):
    """The repair begun in a window half as big, which then grows (dragged, or put full screen):
    the title and the hint are drawn where their boxes say, in the window as it is now."""
    screen = window.ctx.screen
    size = screen.viewport
    screen.viewport = (0, 0, size[2] // 2, size[3] // 2)
    try:
        view = repair_view(window, "paintbrush")
    finally:
        screen.viewport = size  # (as arcade's on_resize sets it)
    view.on_draw()
    with_words, behind = with_and_without_words(window, view)
    painter = view.overlay.minigame
    height = with_words.shape[0]
    for box in (painter.hint_box(), painter.title_box()):
        left, bottom, right, top = (int(round(v)) for v in box)
        rows = slice(height - top, height - bottom)
        assert np.abs(with_words[rows, left:right] - behind[rows, left:right]).sum(axis=2).max() > 100, f"no words were drawn in {box}"
