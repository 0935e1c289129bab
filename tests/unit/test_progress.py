"""Progress: saved at each beat boundary, continued at the saved beat; a corrupt save is set aside."""

from __future__ import annotations

import json
import os

import pytest

from game.progress import clear_progress, load_progress, progress_path, save_progress
from game.session import Run, RunOptions
from game.sim.story import Beat


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FLAWED_CONFIG_DIR", str(tmp_path))
    return tmp_path


def play_until(run: Run, beat: Beat, extra: int = 0) -> None:
    while run.world.story.beat is not beat:
        run.step()
        assert run.world.tick < 40000, "the bot did not get there"
    for _ in range(extra):
        run.step()


def test_quitting_midway_and_continuing_resumes_at_the_saved_beat(config_dir):
    run = Run(RunOptions(seed=5, size="small", autoplay=True, save_progress=True))
    play_until(run, Beat.ALONE, extra=120)  # quit a little into the alone beat
    saved_flaw = (run.world.flaw.severity, [b.hash_state() for b in run.world.flaw.blots])
    attempts, used = run.world.stats.attempts, list(run.world.stats.tools_used)
    del run

    progress, warning = load_progress()
    assert warning is None
    assert progress.beat == "alone" and progress.seed == 5
    resumed = Run(RunOptions(resume=progress, autoplay=True, save_progress=True))
    world = resumed.world
    assert world.story.beat is Beat.ALONE and world.story.history[0][0] is Beat.ALONE
    assert (world.flaw.severity, [b.hash_state() for b in world.flaw.blots]) == saved_flaw  # the same flaw
    assert world.stats.attempts == attempts and world.stats.tools_used == used
    assert resumed.ticks_before > 0
    play_until(resumed, Beat.REVEAL)
    assert load_progress()[0].beat == "reveal"  # saved again at the next boundaries
    resumed.run_to_end()
    assert world.story.completed
    assert [b for b, _ in world.story.history] == [Beat.ALONE, Beat.ACCEPTANCE, Beat.REVEAL, Beat.LIGHTS_ON, Beat.VORTEX, Beat.WAKING]
    assert load_progress() == (None, None)  # the dream is over: nothing to continue


def test_continuing_at_the_vortex_loads_the_vortex_level():
    run = Run(RunOptions(seed=6, size="small", autoplay=True, save_progress=True))
    play_until(run, Beat.VORTEX)
    progress, _ = load_progress()
    resumed = Run(RunOptions(resume=progress, autoplay=True))
    assert resumed.world.level.kind == "vortex"
    assert resumed.world.story.beat is Beat.VORTEX


def test_a_corrupt_save_gives_defaults_a_backup_and_one_warning(config_dir):
    path = progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": "flawed-progress", "beat": "alo', encoding="utf-8")
    progress, warning = load_progress()
    assert progress is None
    assert isinstance(warning, str) and "\n" not in warning and "progress.json" in warning
    assert not path.exists()
    assert path.with_name("progress.json.bak").read_text(encoding="utf-8").startswith('{"format"')
    assert load_progress() == (None, None)  # once set aside, no second warning


@pytest.mark.parametrize(
    "data",
    [
        {"format": "flawed-progress", "version": 1, "beat": "dreaming", "seed": 1, "level": {}},
        {"format": "something-else"},
        [1, 2, 3],
        {"format": "flawed-progress", "version": 1, "beat": "alone", "seed": 1, "level": {"kind": "generated"}, "flaw": {"blots": "no"}},
        # Found by fuzzing: each of these used to get past the check and fail on Continue.
        {"format": "flawed-progress", "version": 1, "beat": "alone", "seed": 1, "level": {"kind": "generated"}, "settings": {"reduce_m": True}},
        {"format": "flawed-progress", "version": 1, "beat": "alone", "seed": 1, "level": {"size": "small"}},
        {"format": "flawed-progress", "version": 1, "beat": "alone", "seed": 1, "level": {"kind": "generated", "size": "huge"}},
        {"format": "flawed-progress", "version": 1, "beat": "alone", "seed": 1, "level": {"kind": "generated"},
         "flaw": {"centre": [0.5, 0.5], "severity": 0.1, "worsenings": 1, "recompose": 0.0, "blots": []}},
        {"format": "flawed-progress", "version": 1, "beat": "alone", "seed": 1, "level": {"kind": "generated"}, "player": ["x", 1]},
    ],
)
def test_a_save_that_is_not_a_saved_game_is_set_aside_too(config_dir, data):
    path = progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    progress, warning = load_progress()
    assert progress is None and warning and path.with_name("progress.json.bak").exists()


def test_saving_is_atomic_and_leaves_no_temp_files(config_dir):
    run = Run(RunOptions(seed=2, size="small", autoplay=True))
    save_progress(run)
    save_progress(run)
    assert sorted(p.name for p in config_dir.iterdir()) == ["progress.json"]
    clear_progress()
    assert list(config_dir.iterdir()) == []


def test_bots_and_replays_do_not_touch_the_players_save(config_dir):
    run = Run(RunOptions(seed=2, size="small", autoplay=True, max_ticks=600))
    run.run_to_end()
    assert not progress_path().exists()


