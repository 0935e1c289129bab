"""The game in the headless window: key events become actions, the fixed step keeps time."""

from __future__ import annotations

from game.input import key_code
from game.session import Run, RunOptions
from game.sim.world import DT


def make_view(window, **options):
    from game.views.play import GameView

    view = GameView(Run(RunOptions(seed=3, **options)))
    window.show_view(view)
    return view


def test_holding_a_key_walks_the_player(window):
    view = make_view(window)
    start = view.world.player.position
    window.dispatch_event("on_key_press", key_code("D"), 0)
    window.dispatch_events()
    for _ in range(30):
        view.on_update(DT)
    window.dispatch_event("on_key_release", key_code("D"), 0)
    window.dispatch_events()
    assert view.world.tick == 30
    assert view.world.player.position[0] > start[0] + 30


def test_the_accumulator_steps_fixed_ticks_and_clamps_long_frames(window):
    view = make_view(window)
    view.on_update(0.5 * DT)
    assert view.world.tick == 0
    view.on_update(0.6 * DT)
    assert view.world.tick == 1
    view.on_update(3.0)  # a hitch: clamped to 0.25 s, never a bigger dt
    assert view.world.tick == 1 + 15


def test_game_speed_runs_fewer_ticks_per_second(window):
    view = make_view(window)
    view.game_speed = 0.5
    for _ in range(60):
        view.on_update(DT)
    assert view.world.tick == 30


def test_f5_on_a_generated_level_is_a_message_not_a_crash(window):
    view = make_view(window)
    window.dispatch_event("on_key_press", key_code("F5"), 0)
    window.dispatch_events()
    assert "generated" in view.message
    view.on_draw()


def test_the_repair_close_up_keeps_captions_clear_of_its_hint_and_hides_the_walking_hud(window):
    from game.render.closeup import CloseupOverlay
    from game.render.minigame import layout

    view = make_view(window, autoplay=True)
    for _ in range(20_000):
        view.step_once()
        if view.world.minigame is not None:
            break
    assert view.world.minigame is not None, "the bot never reached a repair minigame"
    view.on_draw()
    assert isinstance(view.overlay, CloseupOverlay) and not view.renderer.drew_room
    assert view.caption_floor() >= layout(window.get_size()).bottom_band  # captions sit above the hint and the bar
    while view.world.minigame is not None or view.world.story.beat.value == "repair":
        view.step_once()
    view.on_draw()
    assert view.caption_floor() == 0.0  # elsewhere they keep their usual place


def test_the_acceptance_keeps_captions_above_its_words(window):
    """Once the dreamer lets the flaw be, the story's own line is shown on a band at the bottom:
    the captions (a heartbeat, a breath, a chord) sit above it, never over it."""
    view = make_view(window, autoplay=True)
    while not (view.world.story.beat.value == "acceptance" and view.world.story.scene.accepting and view.world.story.scene.recompose > 0.6):
        view.step_once()
        assert not view.finished, "the bot never accepted the flaw"
    view.on_draw()
    words = view.overlay.words
    assert words.text and view.caption_floor() >= words.y + words.content_height / 2


def test_what_lives_as_long_as_the_dream_is_set_aside_from_the_cycle_collector_until_it_ends(window):
    """After the first frame the long-lived objects are frozen (so a full collection mid-beat
    walks only what is new: no 25-40 ms hitch), and once the dream ends they are let go."""
    import gc

    gc.freeze()  # as a dream left unfinished would leave it
    view = make_view(window, autoplay=True, max_ticks=120)
    assert gc.get_freeze_count() == 0  # a new dream lets the last one go
    view.on_draw()
    assert gc.get_freeze_count() > 10_000
    while not view.finished:
        view.step_once()
    assert gc.get_freeze_count() == 0
