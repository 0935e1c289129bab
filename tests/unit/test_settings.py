"""Settings survive a round trip, a corrupt file and an interrupted write."""

from __future__ import annotations

import json
import os

import pytest

from game import storage
from game.settings import Settings, settings_path


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FLAWED_CONFIG_DIR", str(tmp_path))
    return tmp_path


def test_round_trip_keeps_every_field(config_dir):
    settings = Settings(
        master_volume=0.3, music_volume=0.1, effects_volume=1.0, fullscreen=True, reduce_flicker=True,
        reduce_motion=True, screen_shake="reduced", captions=False, text_size=150, game_speed=60,
        photosensitivity_acknowledged=True,
    )
    settings.rebind("move_left", "j")
    settings.save()
    assert settings_path().parent == config_dir
    loaded, warnings = Settings.load()
    assert warnings == []
    assert loaded == settings
    assert loaded.keys_for("move_left") == ("J",)
    assert loaded.sim_settings().reduce_flicker and loaded.sim_settings().reduce_motion


def test_no_file_gives_defaults_and_no_warning():
    settings, warnings = Settings.load()
    assert settings == Settings() and warnings == []
    assert settings.captions is True  # captions are on unless the player turns them off


def test_a_corrupt_file_gives_defaults_a_backup_and_one_warning(config_dir):
    path = settings_path()
    path.write_text('{"master_volume": 0.2, "captions": fal', encoding="utf-8")
    settings, warnings = Settings.load()
    assert settings == Settings()
    assert len(warnings) == 1 and "settings.json" in warnings[0] and ".bak" in warnings[0]
    backup = path.with_name("settings.json.bak")
    assert backup.read_text(encoding="utf-8").startswith('{"master_volume": 0.2')
    assert not path.exists()


def test_json_that_is_not_an_object_is_set_aside_too():
    settings_path().write_text("[1, 2, 3]", encoding="utf-8")
    settings, warnings = Settings.load()
    assert settings == Settings() and len(warnings) == 1
    assert settings_path().with_name("settings.json.bak").exists()


def test_a_bad_value_falls_back_alone_with_a_warning_naming_it():
    settings_path().write_text(json.dumps({"game_speed": 20, "text_size": 150, "screen_shake": "wild"}), encoding="utf-8")
    settings, warnings = Settings.load()
    assert settings.game_speed == 100 and settings.text_size == 150 and settings.screen_shake == "full"
    assert len(warnings) == 2
    assert any("game_speed" in w and "20" in w for w in warnings)


@pytest.mark.parametrize("failing", ["os.replace", "os.fsync"])
def test_an_interrupted_write_leaves_the_old_file_intact(monkeypatch, failing):
    Settings(master_volume=0.25).save()
    before = settings_path().read_bytes()

    def crash(*args, **kwargs):
        raise OSError("the power went out")

    with monkeypatch.context() as patch:
        patch.setattr(storage.os, failing.split(".")[1], crash)
        with pytest.raises(OSError):
            Settings(master_volume=0.75, captions=False).save()
    assert settings_path().read_bytes() == before
    assert Settings.load()[0].master_volume == 0.25
    leftovers = [name for name in os.listdir(settings_path().parent) if name != "settings.json"]
    assert leftovers == [], f"the half-written temp file was left behind: {leftovers}"


def test_a_remap_replaces_the_keys_of_that_binding_only():
    from game.input import key_code

    settings = Settings()
    settings.rebind("move_right", "L")
    bindings = settings.bindings()
    assert "move_right" in bindings.bindings_for(key_code("L"))
    assert "move_right" not in bindings.bindings_for(key_code("D"))
    assert "move_left" in bindings.bindings_for(key_code("A"))
    with pytest.raises(ValueError):
        settings.rebind("fly", "K")


def test_one_bad_key_binding_keeps_every_other_remap():
    settings, warnings = Settings.from_json({"key_bindings": {"interact": ["G"], "use_tool": ["NO_SUCH_KEY"], "call_help": ["J"], "jump": ["K"]}})
    assert settings.key_bindings == {"interact": ["G"], "call_help": ["J"]}
    assert len(warnings) == 2 and any("use_tool" in w for w in warnings) and any("jump" in w for w in warnings)


def test_bindings_that_collide_are_refused_in_the_file_and_in_the_game():
    settings, warnings = Settings.from_json({"key_bindings": {"interact": ["ESCAPE"], "use_tool": ["ESCAPE"]}})
    assert "interact" not in settings.key_bindings and "use_tool" not in settings.key_bindings  # Esc pauses
    assert len(warnings) == 2 and all("already does 'pause'" in w for w in warnings)
    ok, _ = Settings.from_json({"key_bindings": {"interact": ["G"], "use_tool": ["G"]}})
    assert ok.key_bindings == {"interact": ["G"]}  # the first keeps it, the second would collide
    with pytest.raises(ValueError, match="already does 'interact'"):
        ok.rebind("breathe", "G")
    ok.rebind("menu_confirm", "G")  # a menu key may share a key with the game's
    assert ok.keys_for("menu_confirm") == ("G",)


