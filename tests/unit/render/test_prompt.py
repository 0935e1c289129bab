"""The line at the top says what a key does here, with the player's own keys."""

from __future__ import annotations

from game.input import Bindings, KeyboardState
from game.render.prompt import OPENING_LINE, prompt_line
from game.session import Run, RunOptions
from game.sim.actions import Button


def make_view(window, bindings=None):
    from game.views.play import GameView

    view = GameView(Run(RunOptions(seed=3)), keyboard=KeyboardState(bindings))
    window.show_view(view)
    view.on_draw()
    return view


def stand_at(view, position) -> None:
    view.world.player.body.position = position
    view.renderer.observe()
    view.on_draw()


def quiet_spot(world):
    """The floor tile farthest from every tool and the easel."""
    from game.level.model import TILE_SIZE

    level = world.level
    easel = level.masterpiece.center
    things = [t.position for t in world.tools.loose] + [easel]
    floor = [((c + 0.5) * TILE_SIZE, (r + 0.5) * TILE_SIZE) for r in range(level.height) for c in range(level.width) if not level.is_wall(c, r)]
    return max(floor, key=lambda p: min((p[0] - x) ** 2 + (p[1] - y) ** 2 for x, y in things))


def test_the_dream_opens_with_where_to_go_then_says_nothing_in_the_dark(window):
    view = make_view(window)
    assert prompt_line(view) == OPENING_LINE
    for _ in range(9 * 60):
        view.step_once()
    stand_at(view, quiet_spot(view.world))
    assert prompt_line(view) == ""  # nothing near, and the opening line has had its time


def test_next_to_a_tool_it_names_the_tool_and_the_players_key(window):
    view = make_view(window, Bindings({Button.INTERACT.value: ["G"]}))
    loose = view.world.tools.loose[0]
    stand_at(view, loose.position)
    assert prompt_line(view) == f"G  pick up the {loose.tool.replace('_', ' ')}"


def test_at_the_easel_it_offers_a_look(window):
    view = make_view(window)
    easel = view.world.level.masterpiece
    stand_at(view, (easel.x + easel.width / 2, easel.y - 12))
    assert prompt_line(view) == "E  look at your masterpiece"


def test_the_alone_hint_uses_the_players_keys(window):
    from game.render.alone import AloneOverlay
    from game.sim.story import Beat
    from game.sim.world import World

    view = make_view(window, Bindings({Button.CALL_HELP.value: ["J"]}))
    world = World(view.world.level, seed=3, start=Beat.ALONE)
    view.run.world = world
    view.renderer.set_world(world)
    view.enter_beat(world.story.beat)
    for _ in range(600):
        view.step_once()
        if not world.story.scene.looking_up:
            break
    view.on_draw()
    alone = view.overlay
    assert isinstance(alone, AloneOverlay)
    assert alone.hint.text.startswith("J  call for help") and "E  at the easel" in alone.hint.text
    assert view.key(Button.ACCEPT) == "Enter"  # a key with a long name is written as people say it


def test_the_line_keeps_to_the_top_of_a_window_that_changed_size(window):
    """A window dragged or put full screen to another size mid-dream: the line is drawn at the
    top of it as it is now, not of the window the dream began in."""
    import numpy as np

    from game.render.prompt import TOP_MARGIN_PX

    screen = window.ctx.screen
    size = screen.viewport
    screen.viewport = (0, 0, size[2] // 2, size[3] // 2)  # (the dream begins in a window half as big...)
    try:
        view = make_view(window)
    finally:
        screen.viewport = size  # (...which then grows, as arcade's on_resize sets it)
    easel = view.world.level.masterpiece
    stand_at(view, (easel.x + easel.width / 2, easel.y - 12))
    assert prompt_line(view) == "E  look at your masterpiece"
    width, height = size[2], size[3]
    pixels = np.frombuffer(screen.read(components=3), np.uint8).reshape(height, width, 3)[::-1]  # (rows top down)
    line = pixels[TOP_MARGIN_PX - 24 : TOP_MARGIN_PX + 8, width // 2 - 160 : width // 2 + 160]
    assert (line.min(axis=2) > 170).sum() > 40  # its pale letters, at the top in the middle
