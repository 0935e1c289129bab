"""Draws the running repair minigame over the close-up: its marks, the tool, the trembling hand,
and the progress mark creeping toward "fixed".

It reads ``world.minigame`` and maps canvas points through the close-up's ``to_screen``. One
pooled SpriteList of tinted stock pictures (dots, rings, squares, the tools, a hand) is
re-placed each frame: no per-frame polygon drawing.
"""

from __future__ import annotations

import math
from functools import lru_cache

import arcade
from PIL import Image, ImageDraw, ImageFilter

from game.sim.minigames import needle_and_thread as needle_rules
from game.sim.minigames import palette_knife as knife_rules
from game.sim.minigames import solvent as solvent_rules
from game.sim.minigames import varnish as varnish_rules

BAR_WIDTH = 420  # px, the progress mark's track
BAR_Y = 46  # px from the bottom of the screen
BOTTOM_BAND_PX = 110  # the dark band along the bottom that the hint, the bar and the tools sit on
TEXT_COLOUR = (236, 224, 200, 255)
GOLD = (240, 196, 92)
FAILING_WORDS = {
    "paintbrush": "the bristles drag the dark across the weave",
    "palette_knife": "the blade goes through: darker paint beneath",
    "needle_and_thread": "the thread snaps, and the knots pull the weave open",
    "solvent": "the dissolved dark blooms outward",
    "varnish": "the varnish seals the dark in, and it spreads",
    "hands": "a smear",
}
TOOL_SPACING = 88  # px between the carried tools' icons
# What the hints call the buttons (the default keys, as the other screens name them).
# The button words hints are written with, and the keys that press them by default; the play
# view hands the renderer the player's own (WorldRenderer.key_labels).
KEY_NAMES = {"USE": "F", "CANCEL": "X", "NEXT": "Tab"}
CHOOSING_HINT = "NEXT  next tool      USE  reach for it      walk away to fetch the others"
EMPTY_HANDED_HINT = "USE  reach anyway      walk away to find a tool"


def keys(text: str, labels: dict[str, str] | None = None) -> str:
    """A hint with its button words turned into the keys that press them."""
    labels = labels or KEY_NAMES
    return " ".join(labels.get(word, word) for word in text.split(" "))


TOOL_WORDS = {
    "paintbrush": "paintbrush",
    "palette_knife": "palette knife",
    "needle_and_thread": "needle and thread",
    "solvent": "solvent and rag",
    "varnish": "varnish",
    "hands": "bare hands",
}


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
        image = _tool_picture(name)
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