def test_a_save_of_the_first_format_still_continues(config_dir):
    run = Run(RunOptions(seed=5, size="small", autoplay=True, save_progress=True))
    play_until(run, Beat.ALONE)
    world = run.world
    flaw = world.flaw.to_json()
    old = {"format": "flawed-progress", "version": 1, "beat": "alone", "seed": 5, "level": {"kind": "generated", "size": "small"},
           "settings": {"reduce_flicker": False, "reduce_motion": False}, "ticks": world.tick, **world.stats.to_json(),
           "carried": list(world.tools.carried), "panic": world.panic.level, "player": list(world.player.position), "flaw": flaw}
    progress_path().write_text(json.dumps(old), encoding="utf-8")
    progress, warning = load_progress()
    assert warning is None and progress.beat == "alone"
    resumed = Run(RunOptions(resume=progress))
    assert resumed.world.flaw.to_json() == flaw and resumed.world.tools.carried == world.tools.carried
    assert resumed.world.panic.noticed


def test_a_level_file_changed_under_a_saved_game_says_so(config_dir, tmp_path):
    import shutil

    from game.errors import UserError

    level = tmp_path / "wing.tmj"
    shutil.copy("levels/long_wing.tmj", level)
    shutil.copy("levels/backstage_tiles.tsj", tmp_path)
    shutil.copy("levels/backstage_tiles.png", tmp_path)
    shutil.copy("levels/vortex.tmj", tmp_path)
    run = Run(RunOptions(level=str(level), save_progress=True))
    while run.world.tick < 2:
        run.step()
    save_progress(run)
    level.write_text(level.read_text(encoding="utf-8").replace("The Long Wing", "The Longer Wing"), encoding="utf-8")
    progress, _ = load_progress()
    with pytest.raises(UserError, match="changed since the game was saved"):
        Run(RunOptions(resume=progress))


# -- hostile saves and a disk that will not take one ----------------------------------------------

HOSTILE = [
    ("a number of 5000 digits", lambda path: path.write_text('{"format": "flawed-progress", "seed": ' + "7" * 5000 + "}"), "found a number of more than 4300 digits"),
    ("nested 5,000 deep", lambda path: path.write_text("[" * 5_000 + "]" * 5_000), "nested too deeply"),
    ("nested 100,000 deep", lambda path: path.write_text("[" * 100_000 + "]" * 100_000), "objects and lists"),
    ("too big", lambda path: path.open("wb").truncate(64 * 1024 * 1024), "expected at most 1048576 (1 MiB)"),
    ("a pipe", lambda path: os.mkfifo(path), "found a pipe (FIFO)"),
    ("a link to /dev/zero", lambda path: path.symlink_to("/dev/zero"), "found a device"),
]


@pytest.mark.parametrize("make, said", [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE])
def test_a_hostile_save_is_set_aside_and_the_game_starts_afresh(config_dir, make, said):
    path = progress_path()
    make(path)
    progress, warning = load_progress()
    assert progress is None and said in warning and "progress.json.bak" in warning, warning
    assert not os.path.lexists(path)
    assert load_progress() == (None, None)


def test_a_save_with_a_byte_order_mark_continues(config_dir):
    run = Run(RunOptions(seed=2, size="small", autoplay=True))
    save_progress(run)
    path = progress_path()
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    progress, warning = load_progress()
    assert warning is None and progress.seed == 2


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_save_interrupted_midway_leaves_the_last_save_whole(config_dir, monkeypatch, failing):
    """Atomic: the old save stays readable whatever fails while the new one is written."""
    from game import storage

    run = Run(RunOptions(seed=2, size="small", autoplay=True))
    save_progress(run)
    before = progress_path().read_bytes()
    for _ in range(30):
        run.step()

    def crash(*args, **kwargs):
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as patch:
        patch.setattr(storage.os, failing, crash)
        with pytest.raises(OSError):
            save_progress(run)
    assert progress_path().read_bytes() == before
    assert sorted(p.name for p in config_dir.iterdir()) == ["progress.json"]


@pytest.mark.parametrize("error", [(28, "No space left on device"), (13, "Permission denied"), (30, "Read-only file system")])
def test_a_save_the_disk_refuses_is_said_once_and_play_goes_on(config_dir, monkeypatch, error):
    from game import storage

    def refuse(*args, **kwargs):
        raise OSError(*error)

    monkeypatch.setattr(storage.tempfile, "mkstemp", refuse)
    run = Run(RunOptions(seed=5, size="small", autoplay=True, save_progress=True))
    notices = []
    while len([b for b, _ in run.world.story.history]) < 3:  # two beat boundaries, two saves tried
        run.step()
        notices += run.take_notices()
        assert run.world.tick < 20000
    assert len(notices) == 1 and "progress cannot be saved" in notices[0] and error[1] in notices[0]
    assert not progress_path().exists()
    run.run_to_end()  # the dream goes on to its end, and nothing more is said
    assert run.world.story.completed and run.take_notices() == []


@pytest.mark.parametrize("position", [[-5000, 100], [1e308, 100], [48.0, 16.0]], ids=["off the map", "far past it", "in a wall"])
def test_a_save_whose_dreamer_is_off_the_floor_is_refused_and_set_aside(config_dir, position):
    """Checked as state: Continue says why once, keeps the file as .bak, and does not offer it again."""
    from game.errors import UserError

    run = Run(RunOptions(seed=5, size="small", autoplay=True))
    for _ in range(5):
        run.step()
    save_progress(run)
    data = json.loads(progress_path().read_text())
    data["world"]["player"] = position
    progress_path().write_text(json.dumps(data))
    progress, _ = load_progress()
    with pytest.raises(UserError) as caught:
        Run(RunOptions(resume=progress, save_progress=True))
    assert "is not on the level's floor" in str(caught.value) and "progress.json.bak" in str(caught.value)
    assert load_progress() == (None, None) and progress_path().with_name("progress.json.bak").exists()
