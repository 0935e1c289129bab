"""Checks a Tiled map (as parsed JSON, or TMX turned into the same shape) and reads it into a Level.

Every problem is collected before anything is built, so a broken file is reported whole and never
half-loaded. Each problem is one line: the file, the place (map, layer, object id and name,
property), what was found and what was expected. Unknown layers, classes and properties are
warnings. Nothing in a level is ever evaluated; paths are only compared, never followed outside
the level's folder or the game's own folders.
"""

from __future__ import annotations

import base64
import json
import math
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from game.level import tmx
from game.level.model import LEVEL_KINDS, LIGHT_KINDS, TILE_SIZE, TOOL_IDS, LightSpec, PropSpec, Rect, ToolSpec

FORMAT_VERSION = 1  # the newest level format this game reads
MAX_TILES_SIDE = 512  # tiles, each way
MAX_OBJECTS = 20_000
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_TILESET_BYTES = 1024 * 1024  # an external tileset read only to check its image path
GID_MASK = 0x0FFFFFFF  # Tiled keeps flip flags in the top four bits of a gid
MAX_GID = 0xFFFFFFFF

GAME_ROOT = Path(__file__).resolve().parents[2]
GAME_FOLDERS = (GAME_ROOT / "assets", GAME_ROOT / "levels")  # paths may point here too

OBJECT_CLASSES = ("spawn", "masterpiece", "light", "tool", "prop", "curtain", "eye")
PROP_KINDS = ("crate", "rack", "flat", "ladder", "sandbag", "mirror")
MAP_PROPERTIES = ("format", "kind", "seed", "title", "vortex")  # vortex: see game/level/vortex.py
OBJECT_PROPERTIES = {
    "spawn": (),
    "masterpiece": (),
    "light": ("radius", "color", "intensity", "flicker", "kind"),
    "tool": ("tool",),
    "prop": ("movable", "casts_shadow", "kind"),
    "curtain": (),
    "eye": (),
}
EASEL_POINT_SIZE = (32.0, 48.0)  # px, the easel drawn around a point masterpiece

