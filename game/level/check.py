"""Checks a Tiled map (as parsed JSON, or TMX turned into the same shape) and reads it into a Level.

What each map property and object class accepts is not written here but read from the tables
of ``schema.py``: one path validates every property against its ``Property``, and each object
against its class's shape and count. Every problem is collected before anything is built, so a
broken file is reported whole and never half-loaded. Each problem is one line: the file, the
place (map, layer, object id and name, property), what was found and what was expected. Unknown
layers, classes and properties are warnings. Nothing in a level is ever evaluated; paths are
only compared, never followed outside the level's folder or the game's own folders.
"""

from __future__ import annotations

import base64
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game.level import tmx
from game.level.model import TILE_SIZE, LightSpec, PropSpec, Rect, SignSpec, ToolSpec
from game.level.schema import (
    ANY,
    CLASSES,
    EASEL_POINT_SIZE,
    LIGHT_DEFAULTS,
    MAP_PROPERTIES,
    MAX_OBJECTS,
    MAX_TILES_SIDE,
    MAX_TILESET_BYTES,
    OBJECT_CLASSES,
    ONE,
    RECTANGLE,
    TILESET_JSON,
    ObjectClass,
    Property,
    a,
)
from game.level.template import Templates
from game.resources import shipped_levels
from game.userfile import FileProblem, parse_json, read_bytes

GID_MASK = 0x0FFFFFFF  # Tiled keeps flip flags in the top four bits of a gid
MAX_GID = 0xFFFFFFFF
LAYERS = {"walls": "tilelayer", "floor": "tilelayer", "objects": "objectgroup"}  # the layers read, and their types

GAME_FOLDERS = (shipped_levels(),)  # paths may point into the game's own levels folder too (its tileset)

INVALID = object()  # what read_value gives for a value its property does not accept


def _show(value) -> str:
    """A found value, short and plain."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, (list, dict)):
        return f"a {'list' if isinstance(value, list) else 'object'} of {len(value)}"
    return repr(value)


def is_file(path: Path) -> bool:
    """Whether a path names a file; one the system refuses to look up (a name too long, say) does not."""
    try:
        return path.is_file()
    except OSError:
        return False


def is_folder(path: Path) -> bool:
    """Whether a path names a folder (never an OSError, as with is_file)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value) -> bool:
    """A finite JSON number small enough to be a float without loss of sense (|x| < 2^53; NaN compares false)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) < 2**53


_COLOUR = re.compile(r"\s*#*(?:[0-9a-fA-F]{2})?([0-9a-fA-F]{6})\s*")


def parse_colour(value) -> tuple[int, int, int] | None:
    """Tiled colours: '#RRGGBB' or '#AARRGGBB' (alpha ignored)."""
    found = _COLOUR.fullmatch(value) if isinstance(value, str) else None
    return None if found is None else tuple(bytes.fromhex(found[1]))


# -- values against their Property ---------------------------------------------------------------


def _typed(prop: Property, value):
    """The value in the game's terms if it is of the property's type, else INVALID."""
    if prop.type == "int":
        return value if is_int(value) else INVALID
    if prop.type == "float":
        return float(value) if is_number(value) else INVALID
    if prop.type == "bool":
        return value if isinstance(value, bool) else INVALID
    if prop.type == "color":
        colour = parse_colour(value)
        return INVALID if colour is None else colour
    return value if isinstance(value, str) else INVALID  # string, file


def read_value(prop: Property, value):
    """The value as the game uses it, or INVALID where the property does not accept it."""
    value = _typed(prop, value)
    if value is not INVALID and prop.length is not None:
        value = value.strip()  # free text is kept trimmed
    if value is INVALID or not _fits(prop, value):
        return INVALID
    return value


def _fits(prop: Property, value) -> bool:
    """Whether a value of the property's type is in its range, among its choices, of its length or suffix."""
    if prop.low is not None and (value < prop.low or prop.above_low and value == prop.low):
        return False
    if prop.high is not None and value > prop.high:
        return False
    if prop.length is not None and not prop.length[0] <= len(value) <= prop.length[1]:
        return False
    if prop.loose:
        return bool(value)  # any name will do; one not among the choices is warned about
    if prop.choices:
        return value in prop.choices
    return not prop.suffixes or value.lower().endswith(prop.suffixes)


