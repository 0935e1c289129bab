"""The game as players and level authors install it: the wheel, in a fresh virtual environment outside
the checkout, run from another folder (so nothing can be read from the checkout by accident).

`make test` runs these after the rest (`pytest -m install tests/install`); they need pip to reach
the package index for the game's dependencies.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import game

pytestmark = pytest.mark.install

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "example-level"


def run(*args, cwd, timeout=600, env=None):
    done = subprocess.run([str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the fresh environment's bin folder, a folder to run in, the environment for commands)."""
    work = tmp_path_factory.mktemp("wheel")
    assert ROOT not in work.parents
    built = run(sys.executable, "-m", "build", "--wheel", "--outdir", work / "dist", ROOT, cwd=work)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheel, = (work / "dist").glob("flawed-*.whl")
    assert wheel.name.startswith(f"flawed-{game.__version__}-")
    venv.create(work / "env", with_pip=True, clear=True)
    bin_dir = work / "env" / ("Scripts" if os.name == "nt" else "bin")
    pip = run(bin_dir / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", f"{wheel}[pytest]", cwd=work)
    assert pip.returncode == 0, pip.stderr[-3000:]
    here = work / "elsewhere"
    here.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(FLAWED_SILENT="1", FLAWED_CONFIG_DIR=str(work / "config"), FLAWED_CACHE_DIR=str(work / "cache"))
    return bin_dir, here, env


def flawed(installed, *args, timeout=600):
    bin_dir, here, env = installed
    return run(bin_dir / "flawed", *args, cwd=here, timeout=timeout, env=env)


def test_the_game_comes_from_the_wheel_not_the_checkout(installed):
    bin_dir, here, env = installed
    where = run(bin_dir / "python", "-c", "import game, game.resources as r; print(game.__file__); print(r.shipped_levels())", cwd=here, env=env)
    package, levels = where.stdout.split()
    assert "site-packages" in package and ROOT not in Path(package).parents
    assert Path(levels) == Path(package).parent / "levels"
    assert flawed(installed, "--version").stdout.strip() == f"flawed {game.__version__}"


def test_the_bot_plays_the_whole_story_without_rendering(installed):
    done = flawed(installed, "--autoplay", "--no-render", "--seed", "3", "--size", "small", "--report", "run.json")
    assert done.returncode == 0, done.stderr
    assert json.loads((installed[1] / "run.json").read_text())["completed"] is True


def test_the_headless_game_draws_with_its_shaders(installed):
    done = flawed(installed, "--headless", "--autoplay", "--max-ticks", "600", "--seed", "3", "--screenshots", "shots")
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in (installed[1] / "shots").glob("*.png"))


def test_every_shipped_level_is_listed_checked_and_playable_by_name(installed):
    listed = flawed(installed, "level", "list")
    assert listed.returncode == 0, listed.stderr
    names = [line.split()[0] for line in listed.stdout.splitlines()]
    assert names == sorted(path.name for path in (ROOT / "levels").iterdir() if path.suffix in (".tmj", ".tmx"))
    checked = flawed(installed, "level", "check", *names)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.count(": ok (") == len(names)
    played = flawed(installed, "--level", "long_wing.tmj", "--no-render", "--max-ticks", "120")
    assert played.returncode == 0, played.stderr


def test_level_test_plays_a_shipped_level_with_a_junit_report(installed):
    done = flawed(installed, "level", "test", "vortex.tmj", "--junit", "vortex.xml")
    assert done.returncode == 0, done.stdout + done.stderr
    suite = ET.parse(installed[1] / "vortex.xml").getroot()
    assert suite.get("tests") == "1" and suite.get("failures") == "0"


def test_the_worked_example_passes_under_xdist_against_the_wheel(installed, tmp_path):
    """levels/README.md's worked example: an author's own level and its tests, run with the plugin."""
    bin_dir, _, env = installed
    folder = tmp_path / "my-levels"
    shutil.copytree(EXAMPLE, folder)
    kit = run(bin_dir / "flawed", "level", "kit", ".", cwd=folder, env=env)
    assert kit.returncode == 0, kit.stderr
    check = run(bin_dir / "flawed", "level", "check", "my_stage.tmj", cwd=folder, env=env)
    assert check.returncode == 0, check.stderr
    tests = run(bin_dir / "python", "-m", "pytest", "-n", "2", "-q", "-p", "no:cacheprovider", cwd=folder, env=env)
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
    assert "6 passed" in tests.stdout
