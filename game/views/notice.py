"""The first-run photosensitivity notice: shown before anything flickers, once, until acknowledged."""

from __future__ import annotations

from game.views.widgets import BODY_FONT, INK, TITLE_FONT, Menu, MenuItem, MenuView, arcade, shaded_panel

NOTICE_LINES = (
    "This game has flickering lights, sudden brightness and swirling motion.",
    "A small number of people may have seizures when they see certain lights or patterns,",
    "even with no history of epilepsy. If you feel dizzy, your sight changes or your muscles",
    "twitch, stop playing and rest.",
    "",
    "Reduce flicker keeps every light's changes under three flashes a second;",
    "reduce motion calms the vortex and stills the screen. Both are in Settings at any time.",
)
TEXT_PT = 14  # at text size 100 %
HEADING_PT = 26


class NoticeView(MenuView):
    flicker = False  # nothing flickers until the player has read this
    anchor = ("center", "bottom", (0, 110))
    item_width = 540

    def __init__(self, shell, then=None):
        self.then = then  # what to show after (the title)
        super().__init__(shell)
        self.heading = arcade.Text("Before the lights come up", 0, 0, INK, HEADING_PT * self.scale, font_name=TITLE_FONT, anchor_x="center")
        self.body = arcade.Text(
            "\n".join(NOTICE_LINES), 0, 0, INK, TEXT_PT * self.scale, font_name=BODY_FONT,
            anchor_x="center", anchor_y="top", multiline=True, width=int(900 * max(1.0, self.scale * 0.8)), align="center",
        )

    def build_menu(self) -> Menu:
        return Menu([
            MenuItem("Continue", self.acknowledge, name="continue"),
            MenuItem("Continue with reduced flicker and motion", lambda: self.acknowledge(reduce=True), name="continue_reduced"),
        ])

    def acknowledge(self, reduce: bool = False) -> None:
        settings = self.shell.settings
        settings.photosensitivity_acknowledged = True
        if reduce:
            settings.reduce_flicker = True
            settings.reduce_motion = True
        self.shell.settings_changed()
        (self.then or self.shell.show_title)()

    def draw_background(self) -> None:
        super().draw_background()
        width, height = self.window.get_size()
        shaded_panel(0, width, 0, height, 200)

    def draw_words(self) -> None:
        width, height = self.window.get_size()
        self.heading.x, self.heading.y = width / 2, height - 130 * self.scale
        self.heading.draw()
        self.body.x, self.body.y = width / 2, height - 170 * self.scale
        self.body.draw()
