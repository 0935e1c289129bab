"""Tiled's XML (.tmx, .tsx) read safely into the same shape as its JSON, so one checker reads both.

The parser is expat with every document type declaration refused: no DTD, no entities, so no
entity expansion ("billion laughs") and no external fetches. Each element remembers its line, and
the dicts made from it carry it as ``"_line"`` for the checker's messages. Attribute values stay
strings unless they read cleanly as numbers; the checker reports anything that does not fit.
"""

from __future__ import annotations

import xml.parsers.expat

from game.level import schema
from game.level.schema import MAX_XML_DEPTH, MAX_XML_ELEMENTS


class XmlProblem(Exception):
    """Malformed or unsafe XML, with where it was found (1-based line and column)."""

    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


class Node:
    """An element the map is read from: its tag, attributes, kept children and (for some) text.

    Only the elements a map is read from are kept (``KEPT``); the others are counted and passed
    over, subtree and all. The gids of ``<tile>`` elements inside ``<data>`` are kept as numbers
    in ``tiles`` (a layer of 512 x 512 tiles would be a quarter of a million elements)."""

    __slots__ = ("tag", "attrs", "children", "text", "line", "tiles")

    def __init__(self, tag: str, attrs: dict, line: int):
        self.tag, self.attrs, self.line = tag, attrs, line
        self.children: list[Node] = []
        self.text: list[str] = []
        self.tiles: list | None = None  # <data>: the gids of its <tile> elements

    def find_all(self, tag: str) -> list["Node"]:
        return [child for child in self.children if child.tag == tag]

    def find(self, tag: str) -> "Node | None":
        for child in self.children:
            if child.tag == tag:
                return child
        return None


# The limits (game/level/schema.py), bound here so a test can lower them on this module.
MAX_DEPTH, MAX_ELEMENTS, MAX_LAYER_TILES = MAX_XML_DEPTH, MAX_XML_ELEMENTS, schema.MAX_LAYER_TILES
# The elements a map or a tileset is read from; any other is passed over with all it holds.
KEPT = frozenset({
    "map", "properties", "property", "tileset", "image", "layer", "data", "chunk", "objectgroup",
    "object", "point", "ellipse", "polygon", "polyline", "text", "imagelayer", "group",
})
WITH_TEXT = frozenset({"data", "property"})  # the elements whose text is read (tile data, multi-line strings)


def parse(data: bytes) -> Node:
    """The root element of an XML document, or XmlProblem."""
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True  # whitespace between elements comes in one piece, not many
    stack: list[Node | None] = []  # None: an element passed over (or inside one)
    root: list[Node] = []
    counted = [0]  # elements seen, other than a layer's tiles

    def refuse(what: str):
        def handler(*_args):
            raise XmlProblem(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1, f"{what} found, expected plain XML without a DOCTYPE (entity expansion is refused)")

        return handler

    def too_much(what: str):
        raise XmlProblem(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1, what)

    def start(tag, attrs):
        if len(stack) >= MAX_DEPTH:
            too_much(f"elements nested more than {MAX_DEPTH} deep")
        parent = stack[-1] if stack else None
        if tag == "tile" and parent is not None and parent.tag == "data":
            if len(parent.tiles) < MAX_LAYER_TILES:
                parent.tiles.append(number(attrs.get("gid", 0)))
            else:
                parent.tiles.append(None)  # one more than a layer may hold: the checker says how many
            stack.append(None)
            return
        counted[0] += 1
        if counted[0] > MAX_ELEMENTS:
            too_much(f"found more than {MAX_ELEMENTS} elements, expected at most that in a map")
        if stack and (parent is None or tag not in KEPT):
            stack.append(None)  # passed over, with everything inside it
            return
        node = Node(tag, attrs, parser.CurrentLineNumber)
        if tag == "data":
            node.tiles = []
        if parent is not None:
            parent.children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(_tag):
        stack.pop()

    def text(data):
        node = stack[-1] if stack else None
        if node is not None and node.tag in WITH_TEXT:
            node.text.append(data)

    for marker, what in ((b"<!DOCTYPE", "a DOCTYPE declaration"), (b"<!ENTITY", "an ENTITY declaration")):
        at = data.find(marker)
        if at >= 0:  # refused before parsing starts, at the place it begins
            line = data.count(b"\n", 0, at) + 1
            raise XmlProblem(line, at - (data.rfind(b"\n", 0, at) + 1) + 1, f"{what} found, expected plain XML without a DOCTYPE (entity expansion is refused)")
    parser.StartDoctypeDeclHandler = refuse("a DOCTYPE declaration")
    parser.EntityDeclHandler = refuse("an ENTITY declaration")
    parser.ExternalEntityRefHandler = refuse("an external entity reference")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise XmlProblem(error.lineno, error.offset + 1, xml.parsers.expat.ErrorString(error.code)) from None
    except (LookupError, UnicodeError) as error:  # an encoding Python does not know, or bytes it cannot decode
        raise XmlProblem(parser.CurrentLineNumber or 1, parser.CurrentColumnNumber + 1, f"text in an unreadable encoding ({error}), expected UTF-8") from None
    if not root:
        raise XmlProblem(1, 1, "no root element")
    return root[0]


# -- TMX → the JSON shape ------------------------------------------------------------------


