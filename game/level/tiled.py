"""Tiled level files: load .tmj/.json/.tmx into a checked, playable Level; export a Level as a Tiled map.

Loading reads the file itself (never through arcade's loader), checks all of it
(``check.Checker``), fills in from the seed what the map leaves out (``generate.furnish``) and
checks that it can be played through (``reach.playability_problems``). Any problem raises one
``LevelError`` listing them all; warnings go into ``Level.warnings``.

Coordinates: Tiled measures y down from the top of the map; the level's world has y up. Point
objects flip as ``y_world = map_height_px - y``; rectangles (x, y = top-left in Tiled) as
``y_world = map_height_px - y - height``. Positions round-trip exactly when they are multiples of
1/1024 px (all generated ones are); other floats round-trip to within 1e-9 px.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import quoteattr

from game.errors import LevelError
from game.level import check, tileset, tmx
from game.level.generate import furnish
from game.level.model import TILE_SIZE, Level
from game.level.reach import playability_problems
from game.level.schema import FORMAT_VERSION, MAP_SUFFIXES, MAX_FILE_BYTES
from game.level.wayfinding import mark_the_way

EXPORT_VERSION, EXPORT_TILED_VERSION = "1.8", "1.8.2"


# -- reading --------------------------------------------------------------------------------


def _line_col(text: bytes, offset: int) -> tuple[int, int]:
    line = text.count(b"\n", 0, offset) + 1
    return line, offset - (text.rfind(b"\n", 0, offset) + 1) + 1


def read_raw(path: Path) -> dict:
    """The file's map as a dict in Tiled's JSON shape, or LevelError (size, encoding, syntax)."""
    data = _read_bytes(path)
    if path.suffix.lower() == ".tmx":
        try:
            return tmx.map_dict(tmx.parse(data))
        except tmx.XmlProblem as problem:
            raise LevelError([f"{path}:{problem.line}:{problem.column}: malformed XML: {problem.message}"]) from None
    return _parse_json(path, data)


def _read_bytes(path: Path) -> bytes:
    """A map file's bytes, if it is a map file of at most MAX_FILE_BYTES; else LevelError."""
    if check.is_folder(path):
        raise LevelError([f"{path}: found a folder, expected a Tiled map file (.tmj, .json or .tmx)"])
    if path.suffix.lower() not in MAP_SUFFIXES:
        raise LevelError([f"{path}: found a {path.suffix or 'nameless'} file, expected a Tiled map (.tmj, .json or .tmx)"])
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise LevelError([f"{path}: not a file"])
        if size > MAX_FILE_BYTES:
            raise LevelError([f"{path}: found {size} bytes, expected at most {MAX_FILE_BYTES} (32 MiB)"])
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise LevelError([f"{path}: no such level file"]) from None
    except OSError as error:
        raise LevelError([f"{path}: cannot be read ({error.strerror or error})"]) from None
    if len(data) > MAX_FILE_BYTES:  # it grew since stat()
        raise LevelError([f"{path}: found more than {MAX_FILE_BYTES} bytes, expected at most that (32 MiB)"])
    return data


def _refuse_constant(name):
    raise ValueError(f"found {name}, expected a finite number")