# -- what objects become ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """An object's place: its rectangle in world pixels (y up; a point's has no size), and whether it is a point."""

    rect: Rect
    point: bool


def _easel(box: Box, values: dict) -> Rect:
    if not box.point:
        return box.rect
    w, h = EASEL_POINT_SIZE
    return Rect(box.rect.x - w / 2, box.rect.y - h / 2, w, h)


def _light(box: Box, values: dict) -> LightSpec:
    kind = values["kind"]
    radius, colour, intensity, flicker = LIGHT_DEFAULTS[kind]
    return LightSpec(*box.rect.center, values.get("radius", radius), values.get("color", colour), values.get("intensity", intensity), values.get("flicker", flicker), kind)


# What an object of each class becomes, from its box and its checked property values.
BUILDERS = {
    "spawn": lambda box, values: box.rect.center,
    "masterpiece": _easel,
    "light": _light,
    "tool": lambda box, values: ToolSpec(*box.rect.center, values["tool"]),
    "prop": lambda box, values: PropSpec(*box.rect.center, box.rect.width, box.rect.height, values["kind"], values["movable"], values["casts_shadow"]),
    "curtain": lambda box, values: box.rect,
    "sign": lambda box, values: SignSpec(*box.rect.center, values.get("angle")),
    "eye": lambda box, values: box.rect.center,
}


@dataclass
class Draft:
    """What the checker read from a map, before anything is filled in."""

    width: int = 0
    height: int = 0
    walls: tuple = ()
    floor: tuple | None = None
    kind: str = "backstage"
    seed: int | None = None
    title: str | None = None
    vortex: Path | None = None  # the file the map's `vortex` property names, resolved (it is there)
    objects: dict = field(default_factory=lambda: {cls.name: [] for cls in OBJECT_CLASSES})  # class → [(id, what it became)]

    def all(self, cls: str) -> list:
        """What every good object of a class became."""
        return [thing for _, thing in self.objects[cls]]

    def the(self, cls: str):
        """What the one object of a class became, if the level has one and the class belongs in its kind."""
        found = self.objects[cls]
        return found[0][1] if found and self.kind in CLASSES[cls].kinds else None


