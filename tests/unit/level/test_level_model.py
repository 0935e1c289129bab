"""The level's own data: wall tiles merged into rectangles."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.level.model import merge_cells


def test_walls_merge_row_by_row_into_the_widest_then_tallest_rectangles():
    grid = ((True, True, False), (True, True, True), (False, True, True))  # row 0 at the bottom
    assert merge_cells(grid) == [(0, 0, 2, 2), (2, 1, 1, 2), (1, 2, 1, 1)]  # a rectangle grows up before the next row starts


@given(st.integers(1, 10), st.integers(0, 10), st.lists(st.booleans(), min_size=100, max_size=100))
def test_the_rectangles_cover_every_wall_cell_once_and_no_floor(width, height, cells):
    grid = tuple(tuple(cells[row * 10 : row * 10 + width]) for row in range(height))
    covered = [(c, r) for col, row, cols, rows in merge_cells(grid) for r in range(row, row + rows) for c in range(col, col + cols)]
    assert sorted(covered) == sorted((c, r) for r in range(height) for c in range(width) if grid[r][c])
