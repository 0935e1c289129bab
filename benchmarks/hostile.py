"""Hostile and largest files: the time and peak memory of reading them, each in a process of its own.

The largest legal level, as .tmx and as .tmj (512 x 512 tiles, 20,000 objects, decor layers up
to just under the 32 MiB limit) through `flawed level check`; the first frame of a 512 x 512
level (`flawed --headless --max-ticks 1`); and the small-file attacks the loaders must refuse
cheaply: 32 MiB of empty XML elements, 32 MiB of empty JSON objects, a replay at its size limit.
Peak memory is the child's own maximum resident size (``os.wait4``), so no case inherits another's.
Target (SPEC §8): the largest legal level at most 1 GB peak and its first frame within 5 s.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from game.level import tileset
from game.level.model import Level, LightSpec, Rect, ToolSpec
from game.level.schema import MAX_FILE_BYTES, MAX_OBJECTS, MAX_TILES_SIDE
from game.level.tiled import to_tmj, to_tmx
from game.tools import TOOL_IDS

SIDE = MAX_TILES_SIDE
TARGET_PEAK_MB = 1024
TARGET_FIRST_FRAME_S = 5.0
WATCH_MB, WATCH_S = 4096, 240  # a child past these is stopped: the machine is shared
HEADROOM = 64 * 1024  # bytes left under the file limit when padding with decor layers


def _walls(rooms: bool) -> tuple:
    """A border of wall; with `rooms`, walls every 16 tiles with doors, so the level has edges to shade."""
    rows = []
    for row in range(SIDE):
        line = []
        for col in range(SIDE):
            edge = row in (0, SIDE - 1) or col in (0, SIDE - 1)
            inner = rooms and (row % 16 == 0 or col % 16 == 0) and not (row % 16 in (7, 8) or col % 16 in (7, 8))
            line.append(edge or inner)
        rows.append(tuple(line))
    return tuple(rows)


def largest_level() -> Level:
    """512 x 512 tiles and 20,000 objects: a spawn, the easel, the five tools, the rest lights."""
    rng = random.Random(14)
    spawn = (48.0, 48.0)
    tools = tuple(ToolSpec(80.0 + 32 * i, 48.0, tool) for i, tool in enumerate(TOOL_IDS))
    others = MAX_OBJECTS - 2 - len(tools)
    lights = tuple(
        LightSpec(rng.uniform(40, SIDE * 32 - 40), rng.uniform(40, SIDE * 32 - 40), rng.uniform(80, 300), (255, 200, 140), 1.0, 0.3, "candle")
        for _ in range(others)
    )
    return Level(width=SIDE, height=SIDE, walls=_walls(False), spawn=spawn, masterpiece=Rect(300.0, 40.0, 32.0, 48.0),
                 lights=lights, tools=tools, kind="backstage", seed=14, title="The largest legal level")


def first_frame_level() -> Level:
    """512 x 512 tiles of rooms; its lights, props and tools filled in from its seed, as a player's big level would be."""
    return Level(width=SIDE, height=SIDE, walls=_walls(True), spawn=(100.0, 100.0), masterpiece=Rect(300.0, 100.0, 32.0, 48.0),
                 kind="backstage", seed=15, title="A 512 x 512 level")


def _decor(index: int) -> list[int]:
    rng = random.Random(index)
    return [rng.randrange(0, 9) for _ in range(SIDE * SIDE)]


def write_tmj(level: Level, path: Path, pad: bool) -> None:
    data = to_tmj(level)
    text = json.dumps(data, separators=(",", ":"))
    index = 0
    while pad:
        layer = {"id": 100 + index, "name": f"decor {index}", "type": "tilelayer", "width": SIDE, "height": SIDE, "x": 0, "y": 0,
                 "opacity": 1, "visible": True, "data": _decor(index)}
        grown = dict(data, layers=data["layers"][:-1] + [layer] + data["layers"][-1:])
        grown_text = json.dumps(grown, separators=(",", ":"))
        if len(grown_text) > MAX_FILE_BYTES - HEADROOM:
            break
        data, text, index = grown, grown_text, index + 1
    path.write_text(text, encoding="utf-8")


def write_tmx(level: Level, path: Path, pad: bool) -> None:
    text = to_tmx(level)
    head, tail = text.split(' <objectgroup', 1)
    layers, index = [], 0
    while pad:
        cells = _decor(index)
        rows = ",\n".join(",".join(map(str, cells[r * SIDE:(r + 1) * SIDE])) for r in range(SIDE))
        layer = f' <layer id="{100 + index}" name="decor {index}" width="{SIDE}" height="{SIDE}">\n  <data encoding="csv">\n{rows}\n</data>\n </layer>\n'
        if len(head) + sum(map(len, layers)) + len(layer) + len(tail) + 13 > MAX_FILE_BYTES - HEADROOM:
            break
        layers.append(layer)
        index += 1
    path.write_text(head + "".join(layers) + " <objectgroup" + tail, encoding="utf-8")


def hostile_files(folder: Path) -> dict[str, Path]:
    return {"tmx_32mib_of_empty_elements": folder / "empty_elements.tmx", "tmj_32mib_of_empty_objects": folder / "empty_objects.tmj"}


