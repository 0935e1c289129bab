"""The pause menu (Esc): the game stays frozen behind it, exactly as it was left."""

from __future__ import annotations

from game.render.atlas import own_atlas
from game.views.widgets import INK, TITLE_FONT, Menu, MenuItem, MenuView, arcade, shaded_panel

HEADING_PT = 34
DIM_OVER_GAME = 170  # alpha of the shade over the frozen game


class PauseView(MenuView):
    anchor = ("center", "center", (0, -30))

    def __init__(self, shell, game_view, under=None):
        self.game_view = game_view
        self.under = under or game_view  # the screen paused (the game, or the morning)
        super().__init__(shell)
        self.heading = arcade.Text("Paused", 0, 0, INK, HEADING_PT * self.scale, font_name=TITLE_FONT, anchor_x="center")
        self.frozen = self.capture()

    def build_menu(self) -> Menu:
        return Menu([
            MenuItem("Resume", self.resume, name="resume"),
            MenuItem("Settings", lambda: self.shell.show_settings(back=lambda: self.shell.show_view(self)), name="settings"),
            MenuItem("Quit to title", self.quit_to_title, name="quit_to_title", hint="the dream is kept at its last beat"),
        ], back=self.resume)

    def capture(self):
        """The paused screen's last frame as a sprite: drawn each frame for nothing, instead of the world."""
        game_view = self.game_view
        game_view.show_hud = False  # the menu's own words go where the HUD was
        try:
            self.window.clear()
            self.under.on_draw()
            image = arcade.get_image(0, 0, *self.window.get_framebuffer_size())
        except Exception:  # a game that cannot draw still pauses
            return None
        finally:
            game_view.show_hud = True
        width, height = self.window.get_size()
        texture = arcade.Texture(image, hash=f"paused-{id(self)}")
        # An atlas of its own: a screen-sized picture per pause would grow the shared one for good.
        sprites = arcade.SpriteList(atlas=own_atlas([texture]))
        sprite = arcade.Sprite(texture)
        sprite.width, sprite.height = width, height
        sprite.position = (width / 2, height / 2)
        sprites.append(sprite)
        return sprites

    def resume(self) -> None:
        self.shell.resume(self.game_view, self.under)

    def quit_to_title(self) -> None:
        self.shell.quit_to_title(self.game_view)

    def on_update(self, delta_time: float) -> None:
        pass  # the world and the backdrop's bulb both hold still

    def draw_background(self) -> None:
        width, height = self.window.get_size()
        self.window.default_camera.use()
        if self.frozen is not None:
            self.frozen.draw()
        shaded_panel(0, width, 0, height, DIM_OVER_GAME)

    def draw_words(self) -> None:
        width, height = self.window.get_size()
        self.heading.x, self.heading.y = width / 2, height / 2 + 110 * self.scale
        self.heading.draw()
