"""The whole story, played by the autoplay bot through the same actions a player sends."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.level.tiled import load_level
from game.session import Run, RunOptions
from game.sim.actions import Actions
from game.sim.story import Beat

ROOT = Path(__file__).resolve().parents[2]
LEVELS = ROOT / "levels"
EVERY_BEAT = [beat.value for beat in Beat]
TICK_LIMIT = 40000  # ~11 minutes of dream: far more than the bot needs
GENERATED_SEEDS = range(1, 21)


def shipped(kind: str) -> list[Path]:
    return sorted(p for p in LEVELS.iterdir() if p.suffix in (".tmj", ".tmx") and load_level(p).kind == kind)


def play(**options) -> dict:
    run = Run(RunOptions(autoplay=True, max_ticks=TICK_LIMIT, **options))
    run.run_to_end()
    return run.report_data()


def assert_whole_story(report: dict, what: str) -> None:
    beats = [entry["beat"] for entry in report["beats"]]
    ticks = [entry["tick"] for entry in report["beats"]]
    assert report["completed"], f"{what}: the story stopped at {beats[-1]} (tick {report['ticks']})"
    assert beats == EVERY_BEAT, f"{what}: beats {beats}"
    assert ticks == sorted(ticks) and len(set(ticks)) == len(ticks), f"{what}: beat ticks {ticks}"
    assert report["attempts"] >= 1


@pytest.mark.parametrize("path", shipped("backstage"), ids=lambda p: p.name)
def test_autoplay_completes_the_story_on_every_shipped_backstage(path):
    assert_whole_story(play(level=str(path)), path.name)


def test_autoplay_completes_the_story_on_twenty_generated_seeds_of_every_size():
    failures = []
    for seed in GENERATED_SEEDS:
        report = play(seed=seed, size=("small", "medium", "large")[seed % 3])
        try:
            assert_whole_story(report, f"seed {seed}")
        except AssertionError as problem:
            failures.append(str(problem))
    assert not failures, "\n".join(failures)


def test_a_shipped_vortex_level_plays_on_its_own():
    (path,) = shipped("vortex")
    report = play(level=str(path))
    assert report["completed"]
    assert [entry["beat"] for entry in report["beats"]] == ["vortex", "waking"]


def test_the_shipped_backstages_lead_to_the_shipped_vortex():
    from game.level.vortex import vortex_level_for

    (vortex,) = shipped("vortex")
    for path in shipped("backstage"):
        leads_to = vortex_level_for(load_level(path), 1)
        assert leads_to.kind == "vortex" and leads_to.title == load_level(vortex).title


def test_a_recorded_autoplay_replays_to_the_same_final_state(tmp_path):
    recording = tmp_path / "run.replay.json"
    original = Run(RunOptions(seed=8, size="small", autoplay=True, record=str(recording), max_ticks=TICK_LIMIT))
    original.run_to_end()
    original.finish()
    assert original.world.story.completed
    changes = original.recorder.replay.changes
    assert all(Actions.from_json(act.to_json()) == act for _, act in changes)  # every action survives the file
    replayed = Run(RunOptions(replay=str(recording)))
    replayed.run_to_end()  # every recorded hash is checked on the way: a divergence raises
    assert replayed.world.tick == original.world.tick
    assert replayed.world.state_hash() == original.world.state_hash()
    assert replayed.world.story.completed


def test_the_command_line_plays_the_whole_story_and_reports_it(tmp_path):
    report_path = tmp_path / "report.json"
    env = dict(os.environ, FLAWED_CONFIG_DIR=str(tmp_path / "config"))
    recording = tmp_path / "run.replay.json"
    done = subprocess.run(
        [sys.executable, "-m", "game", "--autoplay", "--no-render", "--seed", "4", "--size", "small", "--report", str(report_path), "--record", str(recording)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(report_path.read_text())
    assert {"completed", "beats", "ticks", "state_hash", "seed", "level"} <= set(report)
    assert report["seed"] == 4 and report["level"] == "generated:small"
    assert_whole_story(report, "the command line")
    assert not (tmp_path / "config" / "progress.json").exists()
    # Another process replays it to the very same end.
    replayed_path = tmp_path / "replayed.json"
    done = subprocess.run(
        [sys.executable, "-m", "game", "--replay", str(recording), "--no-render", "--report", str(replayed_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    replayed = json.loads(replayed_path.read_text())
    assert replayed["completed"] and replayed["state_hash"] == report["state_hash"] and replayed["ticks"] == report["ticks"]


def test_the_bot_plays_the_dream_as_a_player_would():
    """It gathers every tool in the backstage before it looks at the easel, tries each, calls for
    help, breathes: the whole story, not a shortcut."""
    from game.tools import TOOL_IDS

    run = Run(RunOptions(seed=8, size="small", autoplay=True, max_ticks=TICK_LIMIT))
    carried_into_the_flaw = None
    while not run.done:
        run.step()
        if carried_into_the_flaw is None and run.world.story.beat is not Beat.BACKSTAGE:
            carried_into_the_flaw = sorted(run.world.tools.carried)
    stats = run.world.stats
    assert run.world.story.completed
    assert carried_into_the_flaw == sorted(TOOL_IDS)
    assert sorted(stats.tools_used) == sorted(TOOL_IDS) and stats.attempts >= len(TOOL_IDS)
    assert stats.calls_for_help >= 1 and stats.breaths >= 1


def test_the_bot_breathes_with_the_ring_and_accepts_only_once_calm():
    from game.bot import Bot
    from game.sim.actions import Button
    from game.sim.world import World

    run = Run(RunOptions(seed=8, size="small"))
    world = World(run.world.level, seed=8, start=Beat.ACCEPTANCE)
    bot = Bot(world)
    breathing, accepted_when_calm = 0, []
    while world.story.beat is Beat.ACCEPTANCE and world.tick < 60 * 60:
        actions = bot.actions()
        breathing += Button.BREATHE in actions.held
        if Button.ACCEPT in actions.held:
            accepted_when_calm.append(world.story.scene.calmed)
        world.step(actions)
    assert world.story.beat is Beat.REVEAL
    assert breathing > 60  # it follows the ring, as a player is asked to
    assert accepted_when_calm and all(accepted_when_calm)