# What a light of each kind is like when the file leaves a property out.
LIGHT_DEFAULTS = {
    "candle": (130.0, (255, 168, 92), 0.9, 0.65),
    "work_lamp": (300.0, (255, 236, 204), 1.1, 0.08),
    "bare_bulb": (200.0, (255, 222, 168), 1.0, 0.35),
    "spill": (150.0, (255, 206, 150), 0.7, 0.08),
    "house": (600.0, (255, 244, 226), 1.5, 0.0),
}


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
    """A finite JSON number small enough to be a float without loss of sense (|x| < 2^53)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):
        return abs(value) < 2**53
    return math.isfinite(value) and abs(value) < 2**53


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
    spawns: list = field(default_factory=list)
    masterpieces: list = field(default_factory=list)
    lights: list = field(default_factory=list)
    tools: list = field(default_factory=list)
    props: list = field(default_factory=list)
    curtains: list = field(default_factory=list)
    eyes: list = field(default_factory=list)


class Checker:
    """Walks one raw map and notes every problem and warning on the way."""

    def __init__(self, path: Path, folder: Path | None = None):
        self.path = path
        self.folder = (folder or path.parent).resolve()
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.draft = Draft()
        self.broken: dict[str, list] = {}  # class → ids of objects of it that were broken

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
        self.map_properties(raw.get("properties"), line)
        self.tilesets(raw.get("tilesets"), line)
        layers = raw.get("layers")
        if not isinstance(layers, list):
            self.problem("map: layers", layers, "a list of layers", line)
            return self.draft
        self.layers(layers, sizes_ok)
        return self.draft

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

    def map_properties(self, props, line) -> None:
        found = self.read_properties(props, "map", line)
        draft = self.draft
        if "format" not in found:
            self.warn("map", f"no 'format' property; reading it as format {FORMAT_VERSION} (add an int property format = {FORMAT_VERSION})", line)
        else:
            value, _, at = found["format"]
            if not is_int(value) or value < 1:
                self.problem("map: property 'format'", value, f"a whole number, {FORMAT_VERSION}", at)
            elif value > FORMAT_VERSION:
                self.problem("map: property 'format'", value, f"{FORMAT_VERSION} or lower (the level needs a newer version of the game)", at)
        if "kind" in found:
            value, _, at = found["kind"]
            if value not in LEVEL_KINDS:
                self.problem("map: property 'kind'", value, f"one of {', '.join(LEVEL_KINDS)}", at)
            else:
                draft.kind = value
        if "seed" in found:
            value, _, at = found["seed"]
            if not is_int(value) or not 0 <= value < 2**63:
                self.problem("map: property 'seed'", value, "a whole number from 0 to 2^63-1", at)
            else:
                draft.seed = value
        if "title" in found:
            value, _, at = found["title"]
            if not isinstance(value, str) or not value.strip() or len(value) > 200:
                self.problem("map: property 'title'", value, "a string of 1 to 200 characters", at)
            else:
                draft.title = value.strip()
        if "vortex" in found:  # the vortex level this backstage leads to (game/level/vortex.py)
            value, _, at = found["vortex"]
            if not isinstance(value, str) or not value.lower().endswith((".tmj", ".json", ".tmx")):
                self.problem("map: property 'vortex'", value, "the path of a Tiled map (.tmj, .json or .tmx)", at)
            else:
                target = self.inside(value, "map: property 'vortex'", at)
                if target is not None and not is_file(target):
                    self.warn("map: property 'vortex'", f"{value!r} not found; a vortex is generated from the seed instead", at)
        for name in found:
            if name not in MAP_PROPERTIES:
                self.warn(f"map: property {name!r}", f"unknown, ignored (known: {', '.join(MAP_PROPERTIES)})", found[name][2])

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
        if not is_file(path):
            self.warn(f"{place}: source", f"{path.name!r} not found (the game paints its own tiles; Tiled will miss it)", line)
            return
        try:
            size = path.stat().st_size
            data = path.read_bytes() if size <= MAX_TILESET_BYTES else b""
        except OSError as error:
            self.problem(f"{place}: source {path.name!r}", f"a file that cannot be read ({error.strerror or type(error).__name__})", "a readable Tiled tileset", line, shown=True)
            return
        if size > MAX_TILESET_BYTES:
            self.problem(f"{place}: source", f"{size} bytes", f"a tileset file of at most {MAX_TILESET_BYTES} bytes", line, shown=True)
            return
        try:
            if path.suffix.lower() == ".tsx":
                raw = tmx.tileset_dict(tmx.parse(data))
            else:
                raw = json.loads(data.decode("utf-8"))
        except Exception as error:  # any malformed tileset is reported, never raised
            self.problem(f"{place}: source {path.name!r}", f"an unreadable tileset ({type(error).__name__})", "a Tiled tileset", line, shown=True)
            return
        image = raw.get("image") if isinstance(raw, dict) else None
        if image is not None:
            found = self.inside(image, f"{place} ({path.name}): image", line, relative_to=path.parent)
            if found is not None and not is_file(found):
                self.warn(f"{place} ({path.name}): image", f"{image!r} not found", line)

    # -- layers ---------------------------------------------------------------------------

    def layers(self, layers: list, sizes_ok: bool) -> None:
        seen: dict[str, int] = {}
        objects_total = 0
        for layer in layers:
            if isinstance(layer, dict) and isinstance(layer.get("objects"), list):
                objects_total += len(layer["objects"])
        if objects_total > MAX_OBJECTS:
            self.problem("map", f"{objects_total} objects", f"at most {MAX_OBJECTS}", shown=True)
            return
        for index, layer in enumerate(layers, 1):
            if not isinstance(layer, dict):
                self.problem(f"layer {index}", layer, "a layer object")
                continue
            name, kind, line = layer.get("name"), layer.get("type"), layer.get("_line")
            place = f"layer {name!r}" if isinstance(name, str) else f"layer {index}"
            if not isinstance(name, str):
                self.problem(f"{place}: name", name, "a string", line)
                continue
            wanted = {"walls": "tilelayer", "floor": "tilelayer", "objects": "objectgroup"}.get(name)
            if wanted is None:
                if kind == "group":
                    self.warn(place, "group layers are not read; put 'walls', 'floor' and 'objects' at the top level", line)
                elif kind == "imagelayer" and "image" in layer:
                    self.inside(layer["image"], f"{place}: image", line)
                    self.warn(place, "unknown layer, ignored (known: walls, floor, objects)", line)
                else:
                    self.warn(place, "unknown layer, ignored (known: walls, floor, objects)", line)
                continue
            if kind != wanted:
                self.problem(f"{place}: type", kind, f"{wanted!r}", line)
                continue
            if name in seen:
                self.problem(place, "a second layer of that name", "one", line, shown=True)
                continue
            seen[name] = index
            if wanted == "tilelayer":
                if sizes_ok:
                    grid = self.tile_grid(layer, place, line)
                    if grid is not None:
                        if name == "walls":
                            self.draft.walls = tuple(tuple(gid != 0 for gid in row) for row in grid)
                        else:
                            self.draft.floor = tuple(tuple(row) for row in grid)
            else:
                self.objects(layer.get("objects"), place, line)
        if "walls" not in seen and self.draft.kind != "vortex":
            self.problem("map", "no tile layer 'walls'", "a tile layer named 'walls' (every non-empty cell a wall)", shown=True)
        if "objects" not in seen:
            self.problem("map", "no object layer 'objects'", "an object layer named 'objects' holding at least the spawn", shown=True)

    def tile_grid(self, layer: dict, place: str, line) -> list[list[int]] | None:
        """A tile layer's gids as rows bottom-up (row 0 at the bottom of the map), or None."""
        width, height = self.draft.width, self.draft.height
        if layer.get("chunks"):
            self.problem(place, "chunks (an infinite map's layer)", "a finite layer with 'data'", line, shown=True)
            return None
        for name, want in (("width", width), ("height", height)):
            if name in layer and layer[name] != want:
                self.problem(f"{place}: {name}", layer[name], f"{want}, the map's {name}", line)
                return None
        data = layer.get("data")
        encoding = layer.get("encoding", "csv")
        at = layer.get("_data_line", line)
        count = width * height
        if encoding == "base64":
            data = self.decode_base64(data, layer.get("compression", ""), place, at, count)
            if data is None:
                return None
        elif encoding != "csv":
            self.problem(f"{place}: encoding", encoding, "'csv' or 'base64'", at)
            return None
        if not isinstance(data, list):
            self.problem(f"{place}: data", data, f"a list of {count} tile ids", at)
            return None
        if len(data) != count:
            self.problem(f"{place}: data", f"{len(data)} tiles", f"{count} ({width} x {height})", at, shown=True)
            return None
        bad = [(i, gid) for i, gid in enumerate(data) if not is_int(gid) or not 0 <= gid <= MAX_GID]
        if bad:
            i, gid = bad[0]
            more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
            self.problem(f"{place}: tile {i} (column {i % width}, row {i // width} from the top){more}", gid, "a tile id from 0 to 4294967295", at)
            return None
        rows = [[gid & GID_MASK for gid in data[r * width : (r + 1) * width]] for r in range(height)]
        rows.reverse()  # Tiled's rows run top-down; the level's run bottom-up
        return rows

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
        cls = obj.get("class") or obj.get("type") or ""
        if not isinstance(cls, str):
            self.problem(f"{place}: class", cls, f"a string, one of {', '.join(OBJECT_CLASSES)}", at)
            return
        if cls not in OBJECT_CLASSES:
            if cls:
                self.warn(place, f"unknown class {cls!r}, ignored (known: {', '.join(OBJECT_CLASSES)})", at)
            else:
                self.warn(place, f"no class (type), ignored (known: {', '.join(OBJECT_CLASSES)})", at)
            return
        place = f"{place} ({cls})"
        geometry = self.geometry(obj, place, at)
        props = self.read_properties(obj.get("properties"), place, at)
        for prop in props:
            if prop not in OBJECT_PROPERTIES[cls]:
                known = ", ".join(OBJECT_PROPERTIES[cls]) or "none"
                self.warn(f"{place}: property {prop!r}", f"unknown, ignored (known for {cls}: {known})", props[prop][2])
        if geometry is None:
            self.broken.setdefault(cls, []).append(oid)  # reported already; still counts as one
            return
        x, y, w, h, shape = geometry  # world pixels, y up; (x, y) lower-left; shape point/rect
        draft = self.draft
        if cls == "spawn":
            draft.spawns.append((oid, (x + w / 2, y + h / 2)))
        elif cls == "eye":
            draft.eyes.append((oid, (x + w / 2, y + h / 2)))
        elif cls == "masterpiece":
            if shape == "point":
                ew, eh = EASEL_POINT_SIZE
                draft.masterpieces.append((oid, Rect(x - ew / 2, y - eh / 2, ew, eh)))
            else:
                draft.masterpieces.append((oid, Rect(x, y, w, h)))
        elif cls == "curtain":
            if shape != "rect":
                self.problem(place, "a point", "a rectangle", at, shown=True)
            else:
                draft.curtains.append((oid, Rect(x, y, w, h)))
        elif cls == "light":
            light = self.light(props, place, x + w / 2, y + h / 2)
            if light is not None:
                draft.lights.append(light)
        elif cls == "tool":
            value, _, pat = props.get("tool", (None, None, at))
            if value not in TOOL_IDS:
                self.problem(f"{place}: property 'tool'", value, f"one of {', '.join(TOOL_IDS)}", pat)
            else:
                draft.tools.append(ToolSpec(x + w / 2, y + h / 2, value))
        elif cls == "prop":
            if shape != "rect":
                self.problem(place, "a point", "a rectangle (a prop has a size)", at, shown=True)
                return
            prop = self.prop(props, place, x, y, w, h)
            if prop is not None:
                draft.props.append(prop)

    def geometry(self, obj: dict, place: str, at) -> tuple | None:
        """An object's box in world pixels (y up, lower-left corner), or None when it is broken."""
        ok = True
        values = {}
        for key in ("x", "y"):
            value = obj.get(key)
            if not is_number(value):
                self.problem(f"{place}: {key}", value, "a number (px)", at)
                ok = False
            values[key] = value
        for key in ("width", "height"):
            value = obj.get(key, 0)
            if not is_number(value) or value < 0:
                self.problem(f"{place}: {key}", value, "a number of 0 or more (px)", at)
                ok = False
            values[key] = value
        rotation = obj.get("rotation", 0)
        if not is_number(rotation) or rotation != 0:
            self.problem(f"{place}: rotation", rotation, "0 (objects are axis-aligned)", at)
            ok = False
        for key in ("polygon", "polyline", "text"):
            if key in obj:
                self.problem(place, f"a {key}", "a point or a rectangle", at, shown=True)
                ok = False
        if not ok or not self.draft.width:
            return None
        x, y, w, h = float(values["x"]), float(values["y"]), float(values["width"]), float(values["height"])
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
        return (x, map_h - y - h, w, h, "point" if point else "rect")

    def light(self, props: dict, place: str, x: float, y: float) -> LightSpec | None:
        kind = "work_lamp"
        ok = True
        if "kind" in props:
            value, _, at = props["kind"]
            if value not in LIGHT_KINDS:
                self.problem(f"{place}: property 'kind'", value, f"one of {', '.join(LIGHT_KINDS)}", at)
                ok = False
            else:
                kind = value
        radius, colour, intensity, flicker = LIGHT_DEFAULTS[kind]
        if "radius" in props:
            value, _, at = props["radius"]
            if not is_number(value) or value <= 0 or value > MAX_TILES_SIDE * TILE_SIZE:
                self.problem(f"{place}: property 'radius'", value, f"a number of px above 0 (at most {MAX_TILES_SIDE * TILE_SIZE})", at)
                ok = False
            else:
                radius = float(value)
        if "color" in props:
            value, _, at = props["color"]
            parsed = parse_colour(value)
            if parsed is None:
                self.problem(f"{place}: property 'color'", value, "a Tiled colour like '#ffc88c' or '#ffffc88c'", at)
                ok = False
            else:
                colour = parsed
        for name, top in (("intensity", 2.0), ("flicker", 1.0)):
            if name in props:
                value, _, at = props[name]
                if not is_number(value) or not 0 <= value <= top:
                    self.problem(f"{place}: property {name!r}", value, f"a number from 0 to {top:g}", at)
                    ok = False
                elif name == "intensity":
                    intensity = float(value)
                else:
                    flicker = float(value)
        return LightSpec(x, y, radius, colour, intensity, flicker, kind) if ok else None

    def prop(self, props: dict, place: str, x, y, w, h) -> PropSpec | None:
        ok = True
        flags = {"movable": False, "casts_shadow": True}
        for name in flags:
            if name in props:
                value, _, at = props[name]
                if not isinstance(value, bool):
                    self.problem(f"{place}: property {name!r}", value, "true or false (a bool property)", at)
                    ok = False
                else:
                    flags[name] = value
        kind = "crate"
        if "kind" in props:
            value, _, at = props["kind"]
            if not isinstance(value, str) or not value:
                self.problem(f"{place}: property 'kind'", value, f"a string such as {', '.join(PROP_KINDS)}", at)
                ok = False
            else:
                kind = value
                if value not in PROP_KINDS:
                    self.warn(f"{place}: property 'kind'", f"unknown prop kind {value!r}, drawn as a crate (known: {', '.join(PROP_KINDS)})", at)
        if w <= 0 or h <= 0:
            self.problem(place, f"size {w:g} x {h:g}", "a rectangle with width and height above 0", shown=True)
            ok = False
        if not ok:
            return None
        return PropSpec(x + w / 2, y + h / 2, w, h, kind, flags["movable"], flags["casts_shadow"])

    # -- the whole ------------------------------------------------------------------------

    def counts(self) -> None:
        """How many of the one-of-a-kind objects there are."""
        draft = self.draft
        if not draft.width:
            return
        rules = [
            ("spawn", draft.spawns, True),
            ("masterpiece", draft.masterpieces, draft.kind == "backstage"),
            ("eye", draft.eyes, draft.kind == "vortex"),
        ]
        for name, found, required in rules:
            found = list(found) + [(oid, None) for oid in self.broken.get(name, [])]
            ids = ", ".join(str(oid) for oid, _ in found)
            if len(found) > 1:
                self.problems.append(f"{self.path}: layer 'objects': found {len(found)} {name} objects (ids {ids}), expected exactly one")
            elif required and not found:
                self.problems.append(f"{self.path}: layer 'objects': found no {name} object, expected exactly one (class {name!r})")
        if draft.kind == "vortex" and draft.masterpieces:
            self.warn("layer 'objects'", "a masterpiece in a vortex level is ignored")
        if draft.kind == "backstage" and draft.eyes:
            self.warn("layer 'objects'", "an eye in a backstage level is ignored")
        if len(draft.curtains) > 1:
            ids = ", ".join(str(oid) for oid, _ in draft.curtains)
            self.problems.append(f"{self.path}: layer 'objects': found {len(draft.curtains)} curtain objects (ids {ids}), expected at most one")


def parse_colour(value) -> tuple[int, int, int] | None:
    """Tiled colours: '#RRGGBB' or '#AARRGGBB' (alpha ignored)."""
    if not isinstance(value, str):
        return None
    text = value.strip().lstrip("#")
    if len(text) not in (6, 8) or any(ch not in "0123456789abcdefABCDEF" for ch in text):
        return None
    text = text[-6:]
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))
