"""Tiled level files: the shipped levels, export → load round trips, fill-in, the format's details."""

from __future__ import annotations

import math

import base64
import gzip
import json
import os
import shutil
import subprocess
import sys
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from game.errors import LevelError
from game.level import tileset
from game.level.generate import generate_backstage, level_digest
from game.level.model import TOOL_IDS, Level
from game.level.reach import playability_problems
from game.level.tiled import export_level, load_level

ROOT = Path(__file__).resolve().parents[3]
LEVELS = ROOT / "levels"
SHIPPED = sorted(p for p in LEVELS.iterdir() if p.suffix in (".tmj", ".tmx"))


def flawed(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=cwd or ROOT)


# -- the shipped levels ------------------------------------------------------------------------


def test_at_least_three_shipped_backstage_levels_one_of_them_xml():
    backstage = [p for p in SHIPPED if load_level(p).kind == "backstage"]
    assert len(backstage) >= 3
    assert any(p.suffix == ".tmx" for p in backstage)
    titles = {load_level(p).title for p in SHIPPED}
    assert len(titles) == len(SHIPPED)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_level_loads_and_is_playable(path):
    level = load_level(path)
    assert level.warnings == ()
    assert playability_problems(level) == []
    assert level.source == str(path)
    if level.kind == "vortex":
        assert level.eye is not None
        return
    assert level.kind == "backstage"
    assert level.masterpiece is not None and level.curtain is not None
    assert sorted(t.tool for t in level.tools) == sorted(TOOL_IDS)
    assert len(level.lights) >= 8


def test_shipped_levels_pass_check_on_the_command_line():
    out = flawed("level", "check", *map(str, SHIPPED))
    assert out.returncode == 0, out.stderr
    assert out.stdout.count(": ok") == len(SHIPPED)
    assert "Traceback" not in out.stderr


def test_shipped_levels_differ_in_character():
    levels = {p.stem: load_level(p) for p in SHIPPED}
    wing = levels["long_wing"]
    assert wing.width >= 4 * wing.height  # long and thin
    hall = levels["storage_hall"]
    assert sum(p.movable for p in hall.props) >= 40  # full of crates to push
    maze = levels["dressing_rooms"]
    assert sum(p.kind == "mirror" for p in maze.props) >= 8


def test_filling_in_is_deterministic_and_only_fills_what_is_missing():
    wing = load_level(LEVELS / "long_wing.tmj")  # its tools are left out
    raw = json.loads((LEVELS / "long_wing.tmj").read_text())
    assert not [o for o in raw["layers"][2]["objects"] if o["type"] == "tool"]
    assert sorted(t.tool for t in wing.tools) == sorted(TOOL_IDS)
    assert load_level(LEVELS / "long_wing.tmj") == wing
    authored_lights = [o for o in raw["layers"][2]["objects"] if o["type"] == "light"]
    assert len(wing.lights) == len(authored_lights)  # lights were given: none added
    hall = load_level(LEVELS / "storage_hall.tmx")  # its lights are left out
    assert len(hall.lights) >= 8 and {"spill"} <= {light.kind for light in hall.lights}


# -- export → load ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".tmj", ".tmx", ".json"])
@pytest.mark.parametrize("size, seed", [("small", 3), ("medium", 11), ("large", 5)])
def test_export_then_load_is_lossless(tmp_path, suffix, size, seed):
    level = generate_backstage(seed, size)
    written = export_level(level, tmp_path / f"backstage{suffix}")
    assert {p.name for p in written} >= {f"backstage{suffix}", "backstage_tiles.png", "backstage_tiles.tsj"}
    back = load_level(tmp_path / f"backstage{suffix}")
    assert back.warnings == ()
    assert back.walls == level.walls
    assert back.lights == level.lights  # exactly: every float
    assert back.props == level.props
    assert back.tools == level.tools
    assert (back.spawn, back.masterpiece, back.curtain) == (level.spawn, level.masterpiece, level.curtain)
    assert replace(back, source=None) == level
    assert level_digest(back) == level_digest(level)


def test_export_writes_tiled_18_json_with_type_and_class(tmp_path):
    export_level(generate_backstage(2, "small"), tmp_path / "b.tmj")
    data = json.loads((tmp_path / "b.tmj").read_text())
    assert data["version"] == "1.8" and data["tiledversion"] == "1.8.2"
    assert [layer["name"] for layer in data["layers"]] == ["floor", "walls", "objects"]
    objects = data["layers"][2]["objects"]
    assert all(o["type"] == o["class"] for o in objects)
    assert data["nextobjectid"] == max(o["id"] for o in objects) + 1
    assert data["tilesets"] == [{"firstgid": 1, "source": "backstage_tiles.tsj"}]


