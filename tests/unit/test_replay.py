"""Record a run, replay it from tick 0; tampered and corrupt replays fail clearly."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from game import replay as replays
from game.errors import ReplayDiverged, ReplayError
from game.session import Run, RunOptions
from game.sim.actions import Actions, Button
from game.sim.world import HASH_INTERVAL


def scripted(tick: int) -> Actions:
    phase = (tick // 40) % 4
    move = [(1, 0), (0, 1), (-1, 0), (0, -1)][phase]
    return Actions(move, frozenset({Button.INTERACT}) if tick % 90 == 0 else frozenset())


def record(path, ticks=300, seed=5) -> Run:
    run = Run(RunOptions(seed=seed, record=str(path), max_ticks=ticks))
    while not run.done:
        run.step(scripted(run.world.tick))
    run.finish()
    return run


def replay_to_end(path) -> Run:
    run = Run(RunOptions(replay=str(path)))
    run.run_to_end()
    return run


def test_replay_reproduces_every_periodic_hash(tmp_path):
    path = tmp_path / "run.json"
    original = record(path)
    data = json.loads(path.read_text())
    assert data["format"] == "flawed-replay" and data["version"] == 1
    assert [tick for tick, _ in data["hashes"]] == list(range(HASH_INTERVAL, 301, HASH_INTERVAL))
    seen = {}
    run = Run(RunOptions(replay=str(path)))
    while not run.done:
        run.step()
        if run.world.tick % HASH_INTERVAL == 0:
            seen[run.world.tick] = run.world.state_hash()
    assert seen == {tick: digest for tick, digest in data["hashes"]}
    assert run.world.state_hash() == original.world.state_hash()


def test_a_tampered_replay_fails_at_the_right_tick(tmp_path):
    path = tmp_path / "run.json"
    record(path)
    data = json.loads(path.read_text())
    # Change what the player did from tick 130 on: the first hash after that is tick 180.
    data["actions"] = [entry for entry in data["actions"] if entry[0] < 130] + [[130, [[0.0, -1.0], []]]]
    path.write_text(json.dumps(data))
    with pytest.raises(ReplayDiverged) as caught:
        replay_to_end(path)
    assert caught.value.tick == 180
    assert "tick 180" in str(caught.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"format": "flawed-replay", "version": 1, "seed": 5, "lev', "malformed JSON"),
        ("[]", "expected a JSON object"),
        ('{"format": "flawed-replay", "version": 9}', "version 9 is not supported"),
        ('{"format": "something-else"}', "'format'"),
    ],
)
def test_corrupt_replays_are_one_clear_error(tmp_path, text, expected):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(ReplayError) as caught:
        replays.load(path)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_truncated_replay_is_refused(tmp_path):
    path = tmp_path / "run.json"
    record(path, ticks=120)
    data = json.loads(path.read_text())
    data["hashes"] = data["hashes"][:-1]
    data["hashes"].pop()  # the final hash is gone too: as if the file stopped early
    path.write_text(json.dumps(data))
    with pytest.raises(ReplayError, match="truncated"):
        replays.load(path)


def test_corrupt_replay_on_the_command_line_is_exit_2_and_one_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "flawed-replay", "version": 1, "seed": 5, "level": {"kind": "generated"}, "settings": {}, "ticks": 10, "actions": [[3, [[0, 0], ["fly"]]]], "hashes": [[10, "x"]]}')
    out = subprocess.run([sys.executable, "-m", "game", "--replay", str(path), "--no-render"], capture_output=True, text=True)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr
    assert "actions[0] at tick 3" in lines[0] and "unknown button" in lines[0]


def test_a_replay_of_a_level_size_that_does_not_exist_is_refused(tmp_path):
    path = tmp_path / "run.json"
    record(path, ticks=60)
    data = json.loads(path.read_text())
    data["level"]["size"] = "me9ium"  # a slip of the keyboard, found by fuzzing the loader
    path.write_text(json.dumps(data))
    with pytest.raises(ReplayError, match="'level.size' is 'me9ium', expected one of small, medium, large"):
        replay_to_end(path)


# -- hostile replays: refused before the work they would cause -------------------------------------


def header(**fields) -> dict:
    data = {"format": "flawed-replay", "version": 1, "seed": 5, "level": {"kind": "generated", "size": "small"},
            "settings": {}, "ticks": 60, "actions": [], "hashes": [[60, "0" * 64]]}
    data.update(fields)
    return data


@pytest.mark.parametrize(
    "data, said",
    [
        # 200 bytes asking for 10^12 ticks, with one final hash: it would run for ever
        (header(ticks=10**12, hashes=[[10**12, "0" * 64]]), "'ticks' is 1000000000000, expected 0 to 432000 (two hours of play)"),
        # within the limit, but its hashes do not pay for its length
        (header(ticks=6000, hashes=[[6000, "0" * 64]]), "no state hash for tick 60, expected one every 60 ticks up to its 6000"),
    ],
    ids=["ticks past the limit", "ticks without their hashes"],
)
def test_a_replay_cannot_ask_for_unbounded_work(tmp_path, data, said):
    path = tmp_path / "run.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ReplayError) as caught:
        replays.load(path)
    assert said in str(caught.value)


@pytest.mark.parametrize(
    "make, said",
    [
        (lambda path: path.open("wb").truncate(17 * 1024 * 1024), "found 17825792 bytes, expected at most 16777216 (16 MiB)"),
        (lambda path: path.write_text('{"seed": ' + "1" * 5000 + "}"), "malformed JSON: found a number of more than 4300 digits"),
        (lambda path: path.write_text("[" * 100_000 + "]" * 100_000), "nested too deeply"),
        (lambda path: path.write_text('{"format": "flawed-replay", "actions": ' + "[" * 20 + "]" * 20 + "}"), "nested more than 8 levels deep"),
        (lambda path: os.mkfifo(path), "found a pipe (FIFO), expected a regular file"),
        (lambda path: path.symlink_to("/dev/zero"), "found a device, expected a regular file"),
        (lambda path: path.write_bytes(b"\xef\xbb\xbf[]"), "expected a JSON object"),  # a BOM is fine; a list is not a replay
    ],
    ids=["too big", "5000 digits", "deep", "past the depth", "a pipe", "/dev/zero", "a BOM"],
)
def test_a_hostile_replay_file_is_one_line(tmp_path, make, said):
    path = tmp_path / "run.json"
    make(path)
    with pytest.raises(ReplayError) as caught:
        replays.load(path)
    assert said in str(caught.value) and str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_replays_level_file_is_measured_before_it_is_hashed(tmp_path):
    level = tmp_path / "huge.tmj"
    with level.open("wb") as stream:
        stream.truncate(2 * 1024**3)  # 2 GB, sparse: reading it to hash it would take the whole of it
    path = tmp_path / "run.json"
    path.write_text(json.dumps(header(level={"kind": "file", "path": str(level), "sha256": "0" * 64})))
    with pytest.raises(ReplayError, match=r"the replay's level file .*huge\.tmj: found 2147483648 bytes, expected at most 33554432"):
        Run(RunOptions(replay=str(path)))
    level.unlink()
    level.mkdir()
    with pytest.raises(ReplayError, match="found a folder, expected a regular file"):
        Run(RunOptions(replay=str(path)))
    path.write_text(json.dumps(header(level={"kind": "file", "path": "z" * 300 + ".tmj", "sha256": "0" * 64})))
    with pytest.raises(ReplayError, match=r"cannot be read \(File name too long\)"):
        Run(RunOptions(replay=str(path)))
