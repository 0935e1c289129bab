"""Tiled's XML (.tmx, .tsx) read safely into the same shape as its JSON, so one checker reads both.

The parser is expat with every document type declaration refused: no DTD, no entities, so no
entity expansion ("billion laughs") and no external fetches. Each element remembers its line, and
the dicts made from it carry it as ``"_line"`` for the checker's messages. Attribute values stay
strings unless they read cleanly as numbers; the checker reports anything that does not fit.
"""

from __future__ import annotations

import xml.parsers.expat


class XmlProblem(Exception):
    """Malformed or unsafe XML, with where it was found (1-based line and column)."""

    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


class Node:
    __slots__ = ("tag", "attrs", "children", "text", "line")

    def __init__(self, tag: str, attrs: dict, line: int):
        self.tag, self.attrs, self.line = tag, attrs, line
        self.children: list[Node] = []
        self.text: list[str] = []

    def find_all(self, tag: str) -> list["Node"]:
        return [child for child in self.children if child.tag == tag]

    def find(self, tag: str) -> "Node | None":
        for child in self.children:
            if child.tag == tag:
                return child
        return None


MAX_DEPTH = 64  # Tiled nests groups a few deep; anything past this is not a map


def parse(data: bytes) -> Node:
    """The root element of an XML document, or XmlProblem."""
    parser = xml.parsers.expat.ParserCreate()
    stack: list[Node] = []
    root: list[Node] = []

    def refuse(what: str):
        def handler(*_args):
            raise XmlProblem(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1, f"{what} found, expected plain XML without a DOCTYPE (entity expansion is refused)")

        return handler

    def start(tag, attrs):
        if len(stack) >= MAX_DEPTH:
            raise XmlProblem(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1, f"elements nested more than {MAX_DEPTH} deep")
        node = Node(tag, attrs, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(_tag):
        stack.pop()

    def text(data):
        if stack:
            stack[-1].text.append(data)

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
        cells = [number(part.strip()) for part in text.split(",")] if text else []
        return {"data": cells, "encoding": "csv", "_data_line": data.line}
    if encoding == "base64":
        return {"data": text, "encoding": "base64", "compression": data.attrs.get("compression", ""), "_data_line": data.line}
    if encoding is None:
        return {"data": [number(tile.attrs.get("gid", 0)) for tile in data.find_all("tile")], "_data_line": data.line}
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


def _layer(node: Node) -> dict | None:
    base = {"_line": node.line, "name": node.attrs.get("name", "")}
    base.update(_numbers(node.attrs, ("id", "width", "height")))
    if "class" in node.attrs:
        base["class"] = node.attrs["class"]
    if node.tag == "layer":
        base["type"] = "tilelayer"
        base.update(_data(node))
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
        base["layers"] = [layer for layer in (_layer(child) for child in node.children) if layer is not None]
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


def map_dict(root: Node) -> dict:
    """A <map> element as the dict Tiled's JSON format would hold."""
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
    raw["layers"] = [layer for layer in (_layer(child) for child in root.children) if layer is not None]
    return raw


def tileset_dict(root: Node) -> dict:
    """A <tileset> document (.tsx) as the dict of a .tsj."""
    raw = _tileset(root)
    raw["type"] = root.tag
    return raw