# -- hostile settings files: each set aside as .bak with one warning, never a hang or a traceback ----

HOSTILE = [
    ("a number of 5000 digits", lambda path: path.write_text('{"master_volume": ' + "9" * 5000 + "}"), "found a number of more than 4300 digits"),
    ("nested 100,000 deep", lambda path: path.write_text("[" * 100_000 + "]" * 100_000), "found 100000 objects and lists, expected at most 10000"),
    ("nested 5,000 deep", lambda path: path.write_text("[" * 5_000 + "]" * 5_000), "nested too deeply"),
    ("nested past the limit", lambda path: path.write_text('{"key_bindings": ' + "[" * 40 + "]" * 40 + "}"), "nested more than 16 levels deep"),
    ("too big", lambda path: path.open("wb").truncate(2 * 1024 * 1024), "found 2097152 bytes, expected at most 1048576 (1 MiB)"),
    ("not UTF-8", lambda path: path.write_bytes(b'{"captions": "\xff"}'), "not UTF-8"),
    ("a pipe", lambda path: os.mkfifo(path), "found a pipe (FIFO), expected a regular file"),
    ("a link to /dev/zero", lambda path: path.symlink_to("/dev/zero"), "found a device, expected a regular file"),
    ("a folder", lambda path: path.mkdir(), "found a folder, expected a regular file"),
    ("NaN", lambda path: path.write_text('{"master_volume": NaN}'), "found NaN, expected a finite number"),
]


@pytest.mark.parametrize("make, said", [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE])
def test_a_hostile_settings_file_is_set_aside_with_one_warning(make, said):
    path = settings_path()
    make(path)
    settings, warnings = Settings.load()
    assert settings == Settings()
    assert len(warnings) == 1 and said in warnings[0] and "settings.json.bak" in warnings[0], warnings
    assert "\n" not in warnings[0] and len(warnings[0]) < 300
    assert not os.path.lexists(path) and os.path.lexists(path.with_name("settings.json.bak"))
    assert Settings.load() == (Settings(), [])  # the next start is clean: the game got past it


def test_a_byte_order_mark_is_read_not_called_corrupt():
    settings_path().write_bytes(b"\xef\xbb\xbf" + json.dumps({"master_volume": 0.3, "captions": False}).encode())
    settings, warnings = Settings.load()
    assert warnings == [] and settings.master_volume == 0.3 and settings.captions is False


def test_a_huge_value_is_named_briefly():
    settings_path().write_text(json.dumps({"screen_shake": "x" * 100_000, "text_size": [[[[[1]]]]]}))
    settings, warnings = Settings.load()
    assert settings == Settings() and len(warnings) == 2
    assert all(len(warning) < 200 for warning in warnings), warnings


def test_a_save_that_cannot_be_written_says_so_and_keeps_the_old_file(monkeypatch):
    Settings(master_volume=0.25).save()

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", full)
    with pytest.raises(OSError):
        Settings(master_volume=0.9).save()
    assert Settings.load()[0].master_volume == 0.25


# Values each setting refuses, named here and not read from the checks' table, so a check that
# slips (a volume up to 10, a speed of 20 %) fails here.
REFUSED = {
    "master_volume": [1.01, -0.01, True, "loud", None],
    "music_volume": [1.5, -1, False],
    "effects_volume": [2, -0.5, "0.5"],
    "fullscreen": [1, "true", None],
    "reduce_flicker": [0, "yes"],
    "reduce_motion": [1, "no"],
    "captions": [0, "on"],
    "photosensitivity_acknowledged": [1, "ok"],
    "screen_shake": ["wild", "", True, 1],
    "text_size": [110, 99, 250, True, "150"],
    "game_speed": [49, 101, 70.0, True, "80"],
}


def test_every_setting_is_refused_outside_what_it_accepts_and_only_it_falls_back():
    from game.settings import CHECKS

    assert set(REFUSED) == set(CHECKS), "a new setting needs its refused values here"
    chosen = Settings(master_volume=0.3, music_volume=0.2, effects_volume=0.1, text_size=150, game_speed=70, screen_shake="reduced")
    for name, values in REFUSED.items():
        for value in values:
            data = {**chosen.to_json(), name: value}
            settings, warnings = Settings.from_json(data)
            assert getattr(settings, name) == getattr(Settings(), name), f"{name}={value!r} was taken"
            assert len(warnings) == 1 and name in warnings[0], (name, value, warnings)
            others = {key: getattr(settings, key) for key in REFUSED if key != name}
            assert others == {key: getattr(chosen, key) for key in REFUSED if key != name}  # the rest kept
    edges = Settings.from_json({"master_volume": 1.0, "music_volume": 0.0, "game_speed": 50, "text_size": 200})
    assert edges[1] == [] and edges[0].master_volume == 1.0 and edges[0].game_speed == 50  # the ends are in range