def _tool_picture(tool: str) -> Image.Image:
    image = Image.new("RGBA", (96, 96), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    wood, steel, ink = (150, 100, 60, 255), (200, 205, 215, 255), (30, 24, 22, 255)
    if tool == "paintbrush":
        draw.line((20, 90, 66, 30), fill=ink, width=11)
        draw.line((20, 90, 66, 30), fill=wood, width=7)
        draw.polygon([(62, 26), (72, 34), (90, 6)], fill=(150, 34, 40, 255), outline=ink)
    elif tool == "palette_knife":
        draw.line((14, 90, 44, 58), fill=wood, width=9)
        draw.polygon([(44, 58), (88, 10), (92, 16), (52, 62)], fill=steel, outline=ink)
    elif tool == "needle_and_thread":
        draw.line((20, 88, 84, 8), fill=steel, width=4)
        draw.ellipse((76, 4, 88, 16), outline=steel, width=2)
        draw.arc((30, 20, 90, 90), 200, 340, fill=(196, 150, 60, 255), width=3)
    elif tool == "solvent":
        draw.rounded_rectangle((14, 30, 82, 84), radius=18, fill=(236, 230, 214, 255), outline=ink, width=3)
        draw.line((22, 48, 74, 44), fill=(180, 170, 150, 255), width=3)
        draw.line((22, 62, 74, 66), fill=(180, 170, 150, 255), width=3)
    elif tool == "varnish":
        draw.rectangle((18, 56, 78, 70), fill=(80, 60, 40, 255), outline=ink, width=2)
        draw.rectangle((22, 70, 74, 92), fill=(200, 140, 50, 255), outline=ink, width=2)
        draw.line((48, 56, 48, 8), fill=wood, width=8)
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
        from game.sim.story import Beat

        game = world.minigame
        self.used = 0
        choosing = game is None and world.story.beat == Beat.REPAIR
        if game is not None or choosing:
            # Dark bands behind the words, so they read over the busy weave.
            w, h = self.closeup.size
            self.put("square", w / 2, BOTTOM_BAND_PX / 2, w, BOTTOM_BAND_PX, (8, 5, 8), 170)
            self.put("square", w / 2, h - 45, w, 70, (8, 5, 8), 150)
        if game is not None:
            painter = getattr(self, f"_{game.tool}", None)
            if painter:
                painter(world, game)
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
            self.title.text = TOOL_WORDS.get(game.tool, game.tool)
            self.title.position = (w / 2, h - 48)
            self.title.draw()
            self.hint.text = FAILING_WORDS.get(game.tool, "") if game.state != "playing" else keys(game.HINT, self.labels)
            self.hint.position = (w / 2, BAR_Y + 22)
            self.hint.draw()
            self.fixed.position = (w / 2 + BAR_WIDTH / 2 + 10, BAR_Y)
            self.fixed.draw()
        elif choosing:
            tool = world.tools.selected_tool
            self.title.text = f"reach for the {TOOL_WORDS[tool]}" if tool else "no tool in hand"
            self.title.position = (w / 2, h - 48)
            self.title.draw()
            self.hint.text = keys(CHOOSING_HINT if tool else EMPTY_HANDED_HINT, self.labels)
            self.hint.position = (w / 2, 12)
            self.hint.draw()

    def _tool_row(self, world) -> None:
        """The carried tools along the bottom: the chosen one ringed, the failed ones dimmed."""
        w, _ = self.closeup.size
        rack = world.tools
        failed = getattr(world.story.scene, "failed", {})
        count = len(rack.carried)
        for index, tool in enumerate(rack.carried):
            x = w / 2 + (index - (count - 1) / 2) * TOOL_SPACING
            chosen = tool == rack.selected_tool
            if chosen:
                self.put("soft", x, BAR_Y + 34, 96, None, GOLD, 120)
                self.put("ring", x, BAR_Y + 34, 70, None, GOLD, 255)
            self.put(tool, x, BAR_Y + 34, 64 if chosen else 52, None, (255, 255, 255), 110 if tool in failed else 255)
            if tool in failed:
                self.put("square", x, BAR_Y + 34, 56, 4, (170, 50, 50), 220, angle=-35)

    # -- shared pieces ---------------------------------------------------------------------

    def px(self, canvas_units: float) -> float:
        return canvas_units * self.closeup.scale

    def _hand(self, world, game) -> None:
        """The tool at the tip, held by a hand that shakes with the tremble."""
        x, y = self.closeup.to_screen(*game.cursor)
        if game.tool != "hands":
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

    # -- one per minigame ------------------------------------------------------------------

    def _paintbrush(self, world, game) -> None:
        to = self.closeup.to_screen
        for k in range(61):  # the guide line, dotted
            x, y = to(*game.path(k / 60))
            self.put("dot", x, y, 7, None, (245, 232, 200), 150)
        for point in game.trail:
            x, y = to(*point)
            self.put("soft", x, y, 22, None, (120, 40, 60), 200)
        bx, by = to(*game.bead)
        glow = 34 + 8 * math.sin(world.tick * 0.3)
        self.put("soft", bx, by, glow * 1.6, None, (255, 230, 150), 200)
        self.put("ring", bx, by, glow, None, (255, 240, 190), 255)

    def _palette_knife(self, world, game) -> None:
        to = self.closeup.to_screen
        cell = self.px(knife_rules.CELL)
        stained = set(game.stained)
        for row in range(knife_rules.GRID):
            for col in range(knife_rules.GRID):
                x, y = to(*game.cell_centre(col, row))
                state = game.cell_state(col, row)
                depth = game.depth[row][col]
                if state == "stain":
                    self.put("square", x, y, cell * 0.96, None, (70, 40, 48), 200 * (1.0 - 0.6 * depth))
                elif state == "clean":
                    self.put("square", x, y, cell * 0.96, None, (240, 220, 170), 70)
                elif state == "gouged":
                    self.put("square", x, y, cell * 0.96, None, (14, 10, 24), 235)
                elif (col, row) in stained:
                    pass
        kx, ky = to(*game.cursor)
        blade = self.px(knife_rules.KNIFE_HALF_WIDTH * 2)
        self.put("square", kx, ky, blade, blade, (220, 225, 235), 150 if game.scraping else 70)

    def _needle_and_thread(self, world, game) -> None:
        to = self.closeup.to_screen
        half = needle_rules.SWEEP_HALF_WIDTH
        gap = needle_rules.GAP_HALF_WIDTH
        for index, state in enumerate(game.threads):
            v = game.thread_v(index)
            g = game.gap_u(index)
            colour = {"torn": (236, 220, 190), "woven": GOLD, "knotted": (200, 150, 110), "snapped": (170, 50, 50)}[state]
            left0, left1 = game.centre[0] - half, g - gap
            right0, right1 = g + gap, game.centre[0] + half
            for a, b in ((left0, left1), (right0, right1)) if state != "woven" else ((left0, right1),):
                (x0, y), (x1, _) = to(a, v), to(b, v)
                self.put("square", (x0 + x1) / 2, y, max(1.0, x1 - x0), 5, colour, 235)
            if state == "torn" and index == game.thread_index:
                x, y = to(g, v)
                self.put("ring", x, y, self.px(gap * 2.2), None, (255, 240, 190), 200)
        for u, v, _, _ in game.knots:
            x, y = to(u, v)
            self.put("dot", x, y, 16, None, (60, 30, 26), 255)
        x, y = to(game.needle_u, game.thread_v(game.thread_index))
        self.put("square", x, y, 3, 46, (230, 235, 245), 255)

    def _solvent(self, world, game) -> None:
        to = self.closeup.to_screen
        for u, v in game.dabs:
            x, y = to(u, v)
            self.put("ring", x, y, self.px(solvent_rules.RAG_RADIUS * 2), None, (150, 170, 190), 60)
        for u, v, pigment, index in game.spots:
            x, y = to(u, v)
            colour = solvent_rules.PIGMENTS[int(index)]
            if pigment >= solvent_rules.LIFTED:
                # A pale ring round each dark spot, so it reads on the darkened weave.
                self.put("ring", x, y, 30 + 14 * pigment, None, (236, 214, 170), 90 + 120 * pigment)
                self.put("dot", x, y, 14 + 16 * pigment, None, colour, 255)
            else:
                self.put("ring", x, y, 18, None, (200, 230, 210), 120)  # lifted: clean
        x, y = to(*game.cursor)
        wet = game.wetness
        self.put("soft", x, y, self.px(solvent_rules.RAG_RADIUS * 2.4), None, (200, 220, 240), 60 + 120 * wet)
        self.put("ring", x, y, self.px(solvent_rules.RAG_RADIUS * 2), None, (240, 236, 220) if wet <= solvent_rules.SOGGY else (120, 160, 220), 220)

    def _varnish(self, world, game) -> None:
        to = self.closeup.to_screen
        cell = self.px(varnish_rules.CELL)
        for col, row in game.cells:
            x, y = to(*game.cell_centre(col, row))
            coat = game.coat[row][col]
            state = game.cell_state(col, row)
            if state == "bare":
                self.put("square", x, y, cell * 0.9, None, (250, 240, 210), 18 + 60 * coat)
            elif state == "sealed":
                self.put("square", x, y, cell * 0.96, None, (230, 170, 70), 110)
            else:
                self.put("square", x, y, cell * 0.96, None, (150, 80, 20), 200)
        x, y = to(*game.cursor)
        self.put("ring", x, y, self.px(varnish_rules.BRUSH_RADIUS * 2), None, (250, 210, 120), 220 if game.brushing else 110)
