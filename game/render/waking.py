"""Waking: the swirl fades into morning light, the recomposed masterpiece lingers as a memory, a few lines, the run's summary.

The lines are written from what happened in this dream (``morning_words``): the tools reached
for and how many times, how long the dreamer stayed alone, the shape and colour of the flaw
that was let be — or, when the dream began in the vortex and no flaw was ever seen, the
swim and the picture never looked at. ``game.views.waking`` shows it as the screen of its
own that the window switches to when the story reaches the ``waking`` beat.
"""

from __future__ import annotations

import colorsys
import functools
import math

import arcade
import numpy as np
from PIL import Image, ImageFilter

from game.render.ahead import ahead, made, painted
from game.render.fullscreen import Backdrop, fills_window
from game.sim.story import Beat
from game.sim.timestep import TICKS_PER_SECOND
from game.tools import tool

VIEW = (1280, 720)
MORNING_TOP = (255, 236, 206)  # pale gold sky through the curtains
MORNING_BOTTOM = (246, 214, 190)  # warm peach on the sheets
INK = (92, 62, 48, 255)  # the words, a soft brown
FAINT_INK = (140, 104, 84, 255)
UNDER_SWIRL = (246, 226, 200)  # the cream the swirl fades over as the morning comes up
MEMORY_PX = 330  # the masterpiece's size in the memory
MAX_LINES = 5
WORDS_PT = 17
WORDS_FONT = ("Georgia", "DejaVu Serif", "Times New Roman")
SUMMARY_PT = 13
LINE_EVERY_S = 0.9  # one more line appears this often once the light is up
LINE_GAP_PX = 30
LINES_TOP_PX = 250  # the first line's middle, px from the bottom of the 1280×720 view
# What the flaw looked like, in words.
KIND_WORDS = {"blot": "blot", "streak": "smear", "ring": "tide-mark", "web": "web of pulled threads", "glaze": "glossy stain"}
ALONE_BRIEFLY_S = 10.0  # alone for less than this is "not long"; more than ALONE_LONG_S is "a long time"
ALONE_LONG_S = 25.0


def paint_ahead(world) -> None:
    """Start painting the morning (see BeatShow.ahead)."""
    ahead(paint_morning)


def paint_morning() -> Image.Image:
    """Soft morning: a warm gradient crossed by wide beams of window light."""
    w, h = VIEW
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    t = ys / h
    top, bottom = np.array(MORNING_TOP, np.float32), np.array(MORNING_BOTTOM, np.float32)
    rgb = top[None, None, :] * (1 - t[..., None]) + bottom[None, None, :] * t[..., None]
    beam = np.zeros((h, w), np.float32)
    for start, width in ((120, 90), (330, 140), (620, 70), (860, 160)):
        band = np.abs((xs - ys * 0.55) - start)
        beam += np.clip(1.0 - band / width, 0.0, 1.0) ** 2 * 0.5
    rgb = rgb + beam[..., None] * np.array((12, 10, 4), np.float32)
    rgb = np.clip(rgb, 0, 255).astype(np.uint8)
    return Image.fromarray(rgb).filter(ImageFilter.GaussianBlur(2)).convert("RGBA")


def soften(image: Image.Image, size: int) -> Image.Image:
    """A picture as a memory: faded toward the morning, its edges dissolving."""
    picture = image.convert("RGB").resize((size, size), Image.LANCZOS)
    memory = Image.blend(picture, Image.new("RGB", picture.size, MORNING_TOP), 0.18)
    memory.putalpha(dissolving_edges(size))
    return memory


@functools.lru_cache(maxsize=4)
def dissolving_edges(size: int) -> Image.Image:
    """The memory's alpha (L, `size` square): opaque in the middle, fading out over its outer 11 %."""
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32)
    c = (size - 1) / 2
    r = np.maximum(np.abs(xs - c), np.abs(ys - c)) / c
    return Image.fromarray((np.clip((1.0 - r) / 0.22, 0.0, 1.0) * 230).astype(np.uint8))


def _clock(ticks: int) -> str:
    seconds = ticks // TICKS_PER_SECOND
    return f"{seconds // 60}:{seconds % 60:02d}"


