"""One line at the top of the screen saying what a key does here and now: look, pick up, reach, lift.

It reads the world (never writes it) and names the player's own keys, so a remapped key is
the one shown. The alone beat has its own line (game.render.alone.AloneOverlay).
"""

from __future__ import annotations

import arcade

from game.sim.actions import Button
from game.sim.beats.backstage import near_easel
from game.sim.story import Beat
from game.tools import tool
from game.render.text import sized

PROMPT_COLOUR = (232, 214, 186, 235)
SHADOW_COLOUR = (6, 4, 8, 220)  # a drop shadow, so the line reads over a lit floor too
PROMPT_PT = 14  # at 100 % text size
TOP_MARGIN_PX = 34  # from the top of the window to the line (the captions and the HUD live below)
OPENING_SECONDS = 8.0  # how long the opening line shows, if nothing nearer has something to say
OPENING_LINE = "somewhere near the stage, your masterpiece is waiting"


def prompt_line(view) -> str:
    """What the line says now ("" for nothing)."""
    world = view.world
    beat = world.story.beat
    key = view.key
    if beat is Beat.REVEAL:
        return f"hold {key(Button.BREATHE)}  lift it to the hall"
    if beat not in (Beat.BACKSTAGE, Beat.REPAIR) or not view.renderer.drew_room:
        return ""
    if near_easel(world):
        if beat is Beat.BACKSTAGE:
            return f"{key(Button.INTERACT)}  look at your masterpiece"
        selected = world.tools.selected_tool
        if selected is None:
            return f"{key(Button.USE_TOOL)}  reach for it with your bare hands"
        if world.story.scene.failures(selected):
            return f"{key(Button.USE_TOOL)}  try the {tool(selected).name} again"
        return f"{key(Button.USE_TOOL)}  reach for the {tool(selected).name}"
    loose = world.tools.nearest_loose(world.player.position)
    if loose is not None:
        return f"{key(Button.INTERACT)}  pick up the {tool(loose.tool).name}"
    if beat is Beat.BACKSTAGE and world.tick < OPENING_SECONDS * 60:
        return OPENING_LINE
    return ""


class Prompt:
    """Drawn by the play view over every beat, after the beat's overlay."""

    def __init__(self):
        self.text = arcade.Text("", 0, 0, PROMPT_COLOUR, PROMPT_PT, anchor_x="center")
        self.shadow = arcade.Text("", 0, 0, SHADOW_COLOUR, PROMPT_PT, anchor_x="center")

    def draw(self, view) -> None:
        line = prompt_line(view)
        if not line:
            return
        scale = view.settings.text_scale if view.settings is not None else 1.0
        view.renderer.gui_camera.use()
        width, height = view.window.get_size()
        x, y = width / 2, height - TOP_MARGIN_PX * scale
        for text, (dx, dy) in ((self.shadow, (1.5, -1.5)), (self.text, (0.0, 0.0))):
            text.text = line
            sized(text, PROMPT_PT * scale)
            text.x, text.y = x + dx, y + dy
            text.draw()
