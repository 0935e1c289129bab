"""The settings screen, and the key remapping screen: every change applies at once and is saved."""

from __future__ import annotations

from game.settings import (
    GAME_SPEED_MAX, GAME_SPEED_MIN, GAME_SPEED_STEP, SCREEN_SHAKE, TEXT_SIZES, VOLUME_STEP,
)
from game.input import key_code, key_name
from game.views.widgets import INK, TITLE_FONT, Menu, MenuItem, PanelView, arcade

HEADING_PT = 30

# Bindings the player may remap, in the order they are listed, with their names on screen.
REMAPPABLE = (
    ("move_up", "Walk up"),
    ("move_down", "Walk down"),
    ("move_left", "Walk left"),
    ("move_right", "Walk right"),
    ("interact", "Interact / inspect"),
    ("use_tool", "Use tool"),
    ("next_tool", "Next tool"),
    ("call_help", "Call for help"),
    ("breathe", "Breathe / hold"),
    ("accept", "Accept"),
    ("cancel", "Cancel"),
    ("pause", "Pause"),
)


def on_off(value: bool) -> str:
    return "on" if value else "off"


def step_choice(choices, current, step: int):
    index = choices.index(current) if current in choices else 0
    return choices[(index + step) % len(choices)]


class SettingsView(PanelView):
    anchor = ("center", "center", (0, -30))

    def __init__(self, shell, back=None):
        self.back = back or shell.show_title
        super().__init__(shell)
        self.heading = arcade.Text("Settings", 0, 0, INK, HEADING_PT * self.scale, font_name=TITLE_FONT, anchor_x="center")

    def build_menu(self) -> Menu:
        s = self.shell.settings

        def volume(field: str, label: str) -> MenuItem:
            def adjust(step: int) -> None:
                value = round(getattr(s, field) + step * VOLUME_STEP, 2)
                self.change(field, min(1.0, max(0.0, value)))

            return MenuItem(lambda: f"{label}:  ◂ {round(getattr(s, field) * 100)} % ▸", adjust=adjust, name=field)

        def toggle(field: str, label: str, hint: str = "") -> MenuItem:
            return MenuItem(lambda: f"{label}:  {on_off(getattr(s, field))}", adjust=lambda step: self.change(field, not getattr(s, field)), name=field, hint=hint)

        def choice(field: str, label: str, choices, show=str, hint: str = "") -> MenuItem:
            return MenuItem(
                lambda: f"{label}:  ◂ {show(getattr(s, field))} ▸",
                adjust=lambda step: self.change(field, step_choice(choices, getattr(s, field), step)),
                name=field, hint=hint,
            )

        speeds = tuple(range(GAME_SPEED_MIN, GAME_SPEED_MAX + 1, GAME_SPEED_STEP))
        return Menu([
            volume("master_volume", "Master volume"),
            volume("music_volume", "Music and rooms"),
            volume("effects_volume", "Effects"),
            toggle("fullscreen", "Full screen"),
            toggle("reduce_flicker", "Reduce flicker", "every light changes under three flashes a second"),
            toggle("reduce_motion", "Reduce motion", "no screen shake; a slow, gentle vortex"),
            choice("screen_shake", "Screen shake", SCREEN_SHAKE),
            toggle("captions", "Captions", "every important sound written on screen"),
            choice("text_size", "Text size", TEXT_SIZES, lambda v: f"{v} %"),
            choice("game_speed", "Game speed", speeds, lambda v: f"{v} %", "slows the whole game down, never the other way"),
            MenuItem("Keys…", lambda: self.shell.show_view(KeysView(self.shell, back=lambda: self.shell.show_view(self))), name="keys"),
            MenuItem("Back", self.back, name="back"),
        ], back=self.back)

    def change(self, field: str, value) -> None:
        setattr(self.shell.settings, field, value)
        self.shell.settings_changed()
        if field == "text_size":
            self.rebuild()


class KeysView(PanelView):
    """Remap a key: choose the action, then press the key it should answer to."""

    anchor = ("center", "center", (0, -30))
    item_width = 540

    def __init__(self, shell, back=None):
        self.back = back or shell.show_title
        self.waiting_for: str | None = None  # the binding the next key press goes to
        super().__init__(shell)
        self.heading = arcade.Text("Keys", 0, 0, INK, HEADING_PT * self.scale, font_name=TITLE_FONT, anchor_x="center")

    def build_menu(self) -> Menu:
        s = self.shell.settings
        items = []
        for binding, label in REMAPPABLE:
            def text(binding=binding, label=label) -> str:
                if self.waiting_for == binding:
                    return f"{label}:  press a key…  (Esc keeps it)"
                return f"{label}:  {', '.join(k.title() for k in s.keys_for(binding))}"

            items.append(MenuItem(text, lambda binding=binding: self.listen(binding), name=binding))
        items.append(MenuItem("Reset to defaults", self.reset, name="reset"))
        items.append(MenuItem("Back", self.back, name="back"))
        return Menu(items, back=self.back)

    def listen(self, binding: str) -> None:
        self.waiting_for = binding
        self.menu.changed()

    def reset(self) -> None:
        self.shell.settings.reset_bindings()
        self.shell.settings_changed()

    def on_key_press(self, symbol: int, modifiers: int) -> None:
        if self.waiting_for is None:
            return super().on_key_press(symbol, modifiers)
        binding, self.waiting_for = self.waiting_for, None
        if symbol != key_code("ESCAPE"):
            try:
                self.shell.settings.rebind(binding, key_name(symbol))
            except ValueError as clash:  # the key already does something else here
                self.menu.focused.hint = f"not changed: {clash}"
            else:
                self.shell.settings_changed()
        self.menu.changed()

