"""Same seed + same actions = same state hash, in any process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    from game.level.model import Level
    from game.sim.actions import Actions, Button
    from game.sim.world import World
    from game.testing.plugin import TEST_ROOM
    world = World(Level.from_ascii(list(TEST_ROOM), seed=7), seed=99)
    for tick in range(400):
        angle = (tick * 37) % 360
        import math
        move = (math.cos(math.radians(angle)), math.sin(math.radians(angle)))
        held = [Button.INTERACT] if tick % 50 == 0 else []
        world.step(Actions(move, frozenset(held)))
    print(world.state_hash())
    """
)


def run_in_fresh_process(seed_env: str) -> str:
    env = {"PYTHONHASHSEED": seed_env, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True, cwd=".")
    return out.stdout.strip()


def test_two_processes_agree_on_the_state_hash():
    # Different string-hash seeds: nothing in the world may depend on Python's hash().
    first, second = run_in_fresh_process("1"), run_in_fresh_process("2")
    assert len(first) == 24
    assert first == second