def _parse_json(path: Path, data: bytes) -> dict:
    """UTF-8 JSON text as Python values, NaN and Infinity refused; else LevelError naming line and column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = _line_col(data, error.start)
        raise LevelError([f"{path}:{line}:{col}: found a byte that is not UTF-8, expected UTF-8 text"]) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise LevelError([f"{path}:{error.lineno}:{error.colno}: malformed JSON: {error.msg}"]) from None
    except ValueError as error:
        raise LevelError([f"{path}: malformed JSON: {error}"]) from None
    except RecursionError:
        raise LevelError([f"{path}: malformed JSON: found values nested too deeply, expected a Tiled map"]) from None


def _fallback_seed(path: Path) -> int:
    """A map without a seed property fills in from its name: the same file fills the same way."""
    return int.from_bytes(hashlib.blake2b(path.name.encode(), digest_size=4).digest(), "big")


def load_level(path) -> Level:
    """A checked, playable Level from a Tiled file, or LevelError naming every problem."""
    path = Path(path)
    raw = read_raw(path)
    checker = check.Checker(path)
    draft = checker.check(raw)
    checker.counts()
    if checker.problems:
        raise LevelError(checker.problems)
    width, height = draft.width, draft.height
    walls = draft.walls or tuple(tuple(False for _ in range(width)) for _ in range(height))
    level = Level(
        width=width,
        height=height,
        walls=walls,
        spawn=draft.the("spawn"),
        masterpiece=draft.the("masterpiece"),
        lights=tuple(draft.all("light")),
        props=tuple(draft.all("prop")),
        tools=tuple(draft.all("tool")),
        curtain=draft.the("curtain"),
        eye=draft.the("eye"),
        signs=tuple(draft.all("sign")),
        kind=draft.kind,
        seed=draft.seed if draft.seed is not None else _fallback_seed(path),
        title=draft.title or path.stem.replace("_", " ").capitalize(),
        floor=draft.floor,
        source=str(path),
    )
    level = mark_the_way(furnish(level))
    problems = [f"{path}: {problem}" for problem in playability_problems(level)]
    if problems:
        raise LevelError(problems)
    return replace(level, warnings=tuple(checker.warnings))


def check_file(path) -> list[str]:
    """The warnings of a valid level file (LevelError if it is not valid)."""
    return list(load_level(path).warnings)


# -- writing --------------------------------------------------------------------------------


def _colour(rgb: tuple[int, int, int]) -> str:
    return "#ff{:02x}{:02x}{:02x}".format(*rgb)


def _objects(level: Level) -> list[dict]:
    """The level's objects in Tiled's terms (y down), each as (class, name, x, y, w, h, point, properties)."""
    map_h = level.pixel_height
    found = []

    def point(cls, name, x, y, props=()):
        found.append({"class": cls, "name": name, "x": x, "y": map_h - y, "width": 0, "height": 0, "point": True, "properties": list(props)})

    def rect(cls, name, r, props=()):
        found.append({"class": cls, "name": name, "x": r[0], "y": map_h - r[1] - r[3], "width": r[2], "height": r[3], "point": False, "properties": list(props)})

    point("spawn", "spawn", *level.spawn)
    if level.masterpiece is not None:
        m = level.masterpiece
        rect("masterpiece", "easel", (m.x, m.y, m.width, m.height))
    if level.curtain is not None:
        c = level.curtain
        rect("curtain", "curtain", (c.x, c.y, c.width, c.height))
    if level.eye is not None:
        point("eye", "eye", *level.eye)
    for light in level.lights:
        point(
            "light",
            light.kind,
            light.x,
            light.y,
            [
                ("radius", "float", float(light.radius)),
                ("color", "color", _colour(light.color)),
                ("intensity", "float", float(light.intensity)),
                ("flicker", "float", float(light.flicker)),
                ("kind", "string", light.kind),
            ],
        )
    for tool in level.tools:
        point("tool", tool.tool, tool.x, tool.y, [("tool", "string", tool.tool)])
    for sign in level.signs:
        point("sign", "", sign.x, sign.y, [("angle", "float", sign.angle)])
    for prop in level.props:
        box = (prop.x - prop.width / 2, prop.y - prop.height / 2, prop.width, prop.height)
        rect("prop", prop.kind, box, [("kind", "string", prop.kind), ("movable", "bool", prop.movable), ("casts_shadow", "bool", prop.casts_shadow)])
    for index, obj in enumerate(found, 1):
        obj["id"] = index
    return found


def _layers_top_down(level: Level) -> tuple[list[int], list[int]]:
    """(floor gids, wall gids) as Tiled's top-down row-major lists."""
    walls, floor = [], []
    for row in range(level.height - 1, -1, -1):
        for col in range(level.width):
            wall = level.walls[row][col]
            walls.append(tileset.WALL_GID if wall else 0)
            gid = level.floor[row][col] if level.floor is not None else 0
            if not tileset.FIRST_GID <= gid < tileset.FIRST_GID + len(tileset.TILES):
                # No floor given, or a tile of another tileset: plain boards (walls need none).
                gid = 0 if wall or level.floor is not None and gid == 0 else tileset.FLOOR_GIDS["plain"]
            floor.append(gid)
    return floor, walls


def _map_properties(level: Level) -> list[tuple[str, str, object]]:
    return [("format", "int", FORMAT_VERSION), ("kind", "string", level.kind), ("seed", "int", level.seed), ("title", "string", level.title)]


