"""The craft tools: one module each, listed once here.

A tool module holds everything the game knows of that tool — its repair minigame, how it is
drawn, how the bot plays it, what it sounds like — in one ``Tool`` record (``game.tools.tool``).
Adding a tool is a new module here and its line below; levels then accept its id, the
generator places it, the repair beat plays it, and the close-up, the bot, the mixer and the
captions all follow the record.
"""

from __future__ import annotations

from game.tools import hands, needle_and_thread, paintbrush, palette_knife, solvent, varnish
from game.tools.tool import Sound, Tool

# The tools a level can hold, in the order the generator places them and Level.from_ascii numbers them.
TOOLS: dict[str, Tool] = {tool.id: tool for tool in (paintbrush.TOOL, palette_knife.TOOL, needle_and_thread.TOOL, solvent.TOOL, varnish.TOOL)}
TOOL_IDS: tuple[str, ...] = tuple(TOOLS)
HANDS: Tool = hands.TOOL  # no tool at all: the bare-handed fumble (an attempt, not a tool used)

__all__ = ["HANDS", "TOOLS", "TOOL_IDS", "Sound", "Tool", "tool"]


def tool(tool_id: str) -> Tool:
    """The record for a tool id; bare hands for "hands" (or any id no tool has)."""
    return TOOLS.get(tool_id, HANDS)
