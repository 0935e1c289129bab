"""What `flawed level test` says about its results: a line per level, and JUnit XML for CI."""

from __future__ import annotations

import socket
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from game.playtest.play import Result
from game.sim.timestep import TICKS_PER_SECOND

SUITE = "flawed level test"


def beats_text(result: Result) -> str:
    """'backstage 1075, flaw 151, ...' (ticks each beat took)."""
    return ", ".join(f"{beat} {ticks}" for beat, ticks in result.beats)


def summary(result: Result) -> str:
    """One line for the result (a level error's own lines go to stderr beside it)."""
    name = result.subject.name
    seed = f", seed {result.seed}" if result.seed is not None and result.subject.seed is None else ""
    if result.problems:
        return f"{name}: error: the level cannot be played ({len(result.problems)} problem{'s' if len(result.problems) > 1 else ''})"
    if result.crash:
        return f"{name}: internal error: {result.crash.strip().splitlines()[-1]}"
    minutes, seconds = divmod(result.ticks // TICKS_PER_SECOND, 60)
    took = f"{result.ticks} ticks ({minutes}:{seconds:02d} of game time{seed})"
    if result.completed:
        return f"{name}: completed in {took}; ticks per beat: {beats_text(result)}"
    return f"{name}: not completed: {result.stuck.line()}; after {took}; ticks per beat: {beats_text(result)}"


def junit_xml(results: list[Result], seconds: float) -> ET.ElementTree:
    """The results as JUnit XML: one <testcase> per level, a <failure> where the bot got stuck and
    an <error> where the level could not be played or the game failed."""
    failures = sum(1 for r in results if r.status == "stuck")
    errors = sum(1 for r in results if r.status in ("error", "crashed"))
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors), "skipped": "0", "time": f"{seconds:.3f}"}
    root = ET.Element("testsuites", name=SUITE, **counts)
    suite = ET.SubElement(root, "testsuite", name=SUITE, timestamp=time.strftime("%Y-%m-%dT%H:%M:%S"), hostname=socket.gethostname(), **counts)
    for result in results:
        subject = result.subject
        classname = "generated" if subject.path is None else (Path(subject.path).parent.name or "levels")
        name = subject.name if subject.path is None else Path(subject.path).name
        case = ET.SubElement(suite, "testcase", classname=classname, name=name, time=f"{result.seconds:.3f}")
        if result.problems:
            error = ET.SubElement(case, "error", message="the level cannot be played", type="LevelError")
            error.text = "\n".join(result.problems)
        elif result.crash:
            error = ET.SubElement(case, "error", message="internal error", type="InternalError")
            error.text = result.crash
        elif not result.completed:
            failure = ET.SubElement(case, "failure", message=result.stuck.line(), type="Stuck")
            failure.text = summary(result)
        out = ET.SubElement(case, "system-out")
        out.text = summary(result)
    ET.indent(root)
    return ET.ElementTree(root)


def write_junit(results: list[Result], seconds: float, path: str | Path) -> None:
    junit_xml(results, seconds).write(path, encoding="utf-8", xml_declaration=True)
