"""`make dist`: the wheel, the sdist and the PyInstaller one-folder bundle, which starts headless and
plays the whole story with no Python of the player's. About two minutes: `make test-dist` runs them
(CI does, after `make test`)."""

from __future__ import annotations

import configparser
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import game

pytestmark = pytest.mark.dist

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist") / "dist"
    made = subprocess.run(["make", "-C", str(ROOT), "dist", f"DIST={out}", f"VENV={sys.prefix}"], capture_output=True, text=True, timeout=1800)
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    return out


def test_make_dist_builds_the_wheel_the_sdist_and_the_bundle(dist):
    names = sorted(path.name for path in dist.iterdir())
    assert f"flawed-{game.__version__}-py3-none-any.whl" in names and f"flawed-{game.__version__}.tar.gz" in names
    program = dist / "flawed" / ("flawed.exe" if os.name == "nt" else "flawed")
    assert program.is_file() and os.access(program, os.X_OK)


def test_the_bundle_plays_headless_from_another_folder(dist, tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(FLAWED_SILENT="1", FLAWED_CONFIG_DIR=str(tmp_path / "config"), FLAWED_CACHE_DIR=str(tmp_path / "cache"), PATH="/usr/bin:/bin")
    program = dist / "flawed" / "flawed"
    done = subprocess.run([str(program), "--autoplay", "--no-render", "--seed", "3", "--size", "small", "--report", "run.json"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "run.json").read_text())["completed"] is True
    assert "ERROR" not in done.stderr  # e.g. arcade failing to read its own files from the bundle
    listed = subprocess.run([str(program), "level", "check", "long_wing.tmj"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert listed.returncode == 0, listed.stderr


def test_the_bundle_compiles_the_shaders_ahead(dist, tmp_path):
    """What a first play on software OpenGL starts beside the game (game.render.warmup: the bundle
    starts itself with `warm-shaders`)."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "MESA_SHADER_CACHE_DISABLE")}
    (tmp_path / "mesa").mkdir()
    env.update(FLAWED_SILENT="1", FLAWED_CONFIG_DIR=str(tmp_path / "config"), FLAWED_CACHE_DIR=str(tmp_path / "cache"),
               MESA_SHADER_CACHE_DIR=str(tmp_path / "mesa"), PATH="/usr/bin:/bin")
    done = subprocess.run([str(dist / "flawed" / "flawed"), "warm-shaders"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "flawed: shaders compiled ahead for" in done.stdout and "waking" in done.stdout
    assert list((tmp_path / "cache" / "shaders").glob("warmed-*"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .desktop file is for Linux desktops")
def test_the_linux_bundle_has_a_desktop_file_and_the_game_s_own_icon(dist):
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(dist / "flawed" / "flawed.desktop")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"] == "flawed" and desktop["Icon"] == "flawed"
    from PIL import Image

    assert Image.open(dist / "flawed" / "flawed.png").size == (256, 256)
