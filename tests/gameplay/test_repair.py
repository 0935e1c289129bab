"""Walk to the easel, inspect, panic, and try every tool: each attempt fails and the flaw grows.

Played only through actions (tests/driver.py), as a player would: walking, picking up tools,
reaching, fumbling, fetching slipped tools, and the minigames played by their bot hands.
"""

from __future__ import annotations

import math

from driver import Driver
from game.bot import minigame_actions
from game.level.model import TOOL_IDS, Level
from game.render.closeup import wants_closeup
from game.sim.actions import Button
from game.sim.beats.backstage import near_easel
from game.sim.beats.repair import IDLE_REACH_TICKS
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


def test_walk_up_inspect_panic_and_try_every_tool():
    world = World(Level.from_ascii(STUDIO, seed=21))
    driver = Driver(world)
    for tool in list(world.tools.loose):
        walk_to(driver, tool.position)
        driver.press(Button.INTERACT)
    assert sorted(world.tools.carried) == sorted(TOOL_IDS)

    easel = world.level.masterpiece
    walk_to(driver, (easel.center[0], easel.center[1] - 30))
    assert world.beat == Beat.BACKSTAGE
    driver.press(Button.INTERACT)
    assert world.beat == Beat.FLAW
    assert world.flaw.noticed and world.panic.level > 0
    assert wants_closeup(world)

    # Looking: panic climbs, the heart is heard, and the beat gives way by itself.
    heartbeats = 0
    levels = []
    while world.beat == Beat.FLAW:
        driver.advance()
        levels.append(world.panic.level)
        heartbeats += sum(isinstance(e, Heartbeat) for e in world.events)
        assert len(levels) < 60 * 20, "the flaw beat never gave way"
    assert world.beat == Beat.REPAIR
    assert levels[-1] > levels[0] and heartbeats >= 2
    assert world.time_scale < 1.0

    scene = world.story.scene
    severities = [world.flaw.severity]
    slips = 0
    for _ in range(40):
        if world.beat != Beat.REPAIR:
            break
        untried = scene.untried_tools()
        loose = [t for t in world.tools.loose if t.tool in untried]
        if loose:  # it slipped and rolled away: fetch it
            slips += 1
            driver.run_until(lambda: loose[0].speed < 2.0, 300, "the tool to stop rolling")
            walk_to(driver, loose[0].position)
            driver.press(Button.INTERACT)
            walk_to(driver, (easel.center[0], easel.center[1] - 30))
            continue
        for _ in range(len(world.tools.carried)):
            if world.tools.selected_tool in untried:
                break
            driver.press(Button.NEXT_TOOL)
        tool = world.tools.selected_tool
        assert tool in untried
        driver.press(Button.USE_TOOL)
        driver.run_until(lambda: not scene.reaching, 60, "the reach")
        if world.minigame is None:
            assert any(isinstance(e, ToolSlipped) for e in world.events) or tool not in world.tools.carried
            continue
        assert world.minigame.tool == tool
        play_minigame(driver)
        severities.append(world.flaw.severity)
        assert severities[-1] > severities[-2], f"{tool} did not worsen the flaw"
    assert slips >= 1  # panicked hands fumbled at least once in this run, and the tool was fetched
    assert world.beat == Beat.ALONE
    assert world.stats.attempts == len(severities) - 1 >= 3
    tried = set(scene.failed)
    assert tried == set(TOOL_IDS) or world.flaw.past_limit
    assert set(world.stats.tools_used) == tried
    assert world.flaw.extent > 0.1  # from a knot to a splotch across the middle


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


def test_with_no_tools_the_bare_hands_end_the_repair():
    world = World(Level.from_ascii(EMPTY_STUDIO, seed=8))
    driver = Driver(world)
    easel = world.level.masterpiece
    walk_to(driver, (easel.center[0], easel.center[1] - 30))
    driver.press(Button.INTERACT)
    driver.run_until(lambda: world.beat == Beat.REPAIR, 60 * 20, "the repair beat")
    before = world.flaw.severity
    driver.press(Button.USE_TOOL)
    driver.run_until(lambda: world.minigame is not None, 60, "the hands to reach")
    assert world.minigame.tool == "hands"
    play_minigame(driver)
    driver.advance()
    assert world.beat == Beat.ALONE
    assert world.flaw.severity > before and world.stats.attempts == 1


def test_doing_nothing_at_all_still_ends_the_repair():
    world = World(Level.from_ascii(STUDIO, seed=9))
    driver = Driver(world)
    for tool in list(world.tools.loose)[:2]:
        walk_to(driver, tool.position)
        driver.press(Button.INTERACT)
    easel = world.level.masterpiece
    walk_to(driver, (easel.center[0], easel.center[1] - 30))
    driver.press(Button.INTERACT)
    # Hands off: the beat still ends (the hands reach on their own; the flaw passes its limit).
    bound = 60 * 20 + 8 * (IDLE_REACH_TICKS + 18 + 1000)
    driver.run_until(lambda: world.beat == Beat.ALONE, bound, "the end of the repair beat")
    assert world.stats.attempts >= 1
