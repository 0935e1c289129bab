"""Mutated level files: whatever the mutation, loading gives a Level or a LevelError, never another exception."""

from __future__ import annotations

import copy
import json
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.errors import LevelError
from game.level.model import Level
from game.level.tiled import load_level, to_tmx

LEVELS = Path(__file__).resolve().parents[3] / "levels"
EXAMPLE = json.loads(re.search(r"```json\n(.*?)```", (LEVELS / "README.md").read_text(encoding="utf-8"), re.S).group(1))
FOLDER = Path(tempfile.mkdtemp(prefix="flawed-fuzz-"))
shutil.copy(LEVELS / "backstage_tiles.tsj", FOLDER / "backstage_tiles.tsj")
shutil.copy(LEVELS / "backstage_tiles.png", FOLDER / "backstage_tiles.png")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["spawn", "light", "tool", "prop", "masterpiece", "curtain", "eye", "walls", "objects", "#ff00ff", "../x.tsj", "base64", "zlib", "vortex"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["name", "type", "value", "x", "y", "width", "height", "data", "id", "point", "properties", "objects"]), inner, max_size=4),
    max_leaves=8,
)


def places(value, path=()):
    """Every (path) to a value inside the map."""
    yield path
    if isinstance(value, dict):
        for key in sorted(value):
            yield from places(value[key], path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from places(item, path + (index,))


def outcome(path: Path) -> None:
    try:
        level = load_level(path)
    except LevelError as error:
        assert error.problems and all(isinstance(line, str) and "\n" not in line and "Traceback" not in line for line in error.problems)
        return
    assert isinstance(level, Level)


@FUZZ
@given(st.data())
def test_mutated_json_map_gives_a_level_or_a_level_error(data):
    level_map = copy.deepcopy(EXAMPLE)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = list(places(level_map))[1:]
        path = data.draw(st.sampled_from(paths))
        parent = level_map
        for key in path[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if action == "replace":
            parent[path[-1]] = data.draw(json_values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        else:
            parent[path[-1] + "_"] = copy.deepcopy(parent[path[-1]]) if isinstance(path[-1], str) else None
    target = FOLDER / "mutated.tmj"
    target.write_text(json.dumps(level_map), encoding="utf-8")
    outcome(target)


@FUZZ
@given(st.data())
def test_mangled_text_gives_a_level_or_a_level_error(data):
    xml = data.draw(st.booleans())
    if xml:
        text = to_tmx(load_level(_example_file())).encode()
    else:
        text = json.dumps(EXAMPLE).encode()
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 8))
        junk = data.draw(st.binary(max_size=6) | st.sampled_from([b"<", b"&amp;", b"<!DOCTYPE x>", b'"', b",", b"]", b"}", b"0", b"-", b"1e999"]))
        text = text[:at] + junk + text[at + cut :]
    target = FOLDER / ("mangled.tmx" if xml else "mangled.tmj")
    target.write_bytes(text)
    outcome(target)


def _example_file() -> Path:
    path = FOLDER / "example.tmj"
    if not path.exists():
        path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    return path


# Strings full of what could fool a reading of the text: brackets, quotes, backslashes, escapes.
_TRICKY_TEXT = st.text(alphabet='[]{}"\\\n/ax\u00e9', max_size=8)
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | _TRICKY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TRICKY_TEXT, inner, max_size=4),
    max_leaves=30,
)


@given(value=_JSON_VALUES, most=st.integers(min_value=0, max_value=8), indent=st.sampled_from([None, 1]))
@settings(max_examples=400, deadline=None)
def test_nesting_read_from_the_text_agrees_with_the_values(value, most, indent):
    from game.userfile import nesting, too_deep

    text = json.dumps(value, indent=indent, ensure_ascii=indent is None).encode()
    assert too_deep(text, most) == (nesting(value, most) > most)
