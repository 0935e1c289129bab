"""Menus answer actions; the backdrop's bulb flickers, gently when asked; the title looks dim."""

from __future__ import annotations

import numpy as np

from game.settings import Settings
from game.sim.actions import Button
from game.views.widgets import BulbFlicker, Menu, MenuItem


def make_menu(log):
    value = {"n": 0}
    return Menu([
        MenuItem("Disabled", lambda: log.append("dead"), enabled=False, name="dead"),
        MenuItem("First", lambda: log.append("first"), name="first"),
        MenuItem(lambda: f"Value {value['n']}", adjust=lambda step: value.__setitem__("n", value["n"] + step), name="value"),
        MenuItem("Last", lambda: log.append("last"), name="last"),
    ], back=lambda: log.append("back")), value


def test_focus_skips_disabled_items_and_wraps():
    log = []
    menu, _ = make_menu(log)
    assert menu.focused.name == "first"  # the disabled first item is never focused
    menu.act(Button.MENU_UP)
    assert menu.focused.name == "last"
    menu.act(Button.MENU_DOWN)
    assert menu.focused.name == "first"  # wrapped round, past the disabled one


def test_a_menu_that_does_not_wrap_stays_at_its_ends():
    log = []
    menu, _ = make_menu(log)
    menu.wraps = False
    menu.act(Button.MENU_UP)
    assert menu.focused.name == "first"  # not round to the last, out of sight
    menu.act(Button.MENU_DOWN)
    menu.act(Button.MENU_DOWN)
    menu.act(Button.MENU_DOWN)
    assert menu.focused.name == "last"
    assert menu.adjustable and not Menu([MenuItem("Only", lambda: None)]).adjustable


def test_confirm_adjust_and_back():
    log = []
    menu, value = make_menu(log)
    assert menu.act(Button.MENU_CONFIRM) and log == ["first"]
    menu.act(Button.MENU_DOWN)
    menu.act(Button.MENU_RIGHT)
    menu.act(Button.MENU_RIGHT)
    menu.act(Button.MENU_LEFT)
    assert value["n"] == 1 and menu.focused.text() == "Value 1"
    assert menu.act(Button.MENU_BACK) and log[-1] == "back"
    assert not menu.act(Button.INTERACT)


def flashes_per_second(series: np.ndarray, rate: float, threshold: float = 0.1) -> float:
    """Pairs of opposing brightness swings of at least `threshold` (WCAG's flash), per second."""
    extreme, direction, swings = series[0], 0, 0
    for value in series[1:]:
        if direction >= 0 and value > extreme and direction > 0:
            extreme = value  # still rising
        elif direction <= 0 and value < extreme and direction < 0:
            extreme = value  # still falling
        elif abs(value - extreme) >= threshold:
            direction = 1 if value > extreme else -1
            swings += 1
            extreme = value
    return swings / 2 / (len(series) / rate)


def test_reduce_flicker_keeps_the_bulb_under_three_flashes_a_second():
    bulb = BulbFlicker()
    times = np.arange(0, 30, 1 / 60)
    calm = np.array([bulb.brightness(t, True) for t in times])
    wild = np.array([bulb.brightness(t, False) for t in times])
    assert flashes_per_second(calm, 60) < 3
    assert calm.max() - calm.min() < 0.2
    assert wild.min() < 0.6  # without the setting the bulb really stutters
    assert flashes_per_second(wild, 60) > flashes_per_second(calm, 60)


def test_the_title_is_dim_with_one_light_that_flickers(window, tmp_path, monkeypatch):
    from driver import screenshot
    from game.views.shell import Shell

    monkeypatch.setenv("FLAWED_CONFIG_DIR", str(tmp_path))
    shell = Shell(window, Settings(photosensitivity_acknowledged=True), [])
    shell.show_title()
    view = window.current_view
    lows, shots = [], []
    for clock in np.arange(0, 12, 0.05):
        shell.backdrop.clock = float(clock)
        lows.append(shell.backdrop.brightness(False))
    brightest, darkest = float(np.arange(0, 12, 0.05)[int(np.argmax(lows))]), float(np.arange(0, 12, 0.05)[int(np.argmin(lows))])
    for clock in (brightest, darkest):
        shell.backdrop.clock = clock
        view.on_draw()
        shots.append(np.asarray(screenshot(window), dtype=np.float32).mean(axis=2))
    bright, dark = shots
    assert bright.mean() < 60, "the title should be dim"
    lit = bright > 45
    ys, xs = np.nonzero(lit[: int(lit.shape[0] * 0.7)])  # the wall, above the menu's reach
    assert len(xs) > 1000
    assert xs.mean() > lit.shape[1] * 0.55  # one pool of light, to the right of the menu
    assert bright.mean() > dark.mean() + 0.5  # and it flickers


def test_the_backdrop_keeps_its_big_pictures_out_of_arcades_shared_atlas(window):
    """A wall the size of the window and a wide glow took half of arcade's shared atlas, and the
    story then outgrew it (a hitch, and 64 MB more, as the acceptance began): they get an atlas
    of their own (game.render.atlas)."""
    from game.views.widgets import Backdrop

    backdrop = Backdrop(window)
    backdrop.draw()
    shared = window.ctx.default_atlas
    pictures = [sprite for sprites in (backdrop.sprites, backdrop.glow_sprites, backdrop.easel_sprites) for sprite in sprites]
    assert len(pictures) == 6 and all(sprites.atlas is not shared for sprites in (backdrop.sprites, backdrop.glow_sprites, backdrop.easel_sprites))
    assert not any(shared.has_texture(sprite.texture) for sprite in pictures if sprite is not backdrop.cord)  # (the cord: arcade's own white)
