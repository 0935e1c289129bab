"""The Tiled kit for level authors, made from the format's tables (``schema.py``): a project file,
its object types and an object template for every thing a level can hold.

``python -m game.level.kit`` writes, into the shipped levels folder:

- ``flawed.tiled-project``: the enums of every property that takes one of a list of values (a
  light's kind, a tool's id, a prop's kind, a level's kind), and the commands "Check level" and
  "Play level" (``flawed level check %mapfile``, ``flawed --level %mapfile``);
- ``flawed-objecttypes.xml``, which the project names: every object class with its properties,
  types and defaults (Tiled 1.8 reads object types from this file; 1.9 and later turn them into
  classes when they open the project);
- ``templates/*.tx``: a light of each kind, each tool, each prop, and one of every other class
  (spawn, masterpiece, curtain, sign, eye, and any class the format gains).

All in the Tiled 1.8 format, which Debian's Tiled 1.8.2 reads and later Tileds upgrade. ``--check``
only tells whether the files are up to date (exit status 1 if not); a test does the same, so the
kit cannot drift from the checker.

What the object types leave out, on purpose: a light's radius, color, intensity and flicker
default to its *kind's* values, which Tiled cannot say (an object type has one default per
property). Giving them the work lamp's values would show a candle with a work lamp's radius in
Tiled, and make ``--resolve-types-and-properties`` write that radius into the map. So the light
type holds only ``kind``, and each light template spells out its kind's four values. A tool's
``tool`` has no default either: it is required, and each tool template sets it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

from game.level.generate import PROP_SIZES
from game.level.schema import EASEL_POINT_SIZE, LIGHT_DEFAULTS, MAP_PROPERTIES, OBJECT_CLASSES, POINT, ObjectClass, Property
from game.resources import shipped_levels

PROJECT = "flawed.tiled-project"
OBJECT_TYPES = "flawed-objecttypes.xml"
TEMPLATES = "templates"

# How each class shows in Tiled's object list and on the map.
CLASS_COLOURS = {
    "spawn": "#ff5ae66e",
    "masterpiece": "#fffafafa",
    "light": "#ffffc060",
    "tool": "#ffe6c85a",
    "prop": "#ffaa783c",
    "curtain": "#ffb4283c",
    "sign": "#ff78ffb4",
    "eye": "#ff96aaff",
}
OTHER_COLOUR = "#ffa0a0a0"  # a class added to the format before it has a colour here
# The rectangle of a class's template (px); a point class's template is a point.
TEMPLATE_SIZES = {"masterpiece": EASEL_POINT_SIZE, "curtain": (256.0, 32.0)}  # stretch the curtain across the stage
OTHER_SIZE = (32.0, 32.0)
MOVABLE_PROPS = ("crate", "sandbag")  # the prop templates that can be pushed (as the generator makes them)
FIXED_CRATE = "stack"  # the generator's fixed stack of crates: a template of its own


def enum_name(cls: str, prop: Property) -> str:
    """The Tiled enum a property's choices become: 'light kind', 'tool', 'map kind'."""
    return cls if prop.name == cls else f"{cls} {prop.name}"


def enums() -> list[tuple[str, tuple]]:
    """(name, values) of every property that takes one of a list of values."""
    found = [(enum_name("map", prop), prop.choices) for prop in MAP_PROPERTIES if prop.choices]
    found += [(enum_name(cls.name, prop), prop.choices) for cls in OBJECT_CLASSES for prop in cls.properties if prop.choices]
    return found


def typed_properties(cls: ObjectClass) -> list[Property]:
    """The properties an object type can hold with a default Tiled shows truly (see the module's note)."""
    return [prop for prop in cls.properties if prop.default is not None or prop.required]