def to_tmj(level: Level, tileset_source: str = tileset.TSJ) -> dict:
    """The level as a Tiled 1.8 JSON map (objects carry both `type` and Tiled 1.9's `class`)."""
    floor, walls = _layers_top_down(level)
    objects = []
    for obj in _objects(level):
        entry = {
            "id": obj["id"],
            "name": obj["name"],
            "type": obj["class"],
            "class": obj["class"],
            "x": obj["x"],
            "y": obj["y"],
            "width": obj["width"],
            "height": obj["height"],
            "rotation": 0,
            "visible": True,
        }
        if obj["point"]:
            entry["point"] = True
        if obj["properties"]:
            entry["properties"] = [{"name": n, "type": t, "value": v} for n, t, v in obj["properties"]]
        objects.append(entry)

    def tile_layer(layer_id, name, data):
        return {"id": layer_id, "name": name, "type": "tilelayer", "width": level.width, "height": level.height, "x": 0, "y": 0, "opacity": 1, "visible": True, "data": data}

    return {
        "type": "map",
        "version": EXPORT_VERSION,
        "tiledversion": EXPORT_TILED_VERSION,
        "orientation": "orthogonal",
        "renderorder": "right-down",
        "compressionlevel": -1,
        "infinite": False,
        "width": level.width,
        "height": level.height,
        "tilewidth": TILE_SIZE,
        "tileheight": TILE_SIZE,
        "nextlayerid": 4,
        "nextobjectid": len(objects) + 1,
        "properties": [{"name": n, "type": t, "value": v} for n, t, v in _map_properties(level)],
        "tilesets": [{"firstgid": tileset.FIRST_GID, "source": tileset_source}],
        "layers": [
            tile_layer(1, "floor", floor),
            tile_layer(2, "walls", walls),
            {"id": 3, "name": "objects", "type": "objectgroup", "draworder": "topdown", "x": 0, "y": 0, "opacity": 1, "visible": True, "objects": objects},
        ],
    }


def _xml_value(kind: str, value) -> str:
    if kind == "bool":
        return "true" if value else "false"
    if kind == "float":
        return repr(float(value))
    return str(value)


def _xml_number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def to_tmx(level: Level, tileset_source: str = tileset.TSX) -> str:
    """The level as a Tiled 1.8 XML map, tile layers in CSV."""
    floor, walls = _layers_top_down(level)
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    objects = _objects(level)
    out.append(
        f'<map version="{EXPORT_VERSION}" tiledversion="{EXPORT_TILED_VERSION}" orientation="orthogonal" renderorder="right-down" '
        f'width="{level.width}" height="{level.height}" tilewidth="{TILE_SIZE}" tileheight="{TILE_SIZE}" infinite="0" '
        f'nextlayerid="4" nextobjectid="{len(objects) + 1}">'
    )
    out.append(" <properties>")
    for name, kind, value in _map_properties(level):
        out.append(f'  <property name="{name}"{"" if kind == "string" else f" type={quoteattr(kind)}"} value={quoteattr(str(value))}/>')
    out.append(" </properties>")
    out.append(f' <tileset firstgid="{tileset.FIRST_GID}" source={quoteattr(tileset_source)}/>')
    for layer_id, name, data in ((1, "floor", floor), (2, "walls", walls)):
        out.append(f' <layer id="{layer_id}" name="{name}" width="{level.width}" height="{level.height}">')
        out.append('  <data encoding="csv">')
        rows = [",".join(str(g) for g in data[r * level.width : (r + 1) * level.width]) for r in range(level.height)]
        out.append(",\n".join(rows))
        out.append("</data>")
        out.append(" </layer>")
    out.append(' <objectgroup id="3" name="objects">')
    for obj in objects:
        attrs = f'id="{obj["id"]}" name={quoteattr(obj["name"])} type={quoteattr(obj["class"])} x="{_xml_number(obj["x"])}" y="{_xml_number(obj["y"])}"'
        if not obj["point"]:
            attrs += f' width="{_xml_number(obj["width"])}" height="{_xml_number(obj["height"])}"'
        if not obj["point"] and not obj["properties"]:
            out.append(f"  <object {attrs}/>")
            continue
        out.append(f"  <object {attrs}>")
        if obj["properties"]:
            out.append("   <properties>")
            for name, kind, value in obj["properties"]:
                type_attr = "" if kind == "string" else f" type={quoteattr(kind)}"
                out.append(f"    <property name={quoteattr(name)}{type_attr} value={quoteattr(_xml_value(kind, value))}/>")
            out.append("   </properties>")
        if obj["point"]:
            out.append("   <point/>")
        out.append("  </object>")
    out.append(" </objectgroup>")
    out.append("</map>")
    return "\n".join(out) + "\n"


def export_level(level: Level, path, with_tileset: bool = True) -> list[Path]:
    """Write the level as a Tiled map (.tmj/.json or .tmx by its suffix), its tileset beside it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in MAP_SUFFIXES:
        raise LevelError([f"{path}: found a {path.suffix or 'nameless'} file name, expected .tmj, .json or .tmx"])
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".tmx":
        text = to_tmx(level)
    else:
        text = json.dumps(to_tmj(level), indent=1) + "\n"
    written = [path]
    path.write_text(text, encoding="utf-8")
    if with_tileset:
        written += tileset.write_tileset(path.parent)
    return written

