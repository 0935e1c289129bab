"""What a level file may hold, as tables: the map's properties, and for each object class its shape, how many there may be and its properties.

The checker (``check.py``) validates a map by reading these tables, and ``reference.py`` prints
them into the reference of ``levels/README.md``: the format is written down in one place. The
phrases that say what a property accepts (``Property.allowed``) serve both the error messages and
the reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from game.level.model import LEVEL_KINDS, LIGHT_KINDS, TILE_SIZE, TOOL_IDS
from game.level.reach import EASEL_REACH, TOOL_REACH

FORMAT_VERSION = 1  # the newest level format this game reads

# Limits on a map file (the checker refuses anything past them).
MAX_TILES_SIDE = 512  # tiles, each way
MAX_OBJECTS = 20_000
MAX_FILE_BYTES = 32 * 1024 * 1024
MAP_SUFFIXES = (".tmj", ".json", ".tmx")

# Tiled's property types, as the reference names them ("file" is a path, relative to the map).
TYPES = ("int", "float", "bool", "string", "color", "file")

# The shape an object class takes. A point class reads a rectangle as the rectangle's centre.
POINT, RECTANGLE, EITHER = "point", "rectangle", "point or rectangle"
# How many objects of a class a level may have (in the level kinds the class belongs to).
ONE, AT_MOST_ONE, ANY = "exactly one", "at most one", "any number"

EASEL_POINT_SIZE = (32.0, 48.0)  # px, the easel drawn around a point masterpiece
PROP_KINDS = ("crate", "rack", "flat", "ladder", "sandbag", "mirror")

# What a light of each kind is like when the file leaves a property out: radius px, colour, intensity, flicker.
LIGHT_DEFAULTS = {
    "candle": (130.0, (255, 168, 92), 0.9, 0.65),
    "work_lamp": (300.0, (255, 236, 204), 1.1, 0.08),
    "bare_bulb": (200.0, (255, 222, 168), 1.0, 0.35),
    "spill": (150.0, (255, 206, 150), 0.7, 0.08),
    "house": (600.0, (255, 244, 226), 1.5, 0.0),
}


def listed(values, show: Callable = str, last: str = ", ") -> str:
    """Values as prose: 'a, b, c' (or 'a, b or c' with last=' or ')."""
    shown = [show(value) for value in values]
    if len(shown) < 2:
        return "".join(shown)
    return ", ".join(shown[:-1]) + last + shown[-1]


def a(noun: str) -> str:
    """The noun with its indefinite article: 'a spawn', 'an eye'."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def number(value) -> str:
    """A bound as people write it: 2^63-1 rather than its nineteen digits."""
    if isinstance(value, int) and value > 2**32 and (value + 1) & value == 0:
        return f"2^{(value + 1).bit_length() - 1}-1"
    return str(value) if isinstance(value, int) else f"{value:g}"


@dataclass(frozen=True)
class Property:
    """One property a map or an object class accepts."""

    name: str
    type: str  # Tiled's property type, one of TYPES
    meaning: str  # one line, for the reference
    default: object = None  # what a left-out property reads as (None: the builder decides, see default_text)
    default_text: str = ""  # the default in words, where it is not one plain value
    required: bool = False  # left out: an error
    warn_missing: bool = False  # left out: read as the default, with a warning
    choices: tuple = ()  # the values it accepts
    loose: str = ""  # if set, another value is accepted with a warning saying this ("drawn as a crate")
    low: float | None = None  # numbers: the least value
    high: float | None = None  # numbers: the greatest value
    above_low: bool = False  # numbers: `low` itself is refused (greater than, not at least)
    unit: str = ""  # numbers: what they count (px)
    newer: str = ""  # why a number above `high` is refused, when a newer game would take it
    length: tuple[int, int] | None = None  # strings: fewest and most characters, blanks trimmed
    file_of: str = ""  # files: what the file must be ("a Tiled map")
    suffixes: tuple = ()  # files: the names they may end in
    missing_file: str = ""  # files: what happens when the file is not there (a warning)

    def allowed(self, show: Callable = str) -> str:
        """What the property accepts, as the end of 'expected ...'; `show` writes one allowed value."""
        if self.type == "bool":
            return "true or false (a bool property)"
        if self.type == "color":
            return "a Tiled colour like '#ffc88c' or '#ffffc88c'"
        if self.type == "file":
            return f"the path of {self.file_of} ({listed(self.suffixes, last=' or ')})"
        if self.choices and self.loose:
            return f"a string such as {listed(self.choices, show=show)}"
        if self.choices:
            return f"one of {listed(self.choices, show=show)}"
        if self.length is not None:
            return f"a string of {self.length[0]} to {self.length[1]} characters"
        if self.type in ("int", "float"):
            return self._range()
        return "a string"

    def _range(self) -> str:
        what = "a whole number" if self.type == "int" else "a number"
        unit = f" of {self.unit}" if self.unit else ""
        if self.low == self.high:
            return f"the {what.removeprefix('a ')} {number(self.low)}"
        if self.above_low:
            return f"{what}{unit} above {number(self.low)} (at most {number(self.high)})"
        return f"{what}{unit} from {number(self.low)} to {number(self.high)}"

    def expected(self, value) -> str:
        """What an error says was expected, when `value` was found."""
        if self.newer and isinstance(value, int) and not isinstance(value, bool) and value > self.high:
            return f"{number(self.high)} or lower ({self.newer})"
        return self.allowed()