def summary_text(world, ticks_before: int = 0) -> str:
    """The run in figures: attempts, tools, time alone, the whole time, the seed."""
    stats = world.stats
    parts = [f"attempts {stats.attempts}" if stats.attempts else "no attempts"]
    if 0 < len(stats.tools_used) <= 3:
        parts.append("tools: " + ", ".join(tool(t).name for t in stats.tools_used))
    elif stats.tools_used:
        parts.append(f"{len(stats.tools_used)} tools")
    if stats.alone_ticks:
        parts.append(f"alone {_clock(stats.alone_ticks)}")
    dreamed = world.tick - (world.story.scene.ticks if world.story.beat is Beat.WAKING else 0)  # the clock stops on waking
    parts += [f"time {_clock(ticks_before + dreamed)}", f"seed {world.seed}"]
    return "   ·   ".join(parts)


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def colour_word(rgb: tuple[int, int, int]) -> str:
    """A painter's name for a colour: umber, madder, indigo..."""
    h, s, v = colorsys.rgb_to_hsv(*(c / 255.0 for c in rgb))
    if s < 0.22:
        return "ash-grey" if v > 0.35 else "soot-black"
    if h < 0.04 or h >= 0.93:
        return "madder-red"
    if h < 0.12:
        return "umber" if v < 0.55 else "rust"
    if h < 0.19:
        return "ochre"
    if h < 0.45:
        return "moss-green"
    if h < 0.72:
        return "indigo"
    return "violet"


def flaw_shape(flaw) -> str:
    """The flaw as it was let be, in a few words: its size, colour, kind and lie ("a wide umber smear, slanting up to the left")."""
    areas: dict[str, float] = {}
    for blot in flaw.blots:
        areas[blot.kind] = areas.get(blot.kind, 0.0) + blot.area
    kind = KIND_WORDS.get(max(areas, key=areas.get), "blot")
    extent = flaw.extent
    size = "small" if extent < 0.08 else "dark" if extent < 0.2 else "wide"
    # Its lie: the principal axis of the blots, each an ellipse weighted by its area.
    total = flaw.area or 1.0
    mu = sum(b.u * b.area for b in flaw.blots) / total
    mv = sum(b.v * b.area for b in flaw.blots) / total
    suu = svv = suv = 0.0
    for b in flaw.blots:
        w = b.area / total
        long_axis, short_axis = (b.radius * b.stretch) ** 2 / 4, b.radius**2 / 4
        c, s = math.cos(b.angle), math.sin(b.angle)
        suu += w * ((b.u - mu) ** 2 + long_axis * c * c + short_axis * s * s)
        svv += w * ((b.v - mv) ** 2 + long_axis * s * s + short_axis * c * c)
        suv += w * ((b.u - mu) * (b.v - mv) + (long_axis - short_axis) * c * s)
    spread = math.hypot(suu - svv, 2 * suv)
    longest, shortest = (suu + svv + spread) / 2, max(1e-12, (suu + svv - spread) / 2)
    if longest / shortest < 1.5:
        lie = "round as a coin" if size == "small" else "spreading evenly from the middle"
    else:
        angle = math.degrees(0.5 * math.atan2(2 * suv, suu - svv)) % 180
        lie = ("lying across the middle" if angle < 22 or angle >= 158 else
               "slanting up to the right" if angle < 68 else
               "running up through the middle" if angle < 112 else "slanting up to the left")
    article = "an" if size[0] in "aeiou" else "a"
    return f"{article} {size} {colour_word(flaw.colour)} {kind}, {lie}"


def morning_words(world) -> list[str]:
    """A few lines written from what happened in this dream (at most MAX_LINES)."""
    stats = world.stats
    if not world.flaw.noticed:
        # The dream began in the vortex (or ended before the easel): nothing was mended.
        return [
            "Morning. The colours are still turning behind your eyes.",
            "You swam a long way through them, toward one still, bright place,",
            "and you cannot say what waited behind you in the dark.",
            "Somewhere there is a picture you never looked at closely.",
        ]
    lines = ["Morning. Light on the ceiling, and only a ceiling."]
    tries = _times(stats.attempts)
    used = [tool(t).name for t in stats.tools_used]
    if not used:
        lines.append(f"You had no tool, only your fingers, and you rubbed at it {tries}.")
    elif len(used) == 1:
        lines.append(f"You reached for the {used[0]} {tries}, and it only made things worse.")
    elif len(used) <= 3:
        lines.append("The " + ", the ".join(used) + f": {tries} in all, and nothing held.")
    else:
        lines.append(f"Every tool you had, one after another, {tries} in all: nothing held.")
    alone = stats.alone_ticks / TICKS_PER_SECOND
    calls = stats.calls_for_help
    if alone < ALONE_BRIEFLY_S:
        lines.append("You looked up for help, saw no one, and turned back to it soon.")
    elif alone < ALONE_LONG_S:
        lines.append(f"You called {_times(calls)} into the empty rooms, and no one came." if calls else "You wandered the empty rooms a while, and no one came.")
    else:
        lines.append("You stayed alone a long time in the dark, " + (f"calling {_times(calls)}." if calls else "not even calling."))
    lines.append(f"What you kept is {flaw_shape(world.flaw)},")
    lines.append("and every line of the picture leans toward it now. You let it stay.")
    return lines[:MAX_LINES]


