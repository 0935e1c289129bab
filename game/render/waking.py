"""Waking: the swirl fades into morning light, the recomposed masterpiece lingers as a memory, a few lines, the run's summary.

``game.views.waking`` shows it as the screen of its own that the window switches to when the
story reaches the ``waking`` beat.
"""

from __future__ import annotations

import arcade
import numpy as np
from PIL import Image, ImageFilter

VIEW = (1280, 720)
MORNING_TOP = (255, 236, 206)  # pale gold sky through the curtains
MORNING_BOTTOM = (246, 214, 190)  # warm peach on the sheets
INK = (92, 62, 48, 255)  # the words, a soft brown
FAINT_INK = (140, 104, 84, 255)
MEMORY_PX = 330  # the masterpiece's size in the memory
LINES = (
    "Morning. Light on the ceiling, and only a ceiling.",
    "Still, when you close your eyes you can see it:",
    "the dark knot near the centre, and every line leaning toward it.",
    "You would not paint it out.",
)
LINE_EVERY_S = 0.9  # one more line appears this often once the light is up


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
    picture = np.asarray(image.convert("RGB").resize((size, size), Image.LANCZOS), np.float32)
    picture = picture * 0.82 + np.array(MORNING_TOP, np.float32) * 0.18
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32)
    c = (size - 1) / 2
    r = np.maximum(np.abs(xs - c), np.abs(ys - c)) / c
    alpha = np.clip((1.0 - r) / 0.22, 0.0, 1.0) * 230
    return Image.fromarray(np.concatenate([np.clip(picture, 0, 255), alpha[..., None]], axis=2).astype(np.uint8))


def summary_text(world, ticks_before: int = 0) -> str:
    seconds = (ticks_before + world.tick) // 60
    attempts = world.stats.attempts
    return f"attempts {attempts}   ·   time {seconds // 60}:{seconds % 60:02d}   ·   seed {world.seed}"


class WakingPicture:
    """The morning, the memory and the words, at a given fade."""

    def __init__(self):
        self.morning = arcade.SpriteList()
        sprite = arcade.Sprite(arcade.Texture(paint_morning(), hash="waking-morning", hit_box_algorithm=arcade.hitbox.algo_bounding_box))
        sprite.position = (VIEW[0] / 2, VIEW[1] / 2)
        self.morning.append(sprite)
        self.memory = arcade.SpriteList()
        self.memory_for = None
        self.lines = [arcade.Text(line, VIEW[0] / 2, 232 - i * 30, INK, 17, anchor_x="center", font_name=("Georgia", "DejaVu Serif", "Times New Roman")) for i, line in enumerate(LINES)]
        self.summary = arcade.Text("", VIEW[0] / 2, 74, FAINT_INK, 13, anchor_x="center")
        self.prompt = arcade.Text("press any key", VIEW[0] / 2, 40, FAINT_INK, 12, anchor_x="center", italic=True)
        self.camera = arcade.Camera2D(position=(VIEW[0] / 2, VIEW[1] / 2))

    def set_memory(self, image: Image.Image) -> None:
        self.memory = arcade.SpriteList()
        sprite = arcade.Sprite(arcade.Texture(soften(image, MEMORY_PX), hash=f"waking-memory-{id(image)}", hit_box_algorithm=arcade.hitbox.algo_bounding_box))
        sprite.position = (VIEW[0] / 2, 480)
        self.memory.append(sprite)
        self.memory_for = image

    def draw(self, window, fade: float, seconds: float, summary: str, ready: bool) -> None:
        w, h = window.get_size()
        self.camera.match_window()
        self.camera.zoom = min(w / VIEW[0], h / VIEW[1])
        self.camera.position = (VIEW[0] / 2, VIEW[1] / 2)
        self.camera.use()
        self.morning[0].alpha = int(255 * fade)
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
