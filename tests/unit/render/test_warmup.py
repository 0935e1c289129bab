"""The shader warmer: started only where it spares a hitch, ended with the game, and what it does."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.render import warmup
from game.resources import shipped_levels

LLVMPIPE = "llvmpipe (LLVM 15.0.6, 256 bits)"


@pytest.fixture
def folders(tmp_path, monkeypatch):
    monkeypatch.setenv("FLAWED_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MESA_SHADER_CACHE_DISABLE", raising=False)
    monkeypatch.delenv("MESA_GLSL_CACHE_DISABLE", raising=False)
    return tmp_path


def test_it_is_needed_on_software_opengl_with_a_shader_cache_until_stamped(folders):
    env = {}
    assert warmup.needed(LLVMPIPE, env)
    assert warmup.needed("softpipe", env)
    assert not warmup.needed("NVIDIA GeForce RTX 3060/PCIe/SSE2", env)  # compiles as it links, quickly
    assert not warmup.needed("AMD Radeon RX 6600 (radeonsi, navi23, LLVM 15.0.6, DRM 3.49)", env)
    assert not warmup.needed(LLVMPIPE, {"MESA_SHADER_CACHE_DISABLE": "true"})  # nowhere to keep what it compiles
    stamp = warmup.stamp_path(LLVMPIPE, env)
    stamp.parent.mkdir(parents=True)
    stamp.write_text("done\n")
    assert not warmup.needed(LLVMPIPE, env)
    assert warmup.needed(LLVMPIPE, {"MESA_SHADER_CACHE_DIR": str(folders / "another")})  # another cache: another stamp


def test_a_dream_of_another_level_or_window_is_warmed_again_and_of_another_seed_not(folders):
    """What Mesa compiles depends on the sizes of the level's pictures and the window's, not on the seed."""
    env = {}
    dreamt = warmup.Dream(seed=21, size="small", window=(1600, 900))
    stamp = warmup.stamp_path(LLVMPIPE, env, dreamt)
    stamp.parent.mkdir(parents=True)
    stamp.write_text("done\n")
    assert not warmup.needed(LLVMPIPE, env, dreamt)
    assert not warmup.needed(LLVMPIPE, env, warmup.Dream(seed=5, size="small", window=(1600, 900)))
    assert warmup.needed(LLVMPIPE, env, warmup.Dream(seed=21, size="medium", window=(1600, 900)))
    assert warmup.needed(LLVMPIPE, env, warmup.Dream(seed=21, size="small", window=(1280, 720)))
    level = str((shipped_levels() / "long_wing.tmj").resolve())
    assert warmup.needed(LLVMPIPE, env, warmup.Dream(seed=21, level=level, window=(1600, 900)))
    # A level file is the same shape however it is named (the game and `warm-shaders` name it so).
    assert warmup.Dream(level=os.path.relpath(level)).shape() == warmup.Dream(level=level).shape() == f"level {level} window 1280x720"
    # The warmer's own dream (no arguments) is the game's default: a new game of any seed in the game's window.
    assert warmup.Dream().shape() == warmup.Dream(seed=123, size="medium", window=(1280, 720)).shape()


@pytest.mark.parametrize("system", ["win32", "darwin"])
def test_it_is_not_started_where_it_could_not_open_its_headless_window(folders, monkeypatch, system):
    monkeypatch.setattr(warmup.sys, "platform", system)  # (headless windows are EGL's: Linux only)
    assert not warmup.needed(LLVMPIPE, {})
    assert warmup.start(LLVMPIPE, environ={}) is None


def test_start_runs_the_warm_shaders_command_headless_and_stop_ends_it(folders, monkeypatch):
    seen = folders / "seen.txt"
    code = f"import os, sys, time; open({str(seen)!r}, 'w').write(' '.join(sys.argv[1:]) + ' ' + os.environ['ARCADE_HEADLESS']); time.sleep(60)"
    monkeypatch.setattr(warmup, "own_command", lambda: [sys.executable, "-c", code])
    assert warmup.start("NVIDIA GeForce RTX 3060/PCIe/SSE2", environ={}) is None
    dream = warmup.Dream(seed=21, size="small", window=(1600, 900))
    warmer = warmup.start(LLVMPIPE, dream, environ={})
    assert warmer is not None and warmer.running and warmer.dream == dream
    for _ in range(200):
        if seen.exists() and seen.read_text():
            break
        time.sleep(0.05)
    assert seen.read_text() == "warm-shaders --quiet --seed 21 --size small --window 1600x900 1"  # the player's dream, headless
    warmer.stop()
    assert not warmer.running


def test_it_dreams_the_players_own_level_seed_and_window(tmp_path):
    from game.session import Run, RunOptions

    assert warmup.dream_of(Run(RunOptions(seed=21, size="small")), (1280, 720)).args() == ["--seed", "21", "--size", "small", "--window", "1280x720"]
    level = shipped_levels() / "long_wing.tmj"
    dream = warmup.dream_of(Run(RunOptions(level=str(level), seed=5)), (1600, 900))
    assert dream.args() == ["--seed", "5", "--level", str(level.resolve()), "--window", "1600x900"]
    chosen = Run(RunOptions()).seed  # (a new game's seed, chosen as it begins)
    assert warmup.dream_of(Run(RunOptions(seed=chosen)), (1280, 720)).args() == ["--seed", str(chosen), "--size", "medium", "--window", "1280x720"]


def test_warm_shaders_takes_the_dream_as_the_game_gives_it(monkeypatch, capsys):
    """`flawed warm-shaders` parses back what Dream.args says (a shipped level's name as its file),
    and a window size it cannot use is one line and exit status 2."""
    from game.cli import main

    dreamt = []
    monkeypatch.setattr(warmup, "warm", lambda quiet, dream: dreamt.append(dream) or 0)
    dream = warmup.Dream(seed=7, size="large", window=(1600, 900))
    assert main(["warm-shaders", *dream.args()]) == 0
    assert main(["warm-shaders", "--level", "long_wing", "--window", "800x600"]) == 0
    assert main(["warm-shaders"]) == 0
    level = str((shipped_levels() / "long_wing.tmj").resolve())
    assert dreamt == [dream, warmup.Dream(level=level, window=(800, 600)), warmup.Dream()]
    capsys.readouterr()
    for bad in ("1600", "wide", "0x720", "1600x90000"):
        assert main(["warm-shaders", "--window", bad]) == 2
        said = capsys.readouterr().err.splitlines()
        assert len(said) == 1 and said[0].startswith("flawed warm-shaders: argument --window:") and bad in said[0], said
    assert len(dreamt) == 3


class FakeWarmer:
    def __init__(self, dream):
        self.dream = dream
        self.running = True

    def stop(self):
        self.running = False


def test_a_window_keeps_the_dream_played_warm_in_its_size(window, monkeypatch):
    """The warmer starts with the first dream, dreaming it in the window's size; a dream of
    the same shape keeps it, one of another level stops it and starts another; so does the
    window held at another size, once it settles there."""
    from game.session import Run, RunOptions
    from game.views import shell as shells

    started = []
    monkeypatch.setattr(warmup, "start", lambda renderer, dream: started.append(FakeWarmer(dream)) or started[-1])
    shell = shells.Shell(window, silent=True)
    shell.play_run(Run(RunOptions(seed=21, size="small", autoplay=True)))
    assert started == []  # (a shell warms only where play_windowed says a person watches)
    shell.warms_shaders = True
    size = window.get_framebuffer_size()
    shell.play_run(Run(RunOptions(seed=21, size="small", autoplay=True)))
    shell.play_run(Run(RunOptions(seed=22, size="small", autoplay=True)))  # (another seed: the same shape)
    assert [warmer.dream for warmer in started] == [warmup.Dream(seed=21, size="small", window=size)]
    assert shell.warmer is started[0] and started[0].running
    shell.play_run(Run(RunOptions(seed=23, size="medium", autoplay=True)))
    assert [warmer.dream for warmer in started][1:] == [warmup.Dream(seed=23, size="medium", window=size)]
    assert not started[0].running and shell.warmer is started[1]

    scheduled = []
    monkeypatch.setattr(shells.pyglet.clock, "schedule_once", lambda function, delay: scheduled.append((function, delay)))
    monkeypatch.setattr(shell.window, "get_framebuffer_size", lambda: (1600, 900))
    shell.window_resized(1600, 900)  # (what the window's on_resize tells the shell)
    assert [delay for _, delay in scheduled] == [shells.RESIZE_SETTLE_S]
    scheduled[-1][0](shells.RESIZE_SETTLE_S)
    assert [warmer.dream for warmer in started][2:] == [warmup.Dream(seed=23, size="medium", window=(1600, 900))]
    assert not started[1].running and shell.warmer is started[2]
    monkeypatch.setattr(shell.window, "get_framebuffer_size", lambda: (0, 0))
    scheduled[-1][0](shells.RESIZE_SETTLE_S)  # (shrunk to nothing, as some systems minimise it: not dreamt in)
    assert len(started) == 3 and started[2].running
    shell.close()
    assert not started[2].running
    scheduled.clear()
    window.dispatch_event("on_resize", 1280, 720)
    window.dispatch_events()
    assert scheduled == []  # (a closed shell hears no more of the window's resizes)


def test_the_bundle_starts_itself_and_python_the_package(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert warmup.own_command() == [sys.executable, "-m", "game"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert warmup.own_command() == [sys.executable]  # (PyInstaller's program: its entry point is game.cli.main)


def test_a_command_that_cannot_start_is_no_warmer_and_no_error(folders, monkeypatch):
    monkeypatch.setattr(warmup, "own_command", lambda: [str(folders / "no-such-program")])
    assert warmup.start(LLVMPIPE, environ={}) is None


def test_the_warmer_gives_up_when_the_game_is_gone(folders, monkeypatch):
    """Its parent gone (the game killed), it stops before it draws, and stamps nothing."""
    drawn = []
    monkeypatch.setenv("ARCADE_HEADLESS", "1")  # (warm sets them: given back after the test)
    monkeypatch.setenv("FLAWED_SILENT", "1")
    monkeypatch.setattr(warmup, "draw_the_story", lambda give_up, dream: drawn.append(give_up()) or None)
    monkeypatch.setattr(warmup, "stand_aside", lambda: None)  # (not this test's own process)
    monkeypatch.setattr(warmup.os, "getppid", iter([1234, 1]).__next__)  # the parent, then init
    assert warmup.warm(quiet=True) == 0
    assert drawn == [True]
    assert not any((folders / "cache").glob("shaders/*"))


def test_warm_shaders_compiles_the_story_into_mesas_cache_and_touches_no_player_file(window, tmp_path, monkeypatch):
    """The real command: every beat drawn, the flaw's and those after it before the backstage's,
    Mesa's cache filled, the stamp written, the player's folders untouched — and a process drawing
    after it finds everything in the cache: the same frames drawn again (every shader found by
    the key a game computes, which is not always the key it was compiled under: see
    program_for_each_way), and the backstage of a game of the level and seed it dreamt (some
    shaders are compiled for the sizes of the level's pictures); then, dreamt again in another
    window's size, a whole game in a window of that size."""
    renderer = window.ctx.info.RENDERER
    if not warmup.software(renderer):
        pytest.skip(f"{renderer} is not a software renderer")
    mesa = tmp_path / "mesa"
    mesa.mkdir()
    monkeypatch.setenv("FLAWED_CACHE_DIR", str(tmp_path / "cache"))
    env = {**os.environ, "MESA_SHADER_CACHE_DIR": str(mesa), "FLAWED_CONFIG_DIR": str(tmp_path / "config")}
    env.pop("MESA_SHADER_CACHE_DISABLE", None)
    assert warmup.needed(renderer, env)
    dream = ["--seed", "21", "--size", "small"]  # (not the warmer's own, seed 3 medium)
    assert warmup.needed(renderer, env, warmup.Dream(seed=21, size="small"))
    done = subprocess.run([sys.executable, "-m", "game", "warm-shaders", *dream], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    # From the flaw on first (a moment of the backstage leads into it), then the backstage itself.
    assert "over backstage, flaw, repair, alone, acceptance, reveal, lights_on, vortex, waking, backstage in" in done.stdout
    compiled = {path for path in mesa.rglob("*") if path.is_file()}
    assert len(compiled) > 20
    assert [path.parent.name for path in (tmp_path / "cache").rglob("*") if path.is_file()] == ["shaders"]  # the stamp alone
    assert not (tmp_path / "config").exists()
    assert not warmup.needed(renderer, env, warmup.Dream(seed=22, size="small"))  # (its shape stamped: any seed of it)
    assert warmup.needed(renderer, env)  # (the warmer's own shape, medium, is not)
    again = subprocess.run([sys.executable, "-m", "game", "warm-shaders", *dream], env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert sorted(path.relative_to(mesa).as_posix() for path in mesa.rglob("*") if path.is_file() and path not in compiled) == []
    backstage = subprocess.run([sys.executable, "-m", "game", "--headless", "--autoplay", *dream, "--max-ticks", "900"],
                               env=env, capture_output=True, text=True, timeout=600)
    assert backstage.returncode == 0, backstage.stderr
    assert {path for path in mesa.rglob("*") if path.is_file()} == compiled
    # In another window's size: the warmer's dream in it, then a whole game in it, which finds every shader.
    wide = [*dream, "--window", "1600x900"]
    assert warmup.needed(renderer, env, warmup.Dream(seed=21, size="small", window=(1600, 900)))
    done = subprocess.run([sys.executable, "-m", "game", "warm-shaders", *wide], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert not warmup.needed(renderer, env, warmup.Dream(seed=21, size="small", window=(1600, 900)))
    compiled = {path for path in mesa.rglob("*") if path.is_file()}
    game = subprocess.run([sys.executable, "-m", "game", "--headless", "--autoplay", *wide], env=env, capture_output=True, text=True, timeout=600)
    assert game.returncode == 0, game.stderr
    assert sorted(path.relative_to(mesa).as_posix() for path in mesa.rglob("*") if path.is_file() and path not in compiled) == []


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="idle scheduling is Linux's")
def test_the_warmer_stands_aside_for_the_game():
    """warm() first puts itself at nice 19 and on Linux's idle scheduling, which the GL driver's
    threads it starts after inherit: it runs only on a core the game leaves idle."""
    import threading

    seen = []

    def aside():  # (in a thread of its own: both are the calling thread's on Linux, not this test process's)
        warmup.stand_aside()
        seen.append((os.sched_getscheduler(0), os.getpriority(os.PRIO_PROCESS, 0)))
        started = []
        child = threading.Thread(target=lambda: started.append(os.sched_getscheduler(0)))
        child.start()
        child.join()
        seen.append(started[0])

    thread = threading.Thread(target=aside)
    thread.start()
    thread.join()
    assert seen == [(os.SCHED_IDLE, 19), os.SCHED_IDLE]
    assert os.sched_getscheduler(0) != os.SCHED_IDLE  # (the test's own thread untouched)
