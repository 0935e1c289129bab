"""The level list shows every level file; a broken one is an entry with its error, never a crash."""

from __future__ import annotations

import types

import pytest

from game.errors import LevelError
from game.settings import Settings


@pytest.fixture
def folders(tmp_path):
    shipped, yours = tmp_path / "shipped", tmp_path / "yours"
    shipped.mkdir()
    yours.mkdir()
    (shipped / "fine.tmj").write_text("{}", encoding="utf-8")
    (yours / "broken.tmj").write_text("{", encoding="utf-8")
    (yours / "explodes.tmx").write_text("<map/>", encoding="utf-8")
    (yours / "notes.txt").write_text("not a level", encoding="utf-8")
    return shipped, yours


@pytest.fixture
def fake_loader(monkeypatch):
    def load_level(path):
        if path.name == "broken.tmj":
            raise LevelError([f"{path}:1:2: unexpected end of file; expected a JSON object", f"{path}: no spawn"])
        if path.name == "explodes.tmx":
            raise ZeroDivisionError("a bug in the loader")
        return types.SimpleNamespace(title="A fine room")

    monkeypatch.setattr("game.views.levels.load_level", load_level)


def test_broken_levels_are_entries_with_their_errors(folders, fake_loader):
    from game.views.levels import find_levels

    entries = {entry.path.name: entry for entry in find_levels(*folders)}
    assert set(entries) == {"fine.tmj", "broken.tmj", "explodes.tmx"}
    assert entries["fine.tmj"].playable and entries["fine.tmj"].title == "A fine room"
    assert entries["broken.tmj"].problems[0].endswith("expected a JSON object")
    assert len(entries["broken.tmj"].problems) == 2
    assert not entries["explodes.tmx"].playable and "ZeroDivisionError" in entries["explodes.tmx"].problems[0]
    assert entries["broken.tmj"].origin == "yours" and entries["fine.tmj"].origin == "shipped"


def test_the_level_list_screen_shows_errors_and_plays_the_good_one(window, folders, fake_loader, tmp_path, monkeypatch):
    from game.sim.actions import Button
    from game.views.levels import LevelsView
    from game.views.shell import Shell

    monkeypatch.setenv("FLAWED_CONFIG_DIR", str(tmp_path / "config"))
    shell = Shell(window, Settings(photosensitivity_acknowledged=True), [])
    started = []
    shell.new_game = lambda seed=None, level=None: started.append(level)
    view = LevelsView(shell, *folders)
    window.show_view(view)
    labels = [item.text() for item in view.menu.items]
    assert any("broken.tmj" in label and "cannot be played" in label for label in labels)
    while view.menu.focused.name != "broken.tmj":
        view.on_action(Button.MENU_DOWN)
    assert "expected a JSON object" in view.menu.focused.hint and "+1 more" in view.menu.focused.hint
    view.on_action(Button.MENU_CONFIRM)
    assert started == []  # a broken level does not start
    view.on_draw()
    while view.menu.focused.name != "fine.tmj":
        view.on_action(Button.MENU_DOWN)
    view.on_action(Button.MENU_CONFIRM)
    assert started and started[0].name == "fine.tmj"


def test_missing_folders_give_an_empty_list(tmp_path):
    from game.views.levels import find_levels

    assert find_levels(tmp_path / "nope", tmp_path / "nor-this") == []


def test_the_shipped_levels_all_appear(tmp_path):
    from game.resources import shipped_levels
    from game.views.levels import LEVEL_SUFFIXES, find_levels

    shipped = [p for p in shipped_levels().iterdir() if p.suffix in LEVEL_SUFFIXES]
    entries = find_levels(yours=tmp_path)
    assert len(entries) == len(shipped) >= 4
    assert all(entry.playable for entry in entries)


def test_the_real_loader_turns_a_broken_file_into_an_entry(tmp_path):
    from game.views.levels import find_levels

    (tmp_path / "half.tmj").write_text('{"width": 10, "height": ', encoding="utf-8")
    (tmp_path / "wrong.json").write_text('{"hello": "world"}', encoding="utf-8")
    entries = find_levels(tmp_path / "none", tmp_path)
    assert [e.path.name for e in entries] == ["half.tmj", "wrong.json"]
    assert all(not e.playable and e.problems for e in entries)
    assert "half.tmj" in entries[0].problems[0]
