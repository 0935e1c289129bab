"""Which world events make which sound and which caption: one table keyed by event class, read by the mixer and the captions.

``HANDLERS`` maps an event class to a function that turns one event into cues (a sound, a
caption, a change of the looping beds). Every event class the world emits is either listed
there or in ``UNHEARD`` with the reason it makes no sound, and a test holds both lists to the
event classes that exist. The beds under each beat belong to the beat's presentation
(``game.views.beats``); a tool's own sounds belong to its record (``game.tools``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from game.sim.audience import ApplausePeaked, ApplauseStarted, ApplauseSwelled
from game.sim.beats.acceptance import Accepted, BreathTaken, Calmed, Recomposed
from game.sim.beats.alone import DoorOpened, EchoReturned, HelpCalled, LightsGuttered, NoAnswer
from game.sim.beats.lights_on import AudienceVanished, HouseLightsOn, RoomDissolved, RoomDissolving
from game.sim.beats.reveal import CurtainRaised, CurtainRising, FrameGripped
from game.sim.beats.waking import DreamEnded, SummaryShown, Woke
from game.sim.events import BeatChanged, Event, LevelLoaded, PropPushed
from game.sim.flaw import FlawWorsened
from game.sim.minigame import AttemptFailed, MinigameProgress, MinigameStarted
from game.sim.panic import Heartbeat, PanicRose
from game.sim.rack import HandReached, ToolPickedUp, ToolSlipped
from game.sim.vortex import EyeReached, VortexEntered
from game.tools import HANDS, TOOLS, Sound, tool

HEARTBEAT_CHANGE_BPM = 10.0  # a change this big since the last caption is "quickens"/"slows"
WORK_SOUND_EVERY_TICKS = 20  # a tool's working sound plays at most this often while a minigame progresses
HEARTBEAT_QUIET_GAIN = 0.45  # heartbeat loudness at the lowest audible panic (full at panic 1)
APPLAUSE_HELD_GAIN = 0.5  # the held applause under the eruption; it swells to 1 with the hall


@dataclass(frozen=True)
class Cue:
    sound: str | None = None  # a name in synth.SOUNDS
    caption: str | None = None
    gain: float = 1.0  # on top of the sound's own level and the player's volumes
    beds: tuple[str, ...] | None = None  # not None: these loops replace the ones playing
    bed_gain: tuple[str, float] | None = None  # (a bed, its new gain): a loop that swells or fades
    key: str | None = None  # captions with the same key replace each other (heartbeat)


@dataclass
class CueMemory:
    """What the cues remember between events: so a heartbeat can "quicken"."""

    heartbeat_bpm: float | None = None
    last_work_tick: dict[str, int] = field(default_factory=dict)
    applause_heard: bool = False
    curtain_heard: bool = False


def cues_for(event: Event, memory: CueMemory) -> list[Cue]:
    """The cues one event calls for (often none)."""
    handler = HANDLERS.get(type(event))
    return handler(event, memory) if handler else []


def _said(sound: Sound | None, key: str | None = None, gain: float = 1.0) -> list[Cue]:
    return [] if sound is None else [Cue(sound.sound, sound.caption, gain=gain, key=key)]


def _beat_changed(event: BeatChanged, memory: CueMemory) -> list[Cue]:
    # The beds and their caption come with the beat's presentation; here the memory starts over.
    if event.beat in ("backstage", "waking"):
        memory.heartbeat_bpm = None
    if event.beat == "backstage":
        memory.applause_heard = memory.curtain_heard = False
    return []


def _heartbeat(event: Heartbeat, memory: CueMemory) -> list[Cue]:
    last = memory.heartbeat_bpm
    if last is None:
        caption = "[heartbeat]"
        memory.heartbeat_bpm = event.bpm
    elif event.bpm >= last + HEARTBEAT_CHANGE_BPM:
        caption = "[heartbeat quickens]"
        memory.heartbeat_bpm = event.bpm
    elif event.bpm <= last - HEARTBEAT_CHANGE_BPM:
        caption = "[heartbeat slows]"
        memory.heartbeat_bpm = event.bpm
    else:
        caption = None  # the caption already showing stays, refreshed below
    gain = HEARTBEAT_QUIET_GAIN + (1.0 - HEARTBEAT_QUIET_GAIN) * max(0.0, min(1.0, event.level))
    return [Cue("heartbeat", caption, gain=gain, key="heartbeat")]


def _tool_slipped(event: ToolSlipped, memory: CueMemory) -> list[Cue]:
    return [Cue("tool_clatter", f"[the {tool(event.tool).name} clatters to the floor]")]


def _minigame_progress(event: MinigameProgress, memory: CueMemory) -> list[Cue]:
    if event.tick - memory.last_work_tick.get(event.tool, -10**9) < WORK_SOUND_EVERY_TICKS:
        return []
    memory.last_work_tick[event.tool] = event.tick
    return _said(tool(event.tool).working, key=f"work:{event.tool}")


def _attempt_failed(event: AttemptFailed, memory: CueMemory) -> list[Cue]:
    return _said(tool(event.tool).failing, key=f"work:{event.tool}")


def _curtain(event: CurtainRising, memory: CueMemory) -> list[Cue]:
    if memory.curtain_heard:
        return []
    memory.curtain_heard = True
    return [Cue("curtain", "[the curtain rises]")]


def _applause(event: ApplauseStarted, memory: CueMemory) -> list[Cue]:
    if memory.applause_heard:
        return []
    memory.applause_heard = True
    # The eruption once, and under it the hall's steady clapping, held until the lights come on.
    return [Cue("applause", "[applause erupts]", key="applause"), Cue(beds=("hush", "applause_loop"), bed_gain=("applause_loop", APPLAUSE_HELD_GAIN))]


def _applause_swells(event: ApplauseSwelled, memory: CueMemory) -> list[Cue]:
    level = max(0.0, min(1.0, event.level))
    gain = APPLAUSE_HELD_GAIN + (1.0 - APPLAUSE_HELD_GAIN) * level
    return [Cue(None, "[applause swells]", key="applause", bed_gain=("applause_loop", gain))]


def _echo_returned(event: EchoReturned, memory: CueMemory) -> list[Cue]:
    loudness = max(0.0, min(1.0, event.loudness))
    return [Cue("echo", "[your call echoes back]", gain=0.3 + 0.7 * loudness, key="call")]


def _always(*cues: Cue) -> Callable[[Event, CueMemory], list[Cue]]:
    """A handler for an event that always sounds the same."""
    return lambda event, memory: list(cues)


def _tool_sound(sound: Sound, tool_id: str) -> Callable[[Event, CueMemory], list[Cue]]:
    return lambda event, memory: _said(sound, key=f"work:{tool_id}")


HANDLERS: dict[type[Event], Callable[[Event, CueMemory], list[Cue]]] = {
    BeatChanged: _beat_changed,
    Heartbeat: _heartbeat,
    ToolSlipped: _tool_slipped,
    MinigameProgress: _minigame_progress,
    AttemptFailed: _attempt_failed,
    HelpCalled: _always(Cue("call", "[you call out for help]", key="call")),
    EchoReturned: _echo_returned,
    NoAnswer: _always(Cue(None, "[no answer]", key="call")),
    DoorOpened: _always(Cue("door", "[a door creaks open on an empty room]", key="door")),
    LightsGuttered: _always(Cue(None, "[the lights gutter]", key="lights")),
    Calmed: _always(Cue(None, "[your heartbeat steadies]", key="heartbeat")),
    BreathTaken: _always(Cue("breath", "[a slow, deep breath]", key="breath")),
    Accepted: _always(Cue("resolve", "[a warm chord swells]", key="resolve")),
    CurtainRising: _curtain,
    ApplauseStarted: _applause,
    ApplauseSwelled: _applause_swells,
    ApplausePeaked: _always(Cue(None, "[applause thunders]", key="applause")),
    HouseLightsOn: _always(Cue("lights_snap", "[the house lights slam on]", key="lights")),
    AudienceVanished: _always(Cue(None, "[the hall falls silent: nobody is there]", key="applause")),
    RoomDissolving: _always(Cue("tear", "[the room tears loose]", gain=0.8, key="tear")),
}
# A tool's own events (the needle's snapping thread) sound as its record says.
for _tool in (*TOOLS.values(), HANDS):
    for _event, _sound in _tool.sounds.items():
        HANDLERS[_event] = _tool_sound(_sound, _tool.id)

# Events that make no sound of their own, and why; a new event class must go in one list or the other.
UNHEARD: dict[type[Event], str] = {
    LevelLoaded: "the beds of the beat it starts in are heard",
    PropPushed: "pushing is felt in the walk, not heard",
    ToolPickedUp: "the prompt line and the HUD say it",
    HandReached: "the close-up shows the hand",
    MinigameStarted: "its working sound follows at the first progress",
    FlawWorsened: "the failing tool's sound says it",
    PanicRose: "the heartbeat says it",
    CurtainRaised: "the curtain's sound started as it began to rise",
    FrameGripped: "the applause swells with it",
    Recomposed: "the warm chord of acceptance is still sounding",
    RoomDissolved: "the vortex's drone follows at once",
    VortexEntered: "the beds of the vortex beat say it",
    EyeReached: "the morning's birdsong follows",
    Woke: "the beds of the waking beat say it",
    SummaryShown: "text on screen",
    DreamEnded: "the dream is over",
}
