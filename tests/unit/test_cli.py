"""The command line contract: 0 done, 2 bad usage or input (one clear line), 1 internal error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def flawed(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--seed", "banana"], "--seed: expected a whole number, found 'banana'"),
        (["--max-ticks", "0"], "--max-ticks: expected a number above 0, found 0"),
        (["--no-render"], "--no-render needs --autoplay, --replay or --max-ticks"),
        (["--level", "/nowhere/at/all.tmj", "--no-render", "--max-ticks", "5"], "/nowhere/at/all.tmj: no such level file"),
        (["--level", "levels", "--no-render", "--max-ticks", "5"], "levels: found a folder, expected a Tiled level file"),
        (["--level", "/dev/zero", "--no-render", "--max-ticks", "5"], "/dev/zero: found a nameless file, expected a Tiled map"),
        (["--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["--replay", "/nowhere/run.json", "--no-render"], "/nowhere/run.json: no such replay file"),
        # Outputs are checked before the run, not found unwritable after a whole dream.
        (["--report", "/proc/nope/r.json", "--no-render", "--max-ticks", "5"], "/proc/nope/r.json: --report folder cannot be made"),
        (["--record", "/proc", "--no-render", "--max-ticks", "5"], "/proc: --record needs a file name, found a folder"),
        (["--screenshots", "/proc/nope", "--headless", "--max-ticks", "5"], "/proc/nope: --screenshots folder cannot be made"),
        (["--window", "1600-900", "--headless", "--max-ticks", "5"], "--window: expected WIDTHxHEIGHT in px, such as 1280x720, found '1600-900'"),
        (["--window", "20x20", "--headless", "--max-ticks", "5"], "--window: expected each side from 64 to 8192 px, found 20x20"),
        (["--window", "800x600", "--no-render", "--max-ticks", "5"], "--no-render draws nothing"),
    ],
)
def test_bad_arguments_are_exit_2_with_one_clear_line(args, expected):
    out = flawed(*args, cwd=ROOT)
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert expected in lines[0]
    assert "Traceback" not in out.stderr


def test_a_window_of_another_size_is_drawn_in_that_size(tmp_path):
    from PIL import Image

    out = flawed("--headless", "--autoplay", "--seed", "3", "--size", "small", "--max-ticks", "120", "--window", "800x600", "--screenshots", str(tmp_path))
    assert out.returncode == 0, out.stderr
    shots = sorted(tmp_path.glob("*.png"))
    assert shots and {Image.open(shot).size for shot in shots} == {(800, 600)}


def test_no_render_run_writes_a_report(tmp_path):
    report = tmp_path / "report.json"
    out = flawed("--no-render", "--max-ticks", "90", "--seed", "4", "--report", str(report))
    assert out.returncode == 0, out.stderr
    data = json.loads(report.read_text())
    assert data["ticks"] == 90
    assert data["seed"] == 4
    assert data["completed"] is False
    assert data["beats"][0] == {"beat": "backstage", "tick": 0}
    assert len(data["state_hash"]) == 24
    assert set(data) >= {"completed", "beats", "ticks", "state_hash", "seed", "level"}


def test_a_dream_from_the_command_line_loads_only_what_its_first_frame_needs():
    """The level commands' tools and the menus (arcade.gui) load when asked for; the window's
    first frame waits for neither (see benchmarks/startup.py)."""
    code = (
        "import os, sys; os.environ['ARCADE_HEADLESS'] = '1'; import game.cli, game.app; "
        "print(' '.join(sorted(m for m in ('game.commands.level', 'game.level.kit', 'game.playtest', 'arcade.gui', "
        "'game.views.widgets', 'xml.sax.saxutils', 'pyglet.media.codecs.ffmpeg_lib', 'pyglet.media.drivers.openal') if sys.modules.get(m))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={k: v for k, v in os.environ.items() if k != "FLAWED_SILENT"})  # headless alone spares the audio drivers
    assert out.stdout.strip() == ""


def test_a_library_crashing_the_game_leaves_where_in_the_game_it_happened_on_stderr():
    """A crash below Python (a driver, a corrupt heap) kills the process with no traceback: the
    game has Python write every thread's stack as it goes, for the report."""
    crash = ("import ctypes, sys\n"
             "from game import cli\n"
             "from game.sim.world import World\n"
             "World.step = lambda world, *args: ctypes.string_at(0)  # a library reading where it must not\n"
             "sys.exit(cli.main(['--no-render', '--max-ticks', '5', '--seed', '4']))\n")
    out = subprocess.run([sys.executable, "-c", crash], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode != 0
    assert "Fatal Python error: Segmentation fault" in out.stderr
    assert "session.py" in out.stderr and "cli.py" in out.stderr  # (the game's own frames, under the library's)
