"""The Tiled kit: made from the format's tables, its templates make maps the checker takes, and real
Tiled (1.8.2, as Debian ships it) reads its object types and re-saves such maps without losing a property."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from game.errors import LevelError
from game.level import kit
from game.level.check import Checker
from game.level.schema import LIGHT_DEFAULTS, OBJECT_CLASSES, PROP_KINDS
from game.level.tiled import load_level, read_raw
from game.level.tileset import PNG, TSJ, TSX
from game.resources import shipped_levels
from game.tools import TOOL_IDS

TILED = shutil.which("tiled")
needs_tiled = pytest.mark.skipif(TILED is None, reason="Tiled is not installed (.ci/run installs it)")

ROOM = [
    "##################",
    "#................#",
    "#................#",
    "#................#",
    "#................#",
    "#................#",
    "#................#",
    "#................#",
    "##################",
]


def test_the_shipped_kit_is_what_the_tables_make():
    assert kit.stale(shipped_levels()) == [], "run python -m game.level.kit"


def test_every_object_class_is_an_object_type_with_its_properties_defaults_and_choices():
    root = ET.fromstring(kit.object_types())
    types = {node.get("name"): node for node in root.findall("objecttype")}
    assert list(types) == [cls.name for cls in OBJECT_CLASSES]
    enums = dict(kit.enums())
    for cls in OBJECT_CLASSES:
        found = {prop.get("name"): prop for prop in types[cls.name].findall("property")}
        assert list(found) == [prop.name for prop in kit.typed_properties(cls)]
        for prop in kit.typed_properties(cls):
            node = found[prop.name]
            assert node.get("type") == prop.type
            assert node.get("default") == kit.tiled_value(prop, prop.default)
            if prop.choices:
                assert enums[node.get("propertytype")] == prop.choices
    # Left out on purpose (the module says why): defaults worked out from another property or the map.
    light = next(cls for cls in OBJECT_CLASSES if cls.name == "light")
    assert {prop.name for prop in light.properties} - {prop.name for prop in kit.typed_properties(light)} == {"radius", "color", "intensity", "flicker"}
    for cls in OBJECT_CLASSES:
        assert all(prop.default_text for prop in cls.properties if prop not in kit.typed_properties(cls))


def test_the_project_is_what_tiled_1_8_reads_with_the_check_and_play_commands():
    project = json.loads(kit.project())
    assert set(project) == {"automappingRulesFile", "commands", "extensionsPath", "folders", "objectTypesFile", "propertyTypes"}
    assert project["objectTypesFile"] == kit.OBJECT_TYPES
    commands = {command["name"]: f"{command['command']} {command['arguments']}" for command in project["commands"]}
    assert commands == {"Check level": "flawed level check %mapfile", "Play level": "flawed --level %mapfile"}
    for index, enum in enumerate(project["propertyTypes"], 1):
        assert enum["id"] == index and enum["type"] == "enum" and enum["storageType"] == "string" and not enum["valuesAsFlags"]
    assert {enum["name"]: tuple(enum["values"]) for enum in project["propertyTypes"]} == dict(kit.enums())


def test_there_is_a_template_for_every_thing_a_level_holds():
    made = kit.templates()
    classes = {name: ET.fromstring(text).find("object").get("type") for name, text in made.items()}
    assert set(classes.values()) == {cls.name for cls in OBJECT_CLASSES}
    expected = {f"{cls.name}.tx" for cls in OBJECT_CLASSES if cls.name not in ("light", "tool", "prop")}
    expected |= {f"light_{kind}.tx" for kind in LIGHT_DEFAULTS} | {f"tool_{tool}.tx" for tool in TOOL_IDS}
    expected |= {f"prop_{kind}.tx" for kind in PROP_KINDS} | {"prop_crate_fixed.tx"}
    assert set(made) == expected


# -- maps made only from the templates --------------------------------------------------------


def map_from_templates(folder: Path, kind: str = "backstage") -> Path:
    """A map as an author makes it in Tiled from the kit: walls, and only objects placed from templates."""
    objects = []

    def place(template: str, x: float, y: float, **changed) -> None:
        objects.append({"id": len(objects) + 1, "template": f"templates/{template}.tx", "x": x, "y": y, **changed})

    place("spawn", 96, 144)
    if kind == "backstage":
        place("masterpiece", 432, 120)
        place("curtain", 320, 32, width=224, height=32)
        for index, tool in enumerate(TOOL_IDS):
            place(f"tool_{tool}", 160 + index * 48, 224)
        for index, prop in enumerate(("crate", "crate_fixed", "rack", "flat", "ladder", "sandbag", "mirror")):
            place(f"prop_{prop}", 60 + index * 70, 60)
        place("sign", 250, 144)
    else:
        place("eye", 400, 150)
    for index, light in enumerate(LIGHT_DEFAULTS):
        place(f"light_{light}", 100 + index * 80, 180)
    width, height = len(ROOM[0]), len(ROOM)
    data = {
        "type": "map", "version": "1.8", "tiledversion": "1.8.2", "orientation": "orthogonal", "renderorder": "right-down",
        "infinite": False, "width": width, "height": height, "tilewidth": 32, "tileheight": 32,
        "nextlayerid": 3, "nextobjectid": len(objects) + 1,
        "properties": [
            {"name": "title", "type": "string", "value": "From the kit"},
            {"name": "seed", "type": "int", "value": 4},
            {"name": "kind", "type": "string", "value": kind},
            {"name": "format", "type": "int", "value": 1},
        ],
        "tilesets": [{"firstgid": 1, "source": TSJ}],
        "layers": [
            {"id": 1, "name": "walls", "type": "tilelayer", "width": width, "height": height, "x": 0, "y": 0, "opacity": 1, "visible": True,
             "data": [1 if ch == "#" else 0 for row in ROOM for ch in row]},
            {"id": 2, "name": "objects", "type": "objectgroup", "x": 0, "y": 0, "opacity": 1, "visible": True, "objects": objects},
        ],
    }
    path = folder / f"{kind}.tmj"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def kit_folder(tmp_path) -> Path:
    """An author's folder with the kit and the tileset in it (what `flawed level kit` makes)."""
    kit.write(tmp_path)
    for name in (PNG, TSJ, TSX):
        shutil.copyfile(shipped_levels() / name, tmp_path / name)
    return tmp_path


