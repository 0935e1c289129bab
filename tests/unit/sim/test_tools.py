"""Tools: picked up, carried, cycled — and, reached for in panic, slipping and rolling away."""

from __future__ import annotations

import math

from game.level.model import Level
from game.sim.actions import Button
from game.sim.rack import PICKUP_REACH, SLIPS_PER_TOOL, ToolPickedUp, ToolSlipped

ROOM = [
    "############",
    "#S12.......#",
    "#..........#",
    "#..........#",
    "#..........#",
    "#..........#",
    "#..........#",
    "############",
]


def carry_both(driver):
    world = driver.world
    for tool in list(world.tools.loose):
        world.player.place(tool.position)
        driver.press(Button.INTERACT)
    assert world.tools.carried == ["paintbrush", "palette_knife"]


def test_pick_up_emits_and_carries(world_factory):
    from driver import Driver

    world = world_factory(Level.from_ascii(ROOM, seed=3))
    driver = Driver(world)
    tool = world.tools.loose[0]
    world.player.place((tool.position[0], tool.position[1] - PICKUP_REACH - 5))
    driver.press(Button.INTERACT)
    assert world.tools.carried == []  # out of reach
    world.player.place(tool.position)
    driver.hold(Button.INTERACT).advance()
    assert any(isinstance(e, ToolPickedUp) and e.tool == "paintbrush" for e in world.events)
    driver.release(Button.INTERACT).advance()
    assert world.tools.carried == ["paintbrush"]
    assert world.tools.selected_tool == "paintbrush"


def test_next_tool_cycles(world_factory):
    from driver import Driver

    driver = Driver(world_factory(Level.from_ascii(ROOM, seed=3)))
    carry_both(driver)
    rack = driver.world.tools
    assert rack.selected_tool == "paintbrush"
    driver.press(Button.NEXT_TOOL)
    assert rack.selected_tool == "palette_knife"
    driver.press(Button.NEXT_TOOL)
    assert rack.selected_tool == "paintbrush"


def test_a_calm_hand_never_slips(world_factory):
    from driver import Driver

    driver = Driver(world_factory(Level.from_ascii(ROOM, seed=3)))
    carry_both(driver)
    for _ in range(50):
        assert driver.world.tools.reach(0.0) == "paintbrush"


def test_a_panicked_hand_slips_and_the_tool_rolls_away_and_can_be_fetched(world_factory):
    from driver import Driver

    world = world_factory(Level.from_ascii(ROOM, seed=3))
    driver = Driver(world)
    carry_both(driver)
    world.player.place((6 * 32, 4 * 32))
    slipped = None
    for _ in range(40):
        if world.tools.reach(1.0) is None:
            slipped = world.tools.loose[-1]
            break
    assert slipped is not None, "full panic never made a tool slip"
    assert slipped.tool not in world.tools.carried
    assert slipped.rolling and slipped.speed > 100
    start = slipped.position
    world.run(ticks=240)
    assert slipped.speed < 1.0  # it rubbed to a stop on the floor
    assert math.hypot(slipped.position[0] - start[0], slipped.position[1] - start[1]) > 20
    x, y = slipped.position
    assert 32 < x < 11 * 32 and 32 < y < 7 * 32  # inside the room: walls stopped it
    # The player walks over and picks it up again.
    world.player.place(slipped.position)
    driver.press(Button.INTERACT)
    assert slipped.tool in world.tools.carried


def test_each_tool_slips_at_most_its_share(world_factory):
    from driver import Driver

    world = world_factory(Level.from_ascii(ROOM, seed=3))
    driver = Driver(world)
    carry_both(driver)
    slips = 0
    for _ in range(200):
        if world.tools.reach(1.0) is None:
            slips += 1
            world.player.place(world.tools.loose[-1].position)
            world.tools.pick_up(world.tools.loose[-1])
    assert slips <= 2 * SLIPS_PER_TOOL


def test_slipping_is_an_event_and_deterministic(world_factory):
    from driver import Driver

    hashes = []
    for _ in range(2):
        world = world_factory(Level.from_ascii(ROOM, seed=3))
        driver = Driver(world)
        carry_both(driver)
        events = []
        for _ in range(30):
            world.tools.reach(0.9)
            world.step()
            events += [e for e in world.events if isinstance(e, ToolSlipped)]
        world.run(ticks=60)
        hashes.append((world.state_hash(), len(events)))
    assert hashes[0] == hashes[1]
    assert hashes[0][1] >= 1
