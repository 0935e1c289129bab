"""Needle and thread: re-weave the torn threads in time, one pass of the needle each.

The torn threads lie stacked across the flaw, each with a gap. The needle sweeps across one
thread at a time; pressing USE as it crosses the gap weaves the thread whole (progress). A
press off the gap ties a knot there, and the stick's direction at the press is the way the
knot pulls the weave. A pass with no press leaves the thread to snap. The knots, where they
were tied and how they pull, decide how the flaw spreads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.sim.actions import IDLE, Actions, Button
from game.sim.events import Event
from game.sim.flaw import Mark
from game.sim.minigame import Minigame, clamp, mix
from game.tools.tool import Sound, Tool

THREADS = 7  # torn threads to re-weave
THREAD_SPACING = 0.02  # canvas units between threads
SWEEP_HALF_WIDTH = 0.11  # canvas units the needle travels each side of the flaw
LEAD_IN_TICKS = 30
PASS_TICKS = 70  # one sweep of the needle across a thread
GAP_HALF_WIDTH = 0.016  # canvas units: a press this close to the gap's middle weaves it
NEEDLE_SHAKE = 0.035  # canvas units of needle wobble per unit of tremble
THREAD_COLOURS = ((196, 150, 60), (170, 40, 48))  # gold silk pulled one way, red the other


@dataclass(frozen=True)
class ThreadSnapped(Event):
    thread: int
    u: float
    v: float


class NeedleAndThread(Minigame):
    tool = "needle_and_thread"
    TIME_LIMIT_TICKS = LEAD_IN_TICKS + THREADS * PASS_TICKS + 10
    REACH = (SWEEP_HALF_WIDTH + 0.02, (THREADS + 1) / 2 * THREAD_SPACING + 0.01)  # the needle's sweep, every thread
    HINT = "press USE as the needle crosses the gap · the stick pulls the knot · CANCEL to stop"

    def __init__(self, world, attempt: int):
        super().__init__(world, attempt)
        self.gaps = tuple(self.rng.uniform(-0.07, 0.07) for _ in range(THREADS))  # u offsets
        self.threads: list[str] = ["torn"] * THREADS  # → "woven" / "knotted" / "snapped"
        self.knots: list[tuple[float, float, float, float]] = []  # u, v, pull x, pull y
        self.pressed_this_pass = False
        self.needle_u = self.centre[0] - SWEEP_HALF_WIDTH

    @property
    def thread_index(self) -> int:
        return clamp((self.ticks - LEAD_IN_TICKS) // PASS_TICKS, 0, THREADS - 1)

    def thread_v(self, index: int) -> float:
        return self.centre[1] + (index - (THREADS - 1) / 2) * THREAD_SPACING

    def gap_u(self, index: int) -> float:
        return self.centre[0] + self.gaps[index]

    def play(self, world, inp) -> None:
        if self.ticks <= LEAD_IN_TICKS:
            self.cursor = (self.needle_u, self.thread_v(0))
            return
        if self.ticks - LEAD_IN_TICKS >= THREADS * PASS_TICKS:
            return  # the needle has made its last pass
        into = (self.ticks - LEAD_IN_TICKS) % PASS_TICKS
        index = self.thread_index
        if into == 0 and self.ticks > LEAD_IN_TICKS + 1:
            # A new pass begins: the previous thread, left alone, snaps.
            previous = index - 1
            if previous >= 0 and self.threads[previous] == "torn":
                self.threads[previous] = "snapped"
                world.emit(ThreadSnapped(world.tick, previous, self.gap_u(previous), self.thread_v(previous)))
            self.pressed_this_pass = False
        # Alternate directions, as a shuttle does; the tremble wobbles the needle.
        s = into / (PASS_TICKS - 1)
        if index % 2:
            s = 1.0 - s
        tx, _ = world.panic.tremble
        self.needle_u = self.centre[0] - SWEEP_HALF_WIDTH + 2 * SWEEP_HALF_WIDTH * s + tx * NEEDLE_SHAKE
        self.cursor = (self.needle_u, self.thread_v(index))
        if inp.was_pressed(Button.USE_TOOL) and not self.pressed_this_pass and self.threads[index] == "torn":
            self.pressed_this_pass = True
            if abs(self.needle_u - self.gap_u(index)) <= GAP_HALF_WIDTH:
                self.threads[index] = "woven"
            else:
                self.threads[index] = "knotted"
                mx, my = inp.move
                self.knots.append((self.needle_u, self.thread_v(index), mx, my))
        self.progress = self.threads.count("woven") / THREADS

    def on_failed(self, world) -> None:
        # The last stitch pulls tight and the old thread gives way.
        index = self.thread_index
        world.emit(ThreadSnapped(world.tick, index, self.gap_u(index), self.thread_v(index)))
        if self.threads[index] == "woven":
            self.threads[index] = "snapped"

    def mark(self) -> Mark:
        if self.knots:
            u = sum(k[0] for k in self.knots) / len(self.knots)
            v = sum(k[1] for k in self.knots) / len(self.knots)
            px = sum(k[2] for k in self.knots)
            py = sum(k[3] for k in self.knots)
        else:
            u, v = self.gap_u(self.thread_index), self.thread_v(self.thread_index)
            px, py = 0.0, 0.0
        pull = math.hypot(px, py)
        angle = math.atan2(py, px) if pull > 1e-9 else 0.0
        # The pull drags the spread its way.
        u += 0.03 * math.cos(angle) * min(1.0, pull)
        v += 0.03 * math.sin(angle) * min(1.0, pull)
        colour = mix(THREAD_COLOURS[0], THREAD_COLOURS[1], (math.cos(angle) + 1) / 2 if pull > 1e-9 else 0.5)
        colour = mix(colour, (30, 22, 20), 0.55)
        return Mark(u, v, angle, 1.4 + 0.35 * len(self.knots), colour, "web")

    def own_state(self) -> tuple:
        return (self.gaps, tuple(self.threads), tuple(self.knots), self.pressed_this_pass, self.needle_u)


# -- how it looks, how the bot plays it --------------------------------------------------

THREAD_LOOK = {"torn": (236, 220, 190), "woven": (240, 196, 92), "knotted": (200, 150, 110), "snapped": (170, 50, 50)}


def paint(painter, world, game: NeedleAndThread) -> None:
    """The threads (torn with their gap, woven whole, knotted, snapped), the knots, the needle."""
    to = painter.to_screen
    for index, state in enumerate(game.threads):
        v = game.thread_v(index)
        g = game.gap_u(index)
        left0, left1 = game.centre[0] - SWEEP_HALF_WIDTH, g - GAP_HALF_WIDTH
        right0, right1 = g + GAP_HALF_WIDTH, game.centre[0] + SWEEP_HALF_WIDTH
        for a, b in ((left0, left1), (right0, right1)) if state != "woven" else ((left0, right1),):
            (x0, y), (x1, _) = to(a, v), to(b, v)
            painter.put("square", (x0 + x1) / 2, y, max(1.0, x1 - x0), 5, THREAD_LOOK[state], 235)
        if state == "torn" and index == game.thread_index:
            x, y = to(g, v)
            painter.put("ring", x, y, painter.px(GAP_HALF_WIDTH * 2.2), None, (255, 240, 190), 200)
    for u, v, _, _ in game.knots:
        x, y = to(u, v)
        painter.put("dot", x, y, 16, None, (60, 30, 26), 255)
    x, y = to(game.needle_u, game.thread_v(game.thread_index))
    painter.put("square", x, y, 3, 46, (230, 235, 245), 255)


def play(world, game: NeedleAndThread) -> Actions:
    """Press as the needle crosses the middle of the gap, pulling straight up."""
    index = game.thread_index
    if game.threads[index] != "torn" or game.ticks <= LEAD_IN_TICKS:
        return IDLE
    if abs(game.needle_u - game.gap_u(index)) <= GAP_HALF_WIDTH * 0.4:
        return Actions((0.0, 1.0), frozenset({Button.USE_TOOL}))
    return IDLE


def picture(draw) -> None:
    steel = (200, 205, 215, 255)
    draw.line((20, 88, 84, 8), fill=steel, width=4)
    draw.ellipse((76, 4, 88, 16), outline=steel, width=2)
    draw.arc((30, 20, 90, 90), 200, 340, fill=(196, 150, 60, 255), width=3)


TOOL = Tool(
    id="needle_and_thread",
    name="needle and thread",
    minigame=NeedleAndThread,
    paint=paint,
    play=play,
    picture=picture,
    colour=(240, 200, 80),
    working=Sound("brush_scrape", "[thread rasps through canvas]"),
    failing=Sound("thread_snap", "[a thread snaps]"),
    failing_words="the thread snaps, and the knots pull the weave open",
    sounds={ThreadSnapped: Sound("thread_snap", "[a thread snaps]")},
)
