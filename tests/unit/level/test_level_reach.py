"""Walkable floor: simple cells, flood fills, wall outlines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.level.model import Level, PropSpec
from game.level.reach import distances, free_grid, is_simple, occluder_edges, playability_problems, reached, wall_edge_count


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


def test_the_fill_by_runs_joins_runs_only_where_they_share_a_column():
    free = grid(["..#..", "#..#.", "...#.", "####."])
    got = reached(free, (0, 1))
    assert [list(row) for row in got[::-1]] == [
        [True, True, False, False, False],  # the top right pair touches the others only at a corner
        [False, True, True, False, False],
        [True, True, True, False, False],
        [False, False, False, False, False],
    ]
    assert reached(free, (4, 0)).sum() == 5 and not reached(free, (3, 0)).any()  # from the column on the right; from a wall


@given(st.integers(1, 12), st.integers(1, 12), st.lists(st.booleans(), min_size=144, max_size=144), st.lists(st.tuples(st.integers(-1, 12), st.integers(-1, 12)), min_size=1, max_size=3))
def test_the_fill_by_runs_reaches_what_the_step_by_step_fill_reaches(width, height, cells, starts):
    free = [bytearray(cells[row * 12 : row * 12 + width]) for row in range(height)]
    assert [list(row) for row in reached(free, *starts)] == [[steps >= 0 for steps in row] for row in distances(free, *starts)]


@given(st.integers(1, 12), st.integers(1, 12), st.lists(st.booleans(), min_size=144, max_size=144), st.lists(st.tuples(st.integers(-1, 12), st.integers(-1, 12)), min_size=1, max_size=3))
def test_each_cell_is_one_step_further_than_its_nearest_neighbour(width, height, cells, starts):
    free = [bytearray(cells[row * 12 : row * 12 + width]) for row in range(height)]
    dist = distances(free, *starts)
    starts = {(c, r) for c, r in starts if 0 <= c < width and 0 <= r < height and free[r][c]}
    for r in range(height):
        for c in range(width):
            beside = [dist[r + dr][c + dc] for dc, dr in ((1, 0), (-1, 0), (0, 1), (0, -1)) if 0 <= c + dc < width and 0 <= r + dr < height and dist[r + dr][c + dc] >= 0]
            if not free[r][c]:
                assert dist[r][c] == -1
            elif (c, r) in starts:
                assert dist[r][c] == 0
            else:
                assert dist[r][c] == (min(beside) + 1 if beside else -1)
