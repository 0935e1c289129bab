"""Broken level files: each gives exit status 2 and a clear line naming what is wrong, never a traceback."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest

from game.errors import LevelError
from game.level.tiled import load_level

ROOT = Path(__file__).resolve().parents[3]

ENTITY_BOMB = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE map [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<map version="1.8" orientation="orthogonal" width="10" height="7" tilewidth="32" tileheight="32">
 <properties><property name="title" value="&g;"/></properties>
</map>
"""

MALFORMED_XML = """<?xml version="1.0" encoding="UTF-8"?>
<map version="1.8" orientation="orthogonal" width="10" height="7" tilewidth="32" tileheight="32">
 <layer id="1" name="walls" width="10" height="7">
  <data encoding="csv">1,1</data>
 </layr>
</map>
"""


def objects(data) -> list:
    return data["layers"][1]["objects"]


def props_of(data, object_index: int) -> list:
    return objects(data)[object_index]["properties"]


def break_json(data):
    return '{\n "type": "map",\n "width" 10\n}\n'


def no_spawn(data):
    del objects(data)[0]


def no_masterpiece(data):
    objects(data)[:] = [o for o in objects(data) if o.get("type") != "masterpiece"]


def two_spawns(data):
    objects(data).append(dict(objects(data)[0], id=9, name="second"))


def negative_radius(data):
    props_of(data, 2)[1]["value"] = -40


def tileset_outside(data):
    data["tilesets"] = [{"firstgid": 1, "source": "../../outside/tiles.tsj"}]


def oversized(data):
    data["width"] = 600


def short_tiles(data):
    del data["layers"][0]["data"][60:]


def newer_format(data):
    data["properties"][0]["value"] = 2


def entity_bomb(data):
    return ENTITY_BOMB


def malformed_xml(data):
    return MALFORMED_XML


def unknown_xml_encoding(data):
    return b'<?xml version="1.0" encoding="AUTF-8"?>\n<map version="1.8"/>\n'


def not_utf8(data):
    return b'{"type": "map",\n "title": "caf\xe9"}'


def wrong_tool(data):
    objects(data).append({"id": 12, "name": "brush", "type": "tool", "point": True, "x": 100, "y": 100, "properties": [{"name": "tool", "type": "string", "value": "hammer"}]})


def prop_as_point(data):
    objects(data).append({"id": 13, "name": "box", "type": "prop", "point": True, "x": 100, "y": 100})


def infinite(data):
    data["infinite"] = True


def isometric(data):
    data["orientation"] = "isometric"


def small_tiles(data):
    data["tilewidth"] = 16


def outside_object(data):
    objects(data)[0]["x"] = 5000


def many_at_once(data):
    negative_radius(data)
    two_spawns(data)
    props_of(data, 2)[3]["value"] = 7  # intensity


CASES = [
    # (name, file name, how to break the README's example, expected text on stderr)
    ("malformed JSON", "bad.tmj", break_json, "bad.tmj:3:10: malformed JSON: Expecting ':' delimiter"),
    ("missing spawn", "nospawn.tmj", no_spawn, "layer 'objects': found no spawn object, expected exactly one"),
    # Named here, not only through the schema's table: a backstage is a room with the easel in it.
    ("missing masterpiece", "noeasel.tmj", no_masterpiece, "layer 'objects': found no masterpiece object, expected exactly one (class 'masterpiece')"),
    ("two spawns", "twospawns.tmj", two_spawns, "layer 'objects': found 2 spawn objects (ids 1, 9), expected exactly one"),
    ("negative light radius", "radius.tmj", negative_radius, "layer 'objects', object 3 'candle' (light): property 'radius': found -40, expected a number of px above 0"),
    ("tileset outside the folder", "outside.tmj", tileset_outside, "tileset 1: source: found '../../outside/tiles.tsj', which resolves outside the level's folder"),
    ("oversized map", "huge.tmj", oversized, "map: width: found 600 tiles, expected at most 512 (the map is too large)"),
    ("short tile array", "short.tmj", short_tiles, "layer 'walls': data: found 60 tiles, expected 70 (10 x 7)"),
    ("unknown format version", "future.tmj", newer_format, "map: property 'format': found 2, expected 1 or lower (the level needs a newer version of the game)"),
    ("XML entity bomb", "bomb.tmx", entity_bomb, "bomb.tmx:2:1: malformed XML: a DOCTYPE declaration found, expected plain XML"),
    ("malformed XML", "broken.tmx", malformed_xml, "broken.tmx:5:4: malformed XML: mismatched tag"),
    ("unknown XML encoding", "enc.tmx", unknown_xml_encoding, "enc.tmx:1:31: malformed XML: text in an unreadable encoding (unknown encoding: AUTF-8), expected UTF-8"),
    ("not UTF-8", "latin.tmj", not_utf8, "latin.tmj:2:15: found a byte that is not UTF-8"),
    ("unknown tool", "tool.tmj", wrong_tool, "object 12 'brush' (tool): property 'tool': found 'hammer', expected one of paintbrush"),
    ("prop without a size", "prop.tmj", prop_as_point, "object 13 'box' (prop): found a point, expected a rectangle"),
    ("infinite map", "infinite.tmj", infinite, "map: infinite: found true, expected false"),
    ("isometric map", "iso.tmj", isometric, "map: orientation: found 'isometric', expected 'orthogonal'"),
    ("16 px tiles", "tiny_tiles.tmj", small_tiles, "map: tilewidth: found 16, expected 32"),
    ("object outside the map", "far.tmj", outside_object, "object 1 'spawn' (spawn): found a box at (5000, 112) size 0 x 0, expected inside the map"),
]


