"""The level format's reference, rendered as Markdown from the tables the checker reads (``schema.py``).

``python -m game.level.reference`` rewrites the part of ``levels/README.md`` between the
reference markers; ``--check`` only tells whether it is up to date (exit status 1 if not). A test
fails when the README differs from what the tables render, so the reference cannot drift from
the checker.
"""

from __future__ import annotations

import sys

from game.level.model import LEVEL_KINDS, TILE_SIZE
from game.level.schema import (
    ANY,
    LIGHT_DEFAULTS,
    MAP_PROPERTIES,
    MAX_FILE_BYTES,
    MAX_OBJECTS,
    MAX_TILES_SIDE,
    OBJECT_CLASSES,
    POINT,
    RECTANGLE,
    ObjectClass,
    Property,
    a,
)
from game.resources import shipped_levels

README = shipped_levels() / "README.md"
BEGIN = "<!-- reference: begin (made by `python -m game.level.reference` from game/level/schema.py; do not edit by hand) -->"
END = "<!-- reference: end -->"


def code(value) -> str:
    """A value as a level author types it, in Markdown code."""
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    return f"`{value}`"


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def default(prop: Property) -> str:
    if prop.required:
        return "required"
    if prop.warn_missing:
        return f"{code(prop.default)}, with a warning"
    if prop.default_text:
        return prop.default_text
    return "—" if prop.default is None else code(prop.default)


def accepts(prop: Property) -> str:
    text = prop.allowed(show=code)
    if prop.newer:
        text += f"; a higher one is refused ({prop.newer})"
    if prop.loose:
        text += f"; another is {prop.loose}, with a warning"
    return text


def property_row(prop: Property) -> tuple[str, ...]:
    return (code(prop.name), prop.type, default(prop), accepts(prop), prop.meaning)


def how_many(cls: ObjectClass) -> str:
    if cls.kinds == LEVEL_KINDS or cls.count == ANY:
        return cls.count
    kinds = " or ".join(cls.kinds)
    return f"{cls.count} in {a(kinds)} level (elsewhere ignored, with a warning)"


def colour(rgb: tuple[int, int, int]) -> str:
    return code("#{:02x}{:02x}{:02x}".format(*rgb))


def render() -> str:
    """The reference section, from the tables."""
    lines = ["### Map properties", ""]
    lines += table(("property", "type", "default", "accepts", "meaning"), [property_row(prop) for prop in MAP_PROPERTIES])
    lines += ["", "### Object classes", ""]
    lines += table(("class", "shape", "how many", "meaning"), [(code(cls.name), cls.shape, how_many(cls), cls.meaning) for cls in OBJECT_CLASSES])
    lines += [
        "",
        f"A {POINT} class reads a rectangle as the rectangle's centre; a {RECTANGLE} class refuses a point, "
        "and a rectangle without width or height.",
        "",
        "### Object properties",
        "",
    ]
    rows = [(code(cls.name), *property_row(prop)) for cls in OBJECT_CLASSES for prop in cls.properties]
    lines += table(("class", "property", "type", "default", "accepts", "meaning"), rows)
    lines += ["", "A property left out takes its default; a value a property does not accept is an error.", "", "### Light kinds", ""]
    lines += ["What a light of each kind has for the properties it leaves out:", ""]
    rows = [(code(kind), f"{radius:g} px", colour(rgb), f"{intensity:g}", f"{flicker:g}") for kind, (radius, rgb, intensity, flicker) in LIGHT_DEFAULTS.items()]
    lines += table(("kind", "radius", "color", "intensity", "flicker"), rows)
    lines += [
        "",
        "### Limits",
        "",
        f"Tiles of {TILE_SIZE} × {TILE_SIZE} px; at most {MAX_TILES_SIDE} × {MAX_TILES_SIDE} tiles, "
        f"{MAX_OBJECTS:,} objects and a file of {MAX_FILE_BYTES // 2**20} MiB.",
    ]
    return "\n".join(lines) + "\n"


def updated(text: str) -> str:
    """A README's text with its reference section made anew (ValueError if it has no markers)."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"no reference section: expected the lines {BEGIN!r} and {END!r}")
    return text[: start + len(BEGIN)] + "\n\n" + render() + "\n" + text[end:]


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    fresh = updated(text)
    if "--check" in argv:
        if fresh != text:
            print(f"{README}: the reference is out of date; run python -m game.level.reference", file=sys.stderr)
            return 1
        return 0
    if fresh != text:
        README.write_text(fresh, encoding="utf-8")
        print(f"{README}: reference rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
