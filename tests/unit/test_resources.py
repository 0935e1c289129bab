"""The game's own files are package data: found through game.resources, listed for the wheel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from setuptools import find_namespace_packages

import game
from game import resources

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_levels_their_tileset_and_the_kit_are_found():
    folder = resources.shipped_levels()
    names = {path.name for path in folder.iterdir()}
    assert {"README.md", "backstage_tiles.png", "backstage_tiles.tsj", "backstage_tiles.tsx", "flawed.tiled-project", "templates"} <= names
    assert [path.name for path in resources.shipped_level_files()] == ["dressing_rooms.tmj", "long_wing.tmj", "storage_hall.tmx", "vortex.tmj"]


def test_a_shipped_level_is_found_by_its_file_name_or_its_name():
    assert resources.shipped_level("long_wing.tmj") == resources.shipped_levels() / "long_wing.tmj"
    assert resources.shipped_level("storage_hall") == resources.shipped_levels() / "storage_hall.tmx"
    assert resources.shipped_level("README.md") is None and resources.shipped_level("nope") is None


def test_the_shaders_are_found():
    assert {path.name for path in resources.shaders().glob("*.glsl")} == {"fullscreen_vs.glsl", "lit_common.glsl", "lit_floor_fs.glsl", "lit_floor_vs.glsl", "lit_floor_lay_fs.glsl", "lit_floor_lay_vs.glsl", "lit_sprite_fs.glsl", "tile_bake_fs.glsl", "crowd_vs.glsl", "crowd_fs.glsl", "batch_vs.glsl", "batch_fs.glsl"}


def test_no_module_finds_its_files_by_a_path_into_the_checkout():
    """Everything the game reads of its own goes through game.resources (a wheel has no checkout)."""
    offenders = []
    for path in (ROOT / "game").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "parents[" in text or ('Path(__file__)' in text and path.name != "resources.py"):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_every_package_and_data_folder_is_in_the_wheel():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {f"game.{name}" for name in find_namespace_packages(str(ROOT / "game"), exclude=["*__pycache__*"])} | {"game"}
    found |= {f"game.levels.{name}" for name in find_namespace_packages(str(ROOT / "levels"))} | {"game.levels"}
    assert sorted(config["packages"]) == sorted(found)
    assert config["package-dir"] == {"game.levels": "levels"}
    data = config["package-data"]
    for folder, globs in data.items():
        where = ROOT / "levels" if folder.startswith("game.levels") else ROOT
        parts = folder.split(".")[2:] if folder.startswith("game.levels") else folder.split(".")
        files = [path for path in (where.joinpath(*parts)).iterdir() if path.is_file() and path.suffix != ".py"]
        left_out = [path.name for path in files if not any(path.match(pattern) for pattern in globs)]
        assert left_out == [], f"{folder}: {left_out} would not be in the wheel"


def test_the_version_is_written_once_and_shown_by_flawed_version(tmp_path):
    assert 'dynamic = ["version"]' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "game", "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.strip() == f"flawed {game.__version__}"
