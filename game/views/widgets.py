"""What every menu screen shares: a list of items driven by actions, drawn with arcade.gui, over a dim room.

A ``Menu`` is a column of ``MenuItem``s with one focused; ``Menu.act(Button)`` moves the
focus (menu up/down), changes a value (menu left/right), activates (confirm) or goes back.
Keys reach it through the player's bindings (``game.input``), gamepad buttons through
``game.views.gamepad``, and mouse clicks through arcade.gui's own buttons — the same items.
``Backdrop`` draws the game's own look behind the menus: a dark backstage wall, an easel
under a cloth, and one bare bulb that flickers (gently, under reduce flicker).
"""

from __future__ import annotations

import math
import random
from abc import ABCMeta, abstractmethod
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from PIL import Image, ImageDraw

from game.compat import prepare_arcade, prepare_gui

arcade = prepare_arcade()
gui = prepare_gui()  # headless arcade.gui needs its gaps papered over first

from game.render.atlas import own_atlas  # noqa: E402
from game.sim.actions import Button  # noqa: E402
from game.render.text import sized  # noqa: E402

# Look.
TITLE_FONT = ("Georgia", "DejaVu Serif", "Times New Roman", "serif")
BODY_FONT = ("DejaVu Sans", "Helvetica", "Arial", "sans-serif")
INK = (226, 214, 192, 255)  # warm paper white
DIM_INK = (150, 140, 126, 255)
FAINT_INK = (96, 90, 84, 255)
WARNING_INK = (232, 150, 120, 255)
ERROR_INK = (214, 110, 96, 255)
FOCUS_BG = (58, 42, 28, 255)
IDLE_BG = (17, 15, 17, 255)
FOCUS_BORDER = (214, 170, 110, 255)
MENU_FONT_PT = 15  # at text size 100 %
ITEM_HEIGHT_PX = 38  # at text size 100 %
ITEM_WIDTH_PX = 420
ITEM_GAP_PX = 6
VISIBLE_ITEMS = 11  # a longer menu scrolls
MENU_RESERVED_PX = 230  # px of the window kept for headings and hints, at text size 100 %
HINT_WIDTH_PX = 1100  # the focused item's hint wraps at this width

# The one light of the backdrop.
BULB_FLICKER_DIPS_PER_S = 0.7  # how often the bulb stutters (full flicker)
CALM_FLICKER_HZ = 0.35  # reduce flicker: one slow breath of light, well under 3 flashes a second
CALM_FLICKER_DEPTH = 0.12
GLOW_RADIUS_PX = 520
GLOW_PEAK = 120  # 0..255: how much light the bulb adds at its brightest


@dataclass
class MenuItem:
    """One row: a label (or a function giving it), what confirm does, what left/right do."""

    label: str | Callable[[], str]
    confirm: Callable[[], None] | None = None
    adjust: Callable[[int], None] | None = None  # -1 left, +1 right
    enabled: bool = True
    hint: str = ""  # shown below the menu while focused (a level's error, say)
    name: str = ""  # for tests and for finding an item again

    def text(self) -> str:
        return self.label() if callable(self.label) else self.label


