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

from game.errors import LevelError
from game.level import check, tileset, tmx
from game.level.generate import furnish
from game.level.model import TILE_SIZE, Level
from game.level.reach import playability_problems
from game.level.schema import (
    FORMAT_VERSION,
    LEVEL_JSON,
    MAP_SUFFIXES,
    MAX_FILE_BYTES,
    VORTEX_BESIDE,
    a,
)
from game.level.wayfinding import mark_the_way
from game.userfile import FileProblem, parse_json, read_bytes

EXPORT_VERSION, EXPORT_TILED_VERSION = "1.8", "1.8.2"


# -- reading --------------------------------------------------------------------------------


def read_raw(path: Path) -> dict:
    """The file's map as a dict in Tiled's JSON shape, or LevelError (type, size, encoding, syntax, nesting)."""
    data = _read_bytes(path)
    if path.suffix.lower() == ".tmx":
        try:
            return tmx.map_dict(tmx.parse(data), read=frozenset(check.LAYERS))
        except tmx.XmlProblem as problem:
            raise LevelError([f"{path}:{problem.line}:{problem.column}: malformed XML: {problem.message}"]) from None
    try:
        return parse_json(data, LEVEL_JSON)
    except FileProblem as problem:
        raise LevelError([f"{problem.where(path)}: {problem.message}"]) from None


def _read_bytes(path: Path) -> bytes:
    """A map file's bytes, if it is a regular map file of at most MAX_FILE_BYTES; else LevelError."""
    if check.is_folder(path):
        raise LevelError([f"{path}: found a folder, expected a Tiled map file (.tmj, .json or .tmx)"])
    if path.suffix.lower() not in MAP_SUFFIXES:
        raise LevelError([f"{path}: found a {path.suffix or 'nameless'} file, expected a Tiled map (.tmj, .json or .tmx)"])
    try:
        return read_bytes(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise LevelError([f"{path}: no such level file"]) from None
    except FileProblem as problem:
        raise LevelError([f"{path}: {problem.message}"]) from None


def _fallback_seed(path: Path) -> int:
    """A map without a seed property fills in from its name: the same file fills the same way."""
    return int.from_bytes(hashlib.blake2b(path.name.encode(), digest_size=4).digest(), "big")


def load_level(path, follow_vortex: bool = True) -> Level:
    """A checked, playable Level from a Tiled file, or LevelError naming every problem.

    A backstage's vortex level (its `vortex` property, else vortex.tmj beside it) is loaded and
    checked with it, so `level check` and the game refuse the same files (`follow_vortex=False`
    when loading that vortex level itself: a vortex leads nowhere)."""
    path = Path(path)
    raw = read_raw(path)
    checker = check.Checker(path)
    draft = checker.check(raw)
    checker.counts()
    vortex = vortex_of(path, draft, checker) if follow_vortex else None
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
        vortex=vortex,
    )
    level = mark_the_way(furnish(level))
    problems = [f"{path}: {problem}" for problem in playability_problems(level)]
    if problems:
        raise LevelError(problems)
    return replace(level, warnings=tuple(checker.warnings))


def vortex_of(path: Path, draft: check.Draft, checker: check.Checker) -> Level | None:
    """The vortex level a backstage map leads to, loaded as the game will load it; its problems
    are the map's problems. None when the map is a vortex itself or the vortex is to be generated."""
    if draft.kind != "backstage":
        return None
    beside = path.parent / VORTEX_BESIDE
    if draft.vortex is not None:
        target, place = draft.vortex, f"map: property 'vortex' ({draft.vortex.name})"
    elif check.is_file(beside) and beside.resolve() != path.resolve():
        target, place = beside.resolve(), f"{VORTEX_BESIDE} beside the map (its vortex level)"
    else:
        return None
    if target == path.resolve():
        checker.problem(place, "the map itself", "another file, a vortex level (kind 'vortex' with one 'eye')", shown=True)
        return None
    try:
        vortex = load_level(target, follow_vortex=False)
    except LevelError as error:
        checker.problem(place, f"a level that cannot be played ({len(error.problems)} problem{'s' if len(error.problems) != 1 else ''}, below)", "a playable vortex level", shown=True)
        checker.problems.extend(error.problems)
        return None
    if vortex.kind != "vortex":
        checker.problem(place, f"{a(vortex.kind)} level", "a vortex level (kind 'vortex' with one 'eye'); a backstage cannot lead to another", shown=True)
        return None
    return vortex


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
    from xml.sax.saxutils import quoteattr  # here: it brings urllib and http with it, which only writing a .tmx needs

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

