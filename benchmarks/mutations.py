"""Mutation practice: realistic one-line regressions, one at a time, and the share the tests catch.

Each mutation below is a slip a person could make in one line of the game's code, in every
system (the simulation, the flaw, the state hash, level checking, storage, replays, progress,
settings, captions, the screen's wiring, the bot). The tree is copied to a temporary folder;
each mutation is applied there alone, the tests of its system are run (stopping at the first
failure), and the file is put back. A mutation is *caught* when those tests fail; one whose
line is no longer in the code is *stale* (the code moved on: update or drop it) and left out
of the share. The tests are first run on the unchanged copy: they must pass, or nothing is
measured.

    python -m benchmarks.mutations            # all of them (20-40 minutes on the 2-core machine)
    python -m benchmarks.mutations flaw hash  # only the mutations whose name starts so
    python -m benchmarks.mutations --list

Ends with ``mutations_caught_share: N %``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 900  # per run of the tests; a mutation that hangs them counts as caught (they did not pass)
SKIPPED = (".git", ".venv", "__pycache__", ".hypothesis", ".pytest_cache", "build", "dist", "*.egg-info", "out", "docs")

SIM = ["tests/unit/sim"]
FLAW = ["tests/unit/sim/test_flaw.py", "tests/unit/sim/test_minigames.py"]
HASH = ["tests/unit/sim", "tests/unit/test_replay.py"]
LEVEL = ["tests/unit/level", "tests/unit/commands"]
STORAGE = ["tests/unit/test_settings.py", "tests/unit/test_progress.py"]
REPLAY = ["tests/unit/test_replay.py", "tests/unit/test_cli.py"]
PROGRESS = ["tests/unit/test_progress.py", "tests/unit/sim/test_saving.py"]
SETTINGS = ["tests/unit/test_settings.py", "tests/gameplay/test_menus.py"]
CAPTIONS = ["tests/unit/test_captions.py", "tests/unit/audio", "tests/gameplay/test_menus.py"]
SCREEN = ["tests/unit/render", "tests/gameplay/test_menus.py", "tests/gameplay/test_window_loop.py"]
LIGHTS = ["tests/unit/sim/test_lights.py", "tests/unit/render/test_lighting.py"]
BOT = ["tests/gameplay/test_story.py", "tests/gameplay/test_repair.py"]


@dataclass(frozen=True)
class Mutation:
    name: str  # system/what, as the report prints it
    path: str  # the file, from the repository's root
    line: str  # the exact text replaced (it must occur once)
    into: str  # what it becomes
    tests: tuple[str, ...]


def m(name: str, path: str, line: str, into: str, tests: list[str]) -> Mutation:
    return Mutation(name, path, line, into, tuple(tests))


MUTATIONS = [
    # -- the simulation ----------------------------------------------------------------------
    m("sim/tools never stepped", "game/sim/world.py", "        self.tools.step(inp)\n", "        pass\n", SIM),
    m("sim/slowed time ignored", "game/sim/world.py", "self.anim_time += DT * self.time_scale", "self.anim_time += DT", SIM),
    m("sim/beat entered a tick early", "game/sim/story.py", "self.entered_tick = world.tick + 1", "self.entered_tick = world.tick", SIM),
    m("sim/menu buttons reach the world", "game/sim/actions.py", "return Actions(self.move, self.held & SIM_BUTTONS)", "return Actions(self.move, self.held)", SIM),
    m("sim/a breath raises panic", "game/sim/panic.py", "self.level = max(0.0, self.level - max(0.0, amount))", "self.level = max(0.0, self.level + max(0.0, amount))", SIM),
    m("sim/a minigame may run past its time", "game/sim/minigame.py", "            elif self.ticks >= self.TIME_LIMIT_TICKS:", "            elif self.ticks >= self.TIME_LIMIT_TICKS * 4:", SIM),
    m("sim/tool picked up from afar", "game/sim/rack.py", "    def nearest_loose(self, position, reach: float = PICKUP_REACH)", "    def nearest_loose(self, position, reach: float = PICKUP_REACH * 10)", SIM),
    # -- the flaw ----------------------------------------------------------------------------
    m("flaw/old blots lighten", "game/sim/flaw.py", "blot.darkness = min(1.0, blot.darkness + DARKEN_PER_SEVERITY * added)", "blot.darkness = min(1.0, blot.darkness - DARKEN_PER_SEVERITY * added)", FLAW),
    m("flaw/a merged blot fades", "game/sim/flaw.py", "knot.radius = max(by_area, self._reach_of_knot(knot, old))", "knot.radius = by_area", FLAW),
    m("flaw/a merge keeps the knot's own darkness", "game/sim/flaw.py", "knot.darkness = max(knot.darkness, old.darkness)", "knot.darkness = min(knot.darkness, old.darkness)", FLAW),
    m("flaw/a zero attempt does not worsen", "game/sim/flaw.py", "added = max(MIN_WORSENING, float(amount))", "added = float(amount)", FLAW),
    # -- the state hash ----------------------------------------------------------------------
    m("hash/tools left out", "game/sim/world.py", "            self.tools.hash_state(),\n", "", HASH),
    m("hash/tools carried left out", "game/sim/rack.py", "            tuple(self.carried),\n", "", HASH),
    m("hash/a light's flicker left out", "game/sim/lights.py", "            self._stutter,\n            self._factor,\n            self._brightness,\n", "            self._stutter,\n            self._brightness,\n", HASH),
    m("hash/panic's tremble left out", "game/sim/panic.py", "return (self.level, self.noticed, self.heart_phase, self.unravel, self.tremble, self.seconds, self.phase_seed)", "return (self.level, self.noticed, self.heart_phase, self.unravel, self.seconds, self.phase_seed)", HASH),
    m("hash/floats rounded", "game/sim/world.py", "        return hashing.digest(self.hash_state())", "        return hashing.digest(tuple(round(x, 3) if isinstance(x, float) else x for x in self.hash_state()))", HASH),
    # -- level checks ------------------------------------------------------------------------
    m("level/a backstage without its easel", "game/level/check.py", "if cls.count == ONE and belongs and not ids:", "if cls.count == ONE and belongs and not ids and cls.name != 'masterpiece':", LEVEL),
    m("level/objects past the right edge", "game/level/check.py", "if x < 0 or y < 0 or x + w > map_w or y + h > map_h:", "if x < 0 or y < 0 or y + h > map_h:", LEVEL),
    m("level/size limit not applied", "game/level/tiled.py", "return read_bytes(path, MAX_FILE_BYTES)", "return read_bytes(path, 1 << 40)", LEVEL),
    m("level/xml elements not counted", "game/level/tmx.py", "        counted[0] += 1\n", "", LEVEL),
    m("level/vortex file not followed", "game/level/tiled.py", "    vortex = vortex_of(path, draft, checker) if follow_vortex else None", "    vortex = None", LEVEL),
    m("level/a vortex may be a backstage", "game/level/tiled.py", '    if vortex.kind != "vortex":', '    if vortex.kind not in ("vortex", "backstage"):', LEVEL),
    m("level/tileset read without its limit", "game/level/check.py", "data = read_bytes(path, MAX_TILESET_BYTES)", "data = read_bytes(path, 1 << 40)", LEVEL),
    m("level/unreachable tools accepted", "game/level/tiled.py", "    problems = [f\"{path}: {problem}\" for problem in playability_problems(level)]", "    problems = []", LEVEL),
    # -- storage -----------------------------------------------------------------------------
    m("storage/corrupt file not set aside", "game/storage.py", "return None, set_aside(path, place + problem.message)", "return None, f\"{path}: {place}{problem.message}\"", STORAGE),
    m("storage/any kind of file read", "game/userfile.py", "    if not stat.S_ISREG(info.st_mode):", "    if stat.S_ISDIR(info.st_mode):", STORAGE),
    m("storage/lists not counted", "game/userfile.py", 'containers = data.count(b"{") + data.count(b"[")', 'containers = data.count(b"{")', STORAGE),
    m("storage/a byte-order mark refused", "game/userfile.py", 'text = data.decode("utf-8-sig")', 'text = data.decode("utf-8")', STORAGE),
    m("storage/write not flushed to disk", "game/storage.py", "            os.fsync(handle.fileno())\n", "", STORAGE),
    # -- replays -----------------------------------------------------------------------------
    m("replay/no tick limit", "game/replay.py", "    if not 0 <= ticks <= MAX_TICKS:", "    if not 0 <= ticks:", REPLAY),
    m("replay/hashes not required", "game/replay.py", "range(HASH_INTERVAL, ticks, HASH_INTERVAL)", "range(HASH_INTERVAL, 0, HASH_INTERVAL)", REPLAY),
    m("replay/verified a tick late", "game/replay.py", "    expected = replay.hashes.get(world.tick)", "    expected = replay.hashes.get(world.tick + 1)", REPLAY),
    m("replay/actions applied a tick late", "game/replay.py", "while upcoming is not None and upcoming[0] == tick:", "while upcoming is not None and upcoming[0] == tick - 1:", REPLAY),
    m("replay/level hashed before measured", "game/session.py", "    return hashlib.sha256(read_bytes(path, MAX_FILE_BYTES)).hexdigest()", "    return hashlib.sha256(Path(path).read_bytes()).hexdigest()", REPLAY),
    # -- progress ----------------------------------------------------------------------------
    m("progress/written straight to the file", "game/progress.py", "    atomic_write_text(progress_path(), json.dumps(capture(run).to_json(), indent=1) + \"\\n\")", "    progress_path().write_text(json.dumps(capture(run).to_json(), indent=1) + \"\\n\")", PROGRESS),
    m("progress/a full disk stops the dream", "game/session.py", "        except OSError as error:\n            if not self.progress_unsaved:", "        except FileNotFoundError as error:\n            if not self.progress_unsaved:", PROGRESS),
    m("progress/not saved at beat boundaries", "game/session.py", "(self.world.story.completed or any(isinstance(e, BeatChanged) for e in events))", "self.world.story.completed", PROGRESS),
    m("progress/saved world not checked", "game/progress.py", '        World.check_saved(data.get("world"))\n', "", PROGRESS),
    m("progress/position off the floor accepted", "game/sim/world.py", "or level.is_wall(*level.cell_of(x, y)):", ":", PROGRESS),
    # -- settings ----------------------------------------------------------------------------
    m("settings/volume past 1", "game/settings.py", "not 0.0 <= value <= 1.0", "not 0.0 <= value <= 10.0", SETTINGS),
    m("settings/menu keys clash with the game's", "game/settings.py", "if other == binding or binding_group(other) != binding_group(binding):", "if other == binding:", SETTINGS),
    m("settings/one bad remap drops all", "game/settings.py", '            problems.append(f"binding {binding!r}: expected a list of key names, found {brief(keys)}; using its default keys")\n            continue', '            problems.append(f"binding {binding!r}: expected a list of key names, found {brief(keys)}; using its default keys")\n            return {}, problems', SETTINGS),
    # -- captions ----------------------------------------------------------------------------
    m("captions/not attached to the game", "game/views/play.py", "        self.captions.on_events(events, world)\n", "", CAPTIONS),
    m("captions/lines never go away", "game/captions.py", "return [line.text for line in self._lines if line.until_tick > self.now]", "return [line.text for line in self._lines]", CAPTIONS),
    m("captions/drawn when turned off", "game/captions.py", "        if not lines or not self.enabled:", "        if not lines:", CAPTIONS),
    m("captions/a call for help unsaid", "game/audio/cues.py", 'HelpCalled: _always(Cue("call", "[you call out for help]", key="call")),', 'HelpCalled: _always(Cue("call", None, key="call")),', CAPTIONS),
    # -- the screen's wiring -----------------------------------------------------------------
    m("screen/remap not applied to the running game", "game/views/shell.py", "            view.keyboard.bindings = s.bindings()\n", "", SCREEN),
    m("screen/easel drawn without the flaw", "game/render/masterpiece.py", "        return Image.fromarray(flawed(self.small(size), flaw))", "        return Image.fromarray(self.small(size))", SCREEN),
    m("screen/easel never repainted", "game/render/world.py", "            self.easel_picture.update(world)  # repainted when the flaw worsens", "            pass", SCREEN),
    m("screen/game speed not applied", "game/views/shell.py", "            view.game_speed = s.speed_factor\n", "", SCREEN),
    m("screen/save failure never shown", "game/views/play.py", "        notices = self.run.take_notices()\n", "        notices = []\n", SCREEN),
    # -- lights ------------------------------------------------------------------------------
    m("lights/reduce-flicker cap per tick", "game/sim/lights.py", "_REDUCED_STEP = REDUCED_SLEW * DT", "_REDUCED_STEP = REDUCED_SLEW", LIGHTS),
    m("lights/settings read once", "game/sim/lights.py", "        settings = world.settings\n", "        settings = world.settings if self._tick == 0 else None  # (read at the first step only)\n", LIGHTS),
    # -- the bot -----------------------------------------------------------------------------
    m("bot/never fetches a tool", "game/bot/__init__.py", "    def play_backstage(self) -> Actions:\n        tool = self.nearest_loose_tool()", "    def play_backstage(self) -> Actions:\n        tool = None", BOT),
    m("bot/accepts before calming", "game/bot/__init__.py", "        if scene.calmed:\n            return self.tap(Button.ACCEPT)", "        if True:\n            return self.tap(Button.ACCEPT)", BOT),
    m("bot/never calls for help", "game/bot/__init__.py", "                self.calls_made += 1\n                return self.tap(Button.CALL_HELP)", "                self.calls_made += 1\n                return IDLE", BOT),
]


# Written after the tests above had been mended, and run before any test was written for them:
# the honest measure of what the suite catches unaided.
MUTATIONS += [
    m("sim/the swirl turns the other way", "game/sim/vortex.py", "return (-uy * spin + ux * drift, ux * spin + uy * drift)", "return (uy * spin + ux * drift, -ux * spin + uy * drift)", SIM),
    m("sim/two calls needed before the easel", "game/sim/beats/alone.py", "return self.calls > 0 or self.wandered or", "return self.calls > 1 or self.wandered or", SIM),
    m("sim/the applause ends at once", "game/sim/beats/reveal.py", "return self.peak_ticks >= PEAK_HOLD_S * 60", "return self.peak_ticks >= 0", SIM),
    m("sim/an attempt not counted", "game/sim/minigame.py", "        world.stats.attempts += 1\n", "", SIM),
    m("sim/moves not quantised finely", "game/sim/actions.py", "MOVE_QUANTUM = 1024", "MOVE_QUANTUM = 1000", SIM + ["tests/unit/test_replay.py"]),
    m("hash/floats written rounded", "game/digest.py", 'out.append(f"f{value.hex()}")', 'out.append(f"f{value:.6f}")', HASH),
    m("level/doors one tile wide", "game/level/generate.py", "DOOR_WIDTH = 2", "DOOR_WIDTH = 1", LEVEL),
    m("replay/hashes recorded half as often", "game/replay.py", "if world.tick % HASH_INTERVAL == 0:", "if world.tick % (2 * HASH_INTERVAL) == 0:", REPLAY),
    m("settings/a remapped key kept in lower case", "game/settings.py", "self.key_bindings = {**self.key_bindings, binding: [key.upper()]}", "self.key_bindings = {**self.key_bindings, binding: [key]}", SETTINGS),
    m("captions/the applause unsaid", "game/audio/cues.py", 'return [Cue("applause", "[applause erupts]", key="applause"),', 'return [Cue("applause", None, key="applause"),', CAPTIONS),
    m("level/exported points a pixel off", "game/level/tiled.py", '"x": x, "y": map_h - y, "width": 0', '"x": x, "y": map_h - y - 1, "width": 0', LEVEL),
    m("progress/tools carried not saved", "game/sim/rack.py", '        return {"carried": list(self.carried)}', '        return {"carried": []}', PROGRESS),
]


def copy_tree(target: Path) -> None:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*SKIPPED), symlinks=True)


def run_tests(tree: Path, tests: tuple[str, ...]) -> tuple[bool, str]:
    """(whether the tests passed, their last line) in the copied tree."""
    env = dict(os.environ, PYTHONPATH=str(tree), ARCADE_HEADLESS="1", FLAWED_SILENT="1", PYTHONDONTWRITEBYTECODE="1")
    argv = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--import-mode=importlib", *tests]
    try:
        done = subprocess.run(argv, cwd=tree, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return False, f"timed out after {TIMEOUT_S} s"
    lines = [line for line in done.stdout.strip().splitlines() if line.strip()]
    failed = [line.split("::", 1)[-1] for line in lines if line.startswith(("FAILED", "ERROR"))]
    return done.returncode == 0, (failed or lines[-1:] or [done.stderr.strip()[-200:]])[0]


def main(argv: list[str]) -> int:
    chosen = [mutation for mutation in MUTATIONS if not argv or any(mutation.name.startswith(prefix) for prefix in argv if not prefix.startswith("-"))]
    if "--list" in argv:
        for mutation in MUTATIONS:
            print(f"{mutation.name:<48} {mutation.path}")
        print(f"{len(MUTATIONS)} mutations")
        return 0
    with tempfile.TemporaryDirectory(prefix="flawed-mutations-") as name:
        tree = Path(name) / "tree"
        copy_tree(tree)
        suites = sorted({tests for mutation in chosen for tests in [mutation.tests]})
        for tests in suites:
            passed, said = run_tests(tree, tests)
            if not passed:
                print(f"the tests do not pass on the unchanged code ({' '.join(tests)}): {said}")
                return 1
        caught, escaped, stale = [], [], []
        for mutation in chosen:
            path = tree / mutation.path
            original = path.read_text(encoding="utf-8")
            if original.count(mutation.line) != 1:
                stale.append(mutation)
                print(f"stale    {mutation.name}: its line is no longer in {mutation.path} once", flush=True)
                continue
            path.write_text(original.replace(mutation.line, mutation.into), encoding="utf-8")
            start = time.perf_counter()
            try:
                passed, said = run_tests(tree, mutation.tests)
            finally:
                path.write_text(original, encoding="utf-8")
            (escaped if passed else caught).append(mutation)
            print(f"{'ESCAPED' if passed else 'caught '}  {mutation.name:<48} {time.perf_counter() - start:5.0f} s  {said[:90]}", flush=True)
    measured = len(caught) + len(escaped)
    share = 100.0 * len(caught) / measured if measured else 0.0
    print(f"{len(caught)} of {measured} caught; escaped: {', '.join(m.name for m in escaped) or 'none'}; stale: {len(stale)}")
    print(f"mutations_caught_share: {share:.0f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
