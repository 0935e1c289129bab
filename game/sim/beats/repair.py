"""The repair beat: the dreamer tries every tool on the flaw, and every attempt makes it worse.

At the easel, NEXT_TOOL cycles the carried tools and USE reaches for the selected one: after a
short reach the tool is in hand and its minigame begins — unless panic makes it slip and roll
away (the dreamer walks over and picks it up with INTERACT, then comes back). Away from a
minigame the dreamer walks freely: to fetch tools lying elsewhere, and back to the easel.

A failed tool can be tried again; with no tool in hand, USE at the easel is a bare-handed fumble
(``game.tools.hands``), an attempt like any other. Standing still at the easel for IDLE_REACH_S
makes the hands reach on their own. Every attempt darkens and widens the flaw, so the beat
escalates whatever the player carries — all the tools, one, or none — and ends only when the
flaw has grown past its splotch limit (``game.sim.flaw.SEVERITY_LIMIT``) and mars the whole
composition.
"""

from __future__ import annotations

from game.sim.actions import Button
from game.sim.beats import Scene
from game.sim.beats.backstage import near_easel
from game.sim.minigame import Minigame
from game.sim.rack import HandReached
from game.sim.timestep import DT
from game.tools import HANDS, tool

REACH_TICKS = 18  # the hand's reach toward the tool, before it holds or slips
IDLE_REACH_S = 15.0  # standing still at the easel this long, the hands reach by themselves
IDLE_REACH_TICKS = int(IDLE_REACH_S * 60)


def start_attempt(world, tool_id: str) -> Minigame:
    """Begin a repair attempt with a tool (its game.tools record; "hands" for none): it becomes world.minigame."""
    world.minigame = tool(tool_id).minigame(world, world.stats.attempts + 1)
    return world.minigame


class RepairScene(Scene):
    def __init__(self):
        self.ticks = 0
        self.reaching = 0  # ticks left of the current reach
        self.reach_tool: str | None = None  # what the hand is going for (None: no tool carried)
        self.tools_in_hand: list[str] = []  # every tool carried at some point in the beat, in order
        self.failed: dict[str, int] = {}  # tool (or "hands") → failed attempts
        self.attempts = 0
        self.idle_ticks = 0

    # -- the beat --------------------------------------------------------------------------

    def enter(self, world) -> None:
        world.player.frozen = False
        self.note_carried(world)
        if world.tools.hand_out:  # the reach began in the flaw beat
            world.tools.hand_out = False
            self.begin_reach(world)

    def update(self, world, inp) -> None:
        self.ticks += 1
        world.panic.grip()
        self.note_carried(world)
        game = world.minigame
        if game is not None:
            world.player.drive((0.0, 0.0), DT)
            game.step(world, inp)
            if game.done:
                self.failed[game.tool] = self.failed.get(game.tool, 0) + 1
                self.attempts += 1
                self.idle_ticks = 0
                world.minigame = None
                world.player.frozen = False
            return
        if self.reaching:
            world.player.drive((0.0, 0.0), DT)
            self.reaching -= 1
            if self.reaching == 0:
                self.finish_reach(world)
            return
        world.player.drive(inp.move, DT)
        still = inp.move == (0.0, 0.0) and not inp.held
        self.idle_ticks = self.idle_ticks + 1 if still else 0
        at_easel = near_easel(world)
        if at_easel and (inp.was_pressed(Button.USE_TOOL) or self.idle_ticks >= IDLE_REACH_TICKS):
            self.begin_reach(world)

    def note_carried(self, world) -> None:
        for carried in world.tools.carried:
            if carried not in self.tools_in_hand:
                self.tools_in_hand.append(carried)

    def begin_reach(self, world) -> None:
        self.idle_ticks = 0
        self.reaching = REACH_TICKS
        self.reach_tool = world.tools.selected_tool
        world.player.place(world.player.position)
        world.emit(HandReached(world.tick, self.reach_tool or "hands"))

    def finish_reach(self, world) -> None:
        if self.reach_tool is None:
            start_attempt(world, HANDS.id)
        else:
            in_hand = world.tools.reach(world.panic.level)
            if in_hand is None:  # it slipped and rolls away
                world.panic.slip(world)
                return
            start_attempt(world, in_hand)
        world.player.frozen = True

    def exit(self, world) -> None:
        world.player.frozen = False

    def flaw_became_a_splotch(self, world) -> bool:
        """No attempt is under way, and the flaw has grown past the splotch limit: it mars the whole piece."""
        return world.minigame is None and not self.reaching and world.flaw.past_limit

    # -- for the renderer and the bot ------------------------------------------------------

    @property
    def reach_progress(self) -> float:
        """0..1 of the hand's reach, 0 when not reaching."""
        return 1.0 - self.reaching / REACH_TICKS if self.reaching else 0.0

    def failures(self, tool_id: str) -> int:
        """How many times a tool (or "hands") has failed in this beat."""
        return self.failed.get(tool_id, 0)

    def hash_state(self) -> tuple:
        return (
            self.ticks,
            self.reaching,
            self.reach_tool,
            tuple(self.tools_in_hand),
            tuple(sorted(self.failed.items())),
            self.attempts,
            self.idle_ticks,
        )
