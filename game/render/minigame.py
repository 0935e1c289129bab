"""Draws the running repair minigame over the close-up: its marks, the tool, the trembling hand,
and the progress mark creeping toward "fixed".

It reads ``world.minigame`` and maps canvas points through the close-up's ``to_screen``. One
pooled SpriteList of tinted stock pictures (dots, rings, squares, the tools, a hand) is
re-placed each frame: no per-frame polygon drawing.
"""

from __future__ import annotations

from functools import lru_cache

import arcade
from PIL import Image, ImageDraw, ImageFilter

from game.sim.story import Beat
from game.tools import tool

BAR_WIDTH = 420  # px, the progress mark's track
BAR_Y = 46  # px from the bottom of the screen
BOTTOM_BAND_PX = 110  # the dark band along the bottom that the hint, the bar and the tools sit on
TEXT_COLOUR = (236, 224, 200, 255)
GOLD = (240, 196, 92)
TOOL_SPACING = 88  # px between the carried tools' icons
# The button words hints are written with, and the keys that press them by default; the play
# view hands the renderer the player's own (MinigameRenderer.labels).
KEY_NAMES = {"USE": "F", "CANCEL": "X", "NEXT": "Tab"}
CHOOSING_HINT = "NEXT  next tool      USE  reach for it      walk away to fetch the others"
EMPTY_HANDED_HINT = "USE  reach anyway      walk away to find a tool"


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
        self.title = arcade.Text("", 0, 0, TEXT_COLOUR, 18, anchor_x="center")
        self.hint = arcade.Text("", 0, 0, (210, 200, 180, 220), 13, anchor_x="center")
        self.fixed = arcade.Text("fixed", 0, 0, GOLD + (255,), 13, anchor_x="left", anchor_y="center")
        self.labels = dict(KEY_NAMES)  # button word → the player's key (see keys())

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
        choosing = game is None and world.story.beat == Beat.REPAIR
        if game is not None or choosing:
            # Dark bands behind the words, so they read over the busy weave.
            w, h = self.closeup.size
            self.put("square", w / 2, BOTTOM_BAND_PX / 2, w, BOTTOM_BAND_PX, (8, 5, 8), 170)
            self.put("square", w / 2, h - 45, w, 70, (8, 5, 8), 150)
        if game is not None:
            tool(game.tool).paint(self, world, game)
            self._hand(world, game)
            self._progress(world, game)
        elif choosing:
            self._tool_row(world)
        for sprite in self.sprites[self.used :]:
            sprite.visible = False
        w, h = self.closeup.size
        self.camera.match_window()
        self.camera.use()
        self.sprites.draw()
        if game is not None:
            record = tool(game.tool)
            self.title.text = record.name
            self.title.position = (w / 2, h - 48)
            self.title.draw()
            self.hint.text = record.failing_words if game.state != "playing" else keys(game.HINT, self.labels)
            self.hint.position = (w / 2, BAR_Y + 22)
            self.hint.draw()
            self.fixed.position = (w / 2 + BAR_WIDTH / 2 + 10, BAR_Y)
            self.fixed.draw()
        elif choosing:
            selected = world.tools.selected_tool
            self.title.text = f"reach for the {tool(selected).name}" if selected else "no tool in hand"
            self.title.position = (w / 2, h - 48)
            self.title.draw()
            self.hint.text = keys(CHOOSING_HINT if selected else EMPTY_HANDED_HINT, self.labels)
            self.hint.position = (w / 2, 12)
            self.hint.draw()

    def _tool_row(self, world) -> None:
        """The carried tools along the bottom: the chosen one ringed, the failed ones dimmed."""
        w, _ = self.closeup.size
        rack = world.tools
        failed = world.story.scene.failed
        count = len(rack.carried)
        for index, carried in enumerate(rack.carried):
            x = w / 2 + (index - (count - 1) / 2) * TOOL_SPACING
            chosen = carried == rack.selected_tool
            if chosen:
                self.put("soft", x, BAR_Y + 34, 96, None, GOLD, 120)
                self.put("ring", x, BAR_Y + 34, 70, None, GOLD, 255)
            self.put(carried, x, BAR_Y + 34, 64 if chosen else 52, None, (255, 255, 255), 110 if carried in failed else 255)
            if carried in failed:
                self.put("square", x, BAR_Y + 34, 56, 4, (170, 50, 50), 220, angle=-35)

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
