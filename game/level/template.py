"""Tiled object templates (.tx, .tj): an object placed from a template holds only what differs.

A map saved by Tiled keeps, for an object placed from a template, its id, its position, the
template's path and whatever the author changed; the rest (class, name, size, shape, the other
properties) is in the template file. ``Templates.instance`` reads the template (once per file,
safely: its path must stay inside the level's folder or the game's own, it has a size limit, and
XML is read by ``tmx.parse``) and gives the object as it would be with the template detached:
the template's object, overridden key by key by the instance, properties merged by name.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.level import tmx

MAX_TEMPLATE_BYTES = 256 * 1024  # a template holds one object
TEMPLATE_SUFFIXES = (".tx", ".tj")
OWN_KEYS = ("id", "x", "y", "_line")  # never taken from the template


class Templates:
    """The templates one map uses, read once each; problems go to the checker."""

    def __init__(self, checker):
        self.checker = checker
        self.read: dict[Path, dict | None] = {}

    def instance(self, obj: dict, place: str, at) -> dict | None:
        """The object with its template applied, or None (and a problem noted) if the template cannot be."""
        source = obj["template"]
        checker = self.checker
        path = checker.inside(source, f"{place}: template", at)
        if path is None:
            return None
        if path.suffix.lower() not in TEMPLATE_SUFFIXES:
            checker.problem(f"{place}: template", source, "a Tiled object template (.tx or .tj)", at)
            return None
        if path not in self.read:
            self.read[path] = self.load(path, source, place, at)
        template = self.read[path]
        if template is None:
            return None
        merged = {key: value for key, value in template.items() if key not in OWN_KEYS and key != "template"}
        merged.update({key: value for key, value in obj.items() if key not in ("template", "properties")})
        merged["properties"] = merge_properties(template.get("properties"), obj.get("properties"))
        return merged

    def load(self, path: Path, source: str, place: str, at) -> dict | None:
        """The template's object in the map's JSON shape, or None (the problem noted)."""
        checker = self.checker
        where = f"{place}: template {source!r}"
        try:
            size = path.stat().st_size
            if size > MAX_TEMPLATE_BYTES:
                checker.problem(where, f"{size} bytes", f"a template of at most {MAX_TEMPLATE_BYTES} bytes", at, shown=True)
                return None
            data = path.read_bytes()
        except FileNotFoundError:
            checker.problem(where, "no such file", "an object template beside the map or in the game's levels folder", at, shown=True)
            return None
        except OSError as error:
            checker.problem(where, f"a file that cannot be read ({error.strerror or type(error).__name__})", "a readable object template", at, shown=True)
            return None
        try:
            obj = template_object(path, data)
        except (tmx.XmlProblem, ValueError, UnicodeDecodeError, RecursionError) as error:
            checker.problem(where, f"an unreadable template ({getattr(error, 'message', None) or error})", "a Tiled object template", at, shown=True)
            return None
        if obj is None:
            checker.problem(where, "no object in it", "a Tiled object template holding one object", at, shown=True)
            return None
        return obj


def template_object(path: Path, data: bytes) -> dict | None:
    """The object a .tx (XML) or .tj (JSON) template holds, as the map's JSON shape has it."""
    if path.suffix.lower() == ".tx":
        root = tmx.parse(data)
        node = root.find("object") if root.tag == "template" else None
        return None if node is None else tmx.object_dict(node)
    raw = json.loads(data.decode("utf-8-sig"))
    obj = raw.get("object") if isinstance(raw, dict) and raw.get("type", "template") == "template" else None
    return obj if isinstance(obj, dict) else None


def merge_properties(template, instance):
    """The template's properties, each replaced by the instance's of the same name, then the instance's new ones.

    Anything that is not a list of named properties is left for the checker to report."""
    if not isinstance(template, list) or not template:
        return instance
    if instance is None:
        return template
    if not isinstance(instance, list):
        return instance
    named = {prop.get("name"): prop for prop in instance if isinstance(prop, dict)}
    merged = [named.pop(prop.get("name"), prop) if isinstance(prop, dict) else prop for prop in template]
    return merged + [prop for prop in instance if not isinstance(prop, dict) or prop.get("name") in named]
