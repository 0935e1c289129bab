"""The title screen: the backstage itself, dim, under one flickering bulb — and the way into the dream."""

from __future__ import annotations

from game.input import key_code
from game.views.widgets import (
    BODY_FONT, DIM_INK, INK, TITLE_FONT, WARNING_INK, Menu, MenuItem, MenuView, arcade,
)

SEED_DIGITS_MAX = 18  # seeds are below 2^63
TITLE_PT = 64
SUBTITLE_PT = 15


class TitleView(MenuView):
    anchor = ("left", "center", (110, -60))

    def __init__(self, shell):
        self.seed_text = ""
        super().__init__(shell)
        self.title = arcade.Text("Flawed", 0, 0, INK, TITLE_PT * self.scale, font_name=TITLE_FONT)
        self.subtitle = arcade.Text("a dream, backstage", 0, 0, DIM_INK, SUBTITLE_PT * self.scale, font_name=TITLE_FONT, italic=True)
        self.warning = arcade.Text("", 0, 0, WARNING_INK, 12 * self.scale, font_name=BODY_FONT, multiline=True, width=1100)

    def build_menu(self) -> Menu:
        can_continue = self.shell.can_continue()
        return Menu([
            MenuItem("Continue", self.shell.continue_game, enabled=can_continue, name="continue",
                     hint="" if can_continue else "no dream to return to yet"),
            MenuItem("New game", lambda: self.shell.new_game(), name="new_game", hint="a new backstage, from a random seed"),
            MenuItem(self.seed_label, self.start_with_seed, name="seed", hint="type a number, then confirm: the same seed, the same backstage"),
            MenuItem("Custom levels", self.shell.show_levels, name="levels"),
            MenuItem("Settings", lambda: self.shell.show_settings(back=self.shell.show_title), name="settings"),
            MenuItem("Quit", self.shell.quit, name="quit"),
        ], focus=0 if can_continue else 1)

    def seed_label(self) -> str:
        focused = hasattr(self, "menu") and self.seed_focused()  # the label is asked for while the menu is built
        cursor = "_" if focused else ""
        return f"New game with seed: {self.seed_text}{cursor}" if (self.seed_text or focused) else "New game with seed…"

    def start_with_seed(self) -> None:
        self.shell.new_game(seed=int(self.seed_text) if self.seed_text else None)

    # -- typing a seed ---------------------------------------------------------------------

    def seed_focused(self) -> bool:
        return self.menu.focused is not None and self.menu.focused.name == "seed"

    def on_text(self, text: str) -> None:
        if self.seed_focused():
            digits = "".join(ch for ch in text if ch.isdigit())
            if digits:
                self.seed_text = (self.seed_text + digits)[:SEED_DIGITS_MAX]
                self.menu.changed()

    def on_key_press(self, symbol: int, modifiers: int) -> None:
        if self.seed_focused() and self.seed_text and symbol == key_code("BACKSPACE"):
            self.seed_text = self.seed_text[:-1]
            self.menu.changed()
            return
        super().on_key_press(symbol, modifiers)

    # -- drawing ---------------------------------------------------------------------------

    def draw_words(self) -> None:
        width, height = self.window.get_size()
        self.title.x, self.title.y = 110, height - 190 * min(self.scale, 1.3)
        # The title catches a little of the bulb's light.
        glow = 0.78 + 0.22 * self.shell.backdrop.brightness(self.shell.settings.reduce_flicker)
        self.title.color = tuple(int(c * glow) for c in INK[:3]) + (255,)
        self.title.draw()
        self.subtitle.x, self.subtitle.y = 116, self.title.y - 34 * self.scale
        self.subtitle.draw()
        if self.shell.warnings:
            self.warning.text = "\n".join(self.shell.warnings)
            self.warning.x, self.warning.y = 110, 100 + 18 * self.scale * len(self.shell.warnings)
            self.warning.draw()