def write_hostile(folder: Path) -> None:
    """Small-file attacks at the size limits: they must be refused quickly, in little memory."""
    files = hostile_files(folder)
    unit = b"<a/>"
    files["tmx_32mib_of_empty_elements"].write_bytes(b'<?xml version="1.0"?><map>' + unit * ((MAX_FILE_BYTES - 64) // len(unit)) + b"</map>")
    unit = b"{},"
    files["tmj_32mib_of_empty_objects"].write_bytes(b'{"type":"map","layers":[' + unit * ((MAX_FILE_BYTES - 64) // len(unit)) + b"{}]}")


def write_largest_replay(path: Path) -> None:
    """A replay at its limits: the most ticks it may hold, its actions changing every tick."""
    from game.replay import MAX_TICKS, REPLAY_JSON
    from game.sim.world import HASH_INTERVAL

    head = ('{"format":"flawed-replay","version":1,"seed":1,"level":{"kind":"generated","size":"small"},'
            f'"settings":{{"reduce_flicker":false,"reduce_motion":false}},"ticks":{MAX_TICKS},"actions":[')
    parts = [head]
    size = len(parts[0])
    for tick in range(MAX_TICKS):
        entry = f'[{tick},[[{(tick % 2048 - 1024) / 1024},0.5],["use_tool"]]],'
        if size + len(entry) > REPLAY_JSON.max_bytes - 600_000:
            break
        parts.append(entry)
        size += len(entry)
    parts[-1] = parts[-1].rstrip(",")
    hashes = ",".join(f'[{tick},"{"0" * 64}"]' for tick in range(HASH_INTERVAL, MAX_TICKS + 1, HASH_INTERVAL))
    parts.append(f'],"hashes":[{hashes}]}}')
    path.write_text("".join(parts), encoding="utf-8")


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def measure(argv: list[str], env: dict | None = None) -> tuple[float, float, str, str]:
    """(seconds, peak MB, exit status, last line of output) of one child process. A child past
    WATCH_MB or WATCH_S is stopped (the machine is shared) and reported as such."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        child = subprocess.Popen(argv, stdout=output, stderr=subprocess.STDOUT, env=env)
        stopped = ""
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            seconds = time.perf_counter() - start
            if not stopped and (_rss_mb(child.pid) > WATCH_MB or seconds > WATCH_S):
                stopped = f"stopped past {WATCH_MB} MB or {WATCH_S} s"
                child.kill()
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        lines = output.read().decode("utf-8", "replace").strip().splitlines()
    said = stopped or (lines[-1] if lines else "")
    return seconds, usage.ru_maxrss / 1024, str(child.returncode), said[:150]


def write_files(folder: Path) -> None:
    """Every file the cases read (run in a child, so the measuring parent stays small: a child's
    peak counts what it inherited at fork)."""
    tileset.write_tileset(folder)
    largest = largest_level()
    write_tmx(largest, folder / "largest.tmx", pad=True)
    write_tmj(largest, folder / "largest.tmj", pad=True)
    write_tmj(first_frame_level(), folder / "big_rooms.tmj", pad=False)
    write_hostile(folder)
    write_largest_replay(folder / "largest.replay.json")


def cases(folder: Path) -> list[tuple[str, list[str], bool]]:
    """(label, command, whether it is the largest legal level) for each case."""
    game = [sys.executable, "-m", "game"]

    def size(name: str) -> str:
        return f"{(folder / name).stat().st_size / 2**20:.1f} MiB"

    found = [(f"level check, largest legal {suffix} ({size('largest' + suffix)})", game + ["level", "check", str(folder / f"largest{suffix}")], True)
             for suffix in (".tmx", ".tmj")]
    shots = folder / "shots"
    found.append(("first frame of a 512x512 level (launch to exit)",
                  game + ["--headless", "--max-ticks", "1", "--level", str(folder / "big_rooms.tmj"), "--screenshots", str(shots)], True))
    found.append((f"first frame of the largest legal .tmj ({size('largest.tmj')})",
                  game + ["--headless", "--max-ticks", "1", "--level", str(folder / "largest.tmj"), "--screenshots", str(shots)], True))
    found += [(f"level check, {label}", game + ["level", "check", str(path)], False) for label, path in hostile_files(folder).items()]
    replay = folder / "largest.replay.json"
    load = [sys.executable, "-c", f"from game import replay; r = replay.load({str(replay)!r}); print(r.ticks, 'ticks,', len(r.changes), 'changes')"]
    found.append((f"replay load, at its limits ({size(replay.name)})", load, False))
    return found


def main() -> None:
    if sys.argv[1:2] == ["--write"]:
        write_files(Path(sys.argv[2]))
        return
    peaks = []
    with tempfile.TemporaryDirectory(prefix="flawed-hostile-") as name:
        folder = Path(name)
        subprocess.run([sys.executable, "-m", "benchmarks.hostile", "--write", str(folder)], check=True)
        env = dict(os.environ, ARCADE_HEADLESS="1", FLAWED_SILENT="1", FLAWED_CONFIG_DIR=str(folder / "config"))
        print(f"{'case':<62} {'time':>8} {'peak':>9}  exit  said")
        for label, argv, largest_case in cases(folder):
            seconds, peak, status, said = measure(argv, env)
            print(f"{label:<62} {seconds:7.2f}s {peak:7.0f}MB  {status:>4}  {said}", flush=True)
            if largest_case:
                peaks.append(peak)
    print(f"targets: the largest legal level <= {TARGET_PEAK_MB} MB peak, its first frame <= {TARGET_FIRST_FRAME_S:g} s")
    print(f"largest_level_peak_mb: {max(peaks):.0f}")


if __name__ == "__main__":
    main()