class Checker:
    """Walks one raw map and notes every problem and warning on the way."""

    def __init__(self, path: Path, folder: Path | None = None):
        self.path = path
        self.folder = (folder or path.parent).resolve()
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.draft = Draft()
        self.seen: dict[str, list] = {cls.name: [] for cls in OBJECT_CLASSES}  # class → ids of all its objects, broken or not
        self.templates = Templates(self)

    # -- notes ----------------------------------------------------------------------------

    def where(self, place: str, line: int | None = None) -> str:
        return f"{self.path}:{line}: {place}" if line else f"{self.path}: {place}"

    def problem(self, place: str, found, expected: str, line: int | None = None, shown: bool = False) -> None:
        found_text = found if shown else _show(found)
        self.problems.append(f"{self.where(place, line)}: found {found_text}, expected {expected}")

    def warn(self, place: str, message: str, line: int | None = None) -> None:
        self.warnings.append(f"{self.where(place, line)}: {message}")

    # -- the map --------------------------------------------------------------------------

    def check(self, raw) -> Draft:
        if not isinstance(raw, dict):
            self.problem("map", raw, "a Tiled map (a JSON object)", shown=False)
            return self.draft
        line = raw.get("_line")
        if raw.get("type", "map") != "map":
            self.problem("map: type", raw.get("type"), "'map' (is this a tileset or another file?)", line)
            return self.draft
        sizes_ok = self.map_shape(raw, line)
        self.map_properties(raw.get("properties"), line)
        self.tilesets(raw.get("tilesets"), line)
        layers = raw.get("layers")
        if not isinstance(layers, list):
            self.problem("map: layers", layers, "a list of layers", line)
            return self.draft
        self.layers(layers, sizes_ok)
        return self.draft

    def map_shape(self, raw: dict, line) -> bool:
        """Orientation, tile size and map size; whether the size can be used (then the draft has it)."""
        if raw.get("orientation") != "orthogonal":
            self.problem("map: orientation", raw.get("orientation"), "'orthogonal'", line)
        if raw.get("infinite", False) not in (False, 0):
            self.problem("map: infinite", raw.get("infinite"), "false (save the map as a finite map)", line)
        for name in ("tilewidth", "tileheight"):
            if raw.get(name) != TILE_SIZE:
                self.problem(f"map: {name}", raw.get(name), f"{TILE_SIZE} (px)", line)
        sizes_ok = True
        for name in ("width", "height"):
            value = raw.get(name)
            if not is_int(value) or value < 1:
                self.problem(f"map: {name}", value, "a whole number of tiles above 0", line)
                sizes_ok = False
            elif value > MAX_TILES_SIDE:
                self.problem(f"map: {name}", f"{value} tiles", f"at most {MAX_TILES_SIDE} (the map is too large)", line, shown=True)
                sizes_ok = False
        if sizes_ok:
            self.draft.width, self.draft.height = raw["width"], raw["height"]
        return sizes_ok

    def map_properties(self, props, line) -> None:
        found = self.read_properties(props, "map", line)
        values, _ = self.properties(found, MAP_PROPERTIES, "map", "map", line)
        self.draft.kind = values.get("kind", self.draft.kind)
        self.draft.seed = values.get("seed")
        self.draft.title = values.get("title")
        self.draft.vortex = values.get("vortex")

    # -- properties -----------------------------------------------------------------------

    def read_properties(self, props, place: str, line: int | None) -> dict:
        """Tiled properties as {name: (value, type, line)}; both the list form and the old dict form."""
        found: dict = {}
        if props is None:
            return found
        if isinstance(props, dict):  # Tiled before 1.2
            return {str(name): (value, None, line) for name, value in props.items()}
        if not isinstance(props, list):
            self.problem(f"{place}: properties", props, "a list of properties", line)
            return found
        for index, prop in enumerate(props):
            if not isinstance(prop, dict) or not isinstance(prop.get("name"), str):
                self.problem(f"{place}: property {index + 1}", prop, "an object with a 'name' and a 'value'", line)
                continue
            name = prop["name"]
            if name in found:
                self.problem(f"{place}: property {name!r}", "it twice", "each property once", prop.get("_line", line), shown=True)
            found[name] = (prop.get("value"), prop.get("type"), prop.get("_line", line))
        return found

    def properties(self, found: dict, specs: tuple[Property, ...], owner: str, place: str, line) -> tuple[dict, bool]:
        """Check found properties against their specs: ({name: value as the game uses it}, whether all were good).

        Left-out properties take their defaults; `owner` is the map or the object's class, as
        warnings name it.
        """
        known = {spec.name: spec for spec in specs}
        for name, (_, _, at) in found.items():
            if name not in known:
                names = ", ".join(known) or "none"
                self.warn(f"{place}: property {name!r}", f"unknown, ignored (known{'' if owner == 'map' else f' for {owner}'}: {names})", at)
        values, ok = {}, True
        for spec in specs:
            if spec.name in found:
                value, _, at = found[spec.name]
                value = self.property_value(spec, value, owner, f"{place}: property {spec.name!r}", at)
            else:
                value = self.missing(spec, place, line)
            if value is INVALID:
                ok = False
            elif value is not None:
                values[spec.name] = value
        return values, ok

    def property_value(self, spec: Property, raw, owner: str, place: str, at):
        """One property's value as the game uses it, or INVALID (the problem noted)."""
        value = read_value(spec, raw)
        if value is INVALID:
            self.problem(place, raw, spec.expected(raw), at)
            return INVALID
        if spec.loose and value not in spec.choices:
            self.warn(place, f"unknown {owner} {spec.name} {value!r}, {spec.loose} (known: {', '.join(spec.choices)})", at)
        if spec.type == "file":  # the value is the file itself, resolved inside the level's folder
            target = self.inside(value, place, at)
            if target is None:
                return INVALID
            if not is_file(target):
                self.problem(place, f"{_show(value)}, which is not there", spec.missing_file, at, shown=True)
                return INVALID
            return target
        return value

    def missing(self, spec: Property, place: str, line):
        """What a left-out property reads as: its default, or INVALID when it is required."""
        if spec.required:
            self.problem(f"{place}: property {spec.name!r}", None, spec.allowed(), line)
            return INVALID
        if spec.warn_missing:
            self.warn(place, f"no {spec.name!r} property; reading it as {spec.name} {spec.default} (add {a(spec.type)} property {spec.name} = {spec.default})", line)
        return spec.default

    # -- paths ----------------------------------------------------------------------------

    def inside(self, text, place: str, line, relative_to: Path | None = None) -> Path | None:
        """A path from the file, if it resolves inside the level's folder or the game's folders."""
        if not isinstance(text, str) or not text.strip():
            self.problem(place, text, "a file path", line)
            return None
        base = relative_to or self.folder
        if "\x00" in text:
            self.problem(place, text, "a file path", line)
            return None
        try:
            resolved = (base / text).resolve()
        except (OSError, RuntimeError, ValueError):  # symlink loops, names the system refuses
            self.problem(place, text, "a file path that can be resolved", line)
            return None
        for root in (self.folder, *GAME_FOLDERS):
            try:
                resolved.relative_to(root.resolve())
                return resolved
            except ValueError:
                continue
        self.problem(place, f"{text!r}, which resolves outside the level's folder", f"a path inside {self.folder} or the game's assets", line, shown=True)
        return None

    def tilesets(self, tilesets, line) -> None:
        if tilesets is None:
            return
        if not isinstance(tilesets, list):
            self.problem("map: tilesets", tilesets, "a list of tilesets", line)
            return
        for index, tileset in enumerate(tilesets, 1):
            place = f"tileset {index}"
            if not isinstance(tileset, dict):
                self.problem(place, tileset, "a tileset object", line)
                continue
            at = tileset.get("_line", line)
            if not is_int(tileset.get("firstgid")) or tileset["firstgid"] < 1:
                self.problem(f"{place}: firstgid", tileset.get("firstgid"), "a whole number of 1 or more", at)
            if "source" in tileset:
                found = self.inside(tileset["source"], f"{place}: source", at)
                if found is not None:
                    self.external_tileset(found, place, at)
            elif "image" in tileset:
                found = self.inside(tileset["image"], f"{place}: image", at)
                if found is not None and not is_file(found):
                    self.warn(f"{place}: image", f"{tileset['image']!r} not found (the game paints its own tiles; Tiled will miss it)", at)

    def external_tileset(self, path: Path, place: str, line) -> None:
        """Read a .tsj/.tsx beside the map only to check where its image points."""
        missing = f"{path.name!r} not found (the game paints its own tiles; Tiled will miss it)"
        if not is_file(path):  # a name the system cannot even look up is not found either
            self.warn(f"{place}: source", missing, line)
            return
        try:
            data = read_bytes(path, MAX_TILESET_BYTES)
        except FileNotFoundError:
            self.warn(f"{place}: source", missing, line)
            return
        except FileProblem as problem:
            self.problems.append(f"{self.where(f'{place}: source {path.name!r}', line)}: {problem.message}")
            return
        try:
            if path.suffix.lower() == ".tsx":
                raw = tmx.tileset_dict(tmx.parse(data))
            else:
                raw = parse_json(data, TILESET_JSON)
        except (tmx.XmlProblem, FileProblem) as problem:
            self.problem(f"{place}: source {path.name!r}", f"an unreadable tileset ({problem})", "a Tiled tileset", line, shown=True)
            return
        image = raw.get("image") if isinstance(raw, dict) else None
        if image is not None:
            found = self.inside(image, f"{place} ({path.name}): image", line, relative_to=path.parent)
            if found is not None and not is_file(found):
                self.warn(f"{place} ({path.name}): image", f"{image!r} not found", line)

    # -- layers ---------------------------------------------------------------------------

    def layers(self, layers: list, sizes_ok: bool) -> None:
        objects_total = sum(len(layer["objects"]) for layer in layers if isinstance(layer, dict) and isinstance(layer.get("objects"), list))
        if objects_total > MAX_OBJECTS:
            self.problem("map", f"{objects_total} objects", f"at most {MAX_OBJECTS}", shown=True)
            return
        seen: set[str] = set()
        for index, layer in enumerate(layers, 1):
            name = self.layer(index, layer, seen)
            if name is None:
                continue
            seen.add(name)
            place, line = f"layer {name!r}", layer.get("_line")
            if name == "objects":
                self.objects(layer.get("objects"), place, line)
            elif sizes_ok:
                self.tile_layer(name, layer, place, line)
        if "walls" not in seen and self.draft.kind != "vortex":
            self.problem("map", "no tile layer 'walls'", "a tile layer named 'walls' (every non-empty cell a wall)", shown=True)
        if "objects" not in seen:
            self.problem("map", "no object layer 'objects'", "an object layer named 'objects' holding at least the spawn", shown=True)

    def layer(self, index: int, layer, seen: set[str]) -> str | None:
        """The name of a layer to read (one of LAYERS, its type right, not seen before), else None and why noted."""
        if not isinstance(layer, dict):
            self.problem(f"layer {index}", layer, "a layer object")
            return None
        name, kind, line = layer.get("name"), layer.get("type"), layer.get("_line")
        if not isinstance(name, str):
            self.problem(f"layer {index}: name", name, "a string", line)
            return None
        place = f"layer {name!r}"
        wanted = LAYERS.get(name)
        if wanted is None:
            self.unknown_layer(layer, place, line)
            return None
        if kind != wanted:
            self.problem(f"{place}: type", kind, f"{wanted!r}", line)
            return None
        if name in seen:
            self.problem(place, "a second layer of that name", "one", line, shown=True)
            return None
        return name

    def unknown_layer(self, layer: dict, place: str, line) -> None:
        if layer.get("type") == "group":
            self.warn(place, "group layers are not read; put 'walls', 'floor' and 'objects' at the top level", line)
            return
        if layer.get("type") == "imagelayer" and "image" in layer:
            self.inside(layer["image"], f"{place}: image", line)
        self.warn(place, f"unknown layer, ignored (known: {', '.join(LAYERS)})", line)

    def tile_layer(self, name: str, layer: dict, place: str, line) -> None:
        grid = self.tile_grid(layer, place, line)
        if grid is None:
            return
        if name == "walls":
            self.draft.walls = tuple(map(tuple, (grid != 0).tolist()))
        else:
            self.draft.floor = tuple(map(tuple, grid.tolist()))

    def tile_grid(self, layer: dict, place: str, line) -> np.ndarray | None:
        """A tile layer's gids as rows bottom-up (row 0 at the bottom of the map), or None."""
        width, height = self.draft.width, self.draft.height
        if layer.get("chunks"):
            self.problem(place, "chunks (an infinite map's layer)", "a finite layer with 'data'", line, shown=True)
            return None
        for name, want in (("width", width), ("height", height)):
            if name in layer and layer[name] != want:
                self.problem(f"{place}: {name}", layer[name], f"{want}, the map's {name}", line)
                return None
        at = layer.get("_data_line", line)
        data = self.tile_data(layer, place, at)
        if data is None or not self.tile_ids(data, place, at):
            return None
        # Tiled's rows run top-down; the level's run bottom-up.
        return (np.array(data, np.int64).reshape(height, width) & GID_MASK)[::-1]

    def tile_data(self, layer: dict, place: str, at) -> list | None:
        """A tile layer's data as a list, decoded if it is base64; None (and why) if it cannot be."""
        data = layer.get("data")
        encoding = layer.get("encoding", "csv")
        count = self.draft.width * self.draft.height
        if layer.get("tile_count") is not None:  # TMX data too long to be read in full (tmx.MAX_LAYER_TILES)
            self.problem(f"{place}: data", f"{layer['tile_count']} tiles", f"{count} ({self.draft.width} x {self.draft.height})", at, shown=True)
            return None
        if encoding == "base64":
            return self.decode_base64(data, layer.get("compression", ""), place, at, count)
        if encoding != "csv":
            self.problem(f"{place}: encoding", encoding, "'csv' or 'base64'", at)
            return None
        if not isinstance(data, list):
            self.problem(f"{place}: data", data, f"a list of {count} tile ids", at)
            return None
        return data

    def tile_ids(self, data: list, place: str, at) -> bool:
        """Whether the data holds one tile id for every cell of the map."""
        width, height = self.draft.width, self.draft.height
        if len(data) != width * height:
            self.problem(f"{place}: data", f"{len(data)} tiles", f"{width * height} ({width} x {height})", at, shown=True)
            return False
        if not data or (set(map(type, data)) == {int} and 0 <= min(data) and max(data) <= MAX_GID):
            return True  # the usual map, told at C speed (a 512 x 512 layer is 262,144 ids); the loop below names the first bad one
        bad = [(i, gid) for i, gid in enumerate(data) if not is_int(gid) or not 0 <= gid <= MAX_GID]
        if bad:
            i, gid = bad[0]
            more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
            self.problem(f"{place}: tile {i} (column {i % width}, row {i // width} from the top){more}", gid, f"a tile id from 0 to {MAX_GID}", at)
            return False
        return True

    def decode_base64(self, text, compression, place: str, line, count: int) -> list[int] | None:
        if not isinstance(text, str):
            self.problem(f"{place}: data", text, "base64 text", line)
            return None
        try:
            packed = base64.b64decode(text.strip(), validate=True)
        except (ValueError, TypeError):
            self.problem(f"{place}: data", "text that is not base64", "base64 text", line, shown=True)
            return None
        want = count * 4
        try:
            if compression in ("", None):
                raw = packed
            elif compression in ("zlib", "gzip"):
                inflater = zlib.decompressobj(wbits=15 if compression == "zlib" else 31)
                raw = inflater.decompress(packed, want + 1)  # never inflate more than a full layer
            else:
                self.problem(f"{place}: compression", compression, "none, 'zlib' or 'gzip' (zstd is not read)", line)
                return None
        except zlib.error:
            self.problem(f"{place}: data", f"{compression} data that does not inflate", f"valid {compression} data", line, shown=True)
            return None
        if len(raw) != want:
            found = f"more than {count} tiles" if len(raw) > want else f"{len(raw) / 4:g} tiles"
            self.problem(f"{place}: data", found, f"{count} ({self.draft.width} x {self.draft.height})", line, shown=True)
            return None
        return [int.from_bytes(raw[i : i + 4], "little") for i in range(0, want, 4)]

    # -- objects --------------------------------------------------------------------------

    def objects(self, objects, place: str, line) -> None:
        if not isinstance(objects, list):
            self.problem(f"{place}: objects", objects, "a list of objects", line)
            return
        ids: set = set()
        for index, obj in enumerate(objects, 1):
            if not isinstance(obj, dict):
                self.problem(f"{place}: object {index}", obj, "an object")
                continue
            if "template" in obj:  # placed from a template: read as if detached
                obj = self.templates.instance(obj, f"{place}, object {obj.get('id', index)}", obj.get("_line"))
                if obj is None:
                    continue
            self.object(obj, place, ids)

    def object(self, obj: dict, layer_place: str, ids: set) -> None:
        at = obj.get("_line")
        oid, name = obj.get("id"), obj.get("name", "")
        label = f"object {oid}" if is_int(oid) else "object (no id)"
        if isinstance(name, str) and name:
            label += f" {name!r}"
        place = f"{layer_place}, {label}"
        if is_int(oid):
            if oid in ids:
                self.problem(f"{place}: id", oid, "an id no other object has", at)
            ids.add(oid)
        cls = self.object_class(obj, place, at)
        if cls is None:
            return
        self.seen[cls.name].append(oid)
        place = f"{place} ({cls.name})"
        box = self.geometry(obj, place, at)
        if box is not None and not self.shape_fits(cls, box, place, at):
            box = None
        found = self.read_properties(obj.get("properties"), place, at)
        values, ok = self.properties(found, cls.properties, cls.name, place, at)
        if box is not None and ok:
            self.draft.objects[cls.name].append((oid, BUILDERS[cls.name](box, values)))

    def object_class(self, obj: dict, place: str, at) -> ObjectClass | None:
        """The class an object names (Tiled 1.9's class, or type before it); None, and why, if it is not one."""
        name = obj.get("class") or obj.get("type") or ""
        known = ", ".join(CLASSES)
        if not isinstance(name, str):
            self.problem(f"{place}: class", name, f"a string, one of {known}", at)
        elif not name:
            self.warn(place, f"no class (type), ignored (known: {known})", at)
        elif name not in CLASSES:
            self.warn(place, f"unknown class {name!r}, ignored (known: {known})", at)
        else:
            return CLASSES[name]
        return None

    def geometry(self, obj: dict, place: str, at) -> Box | None:
        """An object's box in world pixels (y up, lower-left corner), or None when it is broken."""
        numbers = self.box_numbers(obj, place, at)
        if numbers is None or not self.draft.width:
            return None
        x, y, w, h = numbers
        map_w, map_h = self.draft.width * TILE_SIZE, self.draft.height * TILE_SIZE
        point = bool(obj.get("point")) or (w == 0 and h == 0)
        if point:
            w = h = 0.0
        elif "gid" in obj:  # tile objects hang from their lower-left corner
            y -= h
        if x < 0 or y < 0 or x + w > map_w or y + h > map_h:
            self.problem(place, f"a box at ({x:g}, {y:g}) size {w:g} x {h:g}", f"inside the map (0..{map_w} x 0..{map_h} px)", at, shown=True)
            return None
        # Tiled measures y down from the top edge to the object's top; the world's y runs up.
        return Box(Rect(x, map_h - y - h, w, h), point)

    def box_numbers(self, obj: dict, place: str, at) -> tuple[float, float, float, float] | None:
        """(x, y, width, height) as Tiled gives them, if they are numbers and the object is a plain point or rectangle."""
        ok = True
        for key in ("x", "y"):
            if not is_number(obj.get(key)):
                self.problem(f"{place}: {key}", obj.get(key), "a number (px)", at)
                ok = False
        for key in ("width", "height"):
            value = obj.get(key, 0)
            if not is_number(value) or value < 0:
                self.problem(f"{place}: {key}", value, "a number of 0 or more (px)", at)
                ok = False
        rotation = obj.get("rotation", 0)
        if not is_number(rotation) or rotation != 0:
            self.problem(f"{place}: rotation", rotation, "0 (objects are axis-aligned)", at)
            ok = False
        for key in ("polygon", "polyline", "text"):
            if key in obj:
                self.problem(place, f"a {key}", "a point or a rectangle", at, shown=True)
                ok = False
        if not ok:
            return None
        return float(obj["x"]), float(obj["y"]), float(obj.get("width", 0)), float(obj.get("height", 0))

    def shape_fits(self, cls: ObjectClass, box: Box, place: str, at) -> bool:
        """Whether the box is the shape the class takes (a point class takes a rectangle's centre)."""
        if cls.shape != RECTANGLE:
            return True
        if box.point:
            self.problem(place, "a point", f"a rectangle ({a(cls.name)} has a size)", at, shown=True)
            return False
        if box.rect.width <= 0 or box.rect.height <= 0:
            self.problem(place, f"size {box.rect.width:g} x {box.rect.height:g}", "a rectangle with width and height above 0", at, shown=True)
            return False
        return True

    # -- the whole ------------------------------------------------------------------------

    def counts(self) -> None:
        """How many objects of each class there are, against the class's count; classes out of their level kind."""
        if not self.draft.width:
            return
        for cls in OBJECT_CLASSES:
            ids = self.seen[cls.name]
            if cls.count != ANY and len(ids) > 1:
                self.problems.append(f"{self.path}: layer 'objects': found {len(ids)} {cls.name} objects (ids {', '.join(map(str, ids))}), expected {cls.count}")
            belongs = self.draft.kind in cls.kinds
            if cls.count == ONE and belongs and not ids:
                self.problems.append(f"{self.path}: layer 'objects': found no {cls.name} object, expected exactly one (class {cls.name!r})")
            if not belongs and self.draft.objects[cls.name]:
                self.warn("layer 'objects'", f"{a(cls.name)} in {a(self.draft.kind)} level is ignored")