def resolved_objects(path: Path) -> dict:
    """Each object as the checker reads it, template applied: id → (class, name, shape, {property: value})."""
    raw = read_raw(path)
    checker = Checker(path)
    found = {}
    for obj in next(layer for layer in raw["layers"] if layer["name"] == "objects")["objects"]:
        if "template" in obj:
            obj = checker.templates.instance(obj, "test", None)
        properties = {prop["name"]: prop["value"] for prop in obj.get("properties") or ()}
        shape = ("point",) if obj.get("point") else (obj.get("width"), obj.get("height"))
        found[obj["id"]] = (obj.get("class") or obj.get("type"), obj.get("name"), obj["x"], obj["y"], shape, properties)
    assert checker.problems == []
    return found


@pytest.mark.parametrize("kind", ["backstage", "vortex"])
def test_a_map_made_only_from_the_templates_passes_level_check(kit_folder, kind):
    level = load_level(map_from_templates(kit_folder, kind))
    assert level.warnings == ()
    if kind == "backstage":
        assert sorted(tool.tool for tool in level.tools) == sorted(TOOL_IDS)
        assert len(level.props) == 7 and level.curtain is not None and level.masterpiece.width == 32 and len(level.signs) == 1
        candle = next(light for light in level.lights if light.kind == "candle")
        assert (candle.radius, candle.color, candle.intensity, candle.flicker) == LIGHT_DEFAULTS["candle"]
    else:
        assert level.eye is not None
    assert {light.kind for light in level.lights} == set(LIGHT_DEFAULTS)


def test_an_object_changes_what_its_template_says(kit_folder):
    path = map_from_templates(kit_folder)
    data = json.loads(path.read_text())
    candle = next(obj for obj in data["layers"][1]["objects"] if obj["template"].endswith("light_candle.tx"))
    candle["properties"] = [{"name": "radius", "type": "float", "value": 64}]
    path.write_text(json.dumps(data))
    light = next(light for light in load_level(path).lights if light.kind == "candle")
    assert light.radius == 64 and light.color == LIGHT_DEFAULTS["candle"][1]