@dataclass(frozen=True)
class ObjectClass:
    """One class of object in the layer 'objects'."""

    name: str
    meaning: str  # one line, for the reference
    shape: str  # POINT, RECTANGLE or EITHER
    count: str = ANY  # ONE, AT_MOST_ONE or ANY
    kinds: tuple[str, ...] = LEVEL_KINDS  # the level kinds it belongs in; in another it is ignored, with a warning
    properties: tuple[Property, ...] = ()


MAP_PROPERTIES = (
    Property("format", "int", "this format's version; a level made for a newer game is refused", default=FORMAT_VERSION, warn_missing=True, low=1, high=FORMAT_VERSION, newer="the level needs a newer version of the game"),
    Property("kind", "string", "a backstage to explore, or the vortex the dream ends in", default="backstage", choices=LEVEL_KINDS),
    Property("seed", "int", "fills in what the map leaves out (see below)", default_text="derived from the file's name", low=0, high=2**63 - 1),
    Property("title", "string", "shown in the level list", default_text="the file's name", length=(1, 200)),
    Property(
        "vortex",
        "file",
        "(backstage levels) the vortex level it leads to, a path relative to the map that stays inside its folder; "
        "one missing or not a vortex level stops the game from starting it",
        default_text="`vortex.tmj` beside the map, else one generated from the seed",
        file_of="a Tiled map",
        suffixes=MAP_SUFFIXES,
        missing_file="the game will not start the level until it is there",
    ),
)

_LIGHT_DEFAULT = "the kind's"
LIGHT_PROPERTIES = (
    Property("kind", "string", "what kind of light it is: the properties left out take the kind's values (below)", default="work_lamp", choices=LIGHT_KINDS),
    Property("radius", "float", "how far it reaches", default_text=_LIGHT_DEFAULT, low=0, high=MAX_TILES_SIDE * TILE_SIZE, above_low=True, unit="px"),
    Property("color", "color", "its colour (the alpha is ignored)", default_text=_LIGHT_DEFAULT),
    Property("intensity", "float", "how bright it is", default_text=_LIGHT_DEFAULT, low=0, high=2),
    Property("flicker", "float", "how much its brightness wanders", default_text=_LIGHT_DEFAULT, low=0, high=1),
)

PROP_PROPERTIES = (
    Property("kind", "string", "what it looks like", default="crate", choices=PROP_KINDS, loose="drawn as a crate"),
    Property("movable", "bool", "whether the dreamer can push it (a fixed one blocks the way)", default=False),
    Property("casts_shadow", "bool", "whether it casts a shadow", default=True),
)

OBJECT_CLASSES = (
    ObjectClass("spawn", "where the dreamer wakes", POINT, ONE),
    ObjectClass(
        "masterpiece",
        f"the easel (a point gets a {EASEL_POINT_SIZE[0]:g} × {EASEL_POINT_SIZE[1]:g} px easel around it); "
        f"it must be reachable: a walkable cell within {EASEL_REACH:g} px of it",
        EITHER,
        ONE,
        kinds=("backstage",),
    ),
    ObjectClass("light", "a light; what it leaves out, its kind fills in", POINT, properties=LIGHT_PROPERTIES),
    ObjectClass(
        "tool",
        f"a tool on the floor; it must be reachable from the spawn (a walkable cell within {TOOL_REACH:g} px of it)",
        POINT,
        properties=(Property("tool", "string", "which tool it is", required=True, choices=TOOL_IDS),),
    ),
    ObjectClass("prop", "a box standing on the floor", RECTANGLE, properties=PROP_PROPERTIES),
    ObjectClass("curtain", "the stage curtain, the hall beyond it", RECTANGLE, AT_MOST_ONE),
    ObjectClass(
        "sign",
        "a glow-tape arrow on the floor showing the way to the stage; a map with none gets them in its doorways and wherever no arrow would be in sight",
        POINT,
        kinds=("backstage",),
        properties=(Property("angle", "float", "which way it points, in degrees: 0 east, 90 north", default_text="toward the easel, worked out from the map", low=-360, high=360),),
    ),
    ObjectClass("eye", "the calm centre of the vortex", POINT, ONE, kinds=("vortex",)),
)
CLASSES = {cls.name: cls for cls in OBJECT_CLASSES}
