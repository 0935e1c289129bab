"""Captions appear for the sounds that matter, from the world's real event classes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from game.audio import cues
from game.audio.synth import SOUNDS
from game.captions import CAPTION_TICKS, Captions
from game.settings import Settings
from game.sim.events import BeatChanged
from game.sim.panic import Heartbeat
from game.sim.tools import ToolSlipped


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


def test_a_slipped_tool_and_the_beats_are_captioned():
    captions = Captions(Settings())
    assert feed(captions, 5, ToolSlipped(5, "palette_knife", 0.0, 0.0, 240.0)) == ["[the palette knife clatters to the floor]"]
    from game.sim.audience import ApplauseStarted

    assert "[the curtain rises]" in feed(captions, 9, BeatChanged(9, "acceptance", "reveal"))
    assert "[applause erupts]" in feed(captions, 30, ApplauseStarted(30))
    assert feed(captions, 400, BeatChanged(400, "lights_on", "vortex")) == ["[a low, swirling drone]"]
    assert feed(captions, 900, BeatChanged(900, "vortex", "waking")) == ["[birdsong: morning]"]


def test_minigame_sounds_are_captioned():
    from game.sim.minigames.base import AttemptFailed, MinigameProgress

    captions = Captions(Settings())
    assert feed(captions, 3, MinigameProgress(3, "paintbrush", 0.1)) == ["[brush scrapes]"]
    assert "[a thread snaps]" in feed(captions, 50, AttemptFailed(50, "needle_and_thread", "failed", 0.9))


def test_captions_fade_after_their_time_and_stay_few():
    captions = Captions(Settings())
    feed(captions, 0, ToolSlipped(0, "solvent", 0, 0, 1))
    assert feed(captions, CAPTION_TICKS - 1) != []
    assert feed(captions, CAPTION_TICKS + 1) == []
    for tick, beat in enumerate(("repair", "alone", "vortex", "waking", "backstage")):
        feed(captions, 1000 + tick, BeatChanged(1000 + tick, None, beat))
    assert len(captions.lines) == 3 and captions.lines[-1].startswith("[a hush")


def test_unknown_events_are_silent_and_harmless():
    class SomethingNew(SimpleNamespace):
        pass

    captions = Captions(Settings())
    assert feed(captions, 1, SomethingNew(tick=1, tool="x")) == []


@pytest.mark.parametrize("event_name", sorted(cues.HANDLERS))
def test_every_cue_with_a_sound_has_a_caption(event_name):
    kind = type(event_name, (SimpleNamespace,), {})
    memory = cues.CueMemory()
    made = cues.cues_for(kind(tick=100, beat="reveal", previous=None, bpm=100.0, level=0.5, tool="needle_and_thread", progress=0.5, outcome="failed", loudness=0.5), memory)
    for cue in made:
        if cue.sound is not None:
            assert cue.sound in SOUNDS
            assert cue.caption, f"{event_name} plays {cue.sound} with no caption"


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


def test_the_whole_dream_is_heard_and_captioned():
    """The bot plays the story through (no window); every significant sound is played and captioned."""
    from game.audio.mixer import Mixer
    from game.session import Run, RunOptions

    run = Run(RunOptions(seed=3, autoplay=True, max_ticks=60 * 60 * 12))
    captions, mixer = Captions(Settings()), Mixer(Settings(), silent=True)
    said: list[str] = []
    while not run.done:
        events = run.step()
        captions.on_events(events, run.world)
        mixer.on_events(events, run.world)
        said += [line for line in captions.lines if line not in said]
    assert run.world.story.completed
    heard = set(mixer.counts)
    for sound in ("room_tone", "hush", "heartbeat", "rumble", "curtain", "applause", "vortex_drone", "birds"):
        assert sound in heard, f"{sound} never played in a whole dream"
    for caption in ("[heartbeat]", "[heartbeat quickens]", "[the curtain rises]", "[applause erupts]",
                    "[a low, swirling drone]", "[birdsong: morning]"):
        assert caption in said, f"{caption} never shown; shown: {said}"
    assert said.index("[heartbeat]") < said.index("[applause erupts]") < said.index("[birdsong: morning]")
