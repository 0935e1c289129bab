"""The format's tables: the checker enforces every range, choice and count they state, and levels/README.md prints them."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

from game.errors import LevelError
from game.level import reference
from game.level.schema import ANY, AT_MOST_ONE, CLASSES, EITHER, MAP_PROPERTIES, OBJECT_CLASSES, ONE, POINT, RECTANGLE, TYPES, ObjectClass, Property
from game.level.tiled import load_level

LEVELS = Path(__file__).resolve().parents[3] / "levels"


def test_the_readme_reference_is_what_the_tables_render():
    text = reference.README.read_text(encoding="utf-8")
    assert reference.BEGIN in text and reference.END in text
    assert reference.updated(text) == text, "levels/README.md is out of date: run python -m game.level.reference"


def test_a_readme_without_the_markers_is_refused():
    with pytest.raises(ValueError, match="no reference section"):
        reference.updated("# Levels\n")


def test_every_class_and_property_is_in_the_reference():
    section = reference.render()
    for cls in OBJECT_CLASSES:
        assert cls.shape in (POINT, RECTANGLE, EITHER) and cls.count in (ONE, AT_MOST_ONE, ANY)
        assert f"| `{cls.name}` | {cls.shape} |" in section
        for prop in cls.properties:
            assert prop.type in TYPES
            assert f"| `{cls.name}` | `{prop.name}` | {prop.type} |" in section
    for prop in MAP_PROPERTIES:
        assert prop.type in TYPES
        assert f"| `{prop.name}` | {prop.type} |" in section


# -- maps made to order from the README's worked example ------------------------------------------------


def objects(data) -> list:
    return data["layers"][1]["objects"]


def set_map_property(data, name: str, value) -> None:
    data["properties"] = [p for p in data["properties"] if p["name"] != name] + [{"name": name, "type": "string", "value": value}]


def good_value(prop: Property):
    """A value the property accepts."""
    if prop.choices:
        return prop.choices[0]
    if prop.type == "bool":
        return True
    if prop.type == "color":
        return "#ff8040"
    if prop.length is not None:
        return "x" * prop.length[0]
    if prop.suffixes:
        return "beside" + prop.suffixes[0]
    return prop.high  # numbers: the top of the range is allowed


def outside(prop: Property) -> list:
    """Values of the right type the property refuses: past each end of its range, off its list, the wrong length or suffix."""
    values = []
    if prop.choices and not prop.loose:
        values.append("no_such_" + prop.name)
    if prop.loose:
        values.append("")
    if prop.low is not None:
        values.append(prop.low if prop.above_low else prop.low - (1 if prop.type == "int" else 0.5))
    if prop.high is not None:
        values.append(prop.high + (1 if prop.type == "int" else 0.5))
    if prop.length is not None:
        values += [" " * prop.length[0], "x" * (prop.length[1] + 1)]
    if prop.suffixes:
        values.append("elsewhere.txt")
    return values


def add_object(data, cls: ObjectClass, oid: int, **props) -> dict:
    """An object of the class, of the shape it takes, with a good value for each required property."""
    obj = {"id": oid, "name": f"a {cls.name}", "type": cls.name, "x": 100, "y": 100, "width": 40, "height": 30}
    if cls.shape == POINT:
        obj.update(point=True, width=0, height=0)
    values = {prop.name: good_value(prop) for prop in cls.properties if prop.required}
    values.update(props)
    obj["properties"] = [{"name": name, "type": "string", "value": value} for name, value in values.items()]
    objects(data).append(obj)
    return obj


def level_kind_for(data, cls: ObjectClass) -> None:
    """Make the map a level of a kind the class belongs in."""
    if "backstage" not in cls.kinds:
        set_map_property(data, "kind", cls.kinds[0])
        if cls.name != "eye":
            add_object(data, CLASSES["eye"], 90)


def problems(data, write_map) -> list[str]:
    try:
        load_level(write_map(data))
    except LevelError as error:
        return error.problems
    return []


# -- ranges, choices, lengths ---------------------------------------------------------------------------

MAP_CASES = [(prop, value) for prop in MAP_PROPERTIES for value in outside(prop)]
OBJECT_CASES = [(cls, prop, value) for cls in OBJECT_CLASSES for prop in cls.properties for value in outside(prop)]


@pytest.mark.parametrize("prop, value", MAP_CASES, ids=[f"{p.name}={v!r:.20}" for p, v in MAP_CASES])
def test_a_map_property_outside_its_range_is_refused_by_name(prop, value, tiny_map, write_map):
    set_map_property(tiny_map, prop.name, value)
    found = problems(tiny_map, write_map)
    assert any(f"map: property {prop.name!r}: found" in line for line in found), found


@pytest.mark.parametrize("cls, prop, value", OBJECT_CASES, ids=[f"{c.name}.{p.name}={v!r:.20}" for c, p, v in OBJECT_CASES])
def test_an_object_property_outside_its_range_is_refused_by_name(cls, prop, value, tiny_map, write_map):
    level_kind_for(tiny_map, cls)
    add_object(tiny_map, cls, 40, **{prop.name: value})
    found = problems(tiny_map, write_map)
    assert any(f"object 40 'a {cls.name}' ({cls.name}): property {prop.name!r}: found" in line for line in found), found


@pytest.mark.parametrize("prop", MAP_PROPERTIES, ids=lambda p: p.name)
def test_a_map_property_of_the_wrong_type_is_refused_and_a_good_one_taken(prop, tiny_map, write_map, level_folder):
    set_map_property(tiny_map, prop.name, [1])
    assert any(f"map: property {prop.name!r}: found a list of 1, expected {prop.allowed()}" in line for line in problems(tiny_map, write_map))
    set_map_property(tiny_map, prop.name, good_value(prop))
    if prop.type == "file":  # a file property names a file that is there: the shipped vortex level
        shutil.copy(LEVELS / "vortex.tmj", level_folder / good_value(prop))
    assert not any(f"property {prop.name!r}" in line for line in problems(tiny_map, write_map))


@pytest.mark.parametrize("cls, prop", [(c, p) for c in OBJECT_CLASSES for p in c.properties], ids=lambda x: x.name)
def test_an_object_property_of_the_wrong_type_is_refused_and_a_good_one_taken(cls, prop, tiny_map, write_map):
    wrong = copy.deepcopy(tiny_map)
    level_kind_for(wrong, cls)
    add_object(wrong, cls, 40, **{prop.name: [1]})
    assert any(f"property {prop.name!r}: found a list of 1, expected {prop.allowed()}" in line for line in problems(wrong, write_map))
    level_kind_for(tiny_map, cls)
    add_object(tiny_map, cls, 40, **{prop.name: good_value(prop)})
    assert not any(f"property {prop.name!r}" in line for line in problems(tiny_map, write_map))


def test_a_loose_choice_outside_the_list_is_only_a_warning(tiny_map, write_map):
    loose = [(cls, prop) for cls in OBJECT_CLASSES for prop in cls.properties if prop.loose]
    assert loose, "the prop kind is the loose one"
    for index, (cls, prop) in enumerate(loose):
        add_object(tiny_map, cls, 40 + index, **{prop.name: "unheard_of"})
    level = load_level(write_map(tiny_map))
    for cls, prop in loose:
        assert any(f"property {prop.name!r}: unknown {cls.name} {prop.name} 'unheard_of', {prop.loose}" in w for w in level.warnings)


def test_a_required_property_left_out_is_refused(tiny_map, write_map):
    required = [(cls, prop) for cls in OBJECT_CLASSES for prop in cls.properties if prop.required]
    assert required
    for index, (cls, prop) in enumerate(required):
        obj = add_object(tiny_map, cls, 40 + index)
        obj["properties"] = [p for p in obj["properties"] if p["name"] != prop.name]
    found = problems(tiny_map, write_map)
    for cls, prop in required:
        assert any(f"({cls.name}): property {prop.name!r}: found nothing, expected {prop.allowed()}" in line for line in found), found


# -- shapes and counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [c for c in OBJECT_CLASSES if c.shape == RECTANGLE], ids=lambda c: c.name)
def test_a_rectangle_class_refuses_a_point(cls, tiny_map, write_map):
    level_kind_for(tiny_map, cls)
    add_object(tiny_map, cls, 40).update(point=True, width=0, height=0)
    assert any(f"object 40 'a {cls.name}' ({cls.name}): found a point, expected a rectangle" in line for line in problems(tiny_map, write_map))


COUNTED = [c for c in OBJECT_CLASSES if c.count in (ONE, AT_MOST_ONE)]


@pytest.mark.parametrize("cls", COUNTED, ids=lambda c: c.name)
def test_two_of_a_one_of_a_kind_class_are_refused(cls, tiny_map, write_map):
    level_kind_for(tiny_map, cls)
    objects(tiny_map)[:] = [o for o in objects(tiny_map) if o["type"] != cls.name]
    add_object(tiny_map, cls, 40)
    add_object(tiny_map, cls, 41)
    found = problems(tiny_map, write_map)
    assert any(f"found 2 {cls.name} objects (ids 40, 41), expected {cls.count}" in line for line in found), found


@pytest.mark.parametrize("cls", [c for c in OBJECT_CLASSES if c.count == ONE], ids=lambda c: c.name)
def test_none_of_an_exactly_one_class_is_refused(cls, tiny_map, write_map):
    """A backstage without a masterpiece, any level without a spawn, a vortex without an eye."""
    level_kind_for(tiny_map, cls)
    objects(tiny_map)[:] = [o for o in objects(tiny_map) if o["type"] != cls.name]
    found = problems(tiny_map, write_map)
    assert any(f"found no {cls.name} object, expected exactly one" in line for line in found), found


@pytest.mark.parametrize("cls", [c for c in OBJECT_CLASSES if c.count == AT_MOST_ONE], ids=lambda c: c.name)
def test_at_most_one_may_be_left_out(cls, tiny_map, write_map):
    objects(tiny_map)[:] = [o for o in objects(tiny_map) if o["type"] != cls.name]
    assert problems(tiny_map, write_map) == []
