"""Draws the running repair minigame over the close-up: its marks, the tool, the trembling hand,
and the progress mark creeping toward "fixed".

It reads ``world.minigame`` and maps canvas points through the close-up's ``to_screen``. One
pooled SpriteList of tinted stock pictures (dots, rings, squares, the tools, a hand) is
re-placed each frame: no per-frame polygon drawing.

The screen is laid out in bands (``layout``): the tool's name in a band along the top; the
hint, the progress bar and the carried tools in a band along the bottom; room for the captions
above that; and the frame between, where the close-up shows the minigame's whole work area.
The bands are opaque, so their words read (4.5:1 at least) over the brightest weave.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import arcade
from PIL import Image, ImageDraw, ImageFilter

from game.captions import MAX_LINES, box_height_px
from game.render.text import sized
from game.sim.story import Beat
from game.tools import tool

BAR_WIDTH = 420  # px, the progress mark's track
BAR_Y = 46  # px from the bottom of the screen
HINT_ABOVE_BAR_PX = 22  # from the bar's middle to the hint's lowest line
HINT_PT = 14  # at 100 % text size
HINT_LINES = 2  # a long hint (or large text) wraps onto a second line; the band has room for it
TITLE_PT = 18
TOP_BAND_PX = 70  # the band along the top that the tool's name sits in, at 100 % text size
CAPTION_GAP_PX = 14  # between the bottom band and the captions above it
FRAME_GAP_PX = 10  # between the captions' room (or the top band) and the framed picture
SIDE_MARGIN_PX = 48
BAND_COLOUR = (10, 7, 10)
BAND_ALPHA = 255  # opaque: the words read over any weave, and the close-up is not worked out under them
TEXT_COLOUR = (244, 236, 218, 255)
HINT_COLOUR = (236, 226, 206, 255)
GOLD = (240, 196, 92)
TOOL_SPACING = 76  # px between the carried tools' icons
TOOL_ROW_Y = 40  # px from the bottom: the carried tools, between attempts
# The button words hints are written with, and the keys that press them by default; the play
# view hands the renderer the player's own (MinigameRenderer.labels).
KEY_NAMES = {"USE": "F", "CANCEL": "X", "NEXT": "Tab"}


@dataclass(frozen=True)
class Layout:
    """Where everything goes on a screen of a size, at a text scale (px, from the bottom left)."""

    size: tuple[int, int]
    scale: float
    top_band: float  # height of the band along the top
    bottom_band: float  # height of the band along the bottom
    caption_floor: float  # the captions' box starts this high
    frame: tuple[float, float, float, float]  # (left, bottom, right, top) left free for the picture


def layout(size: tuple[int, int], scale: float = 1.0) -> Layout:
    w, h = size
    top_band = TOP_BAND_PX * max(1.0, scale * 0.85)
    bottom_band = BAR_Y + HINT_ABOVE_BAR_PX + HINT_LINES * HINT_PT * scale * 1.45 + 8
    caption_floor = bottom_band + CAPTION_GAP_PX
    frame_bottom = caption_floor + box_height_px(MAX_LINES, scale) + FRAME_GAP_PX
    frame_top = max(frame_bottom + 60.0, h - top_band - FRAME_GAP_PX)
    return Layout((w, h), scale, top_band, bottom_band, caption_floor, (SIDE_MARGIN_PX, frame_bottom, w - SIDE_MARGIN_PX, frame_top))


def choosing_words(world) -> tuple[str, str]:
    """Between attempts: (the title, the hint) — what the player can do now, in button words."""
    selected = world.tools.selected_tool
    failures = world.story.scene.failures
    more = len(world.tools.carried) > 1
    lying = bool(world.tools.loose)
    if selected is None:
        hint = "USE  fumble at it with your bare hands"
        return "no tool in hand", hint + ("      walk away to find a tool" if lying else "")
    name = tool(selected).name
    if failures(selected):
        title = f"the {name} again?"
        hint = "USE  try it again"
    else:
        title = f"reach for the {name}"
        hint = "USE  reach for it"
    if more:
        hint += "      NEXT  another tool"
    if lying:
        hint += "      walk away to fetch the others"
    return title, hint


def keys(text: str, labels: dict[str, str] | None = None) -> str:
    """A hint with its button words turned into the keys that press them."""
    labels = labels or KEY_NAMES
    return " ".join(labels.get(word, word) for word in text.split(" "))


# -- stock pictures -------------------------------------------------------------------------


def _texture(image: Image.Image, name: str) -> arcade.Texture:
    return arcade.Texture(image, hash=f"minigame-{name}", hit_box_algorithm=arcade.hitbox.algo_bounding_box)


@lru_cache(maxsize=None)
def stock(name: str) -> arcade.Texture:
    """White pictures to tint: dot, soft, ring, square, and the tools and hand in colour."""
    size = 64
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if name == "dot":
        draw.ellipse((4, 4, size - 4, size - 4), fill=(255, 255, 255, 255))
    elif name == "soft":
        draw.ellipse((12, 12, size - 12, size - 12), fill=(255, 255, 255, 255))
        image = image.filter(ImageFilter.GaussianBlur(7))
    elif name == "ring":
        draw.ellipse((4, 4, size - 4, size - 4), outline=(255, 255, 255, 255), width=5)
    elif name == "square":
        image = Image.new("RGBA", (8, 8), (255, 255, 255, 255))
    elif name == "hand":
        image = _hand_picture()
    else:
        image = tool_picture(name)
    return _texture(image, name)


def _hand_picture() -> Image.Image:
    """The dreamer's hand from above, fingers toward the tool (up), pale with a dark edge."""
    image = Image.new("RGBA", (128, 160), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    skin, edge = (226, 196, 170, 255), (60, 40, 34, 255)
    for x, top in ((34, 28), (54, 14), (74, 18), (94, 34)):
        draw.rounded_rectangle((x - 9, top, x + 9, 90), radius=9, fill=skin, outline=edge, width=3)
    draw.rounded_rectangle((22, 70, 108, 150), radius=26, fill=skin, outline=edge, width=3)
    draw.line((20, 110, 4, 72), fill=edge, width=22)
    draw.line((20, 110, 4, 72), fill=skin, width=16)
    return image


def tool_picture(tool_id: str) -> Image.Image:
    """A tool as its record draws it, 96 px square."""
    image = Image.new("RGBA", (96, 96), (0, 0, 0, 0))
    tool(tool_id).picture(ImageDraw.Draw(image))
    return image


# -- the overlay ----------------------------------------------------------------------------


class MinigameRenderer:
    """Draws world.minigame over a CloseupRenderer's last frame."""

    def __init__(self, closeup):
        self.closeup = closeup
        self.sprites = arcade.SpriteList()
        self.used = 0
        self.camera = arcade.Camera2D()
        self.title = arcade.Text("", 0, 0, TEXT_COLOUR, TITLE_PT, anchor_x="center", anchor_y="center")
        self.hint = arcade.Text("", 0, 0, HINT_COLOUR, HINT_PT, anchor_x="center", anchor_y="bottom",
                                multiline=True, width=1000, align="center")
        self.fixed = arcade.Text("fixed", 0, 0, GOLD + (255,), 13, anchor_x="left", anchor_y="center")
        self.labels = dict(KEY_NAMES)  # button word → the player's key (see keys())
        self.layout: Layout | None = None  # set by the overlay each frame (the screen's size, the text size)
        self.show_words = True  # tests draw the bands without their words, to see what is behind them

    def put(self, name: str, x: float, y: float, width: float, height: float | None = None, colour=(255, 255, 255), alpha: float = 255, angle: float = 0.0) -> None:
        """Place the next pooled sprite (reused frame after frame)."""
        if self.used == len(self.sprites):
            self.sprites.append(arcade.Sprite(stock(name)))
        sprite = self.sprites[self.used]
        self.used += 1
        texture = stock(name)
        if sprite.texture is not texture:
            sprite.texture = texture
        sprite.position = (x, y)
        sprite.width = width
        sprite.height = width if height is None else height
        sprite.color = (int(colour[0]), int(colour[1]), int(colour[2]), int(max(0, min(255, alpha))))
        sprite.angle = angle
        sprite.visible = True

    def draw(self, world) -> None:
        game = world.minigame
        self.used = 0
        w, h = self.closeup.size
        placed = self.layout or layout((w, h))
        choosing = game is None and world.story.beat == Beat.REPAIR
        if (game is not None or choosing) and self.closeup.seen is None:
            # Dark bands behind the words, so they read over the busy weave (unless the close-up
            # was drawn between them only, on a screen cleared to their colour: CloseupOverlay).
            self.put("square", w / 2, placed.bottom_band / 2, w, placed.bottom_band, BAND_COLOUR, BAND_ALPHA)
            self.put("square", w / 2, h - placed.top_band / 2, w, placed.top_band, BAND_COLOUR, BAND_ALPHA)
        if game is not None:
            tool(game.tool).paint(self, world, game)
            self._hand(world, game)
            self._progress(world, game)
        elif choosing:
            self._tool_row(world)
        for sprite in self.sprites[self.used :]:
            sprite.visible = False
        self.camera.match_window(position=True)  # (the window may have changed size since it was made)
        self.camera.use()
        self.sprites.draw()
        if not (game is not None or choosing) or not self.show_words:
            return
        if game is not None:
            title = tool(game.tool).name
            hint = tool(game.tool).failing_words if game.state != "playing" else keys(game.HINT, self.labels)
        else:
            title, hint = choosing_words(world)
            hint = keys(hint, self.labels)
        sized(self.title, TITLE_PT * placed.scale)
        self.title.text = title
        self.title.position = (w / 2, h - placed.top_band / 2)
        self.title.draw()
        sized(self.hint, HINT_PT * placed.scale)
        if self.hint.width != int(w - 2 * SIDE_MARGIN_PX):  # (a new width lays the words out again too)
            self.hint.width = int(w - 2 * SIDE_MARGIN_PX)
        self.hint.text = hint
        self.hint.position = (w / 2, BAR_Y + HINT_ABOVE_BAR_PX)
        self.hint.draw()
        if game is not None:
            self.fixed.position = (w / 2 + BAR_WIDTH / 2 + 10, BAR_Y)
            self.fixed.draw()

    def hint_box(self) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) px of the hint as last drawn."""
        x, y = self.hint.position[0], self.hint.position[1]
        width, height = self.hint.content_width, self.hint.content_height
        return (x - width / 2, y, x + width / 2, y + height)

    def title_box(self) -> tuple[float, float, float, float]:
        x, y = self.title.position[0], self.title.position[1]
        width, height = self.title.content_width, self.title.content_height
        return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)

    def _tool_row(self, world) -> None:
        """The carried tools along the bottom: the chosen one ringed, the failed ones dimmed and marked once per failure."""
        w, _ = self.closeup.size
        rack = world.tools
        failures = world.story.scene.failures
        count = len(rack.carried)
        y = TOOL_ROW_Y
        for index, carried in enumerate(rack.carried):
            x = w / 2 + (index - (count - 1) / 2) * TOOL_SPACING
            chosen = carried == rack.selected_tool
            failed = failures(carried)
            if chosen:
                self.put("soft", x, y, 78, None, GOLD, 120)
                self.put("ring", x, y, 58, None, GOLD, 255)
            self.put(carried, x, y, 52 if chosen else 42, None, (255, 255, 255), 150 if failed and not chosen else 255)
            for tally in range(min(failed, 5)):  # one small red stroke per failed attempt
                self.put("square", x - 12 + tally * 6, y - 26, 3, 9, (200, 70, 60), 255)

    # -- shared pieces ---------------------------------------------------------------------

    def px(self, canvas_units: float) -> float:
        """Screen pixels of a length on the canvas."""
        return canvas_units * self.closeup.scale

    def to_screen(self, u: float, v: float) -> tuple[float, float]:
        """Screen pixels of a canvas point."""
        return self.closeup.to_screen(u, v)

    def _hand(self, world, game) -> None:
        """The tool at the tip, held by a hand that shakes with the tremble."""
        x, y = self.closeup.to_screen(*game.cursor)
        if game.COUNTS_AS_TOOL:
            self.put(game.tool, x + 22, y + 22, 72)
        tx, ty = world.panic.tremble
        hx, hy = x + 40 + tx * 30, y - 70 + ty * 30
        self.put("hand", hx, hy, 96, 120, angle=-25 + tx * 20)

    def _progress(self, world, game) -> None:
        w, _ = self.closeup.size
        left = w / 2 - BAR_WIDTH / 2
        self.put("square", w / 2, BAR_Y, BAR_WIDTH + 8, 16, (20, 14, 16), 220)
        failing = game.state != "playing"
        fill = BAR_WIDTH * game.progress
        colour = (150, 40, 40) if failing else GOLD
        if fill > 0:
            self.put("square", left + fill / 2, BAR_Y, fill, 10, colour, 255)
        self.put("square", left + BAR_WIDTH, BAR_Y, 3, 26, GOLD, 255)  # the "fixed" mark
        mark_x = left + fill
        self.put("dot", mark_x, BAR_Y, 16, None, (255, 240, 200) if not failing else (200, 60, 60), 255)
