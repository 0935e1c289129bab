"""The real menus in the headless window, driven by key events and menu actions as a player would."""

from __future__ import annotations

import json

import pytest

from game.input import key_code
from game.settings import Settings, settings_path
from game.sim.world import DT


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch, window):
    monkeypatch.setenv("FLAWED_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("FLAWED_CACHE_DIR", str(tmp_path / "cache"))
    yield tmp_path / "config"


def press(window, name: str) -> None:
    """A key press and release, through the window's event queue, as pyglet delivers them."""
    window.dispatch_event("on_key_press", key_code(name), 0)
    window.dispatch_events()
    window.dispatch_event("on_key_release", key_code(name), 0)
    window.dispatch_events()


def frames(window, count: int = 1, dt: float = DT, draw_every: int = 1) -> None:
    """Frames as arcade.run gives them: an update, and a draw (only every few, to keep tests quick)."""
    for index in range(count):
        window.current_view.on_update(dt)
        if (index + 1) % draw_every == 0 or index == count - 1:
            window.current_view.on_draw()


def make_shell(window, **settings):
    from game.views.shell import Shell

    shell = Shell(window, Settings(photosensitivity_acknowledged=True, **settings), [])
    shell.quit_handler = lambda: setattr(shell, "quitted", True)  # the test window stays open
    return shell


def focus(view, name: str) -> None:
    """Walk the focus to an item with menu-down presses, as a player would (never by index)."""
    for _ in range(len(view.menu.items)):
        if view.menu.focused.name == name:
            return
        press(view.window, "DOWN")
    raise AssertionError(f"no item {name!r} reachable in {[i.name for i in view.menu.items]}")


def test_first_run_shows_the_notice_before_anything_flickers(window):
    from game.views.notice import NoticeView
    from game.views.shell import Shell
    from game.views.title import TitleView

    shell = Shell(window)  # no settings file: a first run
    shell.start()
    view = window.current_view
    assert isinstance(view, NoticeView) and not view.flicker
    seen = set()
    for _ in range(20):
        frames(window, 1, dt=0.37)
        seen.add(shell.backdrop.brightness(False))
    assert len(seen) == 1  # the bulb holds still under the notice
    focus(view, "continue_reduced")
    press(window, "RETURN")
    assert isinstance(window.current_view, TitleView)
    saved, _ = Settings.load()
    assert saved.photosensitivity_acknowledged and saved.reduce_flicker and saved.reduce_motion
    shell2 = Shell(window)
    shell2.start()
    assert isinstance(window.current_view, TitleView)  # only once


def test_new_game_pause_change_a_setting_and_quit_to_title(window):
    from game.views.pause import PauseView
    from game.views.play import GameView
    from game.views.settings import SettingsView
    from game.views.title import TitleView

    shell = make_shell(window)
    shell.start()
    title = window.current_view
    assert isinstance(title, TitleView)
    frames(window, 2)
    focus(title, "seed")
    window.dispatch_event("on_text", "123")
    window.dispatch_events()
    assert title.seed_text == "123"
    press(window, "RETURN")  # new game with seed 123
    game = window.current_view
    assert isinstance(game, GameView) and game.run.seed == 123
    frames(window, 20, draw_every=10)
    assert game.world.tick == 20

    press(window, "ESCAPE")
    pause = window.current_view
    assert isinstance(pause, PauseView) and pause.game_view is game
    frames(window, 30, draw_every=15)
    assert game.world.tick == 20  # frozen behind the menu

    focus(pause, "settings")
    press(window, "RETURN")
    settings_view = window.current_view
    assert isinstance(settings_view, SettingsView)
    focus(settings_view, "captions")
    press(window, "RIGHT")
    assert shell.settings.captions is False
    assert json.loads(settings_path().read_text())["captions"] is False  # saved at once
    focus(settings_view, "game_speed")
    press(window, "LEFT")
    assert shell.settings.game_speed == 90 and game.game_speed == pytest.approx(0.9)  # applies to the running game
    press(window, "ESCAPE")  # back to the pause menu
    assert window.current_view is pause

    press(window, "ESCAPE")  # resume
    assert window.current_view is game
    frames(window, 20, draw_every=10)
    assert 20 + 17 <= game.world.tick <= 20 + 18  # 20 frames at 90 %: 18 ticks, give or take rounding

    press(window, "ESCAPE")
    focus(window.current_view, "quit_to_title")
    press(window, "RETURN")
    assert isinstance(window.current_view, TitleView)
    frames(window, 2)


def test_settings_menu_changes_volume_live_and_text_size_rebuilds(window):
    from game.views.settings import SettingsView

    shell = make_shell(window)
    shell.show_settings()
    view = window.current_view
    assert isinstance(view, SettingsView)
    assert view.menu.focused.name == "master_volume"
    press(window, "LEFT")
    press(window, "LEFT")
    assert shell.settings.master_volume == pytest.approx(0.6)
    focus(view, "text_size")
    press(window, "RIGHT")
    assert shell.settings.text_size == 125
    assert view.panel.scale == pytest.approx(1.25)
    assert view.menu.focused.name == "text_size"  # the rebuilt menu kept its place
    frames(window, 1)


def test_up_from_the_top_of_the_long_settings_menu_stays_there_and_enter_does_not_leave(window):
    from game.views.settings import SettingsView

    shell = make_shell(window)
    shell.show_settings()
    view = window.current_view
    assert len(view.panel.buttons) < len(view.menu.items)  # it scrolls: Back is below the fold
    press(window, "UP")
    assert view.menu.focused.name == "master_volume"
    volume = shell.settings.master_volume
    press(window, "RETURN")
    assert window.current_view is view  # still in the settings
    assert shell.settings.master_volume != volume  # Enter changed the item in view, nothing out of sight


def test_the_footer_offers_left_and_right_only_where_something_changes(window):
    from game.views.notice import NoticeView
    from game.views.pause import PauseView

    shell = make_shell(window)
    shell.show_settings()
    frames(window, 1)
    assert "change" in window.current_view.footer.text
    notice = NoticeView(shell)
    shell.show_view(notice)
    frames(window, 1)
    assert "change" not in notice.footer.text and "confirm" in notice.footer.text
    shell.new_game(seed=3)
    game = window.current_view
    pause = PauseView(shell, game)
    shell.show_view(pause)
    frames(window, 1)
    assert "change" not in pause.footer.text and "back" in pause.footer.text


def test_the_title_quits_and_opens_its_screens(window):
    from game.views.levels import LevelsView

    shell = make_shell(window)
    shell.start()
    title = window.current_view
    assert not title.menu.items[title.menu.index_of("continue")].enabled or shell.can_continue()
    focus(title, "levels")
    press(window, "RETURN")
    assert isinstance(window.current_view, LevelsView)
    frames(window, 1)
    press(window, "ESCAPE")
    focus(window.current_view, "quit")
    press(window, "RETURN")
    assert getattr(shell, "quitted", False)


def test_a_remapped_key_moves_the_player(window):
    shell = make_shell(window)
    shell.settings.rebind("move_right", "L")
    shell.new_game(seed=5)
    game = window.current_view
    start = game.world.player.position
    window.dispatch_event("on_key_press", key_code("D"), 0)  # the old key does nothing now
    window.dispatch_events()
    frames(window, 20, draw_every=10)
    window.dispatch_event("on_key_release", key_code("D"), 0)
    window.dispatch_events()
    assert abs(game.world.player.position[0] - start[0]) < 2.0
    window.dispatch_event("on_key_press", key_code("L"), 0)
    window.dispatch_events()
    frames(window, 30, draw_every=10)
    assert game.world.player.position[0] > start[0] + 30


def remap(window, binding: str, key: str):
    """From the settings screen: into the keys menu, to a binding, and its new key pressed."""
    from game.views.settings import KeysView

    focus(window.current_view, "keys")
    press(window, "RETURN")
    keys = window.current_view
    assert isinstance(keys, KeysView)
    focus(keys, binding)
    press(window, "RETURN")
    assert keys.waiting_for == binding
    press(window, key)
    return keys


def test_remapping_through_the_keys_menu(window):
    shell = make_shell(window)
    shell.show_settings()
    remap(window, "move_left", "J")
    assert shell.settings.keys_for("move_left") == ("J",)
    assert "move_left" in shell.bindings.bindings_for(key_code("J"))
    assert Settings.load()[0].keys_for("move_left") == ("J",)
    frames(window, 1)


def test_the_game_starts_and_plays_with_no_audio_device(window, monkeypatch):
    from game.audio.mixer import NO_DEVICE_WARNING, Mixer
    from game.views.title import TitleView

    monkeypatch.delenv("FLAWED_SILENT", raising=False)
    monkeypatch.setattr(Mixer, "_device_present", staticmethod(lambda: False))
    shell = make_shell(window)
    assert shell.mixer.silent and shell.warnings == [NO_DEVICE_WARNING]
    shell.start()
    assert isinstance(window.current_view, TitleView)
    frames(window, 2)
    focus(window.current_view, "seed")
    window.dispatch_event("on_text", "77")  # a fixed seed: the test is the same every time
    window.dispatch_events()
    press(window, "RETURN")  # new game
    game = window.current_view
    assert game.run.seed == 77
    window.dispatch_event("on_key_press", key_code("W"), 0)
    window.dispatch_events()
    frames(window, 90, draw_every=30)
    assert game.world.tick == 90
    assert "room_tone" in [name for name, _, _ in shell.mixer.played]  # sounds followed the world, silently
    assert game.captions.lines  # and the captions said what would have been heard


def test_a_corrupt_settings_file_shows_one_warning_on_the_title(window, config_dir):
    from game.views.shell import Shell

    config_dir.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{not json", encoding="utf-8")
    shell = Shell(window)
    assert len(shell.warnings) == 1 and "settings.json" in shell.warnings[0]
    assert settings_path().with_name("settings.json.bak").exists()
    shell.settings.photosensitivity_acknowledged = True
    shell.show_title()
    frames(window, 1)
    assert "settings.json" in window.current_view.warning.text


def test_a_level_that_fails_to_load_is_a_message_not_a_crash(window, tmp_path):
    from game.views.title import TitleView

    shell = make_shell(window)
    broken = tmp_path / "broken.tmj"
    broken.write_text("{", encoding="utf-8")
    shell.new_game(level=broken)
    assert isinstance(window.current_view, TitleView)
    assert shell.warnings and "broken" in " ".join(shell.warnings)


def test_continue_resumes_the_dream_after_quitting_to_title(window):
    from game.views.play import GameView
    from game.views.title import TitleView

    shell = make_shell(window)
    shell.start()
    title = window.current_view
    assert not title.menu.items[title.menu.index_of("continue")].enabled  # nothing saved yet
    shell.new_game(seed=11)
    frames(window, 5, draw_every=5)
    press(window, "ESCAPE")
    focus(window.current_view, "quit_to_title")
    press(window, "RETURN")
    title = window.current_view
    assert isinstance(title, TitleView)
    assert title.menu.focused.name == "continue"  # offered first once there is a dream to return to
    press(window, "RETURN")
    game = window.current_view
    assert isinstance(game, GameView) and game.run.options.resume is not None and game.run.seed == 11
    frames(window, 3, draw_every=3)


def test_a_mouse_click_on_a_menu_button_acts_like_confirm(window):
    from game.views.settings import SettingsView

    shell = make_shell(window)
    shell.show_title()
    title = window.current_view
    title.on_draw()  # lays the buttons out
    slot = title.menu.index_of("settings") - title.panel.first_visible
    x, y = title.panel.buttons[slot].rect.center
    window.dispatch_event("on_mouse_press", x, y, 1, 0)
    window.dispatch_event("on_mouse_release", x, y, 1, 0)
    window.dispatch_events()
    assert isinstance(window.current_view, SettingsView)


def test_a_whole_dream_from_the_menus_ends_back_at_the_title(window):
    """The bot plays (through the same actions) in the shell's game view; the end returns to the title."""
    from game.progress import progress_path
    from game.session import RunOptions
    from game.views.play import GameView
    from game.views.title import TitleView

    from game.views.waking import WakingView

    shell = make_shell(window, text_size=150)
    shell.start()
    shell.play(RunOptions(seed=3, autoplay=True, save_progress=True))
    game = window.current_view
    assert isinstance(game, GameView)
    screens = set()
    for tick in range(60 * 60 * 12):
        if game.finished:
            break
        screens.add(type(window.current_view))
        window.current_view.on_update(DT)
        if tick % 1200 == 0:
            window.current_view.on_draw()
    assert game.world.story.completed
    assert WakingView in screens  # the morning had a screen of its own
    assert isinstance(window.current_view, TitleView)
    assert not progress_path().exists()  # the dream is over: nothing to continue
    assert not window.current_view.menu.items[window.current_view.menu.index_of("continue")].enabled
    seen = set(shell.mixer.counts)
    assert {"heartbeat", "applause", "birds"} <= seen
    frames(window, 1)


def test_a_direct_run_shows_the_settings_warning_in_the_game_then_lets_it_go(window, config_dir):
    from game.session import Run, RunOptions
    from game.views.play import NOTICE_SECONDS, GameView
    from game.views.shell import Shell

    config_dir.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{not json", encoding="utf-8")
    shell = Shell(window)  # `flawed --seed 5`: no title, straight into the game
    view = shell.play_run(Run(RunOptions(seed=5)))
    assert window.current_view is view and isinstance(view, GameView)
    frames(window, 2)
    assert "settings.json" in view.banner.text
    frames(window, round(NOTICE_SECONDS / DT), draw_every=120)
    assert view.message == ""  # a notice, not a permanent scar on the screen


# -- the screen shows what the world and the settings say --------------------------------------------


def test_a_key_remapped_in_the_pause_menu_moves_the_running_games_dreamer(window):
    """Remapped while the dream runs (pause → settings → keys), the new key walks at once."""
    shell = make_shell(window)
    shell.new_game(seed=5)
    game = window.current_view
    frames(window, 5)
    press(window, "ESCAPE")
    focus(window.current_view, "settings")
    press(window, "RETURN")
    remap(window, "move_right", "L")
    for _ in range(3):  # keys → settings → pause → the game
        press(window, "ESCAPE")
    assert window.current_view is game
    start = game.world.player.position
    window.dispatch_event("on_key_press", key_code("L"), 0)
    window.dispatch_events()
    frames(window, 30, draw_every=15)
    window.dispatch_event("on_key_release", key_code("L"), 0)
    window.dispatch_events()
    assert game.world.player.position[0] > start[0] + 30, "the running game did not take the new key"


def test_the_running_games_captions_say_its_events_on_the_screen(window):
    import numpy as np

    from driver import screenshot
    from game.sim.beats.alone import HelpCalled

    shell = make_shell(window)
    shell.new_game(seed=5)
    game = window.current_view
    frames(window, 3)
    world = game.world
    world.emit(HelpCalled(world.tick, 1, *world.player.position))  # said in the next step
    frames(window, 1)
    assert "[you call out for help]" in game.captions.lines  # the view's captions heard the world
    game.on_draw()
    said = np.asarray(screenshot(window), np.int32)
    lines = game.captions._lines
    game.captions._lines = []
    game.on_draw()  # the same frame, without the captions
    quiet = np.asarray(screenshot(window), np.int32)
    game.captions._lines = lines
    changed = np.abs(said - quiet).sum(axis=2) > 30
    ys, xs = np.nonzero(changed)
    height, width = changed.shape
    assert len(xs) > 500, "the captions were not drawn"
    assert abs(xs.mean() - width / 2) < width * 0.1 and ys.mean() > height * 0.6  # in their box, low in the middle
    shell.settings.captions = False
    game.on_draw()
    assert np.abs(np.asarray(screenshot(window), np.int32) - quiet).sum(axis=2).max() <= 30  # off means off


def test_a_full_disk_is_said_once_in_the_game_and_the_dream_goes_on(window, monkeypatch):
    from game import storage

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.tempfile, "mkstemp", full)
    shell = make_shell(window)
    shell.new_game(seed=5)  # a player's own game: saved at every beat, from the first
    game = window.current_view
    frames(window, 3)
    assert "progress cannot be saved" in game.message and "No space left on device" in game.message
    assert "progress cannot be saved" in game.banner.text  # on the screen
    frames(window, 60, draw_every=30)
    assert game.world.tick == 63 and not game.finished
