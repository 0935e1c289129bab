"""`flawed level test`: the bot plays levels headless; exit 0 all completed, 1 one was not, 2 a level error."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from game.level.model import Level, PropSpec
from game.level.tiled import export_level

# The only way from the spawn to the easel is a corridor that turns up at its far end. Two heavy
# crates stand in that corner: pushed from the spawn's side they meet the wall, and the larger is
# too wide to go up the turn. The checker lets it through (movable props can be pushed), but the
# bot can never get past them.
JAMMED = [
    "####################",
    "#..........#########",
    "#.....M....#########",
    "#..........#########",
    "###..###############",
    "###..###############",
    "###...............##",
    "###...........S...##",
    "###...............##",
    "####################",
]
JAM = (PropSpec(136, 80, 80, 96, "crate", True), PropSpec(200, 80, 48, 96, "crate", True))  # px, in the corridor's corner


def flawed(*args, cwd):
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def jammed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("jam")
    level = replace(Level.from_ascii(JAMMED, seed=5, title="Jammed"), props=JAM, lights=())
    export_level(level, folder / "jammed.tmj")
    return folder / "jammed.tmj"


def test_a_level_the_bot_cannot_finish_is_exit_1_naming_the_tile_and_the_beat(jammed, tmp_path):
    done = flawed("level", "test", "long_wing.tmj", jammed, "--junit", "out.xml", "--heatmap", "heat.png", "-j", "2", cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    wing, jam = done.stdout.splitlines()
    assert "long_wing.tmj: completed in " in wing
    assert all(f"{beat} " in wing for beat in ("backstage", "flaw", "repair", "alone", "acceptance", "reveal", "lights_on", "vortex", "waking"))
    assert "jammed.tmj: not completed: stuck in beat backstage at tile " in jam
    col, row = (int(n) for n in re.search(r" at tile (\d+),(\d+)", jam).groups())
    assert 3 <= col <= 9 and 6 <= row <= 8  # in the corridor, before the crates (Tiled's column and row)
    suite = ET.parse(tmp_path / "out.xml").getroot()
    cases = suite.findall(".//testcase")
    assert [case.get("name") for case in cases] == ["long_wing.tmj", "jammed.tmj"]
    assert suite.get("tests") == "2" and suite.get("failures") == "1" and suite.get("errors") == "0"
    assert cases[0].find("failure") is None
    assert "stuck in beat backstage at tile" in cases[1].find("failure").get("message")
    assert (tmp_path / "heat-long_wing.png").is_file() and (tmp_path / "heat-jammed.png").is_file()
    assert "2/2" in done.stderr  # the progress bar


def test_a_shipped_level_and_generated_seeds_complete_side_by_side(tmp_path):
    done = flawed("level", "test", "vortex", "--seeds", "3..4", "--size", "small", "-j", "2", "--heatmap", "one.png", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 3 and all(": completed in " in line for line in lines)
    assert lines[1].startswith("seed 3 (small): ") and lines[2].startswith("seed 4 (small): ")


def test_a_broken_level_is_exit_2_with_its_problems_and_an_error_case(jammed, tmp_path):
    (tmp_path / "broken.tmj").write_text('{"width": 10, "height": ', encoding="utf-8")
    done = flawed("level", "test", "broken.tmj", "--junit", "out.xml", cwd=tmp_path)
    assert done.returncode == 2
    assert "broken.tmj:1:" in done.stderr and "malformed JSON" in done.stderr and "Traceback" not in done.stderr
    case = ET.parse(tmp_path / "out.xml").getroot().find(".//testcase")
    assert case.find("error") is not None and "malformed JSON" in case.find("error").text


@pytest.mark.parametrize(
    "args, expected",
    [
        ([], "expected level files or --seeds A..B"),
        (["--seeds", "9..3"], "expected A..B with A at most B"),
        (["--seeds", "three"], "expected seeds as A..B"),
        (["vortex", "--heatmap", "heat.jpg"], "expected a .png"),
        (["vortex", "-j", "-2"], "expected 0 (every core) or more"),
    ],
)
def test_usage_mistakes_are_one_line_and_exit_2(args, expected, tmp_path):
    done = flawed("level", "test", *args, cwd=tmp_path)
    assert done.returncode == 2
    assert expected in done.stderr and len(done.stderr.strip().splitlines()) == 1