class WakingPicture:
    """The morning, the memory and the words, at a given fade."""

    def __init__(self):
        painted(self.made_in_steps())

    def made_in_steps(self):
        """__init__ a step at a time (a generator: see WakingView.made_in_steps), each of the
        morning's two copies on the GPU in a step of its own (~10-20 ms each in software GL)."""
        self.memory = arcade.SpriteList()
        self.memory_for = None
        self.lines: list[arcade.Text] = []
        morning = made(paint_morning)
        self.morning = arcade.SpriteList()
        sprite = arcade.Sprite(arcade.Texture(morning, hash="waking-morning", hit_box_algorithm=arcade.hitbox.algo_bounding_box))
        sprite.position = (VIEW[0] / 2, VIEW[1] / 2)
        self.morning.append(sprite)
        yield
        self.summary = arcade.Text("", VIEW[0] / 2, 74, FAINT_INK, SUMMARY_PT, anchor_x="center")
        self.prompt = arcade.Text("press any key", VIEW[0] / 2, 40, FAINT_INK, 12, anchor_x="center", italic=True)
        self.camera = arcade.Camera2D(position=(VIEW[0] / 2, VIEW[1] / 2))
        ctx = arcade.get_window().ctx
        self.backdrop = Backdrop(ctx, VIEW)  # the morning once it is fully up, copied onto the screen
        yield
        # ...and as it comes up, painted with the swirl under it in one pass (see SwirlField.draw)
        self.morning_picture = ctx.texture(VIEW, components=3, data=morning.convert("RGB").tobytes())
        self.morning_picture.filter = ctx.LINEAR, ctx.LINEAR

    def set_words(self, lines: list[str]) -> None:
        """The lines to write under the memory (made once per dream, not per frame)."""
        painted(self.words_set_in_steps(lines))

    def words_set_in_steps(self, lines: list[str]):
        """set_words a line a step (each new line's glyphs are drawn as it is made)."""
        top = LINES_TOP_PX + (MAX_LINES - len(lines)) * LINE_GAP_PX / 2
        made_lines = []
        for i, line in enumerate(lines):
            made_lines.append(arcade.Text(line, VIEW[0] / 2, top - i * LINE_GAP_PX, INK, WORDS_PT, anchor_x="center", anchor_y="center",
                                          font_name=WORDS_FONT))
            yield
        self.lines = made_lines

    def set_memory(self, image: Image.Image) -> None:
        self.memory = arcade.SpriteList()
        sprite = arcade.Sprite(arcade.Texture(soften(image, MEMORY_PX), hash=f"waking-memory-{id(image)}", hit_box_algorithm=arcade.hitbox.algo_bounding_box))
        sprite.position = (VIEW[0] / 2, 480)
        self.memory.append(sprite)
        self.memory_for = image

    @staticmethod
    def paints_screen(window, fade: float) -> bool:
        """Whether the morning, fully up, fills the window (see fills_window): nothing to clear under it."""
        return fade >= 1.0 and fills_window(window, VIEW)

    def rising_over_swirl(self, window, fade: float):
        """As the morning comes up over the swirl in a window it fills: what SwirlField.draw takes
        to paint both in one pass (then draw is told the morning is drawn); else None."""
        if fade >= 1.0 or not fills_window(window, VIEW):
            return None
        return self.morning_picture, int(255 * fade) / 255.0, UNDER_SWIRL

    def draw(self, window, fade: float, seconds: float, summary: str, ready: bool, morning_drawn: bool = False) -> None:
        w, h = window.get_size()
        self.camera.match_window()
        self.camera.zoom = min(w / VIEW[0], h / VIEW[1])
        self.camera.position = (VIEW[0] / 2, VIEW[1] / 2)
        self.camera.use()
        self.morning[0].alpha = int(255 * fade)
        if fade >= 1.0:
            self.backdrop.draw("morning", self.morning, self.camera.zoom)
        elif not morning_drawn:
            self.morning.draw()
        if len(self.memory):
            self.memory[0].alpha = int(255 * max(0.0, min(1.0, (fade - 0.3) / 0.7)))
            self.memory[0].position = (VIEW[0] / 2, 478 + 4 * (1 - fade))
            self.memory.draw()
        if fade < 1.0:
            return
        shown = int((seconds - 3.0) / LINE_EVERY_S) + 1
        for i, text in enumerate(self.lines[: max(0, shown)]):
            text.draw()
        if ready:
            self.summary.text = summary
            self.summary.draw()
            self.prompt.draw()
