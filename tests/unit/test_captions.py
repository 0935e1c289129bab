"""Captions appear for the sounds that matter, from the world's real event classes."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from types import SimpleNamespace

import pytest

import game
from game.audio import cues
from game.audio.synth import SOUNDS
from game.captions import CAPTION_TICKS, Captions
from game.settings import Settings
from game.sim.beats.reveal import CurtainRising
from game.sim.events import Event
from game.sim.panic import Heartbeat
from game.sim.rack import ToolSlipped
from game.views.beats import SHOWS


def every_event_class() -> set[type]:
    """Every Event subclass in the game (each module imported, so none hides)."""
    for module in pkgutil.walk_packages(game.__path__, "game."):
        if module.name.startswith(("game.sim", "game.tools")):
            importlib.import_module(module.name)
    found, todo = set(), [Event]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("game.") and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


SAMPLE_VALUES = {"tool": "needle_and_thread", "beat": "reveal", "previous": None, "outcome": "failed", "cause": "failure", "title": "t", "kind": "blot"}


def sample(kind: type) -> Event:
    """An instance of an event class with plausible values in every field."""
    values = {}
    for f in dataclasses.fields(kind):
        if f.name in SAMPLE_VALUES:
            values[f.name] = SAMPLE_VALUES[f.name]
        else:
            values[f.name] = {"int": 100, "float": 0.5, "bool": True, "str": "x"}.get(str(f.type), 1)
    return kind(**values)


def world_at(tick: int):
    return SimpleNamespace(tick=tick)


def feed(captions: Captions, tick: int, *events) -> list[str]:
    captions.on_events(list(events), world_at(tick))
    return captions.lines


def test_heartbeat_is_captioned_and_quickens_as_panic_rises():
    captions = Captions(Settings())
    assert feed(captions, 10, Heartbeat(10, 70.0, 0.1)) == ["[heartbeat]"]
    assert feed(captions, 60, Heartbeat(60, 72.0, 0.12)) == ["[heartbeat]"]
    assert feed(captions, 100, Heartbeat(100, 95.0, 0.4)) == ["[heartbeat quickens]"]
    assert feed(captions, 130, Heartbeat(130, 70.0, 0.1)) == ["[heartbeat slows]"]


def test_a_slipped_tool_and_the_curtain_are_captioned():
    captions = Captions(Settings())
    assert feed(captions, 5, ToolSlipped(5, "palette_knife", 0.0, 0.0, 240.0)) == ["[the palette knife clatters to the floor]"]
    from game.sim.audience import ApplauseStarted

    assert "[the curtain rises]" in feed(captions, 9, CurtainRising(9))
    assert "[applause erupts]" in feed(captions, 30, ApplauseStarted(30))


def test_minigame_sounds_are_captioned():
    from game.sim.minigame import AttemptFailed, MinigameProgress

    captions = Captions(Settings())
    assert feed(captions, 3, MinigameProgress(3, "paintbrush", 0.1)) == ["[brush scrapes]"]
    assert "[a thread snaps]" in feed(captions, 50, AttemptFailed(50, "needle_and_thread", "failed", 0.9))


def test_captions_fade_after_their_time_and_stay_few():
    captions = Captions(Settings())
    feed(captions, 0, ToolSlipped(0, "solvent", 0, 0, 1))
    assert feed(captions, CAPTION_TICKS - 1) != []
    assert feed(captions, CAPTION_TICKS + 1) == []
    for tick, show in enumerate(show for show in SHOWS if show.beds_caption):
        captions.say(show.beds_caption, 1000 + tick)
    assert len(captions.lines) == 3 and captions.lines[-1] == "[birdsong: morning]"


def test_unknown_events_are_silent_and_harmless():
    class SomethingNew(SimpleNamespace):
        pass

    captions = Captions(Settings())
    assert feed(captions, 1, SomethingNew(tick=1, tool="x")) == []


@pytest.mark.parametrize("kind", sorted(cues.HANDLERS, key=lambda k: k.__name__), ids=lambda k: k.__name__)
def test_every_cue_with_a_sound_has_a_caption(kind):
    made = cues.cues_for(sample(kind), cues.CueMemory())
    for cue in made:
        if cue.sound is not None:
            assert cue.sound in SOUNDS
            assert cue.caption, f"{kind.__name__} plays {cue.sound} with no caption"


def test_every_event_is_either_heard_or_said_to_be_silent():
    events = every_event_class()
    assert len(events) > 30
    heard, silent = set(cues.HANDLERS), set(cues.UNHEARD)
    assert not heard & silent, f"both heard and silent: {heard & silent}"
    assert heard | silent == events, f"no cue and not listed as silent: {sorted(k.__name__ for k in events - heard - silent)}; listed but no such event: {sorted(k.__name__ for k in (heard | silent) - events)}"


def test_each_tool_is_heard_as_its_record_says():
    from game.sim.minigame import AttemptFailed, MinigameProgress
    from game.tools import TOOLS

    for tool in TOOLS.values():
        working = cues.cues_for(MinigameProgress(1, tool.id, 0.1), cues.CueMemory())
        failing = cues.cues_for(AttemptFailed(1, tool.id, "failed", 0.9), cues.CueMemory())
        assert [(c.sound, c.caption) for c in working] == [(tool.working.sound, tool.working.caption)]
        assert [(c.sound, c.caption) for c in failing] == [(tool.failing.sound, tool.failing.caption)]


def test_captions_draw_in_a_box_and_respect_text_size(window):
    import numpy as np

    from driver import screenshot

    def ink(size: int) -> int:
        captions = Captions(Settings(text_size=size))
        feed(captions, 1, ToolSlipped(1, "varnish", 0, 0, 1))
        window.clear()
        window.default_camera.use()
        captions.draw()
        image = np.asarray(screenshot(window), dtype=np.int32)
        bright = image.sum(axis=2) > 500
        box = image.sum(axis=2) > 0
        assert bright.any(), "the caption text was not drawn"
        return int(box.sum())

    assert ink(200) > 2 * ink(100)
    off = Captions(Settings(captions=False))
    feed(off, 1, ToolSlipped(1, "varnish", 0, 0, 1))
    window.clear()
    off.draw()
    assert np.asarray(screenshot(window)).max() == 0


def test_the_lonely_calls_are_captioned():
    from game.sim.beats.alone import DoorOpened, EchoReturned, HelpCalled

    captions = Captions(Settings())
    assert feed(captions, 1, HelpCalled(1, 1, 0.0, 0.0)) == ["[you call out for help]"]
    assert feed(captions, 30, EchoReturned(30, 1, 0.5)) == ["[your call echoes back]"]
    assert "[a door creaks open on an empty room]" in feed(captions, 40, DoorOpened(40, 0.0, 0.0, True))


def test_the_whole_dream_is_heard_and_captioned(window):
    """The bot plays the story through a game view (stepped, not drawn); every significant sound is played and captioned."""
    from game.audio.mixer import Mixer
    from game.session import Run, RunOptions
    from game.views.host import Host
    from game.views.play import GameView

    host = Host(Settings())
    host.mixer = Mixer(host.settings, silent=True)
    view = GameView(Run(RunOptions(seed=3, autoplay=True, max_ticks=60 * 60 * 12)), host=host)
    run = view.run
    said: list[str] = list(view.captions.lines)
    while not view.finished:
        view.step_once()
        said += [line for line in view.captions.lines if line not in said]
    assert run.world.story.completed
    heard = set(host.mixer.counts)
    for sound in ("room_tone", "hush", "heartbeat", "rumble", "curtain", "applause", "vortex_drone", "birds"):
        assert sound in heard, f"{sound} never played in a whole dream"
    for caption in ("[heartbeat]", "[heartbeat quickens]", "[the curtain rises]", "[applause erupts]",
                    "[a low, swirling drone]", "[birdsong: morning]"):
        assert caption in said, f"{caption} never shown; shown: {said}"
    assert said.index("[heartbeat]") < said.index("[applause erupts]") < said.index("[birdsong: morning]")