@dataclass
class Menu:
    items: list[MenuItem]
    back: Callable[[], None] | None = None
    focus: int = 0
    wraps: bool = True  # up from the first item goes to the last; a menu that scrolls does not (its panel says)
    _listeners: list = field(default_factory=list)  # called after anything changed (labels to refresh)

    def __post_init__(self):
        if self.items and not self.items[self.focus].enabled:
            self.move(1)

    @property
    def focused(self) -> MenuItem | None:
        return self.items[self.focus] if self.items else None

    def index_of(self, name: str) -> int:
        for index, item in enumerate(self.items):
            if item.name == name:
                return index
        raise KeyError(name)

    def focus_on(self, name: str) -> None:
        self.focus = self.index_of(name)
        self.changed()

    def move(self, step: int) -> None:
        """Next enabled item up or down: wrapping round if the menu wraps, else stopping at the ends."""
        if not any(item.enabled for item in self.items):
            return
        index = self.focus
        for _ in range(len(self.items)):
            index += step
            if not self.wraps and not 0 <= index < len(self.items):
                return  # at the end: stay on the item focused
            index %= len(self.items)
            if self.items[index].enabled:
                break
        self.focus = index
        self.changed()

    @property
    def adjustable(self) -> bool:
        """Whether any item changes a value with left and right."""
        return any(item.adjust is not None for item in self.items)

    def act(self, button: Button) -> bool:
        """Do what a menu action means here. True if it did something."""
        item = self.focused
        if button == Button.MENU_UP:
            self.move(-1)
        elif button == Button.MENU_DOWN:
            self.move(1)
        elif button in (Button.MENU_LEFT, Button.MENU_RIGHT):
            if item is None or not item.enabled or item.adjust is None:
                return False
            item.adjust(-1 if button == Button.MENU_LEFT else 1)
            self.changed()
        elif button == Button.MENU_CONFIRM:
            if item is None or not item.enabled:
                return False
            if item.confirm is not None:
                item.confirm()
            elif item.adjust is not None:
                item.adjust(1)
            else:
                return False
            self.changed()
        elif button == Button.MENU_BACK:
            if self.back is None:
                return False
            self.back()
        else:
            return False
        return True

    def changed(self) -> None:
        for listener in self._listeners:
            listener()


MENU_BUTTONS = (Button.MENU_UP, Button.MENU_DOWN, Button.MENU_LEFT, Button.MENU_RIGHT, Button.MENU_CONFIRM, Button.MENU_BACK)


def menu_buttons_for_key(bindings, symbol: int) -> list[Button]:
    """The menu actions a key press means under the player's bindings, in a fixed order."""
    names = bindings.bindings_for(symbol)
    return [button for button in MENU_BUTTONS if button.value in names]


def item_style(scale: float) -> dict:
    size = round(MENU_FONT_PT * scale)
    idle = gui.UIFlatButton.UIStyle(font_size=size, font_name=BODY_FONT, font_color=DIM_INK, bg=IDLE_BG)
    focus = gui.UIFlatButton.UIStyle(font_size=size, font_name=BODY_FONT, font_color=INK, bg=FOCUS_BG, border=FOCUS_BORDER, border_width=2)
    dead = gui.UIFlatButton.UIStyle(font_size=size, font_name=BODY_FONT, font_color=FAINT_INK, bg=(12, 11, 13, 255))
    return {"normal": idle, "hover": focus, "press": focus, "disabled": dead}


def focused_style(scale: float) -> dict:
    style = item_style(scale)
    return {**style, "normal": style["hover"]}


