"""`flawed level ...`: usage errors are one line and exit 2; the commands hand their work to the level room."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

from game.commands import level as commands

LEVELS = Path(__file__).resolve().parents[3] / "levels"


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
    calls = []
    fake = types.ModuleType("game.render.snapshot")
    fake.render_level_png = lambda level, path: calls.append((level, path)) or Path(path).write_bytes(b"png")
    monkeypatch.setitem(sys.modules, "game.render.snapshot", fake)
    out = tmp_path / "p.png"
    assert commands.main(["preview", str(LEVELS / "long_wing.tmj"), str(out)]) == 0
    (level, path), = calls
    assert level.title == "The Long Wing" and str(path) == str(out)
    assert commands.main(["preview", str(LEVELS / "long_wing.tmj"), str(tmp_path / "p.jpg")]) == 2
    assert "expected a .png" in capsys.readouterr().err


def test_a_command_is_one_line_in_the_table():
    assert [command.name for command in commands.COMMANDS] == ["check", "export", "preview", "list", "kit", "test"]
    assert commands.listed() == "check, export, preview, list, kit or test"
    assert "{check,export,preview,list,kit,test}" in commands.parser().format_usage()


def test_level_commands_load_neither_the_cli_nor_arcade():
    """No circle back to game.cli; the renderer (arcade) and physics (pymunk) only for `preview`, so `check` starts quickly."""
    code = "import sys, game.commands.level; print(' '.join(sorted(m for m in ('game.cli', 'arcade', 'pymunk', 'game.render.snapshot', 'game.sim.world') if m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=LEVELS.parent)
    assert out.stdout.strip() == ""


def test_level_list_prints_each_shipped_level_file_name_first(capsys):
    from game.resources import shipped_level_files

    assert commands.main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [path.name for path in shipped_level_files()]
    assert any(line.startswith("long_wing.tmj") and "The Long Wing" in line for line in lines)


def test_a_shipped_level_is_played_and_checked_by_name_from_any_folder(tmp_path):
    def flawed(*args):
        return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=tmp_path)

    played = flawed("--level", "long_wing.tmj", "--no-render", "--max-ticks", "30", "--report", "run.json")
    assert played.returncode == 0, played.stderr
    assert '"level": "' in (tmp_path / "run.json").read_text() and "long_wing.tmj" in (tmp_path / "run.json").read_text()
    checked = flawed("level", "check", "vortex", "storage_hall.tmx")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.count(": ok (") == 2
    missing = flawed("--level", "no_such_level.tmj", "--no-render", "--max-ticks", "5")
    assert missing.returncode == 2 and "nor a shipped level (see flawed level list)" in missing.stderr


def test_level_kit_copies_the_kit_and_the_tileset(tmp_path, capsys):
    from game.level import kit

    assert commands.main(["kit", str(tmp_path / "mine")]) == 0
    made = {path.relative_to(tmp_path / "mine").as_posix() for path in (tmp_path / "mine").rglob("*") if path.is_file()}
    assert set(kit.files()) | {"backstage_tiles.png", "backstage_tiles.tsj", "backstage_tiles.tsx"} == made
    assert "Open Project" in capsys.readouterr().err