def number(text):
    """An attribute as int or float where it reads as one, else the text itself (the checker complains)."""
    if not isinstance(text, str):
        return text
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _property_value(kind: str, raw):
    if kind == "bool":
        return {"true": True, "false": False}.get(raw, raw)
    if kind in ("int", "float"):
        return number(raw)
    return raw


def properties(node: Node | None) -> list[dict]:
    if node is None:
        return []
    found = []
    for prop in node.find_all("property"):
        kind = prop.attrs.get("type", "string")
        raw = prop.attrs.get("value")
        if raw is None:
            raw = "".join(prop.text)
        found.append({"name": prop.attrs.get("name", ""), "type": kind, "value": _property_value(kind, raw), "_line": prop.line})
    return found


def _numbers(attrs: dict, names: tuple[str, ...]) -> dict:
    return {name: number(attrs[name]) for name in names if name in attrs}


def _data(node: Node) -> dict:
    data = node.find("data")
    if data is None:
        return {"data": None}
    if data.find("chunk") is not None:
        return {"chunks": True, "data": None}
    encoding = data.attrs.get("encoding")
    text = "".join(data.text).strip()
    if encoding == "csv":
        count = text.count(",") + 1 if text else 0
        if count > MAX_LAYER_TILES:  # counted, not split: 32 MiB of "10," would be millions of strings
            return {"data": None, "tile_count": count, "_data_line": data.line}
        cells = [number(part.strip()) for part in text.split(",")] if text else []
        return {"data": cells, "encoding": "csv", "_data_line": data.line}
    if encoding == "base64":
        return {"data": text, "encoding": "base64", "compression": data.attrs.get("compression", ""), "_data_line": data.line}
    if encoding is None:
        if len(data.tiles) > MAX_LAYER_TILES:
            return {"data": None, "tile_count": len(data.tiles), "_data_line": data.line}
        return {"data": data.tiles, "_data_line": data.line}
    return {"data": text, "encoding": encoding, "_data_line": data.line}


def object_dict(node: Node) -> dict:
    """An <object> element (in a map or a template) as the dict Tiled's JSON format would hold."""
    obj = {"_line": node.line}
    obj.update(_numbers(node.attrs, ("id", "x", "y", "width", "height", "rotation", "gid")))
    for key in ("name", "type", "class", "template"):
        if key in node.attrs:
            obj[key] = node.attrs[key]
    if node.find("point") is not None:
        obj["point"] = True
    if node.find("ellipse") is not None:
        obj["ellipse"] = True
    if node.find("polygon") is not None:
        obj["polygon"] = node.find("polygon").attrs.get("points", "")
    if node.find("polyline") is not None:
        obj["polyline"] = node.find("polyline").attrs.get("points", "")
    if node.find("text") is not None:
        obj["text"] = {}
    if node.find("properties") is not None:
        obj["properties"] = properties(node.find("properties"))
    return obj


def _layer(node: Node, read: frozenset | None) -> dict | None:
    base = {"_line": node.line, "name": node.attrs.get("name", "")}
    base.update(_numbers(node.attrs, ("id", "width", "height")))
    if "class" in node.attrs:
        base["class"] = node.attrs["class"]
    if node.tag == "layer":
        base["type"] = "tilelayer"
        if read is None or base["name"] in read:
            base.update(_data(node))
        else:  # a layer the game does not read: its tiles are not turned into numbers
            base["data"] = None
    elif node.tag == "objectgroup":
        base["type"] = "objectgroup"
        base["objects"] = [object_dict(child) for child in node.find_all("object")]
    elif node.tag == "imagelayer":
        base["type"] = "imagelayer"
        image = node.find("image")
        if image is not None:
            base["image"] = image.attrs.get("source", "")
    elif node.tag == "group":
        base["type"] = "group"
        base["layers"] = [layer for layer in (_layer(child, read) for child in node.children) if layer is not None]
    else:
        return None
    if node.find("properties") is not None:
        base["properties"] = properties(node.find("properties"))
    return base


def _tileset(node: Node) -> dict:
    tileset = {"_line": node.line}
    tileset.update(_numbers(node.attrs, ("firstgid", "tilewidth", "tileheight", "tilecount", "columns")))
    if "source" in node.attrs:
        tileset["source"] = node.attrs["source"]
    image = node.find("image")
    if image is not None:
        tileset["image"] = image.attrs.get("source", "")
    return tileset


def map_dict(root: Node, read: frozenset | None = None) -> dict:
    """A <map> element as the dict Tiled's JSON format would hold; only the tile layers named in
    `read` (all when None) have their data read."""
    if root.tag != "map":
        return {"type": root.tag, "_line": root.line}
    raw = {"type": "map", "_line": root.line}
    for key in ("version", "tiledversion", "orientation", "renderorder", "class"):
        if key in root.attrs:
            raw[key] = root.attrs[key]
    raw.update(_numbers(root.attrs, ("width", "height", "tilewidth", "tileheight", "nextlayerid", "nextobjectid")))
    if "infinite" in root.attrs:
        raw["infinite"] = {"0": False, "1": True}.get(root.attrs["infinite"], root.attrs["infinite"])
    raw["properties"] = properties(root.find("properties"))
    raw["tilesets"] = [_tileset(child) for child in root.find_all("tileset")]
    raw["layers"] = [layer for layer in (_layer(child, read) for child in root.children) if layer is not None]
    return raw


def tileset_dict(root: Node) -> dict:
    """A <tileset> document (.tsx) as the dict of a .tsj."""
    raw = _tileset(root)
    raw["type"] = root.tag
    return raw