class MenuPanel:
    """A Menu drawn as a column of arcade.gui buttons; clicks act on the same items."""

    def __init__(self, menu: Menu, scale: float = 1.0, anchor_x: str = "center", anchor_y: str = "center", offset=(0, 0), width: int = ITEM_WIDTH_PX):
        self.menu = menu
        self.scale = scale
        self.width = width
        self.manager = gui.UIManager()
        self.anchor = gui.UIAnchorLayout()
        self.column = gui.UIBoxLayout(vertical=True, space_between=int(ITEM_GAP_PX * scale))
        self.anchor.add(self.column, anchor_x=anchor_x, anchor_y=anchor_y, align_x=offset[0], align_y=offset[1])
        self.manager.add(self.anchor)
        self.buttons: list = []
        self.first_visible = 0
        menu._listeners.append(self.refresh)
        self.rebuild()

    def rebuild(self) -> None:
        self.column.clear()
        self.buttons = []
        width = int(self.width * max(1.0, self.scale * 0.9))
        height = int(ITEM_HEIGHT_PX * self.scale)
        # As many rows as fit between the heading and the hints; large text scrolls sooner.
        room = arcade.get_window().get_size()[1] - MENU_RESERVED_PX * (0.6 + 0.4 * self.scale)
        fits = max(3, int(room // (height + ITEM_GAP_PX * self.scale)))
        count = min(VISIBLE_ITEMS, fits, len(self.menu.items))
        # A menu that scrolls does not wrap: from its first item, up would jump to an item out of sight.
        self.menu.wraps = count >= len(self.menu.items)
        for slot in range(count):
            button = gui.UIFlatButton(text="", width=width, height=height, style=item_style(self.scale))
            button.on_click = self._clicker(slot)
            self.column.add(button)
            self.buttons.append(button)
        self.refresh()

    def _clicker(self, slot: int):
        def clicked(event) -> None:
            index = self.first_visible + slot
            if index < len(self.menu.items) and self.menu.items[index].enabled:
                self.menu.focus = index
                self.menu.act(Button.MENU_CONFIRM)

        return clicked

    def refresh(self) -> None:
        items = self.menu.items
        focus = self.menu.focus
        if focus < self.first_visible:
            self.first_visible = focus
        elif focus >= self.first_visible + len(self.buttons):
            self.first_visible = focus - len(self.buttons) + 1
        for slot, button in enumerate(self.buttons):
            index = self.first_visible + slot
            item = items[index]
            text = item.text()
            if slot == 0 and self.first_visible > 0:
                text = "▴  " + text
            if slot == len(self.buttons) - 1 and index < len(items) - 1:
                text = text + "  ▾"
            button.text = text
            button.disabled = not item.enabled
            button.style = focused_style(self.scale) if index == focus else item_style(self.scale)
            button.trigger_full_render()

    def enable(self) -> None:
        self.manager.enable()

    def disable(self) -> None:
        self.manager.disable()

    def draw(self) -> None:
        self.manager.draw()


def radial_glow(radius: int, colour=(255, 214, 150)) -> "arcade.Texture":
    """A soft round light as a texture (alpha falls off like a real bulb's spill, with dither)."""
    size = radius * 2
    y, x = np.mgrid[0:size, 0:size].astype(np.float32)
    d = np.hypot(x - radius + 0.5, y - radius + 0.5) / radius
    falloff = np.clip(1.0 - d, 0.0, 1.0) ** 2.2
    noise = np.random.default_rng(11).uniform(-0.5, 0.5, falloff.shape) / 255.0  # against banding
    alpha = np.clip(falloff + noise, 0.0, 1.0)
    rgba = np.zeros((size, size, 4), np.uint8)
    for channel in range(3):  # premultiplied: additive blending adds the colour as it is
        rgba[..., channel] = np.clip(colour[channel] * alpha + np.random.default_rng(12 + channel).uniform(0, 1, alpha.shape), 0, 255).astype(np.uint8)
    rgba[..., 3] = (alpha * 255).astype(np.uint8)
    return arcade.Texture(Image.fromarray(rgba), hash=f"glow-{radius}-{colour}")


def backstage_wall(width: int, height: int) -> "arcade.Texture":
    """A dark plank wall and floor, drawn once with numpy (never per frame)."""
    rng = np.random.default_rng(5)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    base = np.full((height, width), 22.0, np.float32)
    planks = (x // 86).astype(int)
    base += rng.uniform(-4, 4, planks.max() + 1)[planks]
    base += np.where((x % 86) < 2, -9.0, 0.0)  # the gaps between planks
    base += rng.normal(0, 1.6, base.shape)  # grain
    floor_line = height * 0.27
    floor = y > height - floor_line
    base = np.where(floor, 16.0 + (y - (height - floor_line)) * 0.03 + rng.normal(0, 1.2, base.shape), base)
    rgb = np.stack([base * 1.0, base * 0.93, base * 0.9], axis=-1)
    return arcade.Texture(Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).convert("RGBA"), hash=f"wall-{width}x{height}")


def easel_silhouette(width: int, height: int) -> "arcade.Texture":
    """The masterpiece on its easel under a cloth, as a dark shape with a faint warm rim."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    leg = (8, 7, 9, 255)
    pen.line([(width * 0.5, height * 0.05), (width * 0.2, height)], fill=leg, width=max(3, width // 28))
    pen.line([(width * 0.5, height * 0.05), (width * 0.8, height)], fill=leg, width=max(3, width // 28))
    pen.line([(width * 0.5, height * 0.05), (width * 0.52, height)], fill=leg, width=max(2, width // 40))
    cloth = [(width * 0.12, height * 0.62), (width * 0.16, height * 0.12), (width * 0.5, height * 0.06),
             (width * 0.84, height * 0.12), (width * 0.9, height * 0.64), (width * 0.7, height * 0.6),
             (width * 0.5, height * 0.66), (width * 0.3, height * 0.6)]
    pen.polygon(cloth, fill=(12, 10, 12, 255), outline=(70, 52, 36, 255))
    return arcade.Texture(image, hash=f"easel-{width}x{height}")


class BulbFlicker:
    """The backdrop bulb's brightness over time: seeded stutters, or one slow breath if reduced."""

    def __init__(self, seed: int = 1):
        rng = random.Random(seed)
        self.dips = []  # (start s, length s, depth) over a repeating minute
        t = 0.0
        while t < 60.0:
            t += rng.expovariate(BULB_FLICKER_DIPS_PER_S)
            self.dips.append((t, rng.uniform(0.04, 0.22), rng.uniform(0.25, 0.85)))

    def brightness(self, seconds: float, reduce_flicker: bool) -> float:
        if reduce_flicker:
            return 1.0 - CALM_FLICKER_DEPTH * (0.5 + 0.5 * math.sin(2 * math.pi * CALM_FLICKER_HZ * seconds))
        t = seconds % 60.0
        value = 0.92 + 0.05 * math.sin(seconds * 11.0) * math.sin(seconds * 3.7)
        for start, length, depth in self.dips:
            if start <= t < start + length:
                value *= 1.0 - depth
        return max(0.0, value)


class Backdrop:
    """The dim backstage behind every menu: a wall, an easel under a cloth, one flickering bulb."""

    def __init__(self, window, bulb_at=(0.72, 0.78), flicker: bool = True):
        self.window = window
        self.flicker_allowed = flicker  # off on the photosensitivity notice: nothing flickers before it
        self.clock = 0.0
        self.flicker = BulbFlicker()
        self.bulb_at = bulb_at
        self.build()

    def build(self) -> None:
        width, height = self.window.get_size()
        self.size = (width, height)
        wall = arcade.Sprite(backstage_wall(width, height), center_x=width / 2, center_y=height / 2)
        bx, by = self.bulb_at[0] * width, self.bulb_at[1] * height
        easel = arcade.Sprite(easel_silhouette(260, 320), center_x=bx, center_y=height * 0.27 + 60)
        self.glow = arcade.Sprite(radial_glow(GLOW_RADIUS_PX), center_x=bx, center_y=by - 40)
        self.core = arcade.Sprite(radial_glow(26, (255, 236, 200)), center_x=bx, center_y=by)
        self.pool = arcade.Sprite(radial_glow(GLOW_RADIUS_PX // 2), center_x=bx, center_y=height * 0.2)
        self.pool.width, self.pool.height = GLOW_RADIUS_PX * 1.5, GLOW_RADIUS_PX * 0.3  # the light pooled on the floor
        self.cord = arcade.SpriteSolidColor(2, int(height - by), bx, by + (height - by) / 2, (20, 18, 18, 255))
        # A wall the size of the window and a wide glow: an atlas of their own, gone with the
        # backdrop (in arcade's shared one they took half of it, and the story then outgrew it).
        parts = (wall, self.pool, self.glow, self.core, easel, self.cord)
        atlas = own_atlas([sprite.texture for sprite in parts])
        self.sprites, self.glow_sprites, self.easel_sprites = (arcade.SpriteList(atlas=atlas) for _ in range(3))
        self.sprites.append(wall)
        self.glow_sprites.extend([self.pool, self.glow, self.core])
        self.easel_sprites.extend([easel, self.cord])

    def update(self, delta_time: float) -> None:
        self.clock += delta_time

    def brightness(self, reduce_flicker: bool) -> float:
        if not self.flicker_allowed:
            return 0.85
        return self.flicker.brightness(self.clock, reduce_flicker)

    def draw(self, reduce_flicker: bool = False) -> None:
        if self.window.get_size() != self.size:
            self.build()
        level = self.brightness(reduce_flicker)
        glow = int(GLOW_PEAK * level)  # additive: the sprite colour is the light's strength
        core = int(255 * min(1.0, 0.35 + 0.65 * level))
        self.glow.color = (glow, glow, glow, 255)
        self.core.color = (core, core, core, 255)
        self.pool.color = (glow // 2, glow // 2, glow // 2, 255)
        self.sprites.draw()
        ctx = self.window.ctx
        self.glow_sprites.draw(blend_function=ctx.BLEND_ADDITIVE)
        ctx.blend_func = ctx.BLEND_DEFAULT  # the draw leaves additive blending on for whatever follows
        self.easel_sprites.draw()


def shaded_panel(left: float, right: float, bottom: float, top: float, alpha: int = 190) -> None:
    arcade.draw_lrbt_rectangle_filled(left, right, bottom, top, (8, 8, 10, alpha))


class MenuView(arcade.View, metaclass=ABCMeta):
    """A screen that is one menu over the dim backstage. Subclasses build the menu and any words."""

    flicker = True  # the backdrop's bulb may flicker (the notice turns it off)
    anchor = ("center", "center", (0, -40))
    item_width = ITEM_WIDTH_PX

    def __init__(self, shell):
        super().__init__()
        self.shell = shell
        self.scale = shell.settings.text_scale
        self.menu = self.build_menu()
        anchor_x, anchor_y, offset = self.anchor
        self.panel = MenuPanel(self.menu, self.scale, anchor_x, anchor_y, offset, self.item_width)
        self.hint = arcade.Text("", 0, 0, DIM_INK, 12 * self.scale, font_name=BODY_FONT, anchor_x="center",
                                anchor_y="bottom", multiline=True, width=HINT_WIDTH_PX, align="center")
        self.footer = arcade.Text("", 0, 0, FAINT_INK, 11 * self.scale, font_name=BODY_FONT, anchor_x="center")

    @abstractmethod
    def build_menu(self) -> Menu:
        """The screen's items (called again by rebuild)."""

    def rebuild(self) -> None:
        """Make the menu again (text size changed, or what it lists)."""
        focus = self.menu.focus
        self.scale = self.shell.settings.text_scale
        self.panel.disable()
        self.menu = self.build_menu()
        self.menu.focus = min(focus, len(self.menu.items) - 1)
        anchor_x, anchor_y, offset = self.anchor
        self.panel = MenuPanel(self.menu, self.scale, anchor_x, anchor_y, offset, self.item_width)
        sized(self.hint, 12 * self.scale)
        sized(self.footer, 11 * self.scale)
        if self.window is not None and self.window.current_view is self:
            self.panel.enable()

    # -- arcade ----------------------------------------------------------------------------

    def on_show_view(self) -> None:
        self.shell.backdrop.flicker_allowed = self.flicker
        self.panel.enable()

    def on_hide_view(self) -> None:
        self.panel.disable()

    def on_key_press(self, symbol: int, modifiers: int) -> None:
        for button in menu_buttons_for_key(self.shell.bindings, symbol):
            if self.on_action(button):
                return

    def on_action(self, button: Button) -> bool:
        """A menu action from any source: keys, gamepad, tests."""
        return self.menu.act(button)

    def on_update(self, delta_time: float) -> None:
        self.shell.backdrop.update(delta_time)

    def on_draw(self) -> None:
        self.clear()
        self.draw_background()
        self.panel.draw()
        self.draw_words()
        width, _ = self.window.get_size()
        item = self.menu.focused
        if item is not None and item.hint:
            self.hint.text = item.hint
            self.hint.x, self.hint.y = width / 2, 56 * self.scale
            self.hint.draw()
        self.footer.text = self.shell.controls_line(adjust=self.menu.adjustable)
        self.footer.x, self.footer.y = width / 2, 20
        self.footer.draw()

    def draw_background(self) -> None:
        self.shell.backdrop.flicker_allowed = self.flicker
        self.shell.backdrop.draw(self.shell.settings.reduce_flicker)

    def draw_words(self) -> None:
        """Titles and paragraphs of the screen (none by default)."""


class PanelView(MenuView):
    """A menu on a shaded panel under its heading: settings, keys, custom levels.

    Subclasses make `self.heading` (an arcade.Text) in their __init__.
    """

    panel_alpha = 150  # how much of the backstage the panel hides

    def draw_background(self) -> None:
        super().draw_background()
        width, height = self.window.get_size()
        shaded_panel(0, width, 0, height, self.panel_alpha)

    def draw_words(self) -> None:
        width, height = self.window.get_size()
        self.heading.x, self.heading.y = width / 2, height - 70 * self.scale
        self.heading.draw()