def test_template_mistakes_are_clear_errors(kit_folder, tmp_path_factory):
    path = map_from_templates(kit_folder)
    data = json.loads(path.read_text())
    objects = data["layers"][1]["objects"]
    objects[0]["template"] = "templates/nowhere.tx"
    objects[1]["template"] = "../../../etc/passwd.tx"
    (kit_folder / "templates" / "broken.tx").write_text("<template><object", encoding="utf-8")
    objects[2]["template"] = "templates/broken.tx"
    path.write_text(json.dumps(data))
    with pytest.raises(LevelError) as caught:
        load_level(path)
    text = "\n".join(caught.value.lines)
    assert "object 1: template 'templates/nowhere.tx': found no such file" in text
    assert "object 2: template: found '../../../etc/passwd.tx', which resolves outside the level's folder" in text
    assert "object 3: template 'templates/broken.tx': found an unreadable template" in text


def test_a_json_template_is_read_too(kit_folder):
    tj = {"type": "template", "object": {"name": "lamp", "type": "light", "point": True, "width": 0, "height": 0,
                                          "properties": [{"name": "kind", "type": "string", "value": "bare_bulb"}]}}
    (kit_folder / "templates" / "bulb.tj").write_text(json.dumps(tj))
    path = map_from_templates(kit_folder)
    data = json.loads(path.read_text())
    data["layers"][1]["objects"].append({"id": 99, "template": "templates/bulb.tj", "x": 300, "y": 100})
    path.write_text(json.dumps(data))
    assert sum(light.kind == "bare_bulb" for light in load_level(path).lights) == 2


# -- real Tiled -------------------------------------------------------------------------------


def tiled(*args, home: Path):
    """Tiled's command line, headless, with its settings in a folder of the test's own."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"), XDG_RUNTIME_DIR=str(home))
    done = subprocess.run([TILED, *map(str, args)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


@needs_tiled
@pytest.mark.parametrize("kind", ["backstage", "vortex"])
def test_real_tiled_re_saves_a_template_map_in_both_formats_without_losing_a_property(kit_folder, tmp_path_factory, kind):
    home = tmp_path_factory.mktemp("tiled-home")
    source = map_from_templates(kit_folder, kind)
    before, objects = load_level(source), resolved_objects(source)
    for detach in ((), ("--detach-templates",)):
        for suffix in (".tmx", ".tmj"):
            out = kit_folder / f"resaved{'-detached' if detach else ''}{suffix}"
            tiled(*detach, "--export-map", source, out, home=home)
            assert resolved_objects(out) == objects, out.name
            after = load_level(out)
            assert replace(after, source="") == replace(before, source=""), out.name
            if not detach:
                assert "template=" in out.read_text() or '"template"' in out.read_text()


@needs_tiled
def test_real_tiled_reads_the_object_types_and_fills_in_their_defaults(kit_folder, tmp_path_factory):
    """Tiled 1.8 takes object types from its data folder (the project names the same file); asked to
    resolve types, it writes each default into the map, and the game reads the map the same."""
    home = tmp_path_factory.mktemp("tiled-home")
    (home / "data" / "tiled").mkdir(parents=True)
    shutil.copyfile(kit_folder / kit.OBJECT_TYPES, home / "data" / "tiled" / "objecttypes.xml")
    path = kit_folder / "raw.tmj"
    data = json.loads(map_from_templates(kit_folder).read_text())
    data["layers"][1]["objects"] = [
        {"id": 1, "name": "start", "type": "spawn", "point": True, "x": 96, "y": 144, "width": 0, "height": 0, "rotation": 0, "visible": True},
        {"id": 2, "name": "easel", "type": "masterpiece", "x": 432, "y": 120, "width": 32, "height": 48, "rotation": 0, "visible": True},
        {"id": 3, "name": "box", "type": "prop", "x": 200, "y": 60, "width": 28, "height": 28, "rotation": 0, "visible": True},
        {"id": 4, "name": "lamp", "type": "light", "point": True, "x": 300, "y": 100, "width": 0, "height": 0, "rotation": 0, "visible": True},
    ]
    path.write_text(json.dumps(data))
    out = kit_folder / "resolved.tmj"
    tiled("--disable-opengl", "--resolve-types-and-properties", "--export-map", path, out, home=home)  # --disable-opengl makes it read its settings
    written = {obj["name"]: {prop["name"]: prop["value"] for prop in obj.get("properties", ())} for obj in json.loads(out.read_text())["layers"][1]["objects"]}
    assert written["box"] == {"kind": "crate", "movable": False, "casts_shadow": True}
    assert written["lamp"] == {"kind": "work_lamp"}
    assert replace(load_level(out), source="") == replace(load_level(path), source="")
