"""The autoplay bot's hands for the repair minigames: it reads the screen (world state) and plays well.

``minigame_actions(world)`` returns the actions for one tick of the active minigame, as a
skilled, calm player would send them; it never changes the world. Walking, fetching tools and
reaching belong to the story's bot (``game.bot``), which calls this for the minigames.
"""

from __future__ import annotations

import math

from game.sim.actions import IDLE, Actions, Button
from game.sim.minigames import hands, needle_and_thread, palette_knife, solvent, varnish

STEER_GAIN = 45.0  # stick deflection per canvas unit of error
ARRIVED = 0.004  # canvas units: close enough to act
SWEEP_TICKS = 64  # one pass of the varnish brush across the patch


def _steer(frm: tuple[float, float], to: tuple[float, float], gain: float = STEER_GAIN, feed=(0.0, 0.0)) -> tuple[float, float]:
    mx = (to[0] - frm[0]) * gain + feed[0]
    my = (to[1] - frm[1]) * gain + feed[1]
    length = math.hypot(mx, my)
    if length > 1.0:
        mx, my = mx / length, my / length
    return (mx, my)


def _near(a, b, within: float = ARRIVED) -> bool:
    return math.hypot(a[0] - b[0], a[1] - b[1]) <= within


def minigame_actions(world) -> Actions:
    """One tick of good play in world.minigame (IDLE when there is none or it is failing)."""
    game = world.minigame
    if game is None or game.state != "playing":
        return IDLE
    play = _PLAYERS.get(game.tool)
    return play(world, game) if play else IDLE


def _paintbrush(world, game) -> Actions:
    from game.sim.minigames.paintbrush import BRUSH_SPEED, STROKE_TICKS

    s = game.bead_s
    ahead = game.path(min(1.0, s + 1.0 / STROKE_TICKS))
    here = game.path(s)
    feed = ((ahead[0] - here[0]) * 60 / BRUSH_SPEED, (ahead[1] - here[1]) * 60 / BRUSH_SPEED)
    if game.ticks < 40:  # lead-in: settle on the start of the line
        feed = (0.0, 0.0)
    move = _steer(game.hand, ahead, feed=feed)
    return Actions(move, frozenset({Button.USE_TOOL}))


def _palette_knife(world, game) -> Actions:
    targets = [(c, r) for c, r in game.stained if game.depth[r][c] < palette_knife.CLEAN_DEPTH + 0.2]
    if not targets:
        return IDLE
    cu, cv = game.hand
    col, row = min(targets, key=lambda cr: (math.hypot(game.cell_centre(*cr)[0] - cu, game.cell_centre(*cr)[1] - cv), cr))
    goal = game.cell_centre(col, row)
    if _near(game.hand, goal, 0.0035):
        return Actions((0.0, 0.0), frozenset({Button.USE_TOOL}))
    return Actions(_steer(game.hand, goal, gain=120.0))


def _needle_and_thread(world, game) -> Actions:
    index = game.thread_index
    if game.threads[index] != "torn" or game.ticks <= needle_and_thread.LEAD_IN_TICKS:
        return IDLE
    if abs(game.needle_u - game.gap_u(index)) <= needle_and_thread.GAP_HALF_WIDTH * 0.4:
        return Actions((0.0, 1.0), frozenset({Button.USE_TOOL}))
    return IDLE


def _solvent(world, game) -> Actions:
    spots = [spot for spot in game.spots if spot[2] >= solvent.LIFTED]
    if not spots:
        return IDLE
    cu, cv = game.hand
    # The spot whose neighbourhood holds the most pigment, then the nearest of those.
    def weight(spot):
        near = sum(o[2] for o in game.spots if math.hypot(o[0] - spot[0], o[1] - spot[1]) < solvent.RAG_RADIUS * 0.6)
        return (-round(near, 3), math.hypot(spot[0] - cu, spot[1] - cv))

    spot = min(spots, key=weight)
    goal = (spot[0], spot[1])
    ready = game.wetness <= solvent.SOGGY - 0.05
    if _near(game.cursor, goal, 0.005) and ready and world.tick % 2 == 0:
        return Actions((0.0, 0.0), frozenset({Button.USE_TOOL}))
    return Actions(_steer(game.hand, goal))


def _varnish(world, game) -> Actions:
    # Row by row, back and forth, as a careful varnisher works.
    bare = [(c, r) for c, r in game.cells if game.coat[r][c] < 1.1]
    if not bare:
        return IDLE
    # Sweep the rows with bare cells top to bottom, back and forth at full speed, never
    # lingering (lingering pools the varnish).
    rows = sorted({r for _, r in bare}, reverse=True)
    sweep = game.ticks // SWEEP_TICKS
    row = rows[sweep % len(rows)]
    heading = 1.0 if sweep % 2 == 0 else -1.0
    goal = (game.centre[0] + heading * varnish.GRID * varnish.CELL * 0.6, game.cell_centre(0, row)[1])
    # Settle onto the row first, then sweep along it with what is left of the stick.
    my = max(-1.0, min(1.0, (goal[1] - game.hand[1]) * 120.0))
    mx = heading * math.sqrt(max(0.0, 1.0 - my * my))
    if abs(goal[0] - game.hand[0]) < 0.004:
        mx = 0.0
    return Actions((mx, my), frozenset({Button.USE_TOOL}))


def _hands(world, game) -> Actions:
    t = game.ticks / 8.0
    return Actions((math.cos(t), math.sin(t)))


_PLAYERS = {
    "paintbrush": _paintbrush,
    "palette_knife": _palette_knife,
    "needle_and_thread": _needle_and_thread,
    "solvent": _solvent,
    "varnish": _varnish,
    hands.BareHands.tool: _hands,
}
