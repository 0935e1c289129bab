"""Walk to the easel, inspect, panic, and try the tools again and again: each attempt fails, the flaw grows to a splotch.

Played only through actions (tests/driver.py), as a player would: walking, picking up tools,
reaching, fumbling, fetching slipped tools, and the minigames played by their bot hands.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from driver import Driver
from game.bot import minigame_actions
from game.level.model import TOOL_IDS, Level
from game.render.closeup import wants_closeup
from game.render.masterpiece import EASEL_ART_SIZE, EaselPicture, MasterpieceArt
from game.sim.actions import Button
from game.sim.beats.backstage import near_easel
from game.sim.beats.repair import IDLE_REACH_TICKS
from game.sim.flaw import SEVERITY_LIMIT
from game.sim.panic import Heartbeat
from game.sim.story import Beat
from game.sim.rack import ToolSlipped
from game.sim.world import World

STUDIO = [
    "####################",
    "#S.1.2.3.4.5.......#",
    "#..................#",
    "#..................#",
    "#..................#",
    "#..............M...#",
    "#..................#",
    "####################",
]
EMPTY_STUDIO = [row.translate(str.maketrans("12345", ".....")) for row in STUDIO]


def walk_to(driver: Driver, target, within: float = 6.0, limit: int = 900) -> None:
    world = driver.world

    def there() -> bool:
        px, py = world.player.position
        dx, dy = target[0] - px, target[1] - py
        distance = math.hypot(dx, dy)
        if distance <= within:
            driver.steer(0.0, 0.0)
            return True
        scale = min(1.0, distance / 30.0) / distance
        driver.steer(dx * scale, dy * scale)
        return False

    driver.run_until(there, limit, f"walking to {target}")
    driver.advance(8)  # come to rest


def play_minigame(driver: Driver) -> None:
    world = driver.world
    game = world.minigame
    assert game is not None
    for _ in range(game.bound + 2):
        if world.minigame is None:
            return
        act = minigame_actions(world)
        driver.move, driver.held = act.move, set(act.held)
        driver.advance()
    raise AssertionError(f"{game.tool} did not end within its bound")


def inspect_the_masterpiece(driver: Driver, carry: int | None = None) -> None:
    """Pick up the first `carry` tools lying about (all: None), walk to the easel and look."""
    world = driver.world
    for tool in list(world.tools.loose)[:carry]:
        walk_to(driver, tool.position)
        driver.press(Button.INTERACT)
    easel = world.level.masterpiece
    walk_to(driver, (easel.center[0], easel.center[1] - 30))
    assert world.beat == Beat.BACKSTAGE
    driver.press(Button.INTERACT)
    assert world.beat == Beat.FLAW


def repair_until_alone(driver: Driver, limit: int = 60) -> tuple[list[float], list[str], int]:
    """Try again and again, as a stubborn player would: the least-tried tool in hand (bare hands
    with none), fetching a tool that slipped. Returns the severities after each attempt, the tools
    (or "hands") tried in order, and how many times a tool slipped."""
    world = driver.world
    scene = world.story.scene
    easel = world.level.masterpiece
    severities = [world.flaw.severity]
    tried: list[str] = []
    slips = 0
    for _ in range(limit):
        if world.beat != Beat.REPAIR:
            break
        assert not world.flaw.past_limit, "the flaw is a splotch, yet the repair goes on"
        loose = [t for t in world.tools.loose if t.tool in scene.tools_in_hand]
        if loose:  # it slipped and rolled away: fetch it
            slips += 1
            driver.run_until(lambda: loose[0].speed < 2.0, 300, "the tool to stop rolling")
            walk_to(driver, loose[0].position)
            driver.press(Button.INTERACT)
            walk_to(driver, (easel.center[0], easel.center[1] - 30))
            continue
        carried = world.tools.carried
        if carried:
            want = min(carried, key=lambda t: (scene.failures(t), carried.index(t)))
            for _ in range(len(carried)):
                if world.tools.selected_tool == want:
                    break
                driver.press(Button.NEXT_TOOL)
        tool = world.tools.selected_tool or "hands"
        driver.press(Button.USE_TOOL)
        driver.run_until(lambda: not scene.reaching, 60, "the reach")
        if world.minigame is None:
            assert any(isinstance(e, ToolSlipped) for e in world.events) or tool not in world.tools.carried
            continue
        assert world.minigame.tool == tool
        play_minigame(driver)
        severities.append(world.flaw.severity)
        tried.append(tool)
        assert severities[-1] > severities[-2], f"{tool} did not worsen the flaw"
    assert world.beat == Beat.ALONE, "the repair never ended"
    return severities, tried, slips


def test_walk_up_inspect_panic_and_try_the_tools_until_the_flaw_is_a_splotch():
    world = World(Level.from_ascii(STUDIO, seed=21))
    driver = Driver(world)
    inspect_the_masterpiece(driver)
    assert sorted(world.tools.carried) == sorted(TOOL_IDS)
    assert wants_closeup(world)

    # Looking: the eye catches on the flaw, a moment of stillness, then panic climbs and the
    # heart is heard, and the beat gives way by itself.
    heartbeats = 0
    levels = []
    noticed_at = None
    while world.beat == Beat.FLAW:
        driver.advance()
        if noticed_at is None and world.flaw.noticed:
            noticed_at = len(levels)
        levels.append(world.panic.level)
        heartbeats += sum(isinstance(e, Heartbeat) for e in world.events)
        assert len(levels) < 60 * 20, "the flaw beat never gave way"
    assert noticed_at is not None and noticed_at >= 60  # the whole piece is seen first
    assert world.beat == Beat.REPAIR and world.panic.noticed
    assert levels[-1] > levels[noticed_at] and heartbeats >= 2
    assert world.time_scale < 1.0

    severities, tried, slips = repair_until_alone(driver)
    assert slips >= 1  # panicked hands fumbled at least once in this run, and the tool was fetched
    assert world.flaw.past_limit and world.flaw.severity >= SEVERITY_LIMIT
    assert world.stats.attempts == len(severities) - 1 >= 4
    assert set(world.stats.tools_used) == set(tried)
    assert world.flaw.extent > 0.15  # from a knot to a splotch across the middle


def test_the_player_can_walk_away_from_the_easel_and_back():
    world = World(Level.from_ascii(STUDIO, seed=5))
    driver = Driver(world)
    for tool in list(world.tools.loose)[:2]:  # one untried tool stays after the first attempt
        walk_to(driver, tool.position)
        driver.press(Button.INTERACT)
    easel = world.level.masterpiece
    spot = (easel.center[0], easel.center[1] - 30)
    walk_to(driver, spot)
    driver.press(Button.INTERACT).press(Button.USE_TOOL)
    driver.run_until(lambda: world.beat == Beat.REPAIR, 600, "the repair beat")
    driver.run_until(lambda: world.minigame is not None, 60, "the reach carried over from the flaw beat")
    driver.press(Button.CANCEL)  # give up this attempt
    driver.run_until(lambda: world.minigame is None, 60, "hands free")
    # Back off across the room: the close-up gives way to the room...
    walk_to(driver, (3 * 32, 3 * 32))
    assert not near_easel(world) and not wants_closeup(world)
    assert world.beat == Beat.REPAIR
    # ...and back at the easel the close-up returns.
    walk_to(driver, spot)
    assert near_easel(world) and wants_closeup(world)


@pytest.mark.parametrize("carry", [0, 1, 5], ids=["no tools", "one tool", "every tool"])
def test_whatever_is_carried_the_repair_ends_only_with_a_dark_splotch(carry):
    world = World(Level.from_ascii(STUDIO, seed=30 + carry))
    driver = Driver(world)
    inspect_the_masterpiece(driver, carry)
    assert len(world.tools.carried) == carry
    driver.run_until(lambda: world.beat == Beat.REPAIR, 60 * 20, "the repair beat")
    severities, tried, _ = repair_until_alone(driver)
    assert world.flaw.severity >= SEVERITY_LIMIT
    assert len(tried) >= 3  # it escalated: one attempt was never enough
    if carry == 0:
        assert set(tried) == {"hands"}
    elif carry == 1:
        assert len(set(tried)) == 1 and tried.count(tried[0]) == len(tried)  # the same tool, again and again
    # On the easel's own picture (the texture the room draws) the flaw is a dark splotch, not a speck.
    easel = EaselPicture(world, world.level.masterpiece)
    flawed = luminance(easel.sprite.texture.image.convert("RGB"))
    size = flawed.shape[0]
    clean = luminance(MasterpieceArt(world.seed, EASEL_ART_SIZE).small(size))
    spoilt = (flawed < DARK) & (clean >= DARK)  # gone dark where the picture was not
    assert spoilt.mean() >= 0.1, f"only {spoilt.mean():.0%} of the picture has gone dark"
    cu, cv = world.flaw.centre
    row, col = int((1.0 - cv) * size), int(cu * size)
    heart = flawed[row - 3 : row + 4, col - 3 : col + 4]
    assert heart.mean() < DARK and heart.mean() < 0.5 * clean[row - 3 : row + 4, col - 3 : col + 4].mean()


DARK = 48  # luminance (of 255) below which a patch of the small picture reads as dark


def luminance(rgb) -> np.ndarray:
    rgb = np.asarray(rgb, np.float32)
    return rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114


def test_doing_nothing_at_all_still_ends_the_repair_with_a_splotch():
    world = World(Level.from_ascii(STUDIO, seed=9))
    driver = Driver(world)
    inspect_the_masterpiece(driver, 2)
    # Hands off: the beat still ends (the hands reach on their own, again and again).
    bound = 60 * 20 + 12 * (IDLE_REACH_TICKS + 18 + 1000)
    driver.run_until(lambda: world.beat == Beat.ALONE, bound, "the end of the repair beat")
    assert world.stats.attempts >= 3 and world.flaw.past_limit