def tiled_value(prop: Property, value) -> str:
    """A value as Tiled writes it in XML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):  # a colour
        return "#ff{:02x}{:02x}{:02x}".format(*value)
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def project() -> str:
    """The .tiled-project file (JSON, as Tiled 1.8 writes it)."""
    property_types = [
        {"id": index, "name": name, "storageType": "string", "type": "enum", "values": list(values), "valuesAsFlags": False}
        for index, (name, values) in enumerate(enums(), 1)
    ]
    command = {"enabled": True, "saveBeforeExecute": True, "shortcut": "", "showOutput": True, "workingDirectory": "%mappath"}
    data = {
        "automappingRulesFile": "",
        "commands": [
            {**command, "name": "Check level", "command": "flawed", "arguments": "level check %mapfile"},
            {**command, "name": "Play level", "command": "flawed", "arguments": "--level %mapfile"},
        ],
        "extensionsPath": "extensions",
        "folders": ["."],
        "objectTypesFile": OBJECT_TYPES,
        "propertyTypes": property_types,
    }
    return json.dumps(data, indent=4) + "\n"


def _property_xml(cls: str, prop: Property, value, attribute: str) -> str:
    enum = f" propertytype={quoteattr(enum_name(cls, prop))}" if prop.choices else ""
    return f"<property name={quoteattr(prop.name)} type={quoteattr(prop.type)}{enum} {attribute}={quoteattr(tiled_value(prop, value))}/>"


def object_types() -> str:
    """The object types file (XML, as Tiled 1.8 writes it): every class, its properties and their defaults."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<objecttypes>"]
    for cls in OBJECT_CLASSES:
        lines.append(f" <objecttype name={quoteattr(cls.name)} color={quoteattr(CLASS_COLOURS.get(cls.name, OTHER_COLOUR))}>")
        lines += ["  " + _property_xml(cls.name, prop, prop.default, "default") for prop in typed_properties(cls)]
        lines.append(" </objecttype>")
    lines.append("</objecttypes>")
    return "\n".join(lines) + "\n"


def _template(cls: ObjectClass, name: str, size: tuple[float, float] | None, values: dict) -> str:
    """One .tx file: an object of the class, a point (size None) or a rectangle, with its property values."""
    props = {prop.name: prop for prop in cls.properties}
    box = "" if size is None else f" width={quoteattr(f'{size[0]:g}')} height={quoteattr(f'{size[1]:g}')}"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<template>", f" <object name={quoteattr(name)} type={quoteattr(cls.name)}{box}>"]
    if values:
        lines.append("  <properties>")
        lines += ["   " + _property_xml(cls.name, props[key], value, "value") for key, value in values.items()]
        lines.append("  </properties>")
    if size is None:
        lines.append("  <point/>")
    lines += [" </object>", "</template>"]
    return "\n".join(lines) + "\n"


def templates() -> dict[str, str]:
    """File name → text of every template."""
    classes = {cls.name: cls for cls in OBJECT_CLASSES}
    made = {}

    def add(file: str, cls: str, name: str, size, values=None) -> None:
        made[f"{file}.tx"] = _template(classes[cls], name, size, values or {})

    # A template of each kind of light (its kind's values spelled out), of each tool, of each prop.
    for kind, (radius, colour, intensity, flicker) in LIGHT_DEFAULTS.items():
        add(f"light_{kind}", "light", kind.replace("_", " "), None, {"kind": kind, "radius": radius, "color": colour, "intensity": intensity, "flicker": flicker})
    tool_ids = next(prop for prop in classes["tool"].properties if prop.name == "tool").choices
    for tool in tool_ids:
        add(f"tool_{tool}", "tool", tool.replace("_", " "), None, {"tool": tool})
    for kind, size in PROP_SIZES.items():
        movable = kind in MOVABLE_PROPS
        shown = "crate" if kind == FIXED_CRATE else kind
        file = "prop_crate_fixed" if kind == FIXED_CRATE else f"prop_{kind}"
        add(file, "prop", f"{shown}{' (fixed)' if kind == FIXED_CRATE else ''}", size, {"kind": shown, "movable": movable, "casts_shadow": True})
    # Every other class: one template named after it, with the class's own defaults.
    for cls in OBJECT_CLASSES:
        if cls.name not in ("light", "tool", "prop"):
            size = None if cls.shape == POINT else TEMPLATE_SIZES.get(cls.name, OTHER_SIZE)
            add(cls.name, cls.name, "easel" if cls.name == "masterpiece" else cls.name, size)
    return made


def files() -> dict[str, str]:
    """Path relative to the levels folder → text, for the whole kit."""
    made = {PROJECT: project(), OBJECT_TYPES: object_types()}
    made.update({f"{TEMPLATES}/{name}": text for name, text in templates().items()})
    return made


def stale(folder: Path) -> list[str]:
    """The kit's files in a folder that are missing or differ from what the tables make."""
    found = []
    for name, text in files().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            found.append(name)
    return found


def write(folder: Path) -> list[Path]:
    written = []
    for name, text in files().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    folder = Path(argv[-1]) if argv and not argv[-1].startswith("-") else shipped_levels()
    if "--check" in argv:
        out_of_date = stale(folder)
        for name in out_of_date:
            print(f"{folder / name}: out of date; run python -m game.level.kit", file=sys.stderr)
        return 1 if out_of_date else 0
    for path in write(folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