def make(case, tiny_map, write_map) -> Path:
    _, name, breaker, _ = case
    data = copy.deepcopy(tiny_map)
    text = breaker(data)
    return write_map(data if text is None else text, name)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_broken_file_is_exit_2_with_the_expected_message(case, tiny_map, write_map):
    path = make(case, tiny_map, write_map)
    out = subprocess.run([sys.executable, "-m", "game", "level", "check", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2, out.stdout + out.stderr
    assert case[3] in out.stderr, out.stderr
    assert str(path) in out.stderr
    assert "Traceback" not in out.stderr and "Traceback" not in out.stdout
    assert ": ok" not in out.stdout


def test_every_problem_is_reported_at_once(tiny_map, write_map):
    path = make(("many", "many.tmj", many_at_once, ""), tiny_map, write_map)
    with pytest.raises(LevelError) as caught:
        load_level(path)
    text = "\n".join(caught.value.problems)
    assert "property 'radius': found -40" in text
    assert "property 'intensity': found 7, expected a number from 0 to 2" in text
    assert "found 2 spawn objects" in text
    assert len(caught.value.problems) == 3
    assert all(line.startswith(str(path)) for line in caught.value.problems)


def test_check_of_several_files_reports_each_and_fails_if_any_fails(tiny_map, write_map):
    good = write_map(tiny_map, "good.tmj")
    bad = make(CASES[1], tiny_map, write_map)
    out = subprocess.run([sys.executable, "-m", "game", "level", "check", str(good), str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2
    assert f"{good}: ok" in out.stdout and "found no spawn object" in out.stderr


def test_a_file_over_32_mib_is_refused_before_reading(write_map, level_folder):
    path = level_folder / "big.tmj"
    with path.open("wb") as stream:
        stream.truncate(33 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(LevelError, match=r"found 34603008 bytes, expected at most 33554432 \(32 MiB\)"):
        load_level(path)


def test_too_many_objects(tiny_map, write_map):
    spawn = objects(tiny_map)[0]
    objects(tiny_map).extend(dict(spawn, id=100 + i, type="note") for i in range(20_001))
    with pytest.raises(LevelError, match="found 20004 objects, expected at most 20000"):
        load_level(write_map(tiny_map))


def test_zip_bomb_tile_data_is_not_inflated(tiny_map, write_map):
    import base64
    import zlib

    bomb = zlib.compress(b"\0" * (64 * 1024 * 1024))  # 64 MiB of zeros in ~64 KiB
    tiny_map["layers"][0].update(encoding="base64", compression="zlib", data=base64.b64encode(bomb).decode())
    with pytest.raises(LevelError, match=r"layer 'walls': data: found more than 70 tiles, expected 70 \(10 x 7\)"):
        load_level(write_map(tiny_map))


def test_nan_and_deep_nesting_are_level_errors(write_map):
    with pytest.raises(LevelError, match="NaN"):
        load_level(write_map('{"width": NaN}', "nan.tmj"))
    with pytest.raises(LevelError):
        load_level(write_map("[" * 100_000 + "]" * 100_000, "deep.tmj"))


def test_unknown_extension_and_missing_file(level_folder):
    with pytest.raises(LevelError, match="expected a Tiled map"):
        load_level(level_folder / "level.txt")
    with pytest.raises(LevelError, match="no such level file"):
        load_level(level_folder / "gone.tmj")


def test_names_too_long_for_the_system_are_one_line_not_a_traceback(tiny_map, write_map, level_folder):
    """Found by a seeded mutation run: a 300-character name made is_file() raise OSError (ENAMETOOLONG)."""
    long = "x" * 300
    with pytest.raises(LevelError, match=r"\.tmj: cannot be read \(File name too long\)"):
        load_level(level_folder / f"{long}.tmj")
    tiny_map["tilesets"] = [{"firstgid": 1, "source": f"{long}.tsj"}]
    level = load_level(write_map(tiny_map))
    assert any(f"'{long}.tsj' not found" in warning for warning in level.warnings)
    tiny_map["properties"].append({"name": "vortex", "type": "string", "value": f"{long}.tmj"})
    with pytest.raises(LevelError, match=r"property 'vortex': found 'x+\.\.\.', which is not there, expected a vortex level file"):
        load_level(write_map(tiny_map))
    tiny_map["properties"].pop()
    tiny_map["tilesets"] = [{"firstgid": 1, "image": f"{long}.png"}]
    assert any("not found" in warning for warning in load_level(write_map(tiny_map)).warnings)


# -- hostile files: not a file, too much, and where a vortex level leads ----------------------------


def test_a_pipe_or_a_device_is_refused_without_waiting_or_reading(level_folder):
    import os

    fifo = level_folder / "pipe.tmj"
    os.mkfifo(fifo)  # opening it to read would wait for a writer for ever
    with pytest.raises(LevelError, match=r"pipe\.tmj: found a pipe \(FIFO\), expected a regular file"):
        load_level(fifo)
    zero = level_folder / "zero.tmx"
    zero.symlink_to("/dev/zero")  # reading it would never end
    with pytest.raises(LevelError, match=r"zero\.tmx: found a device, expected a regular file"):
        load_level(zero)


def test_xml_of_too_many_elements_is_refused_as_it_is_read(write_map, monkeypatch):
    from game.level import tmx

    monkeypatch.setattr(tmx, "MAX_ELEMENTS", 500)  # the real limit is a million; the rule is the same
    path = write_map('<?xml version="1.0"?>\n<map>' + "<a/>" * 1000 + "</map>\n", "elements.tmx")
    with pytest.raises(LevelError, match=r"elements\.tmx:2:\d+: malformed XML: found more than 500 elements"):
        load_level(path)


def test_xml_elements_the_map_does_not_read_are_not_kept():
    from game.level import tmx

    root = tmx.parse(b"<map><a><b/><c>text</c></a><properties><property name='x' value='1'/></properties><z/></map>")
    assert [child.tag for child in root.children] == ["properties"]
    assert root.find("properties").find("property").attrs == {"name": "x", "value": "1"}


def test_a_layer_of_more_tiles_than_any_map_is_counted_not_read(write_map, monkeypatch):
    from game.level import tmx

    monkeypatch.setattr(tmx, "MAX_LAYER_TILES", 100)
    csv = ",".join(["10"] * 150)
    tiles = "".join('<tile gid="1"/>' for _ in range(150))
    for name, data in (("csv.tmx", f'<data encoding="csv">{csv}</data>'), ("tiles.tmx", f"<data>{tiles}</data>")):
        text = f'<?xml version="1.0"?>\n<map orientation="orthogonal" width="10" height="7" tilewidth="32" tileheight="32" infinite="0"><layer id="1" name="walls" width="10" height="7">{data}</layer></map>'
        with pytest.raises(LevelError, match=r"layer 'walls': data: found 150 tiles, expected 70 \(10 x 7\)"):
            load_level(write_map(text, name))


def test_json_of_too_many_objects_and_lists_is_refused_before_it_is_parsed(write_map, monkeypatch):
    from game.level import tiled
    from game.userfile import JsonLimits

    monkeypatch.setattr(tiled, "LEVEL_JSON", JsonLimits(max_bytes=1 << 20, max_containers=1000, max_depth=64))
    path = write_map('{"type": "map", "layers": [' + "{}," * 2000 + "{}]}", "objects.tmj")
    with pytest.raises(LevelError, match=r"objects\.tmj: found 2003 objects and lists, expected at most 1000"):
        load_level(path)


def test_json_too_deep_or_of_a_number_of_thousands_of_digits_is_one_line(write_map):
    deep = '{"type": "map", "properties": ' + "[" * 70 + "]" * 70 + "}"
    with pytest.raises(LevelError, match="found values nested more than 64 levels deep"):
        load_level(write_map(deep, "deep.tmj"))
    with pytest.raises(LevelError, match=r"digits\.tmj: malformed JSON: found a number of more than 4300 digits"):
        load_level(write_map('{"width": ' + "9" * 5000 + "}", "digits.tmj"))


def test_an_unreadable_tileset_is_a_problem_not_a_traceback(tiny_map, write_map, level_folder, monkeypatch):
    import os

    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".tsj"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(LevelError, match=r"tileset 1: source 'backstage_tiles\.tsj': cannot be read \(Permission denied\)"):
        load_level(write_map(tiny_map))


def test_a_tileset_that_is_a_device_or_too_big_is_a_problem(tiny_map, write_map, level_folder):
    (level_folder / "big.tsj").write_bytes(b" " * (1024 * 1024 + 1))
    tiny_map["tilesets"] = [{"firstgid": 1, "source": "big.tsj"}]
    with pytest.raises(LevelError, match=r"source 'big\.tsj': found 1048577 bytes, expected at most 1048576"):
        load_level(write_map(tiny_map))


def test_names_too_long_for_images_are_warnings_not_tracebacks(tiny_map, write_map):
    long = "y" * 300
    tiny_map["tilesets"] = [{"firstgid": 1, "image": f"{long}.png"}]
    tiny_map["layers"].append({"id": 9, "name": "picture", "type": "imagelayer", "image": f"{long}.png"})
    level = load_level(write_map(tiny_map))
    assert any("not found" in warning for warning in level.warnings)


def vortex_map(tiny_map, name: str) -> dict:
    data = copy.deepcopy(tiny_map)
    data["properties"].append({"name": "vortex", "type": "file", "value": name})
    return data


VORTEX_CASES = [
    # (case, the vortex file's name, what it holds (None: no such file), the problem said)
    ("the map itself", "level.tmj", None, "map: property 'vortex' (level.tmj): found the map itself, expected another file, a vortex level"),
    ("missing", "gone.tmj", None, "property 'vortex': found 'gone.tmj', which is not there, expected a vortex level file"),
    ("a loop", "other.tmj", "backstage leading back", "map: property 'vortex' (other.tmj): found a backstage level, expected a vortex level"),
    ("broken", "broken.tmj", '{"type": "map", "width": 3', "property 'vortex' (broken.tmj): found a level that cannot be played (1 problem, below)"),
    ("a DOCTYPE", "doctype.tmx", ENTITY_BOMB, "property 'vortex' (doctype.tmx): found a level that cannot be played"),
]


@pytest.mark.parametrize("case", VORTEX_CASES, ids=[c[0] for c in VORTEX_CASES])
def test_level_check_and_the_game_refuse_the_same_vortex_files(case, tiny_map, write_map, level_folder, monkeypatch):
    """`level check` runs the game's own checks: a vortex level the game would refuse is refused by both."""
    from game.errors import UserError
    from game.session import Run, RunOptions

    monkeypatch.setenv("FLAWED_CONFIG_DIR", str(level_folder / "config"))
    _, name, content, said = case
    path = write_map(vortex_map(tiny_map, name), "level.tmj")
    if content == "backstage leading back":
        write_map(vortex_map(tiny_map, "level.tmj"), name)
    elif content is not None:
        write_map(content, name)
    out = subprocess.run([sys.executable, "-m", "game", "level", "check", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2 and said in out.stderr, out.stderr
    assert "Traceback" not in out.stderr
    with pytest.raises(UserError) as caught:
        Run(RunOptions(level=str(path)))
    assert said in "\n".join(caught.value.lines)


def test_a_vortex_file_beside_the_map_is_checked_with_it(tiny_map, write_map):
    write_map('{"type": "map"', "vortex.tmj")  # broken, and the game would use it at the story's end
    with pytest.raises(LevelError, match=r"vortex\.tmj beside the map \(its vortex level\): found a level that cannot be played"):
        load_level(write_map(tiny_map))
    write_map(vortex_map(tiny_map, "level.tmj"), "vortex.tmj")  # a backstage, not a vortex
    with pytest.raises(LevelError, match="found a backstage level, expected a vortex level"):
        load_level(write_map(tiny_map))


def test_a_good_vortex_file_is_loaded_with_the_map_and_led_to(tiny_map, write_map, level_folder):
    import shutil

    from game.level.vortex import vortex_level_for

    shutil.copy(ROOT / "levels" / "vortex.tmj", level_folder / "sea.tmj")
    level = load_level(write_map(vortex_map(tiny_map, "sea.tmj")))
    assert level.vortex is not None and level.vortex.kind == "vortex"
    assert vortex_level_for(level, 1) is level.vortex
