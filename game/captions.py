"""Captions: every significant sound written on screen (``[heartbeat quickens]``), in a readable box.

``Captions`` reads world events through the same cue table as the mixer (``game.audio.cues``),
is told what the beds of a beat sound like as the beat begins (``say``), keeps the lines
showing now (``lines``) and draws them with ``arcade.Text`` in a dark box at the bottom of the
screen, sized by the player's text size. Lines last a span of world ticks, so they wait while
the game is paused and tests see them deterministically.
"""

from __future__ import annotations

from dataclasses import dataclass

import arcade

from game.audio.cues import Cue, CueMemory, cues_for
from game.render.text import sized

CAPTION_TICKS = 210  # ticks a caption stays (3.5 s at full speed)
MAX_LINES = 3  # the newest lines; older ones give way
FONT_PT = 17  # at text size 100 %
BOX_MARGIN_PX = 10  # padding inside the box, at text size 100 %
BOTTOM_PX = 70  # from the bottom of the window to the box (clear of the HUD line)
BOX_COLOUR = (8, 8, 12, 215)
TEXT_COLOUR = (240, 232, 214, 255)


def box_height_px(lines: int, scale: float = 1.0) -> float:
    """How tall the caption box is with this many lines at this text scale (the repair keeps room for MAX_LINES)."""
    size = FONT_PT * scale
    line_height = size * 1.5
    return line_height * lines + 2 * BOX_MARGIN_PX * scale - (line_height - size * 1.25)


@dataclass
class CaptionLine:
    text: str
    key: str | None
    until_tick: int


class Captions:
    def __init__(self, settings=None):
        self.settings = settings
        self.memory = CueMemory()
        self.now = 0  # the world tick of the last events seen
        self._lines: list[CaptionLine] = []
        self._texts: list = []  # arcade.Text objects, made when first drawn
        self.box: tuple[float, float, float, float] | None = None  # (left, bottom, right, top) px of the last box drawn

    # -- reading events --------------------------------------------------------------------

    def on_events(self, events, world=None) -> None:
        """A GameView event listener: (events of the last step, the world)."""
        if world is not None:
            self.now = world.tick
        for event in events:
            self.now = max(self.now, event.tick)
            for cue in cues_for(event, self.memory):
                self.show(cue)

    def say(self, caption: str, tick: int) -> None:
        """A caption for a sound that is not an event's (the beds a beat begins with)."""
        self.now = max(self.now, tick)
        self.show(Cue(caption=caption))

    def show(self, cue: Cue) -> None:
        keep = self.now + CAPTION_TICKS
        if cue.key is not None:
            for line in self._lines:
                if line.key == cue.key and line.until_tick > self.now:
                    line.until_tick = keep  # still sounding: keep it up
                    if cue.caption:
                        line.text = cue.caption
                    return
        if cue.caption:
            self._lines = [line for line in self._lines if line.text != cue.caption]
            self._lines.append(CaptionLine(cue.caption, cue.key, keep))
            self._lines = self._lines[-MAX_LINES:]

    def reset(self) -> None:
        self._lines.clear()
        self.memory = CueMemory()
        self.now = 0

    @property
    def lines(self) -> list[str]:
        """The captions showing now, oldest first."""
        return [line.text for line in self._lines if line.until_tick > self.now]

    @property
    def enabled(self) -> bool:
        return self.settings is None or self.settings.captions

    # -- drawing (an overlay of the play view) ---------------------------------------------

    def draw(self, view=None) -> None:
        """Over the game view (above its caption floor), or, with no view, at the bottom of the window."""
        lines = self.lines
        self.box = None
        if not lines or not self.enabled:
            return
        if view is not None:
            window = view.window
            view.renderer.gui_camera.use()
        else:
            window = arcade.get_window()
            window.default_camera.use()
        scale = self.settings.text_scale if self.settings is not None else 1.0
        size = FONT_PT * scale
        while len(self._texts) < MAX_LINES:
            self._texts.append(arcade.Text("", 0, 0, TEXT_COLOUR, size, anchor_x="center", anchor_y="bottom"))
        width, _ = window.get_size()
        margin = BOX_MARGIN_PX * scale
        line_height = size * 1.5
        texts = self._texts[: len(lines)]
        for text, words in zip(texts, lines):
            text.text = words
            sized(text, size)
        box_width = max(text.content_width for text in texts) + 2 * margin
        box_height = box_height_px(len(lines), scale)
        left = width / 2 - box_width / 2
        bottom = max(BOTTOM_PX, view.caption_floor()) if view is not None else BOTTOM_PX
        self.box = (left, bottom, left + box_width, bottom + box_height)
        arcade.draw_lrbt_rectangle_filled(left, left + box_width, bottom, bottom + box_height, BOX_COLOUR)
        y = bottom + margin
        for text in reversed(texts):  # newest at the bottom, nearest the eye's resting place
            text.x, text.y = width / 2, y
            text.draw()
            y += line_height
