"""Pictures kept in the cache: painted once, loaded after, and never trusted over a fresh painting when the file is bad."""

from __future__ import annotations

import io
import os

import numpy as np
import pytest

from game.render.keep import picture_path
from game.render.masterpiece import paint_tapestry, tapestry_in_steps
from game.render.tiles import tile_atlas

SEED, SIZE = 5, 48  # a small masterpiece: quick to paint


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FLAWED_CACHE_DIR", str(tmp_path))
    return tmp_path


def kept_file(cache):
    (path,) = (cache / "pictures").iterdir()
    return path


def npy(pixels) -> bytes:
    out = io.BytesIO()
    np.save(out, pixels)
    return out.getvalue()


def test_a_picture_is_painted_once_then_loaded_from_the_cache(cache):
    painted = paint_tapestry(SEED, SIZE)
    path = kept_file(cache)
    assert path == picture_path(tapestry_in_steps.__wrapped__, (SEED, SIZE))
    assert np.array_equal(np.load(path), painted)
    marked = np.zeros_like(painted)
    path.write_bytes(npy(marked))  # what is kept is what is shown: nothing is painted again
    assert np.array_equal(paint_tapestry(SEED, SIZE), marked)


def test_a_picture_is_kept_apart_from_another_arguments_and_the_same_with_its_defaults(cache):
    from game.render.masterpiece import SIZE as FULL

    assert picture_path(tapestry_in_steps.__wrapped__, (SEED, SIZE)) != picture_path(tapestry_in_steps.__wrapped__, (SEED + 1, SIZE))
    assert picture_path(tapestry_in_steps.__wrapped__, (SEED, SIZE)) != picture_path(tile_atlas.__wrapped__, (SEED, SIZE))
    paint_tapestry(SEED)
    assert kept_file(cache) == picture_path(tapestry_in_steps.__wrapped__, (SEED, FULL))


@pytest.mark.parametrize("bad", [b"", b"not a picture", b"\x93NUMPY\x01\x00" + b"\xff" * 40, "cut short"])
def test_a_bad_kept_file_is_painted_afresh_and_replaced(cache, bad):
    fresh = paint_tapestry(SEED, SIZE)
    path = kept_file(cache)
    path.write_bytes(npy(fresh)[:100] if bad == "cut short" else bad)
    assert np.array_equal(paint_tapestry(SEED, SIZE), fresh)
    assert np.array_equal(np.load(path), fresh)


def test_a_pickle_in_the_cache_is_never_unpickled(cache):
    fresh = paint_tapestry(SEED, SIZE)
    path = kept_file(cache)
    out = io.BytesIO()
    np.save(out, np.array([{"not": "pixels"}], dtype=object), allow_pickle=True)
    path.write_bytes(out.getvalue())
    assert np.array_equal(paint_tapestry(SEED, SIZE), fresh)


def test_a_cache_that_cannot_be_written_only_costs_the_painting(tmp_path, monkeypatch):
    blocked = tmp_path / "a file where the folder should be"
    blocked.write_text("")
    monkeypatch.setenv("FLAWED_CACHE_DIR", str(blocked))
    first = paint_tapestry(SEED, SIZE)
    assert np.array_equal(paint_tapestry(SEED, SIZE), first)
    if os.name == "posix" and os.geteuid() != 0:  # root writes anywhere
        folder = tmp_path / "read only"
        folder.mkdir(mode=0o500)
        monkeypatch.setenv("FLAWED_CACHE_DIR", str(folder))
        assert np.array_equal(paint_tapestry(SEED, SIZE), first)


def test_the_cache_keeps_under_its_size_letting_the_pictures_used_least_lately_go(cache, monkeypatch):
    import game.render.keep as keep

    first = paint_tapestry(SEED, SIZE)
    size = kept_file(cache).stat().st_size
    monkeypatch.setattr(keep, "MAX_KEPT_BYTES", 2 * size)
    old = time_travel(kept_file(cache), -100)
    paint_tapestry(SEED + 1, SIZE)
    time_travel(cache / "pictures" / picture_path(tapestry_in_steps.__wrapped__, (SEED + 1, SIZE)).name, -50)
    assert np.array_equal(paint_tapestry(SEED, SIZE), first)  # read again: now the latest used
    assert os.stat(old).st_mtime > os.stat(picture_path(tapestry_in_steps.__wrapped__, (SEED + 1, SIZE))).st_mtime
    paint_tapestry(SEED + 2, SIZE)  # three pictures, room for two: the one used least lately goes
    kept = {path.name for path in (cache / "pictures").iterdir()}
    assert kept == {picture_path(tapestry_in_steps.__wrapped__, (seed, SIZE)).name for seed in (SEED, SEED + 2)}


def time_travel(path, seconds: float):
    stat = os.stat(path)
    os.utime(path, (stat.st_atime + seconds, stat.st_mtime + seconds))
    return path