def test_export_command_writes_map_and_tileset(tmp_path):
    out = flawed("level", "export", "--seed", "9", "--size", "S", str(tmp_path / "nine.tmj"))
    assert out.returncode == 0, out.stderr
    assert {p.name for p in tmp_path.iterdir()} >= {"nine.tmj", "backstage_tiles.tsj", "backstage_tiles.png"}
    assert replace(load_level(tmp_path / "nine.tmj"), source=None) == generate_backstage(9, "small")


@pytest.mark.skipif(shutil.which("tmxrasterizer") is None, reason="Tiled's tmxrasterizer is not installed (Debian package tiled)")
@pytest.mark.parametrize("name", ["exported.tmj", "exported.tmx"])
def test_tiled_itself_renders_an_exported_map(tmp_path, name):
    from PIL import Image
    import numpy as np

    level = generate_backstage(4, "small")
    export_level(level, tmp_path / name)
    picture = tmp_path / "tiled.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(tmp_path))
    done = subprocess.run(["tmxrasterizer", str(tmp_path / name), str(picture)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    whole = Image.open(picture).convert("RGB")
    assert whole.size == (level.pixel_width, level.pixel_height)
    assert len(set(whole.getdata())) > 100
    # The tiles alone (objects hidden: Tiled draws their shapes over the walls).
    done = subprocess.run(["tmxrasterizer", "--hide-layer", "objects", str(tmp_path / name), str(picture)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    image = np.asarray(Image.open(picture).convert("RGB"), dtype=np.int32)
    # Where the map has walls Tiled drew the wall tile, and where it has floor, a floor tile.
    width, height, raw = tileset.paint()
    atlas = np.frombuffer(raw, np.uint8).reshape(height, width, 4)[:, :, :3].astype(np.int32)
    wall_tile = atlas[0:32, 0:32].mean(axis=(0, 1))
    walls = floors = 0
    for row in range(level.height):
        for col in range(level.width):
            top = (level.height - 1 - row) * 32
            cell = image[top : top + 32, col * 32 : col * 32 + 32].mean(axis=(0, 1))
            if level.walls[row][col]:
                walls += 1
                assert abs(cell - wall_tile).max() < 12, (col, row)
            else:
                floors += 1
                assert abs(cell - wall_tile).max() > 12, (col, row)
    assert walls > 100 and floors > 100


# -- the tileset ------------------------------------------------------------------------------------


def test_the_committed_tileset_is_what_the_code_paints(tmp_path):
    from PIL import Image

    written = tileset.write_tileset(tmp_path)
    assert [p.name for p in written] == ["backstage_tiles.png", "backstage_tiles.tsj", "backstage_tiles.tsx"]
    for name in ("backstage_tiles.png",):
        fresh, committed = Image.open(tmp_path / name), Image.open(LEVELS / name)
        assert fresh.size == committed.size and fresh.mode == committed.mode
        assert fresh.tobytes() == committed.tobytes()
    for name in ("backstage_tiles.tsj", "backstage_tiles.tsx"):
        assert (tmp_path / name).read_bytes() == (LEVELS / name).read_bytes()
    width, height, raw = tileset.paint()
    assert tileset.paint() == (width, height, raw)
    assert len(set(raw[i : i + 4] for i in range(0, len(raw), 4))) > 200  # painted, not flat


# -- the format's details ---------------------------------------------------------------------------


def test_readme_example_loads_and_is_filled_from_its_seed(tiny_map, write_map):
    level = load_level(write_map(tiny_map))
    assert (level.width, level.height, level.title, level.seed) == (10, 7, "A tiny room", 7)
    assert level.spawn == (48.0, 112.0)
    assert level.masterpiece.x == 224 and level.masterpiece.y == 224 - 88 - 48
    candle, lamp = level.lights  # the map's candle, and the lamp the easel gets when nothing lights it
    assert (candle.kind, candle.radius, candle.color, candle.intensity, candle.flicker) == ("candle", 140.0, (255, 168, 92), 0.9, 0.6)
    assert lamp.kind == "work_lamp" and abs(lamp.x - level.masterpiece.center[0]) < 1 and level.signs  # the way is marked
    assert sorted(t.tool for t in level.tools) == sorted(TOOL_IDS)
    assert level.props  # filled in against the walls
    assert playability_problems(level, movable_block=True) == []
    assert load_level(write_map(tiny_map, "again.tmj")).tools == level.tools


def test_class_of_tiled_19_is_read_like_type(tiny_map, write_map):
    for obj in tiny_map["layers"][1]["objects"]:
        obj["class"] = obj.pop("type")
    assert load_level(write_map(tiny_map)).spawn == (48.0, 112.0)


def test_unknown_layers_classes_and_properties_are_warnings(tiny_map, write_map):
    tiny_map["layers"].append({"id": 9, "name": "notes", "type": "objectgroup", "objects": []})
    tiny_map["properties"].append({"name": "author", "type": "string", "value": "me"})
    objects = tiny_map["layers"][1]["objects"]
    objects.append({"id": 20, "name": "ghost", "type": "phantom", "x": 100, "y": 100, "point": True})
    objects[2]["properties"].append({"name": "hue", "type": "int", "value": 3})
    level = load_level(write_map(tiny_map))
    text = "\n".join(level.warnings)
    assert "layer 'notes': unknown layer" in text
    assert "property 'author': unknown" in text
    assert "object 20 'ghost': unknown class 'phantom'" in text
    assert "property 'hue': unknown" in text


def test_missing_format_is_read_as_1_with_a_warning(tiny_map, write_map):
    tiny_map["properties"] = [p for p in tiny_map["properties"] if p["name"] != "format"]
    level = load_level(write_map(tiny_map))
    assert any("no 'format' property" in w for w in level.warnings)


@pytest.mark.parametrize("compression", ["", "zlib", "gzip"])
def test_base64_tile_data(tiny_map, write_map, compression):
    plain = load_level(write_map(tiny_map, "plain.tmj")).walls
    walls = tiny_map["layers"][0]
    packed = b"".join(gid.to_bytes(4, "little") for gid in walls["data"])
    packed = {"": packed, "zlib": zlib.compress(packed), "gzip": gzip.compress(packed)}[compression]
    walls.update(encoding="base64", compression=compression, data=base64.b64encode(packed).decode())
    level = load_level(write_map(tiny_map))
    assert level.walls == plain


def test_tmx_with_tile_elements_and_base64(write_map, level_folder):
    level = generate_backstage(6, "small")
    export_level(level, level_folder / "x.tmx")
    text = (level_folder / "x.tmx").read_text()
    # Swap the CSV of the walls layer for zlib base64, as Tiled can save it.
    start = text.index('<layer id="2" name="walls"')
    data_start = text.index('<data encoding="csv">', start)
    data_end = text.index("</data>", data_start)
    gids = [int(g) for g in text[data_start + len('<data encoding="csv">') : data_end].replace("\n", "").split(",")]
    packed = base64.b64encode(zlib.compress(b"".join(g.to_bytes(4, "little") for g in gids))).decode()
    text = text[:data_start] + f'<data encoding="base64" compression="zlib">{packed}' + text[data_end:]
    back = load_level(write_map(text, "y.tmx"))
    assert back.walls == level.walls


def test_a_point_masterpiece_gets_an_easel_around_it(tiny_map, write_map):
    easel = tiny_map["layers"][1]["objects"][1]
    easel.update(point=True, x=240, y=112, width=0, height=0)
    level = load_level(write_map(tiny_map))
    assert level.masterpiece.center == (240.0, 112.0)
    assert (level.masterpiece.width, level.masterpiece.height) == (32.0, 48.0)


def test_a_level_is_never_half_loaded(tiny_map, write_map):
    tiny_map["layers"][1]["objects"][2]["properties"][1]["value"] = -3  # radius
    with pytest.raises(LevelError) as caught:
        load_level(write_map(tiny_map))
    assert len(caught.value.problems) == 1
    assert "object 3 'candle' (light): property 'radius': found -3" in caught.value.problems[0]


def test_unreachable_tool_is_an_error(tiny_map, write_map):
    walls = tiny_map["layers"][0]["data"]
    for row in range(7):
        walls[row * 10 + 3] = 1  # a wall from top to bottom, spawn on the left
    tiny_map["layers"][1]["objects"].append(
        {"id": 4, "name": "brush", "type": "tool", "point": True, "x": 260, "y": 180, "properties": [{"name": "tool", "type": "string", "value": "paintbrush"}]}
    )
    with pytest.raises(LevelError) as caught:
        load_level(write_map(tiny_map))
    text = "\n".join(caught.value.problems)
    assert "masterpiece" in text and "cannot be reached" in text and "'paintbrush'" in text


def test_vortex_levels_need_an_eye_not_an_easel(tiny_map, write_map):
    tiny_map["properties"].append({"name": "kind", "type": "string", "value": "vortex"})
    with pytest.raises(LevelError, match="found no eye object"):
        load_level(write_map(tiny_map))
    tiny_map["layers"][1]["objects"].append({"id": 9, "name": "eye", "type": "eye", "point": True, "x": 250, "y": 100})
    level = load_level(write_map(tiny_map))
    assert level.kind == "vortex" and level.eye == (250.0, 124.0) and level.masterpiece is None
    assert level.tools == ()  # nothing is filled into a vortex


def test_preview_renders_a_lit_picture(tmp_path):
    from PIL import Image

    out = flawed("level", "preview", str(LEVELS / "dressing_rooms.tmj"), str(tmp_path / "p.png"))
    assert out.returncode == 0, out.stderr
    image = Image.open(tmp_path / "p.png")
    width, height = image.size
    assert abs(width / height - 40 / 24) < 0.01  # the level's own proportions (40×24 tiles), not 16:9
    assert len(set(image.convert("RGB").getdata())) > 100


def test_preview_of_a_broken_level_is_exit_2(tmp_path, write_map):
    path = write_map("{not json", "broken.tmj")
    out = flawed("level", "preview", str(path), str(tmp_path / "p.png"))
    assert out.returncode == 2
    assert "broken.tmj:1:2: malformed JSON" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "p.png").exists()


def test_level_is_a_level():
    assert isinstance(load_level(SHIPPED[0]), Level)


def test_the_vortex_property_is_a_path_inside_the_folder(tiny_map, write_map):
    tiny_map["properties"].append({"name": "vortex", "type": "string", "value": "../../elsewhere/v.tmj"})
    with pytest.raises(LevelError, match="property 'vortex': found '../../elsewhere/v.tmj', which resolves outside"):
        load_level(write_map(tiny_map))
    tiny_map["properties"][-1]["value"] = "my_vortex.tmj"
    with pytest.raises(LevelError, match="property 'vortex': found 'my_vortex.tmj', which is not there, expected a vortex level file that is there"):
        load_level(write_map(tiny_map))


def test_a_one_tile_map_still_gets_all_five_tools(tiny_map, write_map):
    """levels/README.md promises all five tools to a map without tool objects, however small."""
    tiny_map.update(width=1, height=1)
    tiny_map["layers"][0].update(width=1, height=1, data=[0])
    objects = tiny_map["layers"][1]["objects"]
    spawn = objects[0]
    spawn.update(x=16, y=16)
    objects[:] = [spawn, {"id": 2, "name": "easel", "type": "masterpiece", "point": True, "x": 16, "y": 16, "width": 0, "height": 0}]
    level = load_level(write_map(tiny_map))
    assert sorted(tool.tool for tool in level.tools) == sorted(TOOL_IDS)
    assert {level.cell_of(tool.x, tool.y) for tool in level.tools} == {(0, 0)}


def test_signs_placed_in_tiled_are_kept_and_those_without_an_angle_turn_toward_the_easel(tiny_map, write_map):
    objects = next(layer for layer in tiny_map["layers"] if layer["name"] == "objects")["objects"]
    spawn = next(obj for obj in objects if obj.get("type", obj.get("class")) == "spawn")
    base = max(obj["id"] for obj in objects)
    objects.append({"id": base + 1, "name": "", "type": "sign", "x": spawn["x"], "y": spawn["y"], "point": True,
                    "properties": [{"name": "angle", "type": "float", "value": 45.0}]})
    objects.append({"id": base + 2, "name": "", "type": "sign", "x": spawn["x"] + 32, "y": spawn["y"], "point": True})
    level = load_level(write_map(tiny_map))
    assert len(level.signs) == 2  # the map's own: none added
    assert level.signs[0].angle == 45.0
    easel_x, easel_y = level.masterpiece.center
    turned = level.signs[1]
    towards = math.degrees(math.atan2(easel_y - turned.y, easel_x - turned.x))
    assert abs((turned.angle - towards + 180) % 360 - 180) < 60  # roughly toward the easel


def test_a_map_without_signs_gets_them_and_they_come_back_from_an_export(tiny_map, write_map, tmp_path):
    from game.level.tiled import export_level

    level = load_level(write_map(tiny_map))
    assert level.signs
    export_level(level, tmp_path / "again.tmj")
    assert load_level(tmp_path / "again.tmj").signs == level.signs
