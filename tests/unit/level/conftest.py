"""Level test helpers: the worked example of levels/README.md as a map to mutate, and a writer."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LEVELS = ROOT / "levels"


def readme_example() -> dict:
    """The JSON map in levels/README.md's worked example (so the documentation stays true)."""
    text = (LEVELS / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.S)
    return json.loads(block.group(1))


@pytest.fixture
def tiny_map() -> dict:
    return copy.deepcopy(readme_example())


@pytest.fixture
def level_folder(tmp_path) -> Path:
    """A folder with the backstage tileset in it, as a level author's would have."""
    for name in ("backstage_tiles.png", "backstage_tiles.tsj", "backstage_tiles.tsx"):
        shutil.copy(LEVELS / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def write_map(level_folder):
    def write(data, name: str = "level.tmj") -> Path:
        path = level_folder / name
        if isinstance(data, (bytes, str)):
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        else:
            path.write_text(json.dumps(data, indent=1), encoding="utf-8")
        return path

    return write
