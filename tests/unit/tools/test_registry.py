"""A tool is one record that every room reads: adding one is a module and a line."""

from __future__ import annotations

import dataclasses

import numpy as np
from PIL import Image, ImageDraw

from game import tools
from game.audio import cues
from game.audio.synth import SOUNDS
from game.bot import minigame_actions
from game.level import model
from game.sim.actions import Actions, Button
from game.sim.beats.repair import start_attempt
from game.sim.minigame import MinigameProgress
from game.sim.story import Beat
from game.tools import HANDS, TOOL_IDS, TOOLS
from game.tools.palette_knife import PaletteKnife
from game.tools.tool import Sound


def test_the_registry_is_the_one_list_of_tools():
    assert model.TOOL_IDS is TOOL_IDS  # levels take their ids from it
    assert list(TOOLS) == list(TOOL_IDS) and HANDS.id not in TOOLS
    for tool in (*TOOLS.values(), HANDS):
        assert tool.minigame.tool == tool.id
        for sound in (tool.working, tool.failing, *tool.sounds.values()):
            assert sound is None or (sound.caption and (sound.sound is None or sound.sound in SOUNDS))


def test_every_tool_draws_its_own_picture():
    pictures = []
    for tool in TOOLS.values():
        image = Image.new("RGBA", (96, 96), (0, 0, 0, 0))
        tool.picture(ImageDraw.Draw(image))
        alpha = np.asarray(image)[..., 3]
        assert (alpha > 0).mean() > 0.03, f"{tool.id} drew next to nothing"
        pictures.append(alpha > 0)
    for i in range(len(pictures)):
        for j in range(i + 1, len(pictures)):
            assert (pictures[i] != pictures[j]).mean() > 0.02  # five different shapes


class Chisel(PaletteKnife):
    tool = "chisel"


def test_a_new_tool_record_is_read_by_the_repair_the_sound_and_the_bot(world_factory, monkeypatch):
    played = []

    def play(world, game):
        played.append(game.tool)
        return Actions((0.0, 0.0), frozenset({Button.USE_TOOL}))

    chisel = dataclasses.replace(TOOLS["palette_knife"], id="chisel", name="chisel", minigame=Chisel, play=play,
                                 working=Sound("knife_scrape", "[the chisel bites]"))
    monkeypatch.setitem(tools.TOOLS, "chisel", chisel)
    world = world_factory()
    world.story.enter(Beat.REPAIR)
    game = start_attempt(world, "chisel")
    assert isinstance(game, Chisel)
    world.step(minigame_actions(world))
    assert played == ["chisel"]
    said = cues.cues_for(MinigameProgress(5, "chisel", 0.2), cues.CueMemory())
    assert [c.caption for c in said] == ["[the chisel bites]"]
