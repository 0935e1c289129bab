"""Walkable floor: simple cells, flood fills, wall outlines, and the command's usage errors."""

from __future__ import annotations

from game.level import commands
from game.level.model import Level, PropSpec
from game.level.reach import free_grid, is_simple, occluder_edges, playability_problems, wall_edge_count


def grid(rows: list[str]) -> list[bytearray]:
    """Top row first, '.' free; returned bottom-up like a level's."""
    return [bytearray(ch == "." for ch in row) for row in reversed(rows)]


def test_a_cell_in_the_middle_of_a_passage_is_not_simple():
    free = grid(["#####", "#...#", "#####"])
    assert not is_simple(free, 2, 1)  # taking it cuts the passage in two
    assert is_simple(free, 1, 1)  # the dead end's last cell is fine


def test_a_cell_in_an_open_room_is_simple_and_a_walled_in_one_is_left_alone():
    room = grid(["#####", "#...#", "#...#", "#...#", "#####"])
    assert is_simple(room, 2, 2) and is_simple(room, 1, 1)
    assert not is_simple(grid(["###", "#.#", "###"]), 1, 1)


def test_a_corner_joining_two_edges_keeps_the_ring_whole():
    free = grid(["####", "#..#", "#..#", "####"])
    assert is_simple(free, 1, 1)  # its free neighbours (right, up, and the corner between) stay joined
    diagonal = grid(["#.#", "...", "#.#"])
    assert not is_simple(diagonal, 1, 1)  # a crossroads: four ways that meet only through it


def test_wall_outline_edges():
    box = Level.from_ascii(["#####", "#S..#", "#...#", "#####"])
    assert wall_edge_count(box) == 4
    pillar = Level.from_ascii(["#######", "#S....#", "#..#..#", "#.....#", "#######"])
    assert wall_edge_count(pillar) == 8
    crate = PropSpec(80.0, 48.0, 20.0, 20.0)
    from dataclasses import replace

    assert occluder_edges(replace(pillar, props=(crate,))) == 12


def test_props_block_walking_but_movable_ones_only_when_asked():
    level = Level.from_ascii(["#######", "#S#..M#", "#.c...#", "#######"])
    assert playability_problems(level) == []  # the crate can be pushed
    assert playability_problems(level, movable_block=True)  # with it as a wall the easel is shut off
    assert free_grid(level)[1][2] == 0 and free_grid(level, movable_block=False)[1][2] == 1


def test_level_commands_usage_errors_are_exit_2_one_line(capsys):
    assert commands.main([]) == 2
    assert commands.main(["export", "--size", "huge", "x.tmj"]) == 2
    assert commands.main(["export", "--seed", "-1", "x.tmj"]) == 2
    assert commands.main(["check"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 4 and all("flawed level" in line for line in err)
    assert "expected small, medium or large" in err[1]
    assert commands.main(["--help"]) == 0


def test_export_to_a_bad_name_is_exit_2(tmp_path, capsys):
    assert commands.main(["export", str(tmp_path / "x.txt")]) == 2
    assert "expected .tmj, .json or .tmx" in capsys.readouterr().err


def test_preview_hands_the_loaded_level_to_the_renderer(tmp_path, monkeypatch, capsys):
    """The command's wiring, with a stand-in for game.render.snapshot (the real one is tested end to end)."""
    import sys
    import types
    from pathlib import Path

    calls = []
    fake = types.ModuleType("game.render.snapshot")
    fake.render_level_png = lambda level, path, size: calls.append((level, path, size)) or Path(path).write_bytes(b"png")
    monkeypatch.setitem(sys.modules, "game.render.snapshot", fake)
    levels = Path(__file__).resolve().parents[3] / "levels"
    out = tmp_path / "p.png"
    assert commands.main(["preview", str(levels / "long_wing.tmj"), str(out)]) == 0
    (level, path, size), = calls
    assert level.title == "The Long Wing" and str(path) == str(out) and size == (1280, 720)
    assert commands.main(["preview", str(levels / "long_wing.tmj"), str(tmp_path / "p.jpg")]) == 2
    assert "expected a .png" in capsys.readouterr().err
