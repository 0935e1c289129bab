"""Which world events make which sound and which caption: one table, read by the mixer and captions.

Events are matched by class name, not by import, so that event classes other systems add (or
rename) never break this module: an unknown event is simply silent. Both the mixer and the
captions read the same cues, so every significant sound has its caption.
"""

from __future__ import annotations

from dataclasses import dataclass, field

HEARTBEAT_CHANGE_BPM = 10.0  # a change this big since the last caption is "quickens"/"slows"
WORK_SOUND_EVERY_TICKS = 20  # a tool's working sound plays at most this often while a minigame progresses
HEARTBEAT_QUIET_GAIN = 0.45  # heartbeat loudness at the lowest audible panic (full at panic 1)
APPLAUSE_HELD_GAIN = 0.5  # the held applause under the eruption; it swells to 1 with the hall

# The beds under each beat (looped, on the music bus), and what is said when they change.
BEDS = {
    "backstage": (("room_tone", "hush"), "[a hush from the audience beyond the curtain]"),
    "flaw": (("room_tone", "hush"), None),
    "repair": (("room_tone", "rumble"), "[the silence roars in your ears]"),
    "alone": (("room_tone",), "[the roar falls away to nothing]"),
    "acceptance": (("room_tone", "hush"), None),
    "reveal": (("hush",), None),
    "lights_on": ((), None),
    "vortex": (("vortex_drone",), "[a low, swirling drone]"),
    "waking": (("birds",), "[birdsong: morning]"),
}

# A tool at work, and the tool failing: (sound, caption).
TOOL_WORKING = {
    "paintbrush": ("brush_scrape", "[brush scrapes]"),
    "palette_knife": ("knife_scrape", "[knife scrapes]"),
    "needle_and_thread": ("brush_scrape", "[thread rasps through canvas]"),
    "solvent": ("solvent_hiss", "[solvent hisses]"),
    "varnish": ("brush_scrape", "[varnish drags]"),
}
TOOL_FAILING = {
    "paintbrush": ("brush_scrape", "[brush skids]"),
    "palette_knife": ("knife_scrape", "[knife gouges]"),
    "needle_and_thread": ("thread_snap", "[a thread snaps]"),
    "solvent": ("solvent_hiss", "[solvent hisses and bleeds]"),
    "varnish": ("brush_scrape", "[varnish smears]"),
}


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


def tool_name(tool: str) -> str:
    return tool.replace("_", " ")


def cues_for(event, memory: CueMemory) -> list[Cue]:
    """The cues one event calls for (often none)."""
    handler = HANDLERS.get(type(event).__name__)
    return handler(event, memory) if handler else []


def _beat_changed(event, memory: CueMemory) -> list[Cue]:
    beat = getattr(event, "beat", None)
    beds, caption = BEDS.get(beat, (None, None))
    cues = [Cue(beds=beds, caption=caption)]
    if beat == "backstage":
        memory.applause_heard = memory.curtain_heard = False
        memory.heartbeat_bpm = None
    elif beat == "reveal":
        cues += _curtain(event, memory)  # the applause waits for the audience (ApplauseStarted)
    elif beat == "lights_on":
        cues += [Cue("lights_snap", "[the house lights slam on]"), Cue("tear", "[the room tears loose]", gain=0.8)]
    elif beat == "waking":
        memory.heartbeat_bpm = None
    return cues


def _heartbeat(event, memory: CueMemory) -> list[Cue]:
    bpm = float(getattr(event, "bpm", 60.0))
    level = float(getattr(event, "level", 0.5))
    last = memory.heartbeat_bpm
    if last is None:
        caption = "[heartbeat]"
        memory.heartbeat_bpm = bpm
    elif bpm >= last + HEARTBEAT_CHANGE_BPM:
        caption = "[heartbeat quickens]"
        memory.heartbeat_bpm = bpm
    elif bpm <= last - HEARTBEAT_CHANGE_BPM:
        caption = "[heartbeat slows]"
        memory.heartbeat_bpm = bpm
    else:
        caption = None  # the caption already showing stays, refreshed below
    gain = HEARTBEAT_QUIET_GAIN + (1.0 - HEARTBEAT_QUIET_GAIN) * max(0.0, min(1.0, level))
    return [Cue("heartbeat", caption, gain=gain, key="heartbeat")]


def _tool_slipped(event, memory: CueMemory) -> list[Cue]:
    tool = getattr(event, "tool", "")
    what = f"the {tool_name(tool)}" if tool else "a tool"
    return [Cue("tool_clatter", f"[{what} clatters to the floor]")]


def _minigame_progress(event, memory: CueMemory) -> list[Cue]:
    tool = getattr(event, "tool", "")
    tick = getattr(event, "tick", 0)
    if tool not in TOOL_WORKING or tick - memory.last_work_tick.get(tool, -10**9) < WORK_SOUND_EVERY_TICKS:
        return []
    memory.last_work_tick[tool] = tick
    sound, caption = TOOL_WORKING[tool]
    return [Cue(sound, caption, key=f"work:{tool}")]


def _attempt_failed(event, memory: CueMemory) -> list[Cue]:
    tool = getattr(event, "tool", "")
    if tool not in TOOL_FAILING:
        return []
    sound, caption = TOOL_FAILING[tool]
    return [Cue(sound, caption, gain=1.0, key=f"work:{tool}")]


def _thread_snapped(event, memory: CueMemory) -> list[Cue]:
    return [Cue("thread_snap", "[a thread snaps]", key="work:needle_and_thread")]


def _help_called(event, memory: CueMemory) -> list[Cue]:
    return [Cue("call", "[you call out for help]", key="call")]


def _echo_returned(event, memory: CueMemory) -> list[Cue]:
    loudness = max(0.0, min(1.0, float(getattr(event, "loudness", 1.0))))
    return [Cue("echo", "[your call echoes back]", gain=0.3 + 0.7 * loudness, key="call")]


def _no_answer(event, memory: CueMemory) -> list[Cue]:
    return [Cue(None, "[no answer]", key="call")]


def _door_opened(event, memory: CueMemory) -> list[Cue]:
    return [Cue("door", "[a door creaks open on an empty room]", key="door")]


def _lights_guttered(event, memory: CueMemory) -> list[Cue]:
    return [Cue(None, "[the lights gutter]", key="lights")]


def _calmed(event, memory: CueMemory) -> list[Cue]:
    return [Cue(None, "[your heartbeat steadies]", key="heartbeat")]


def _curtain(event, memory: CueMemory) -> list[Cue]:
    if memory.curtain_heard:
        return []
    memory.curtain_heard = True
    return [Cue("curtain", "[the curtain rises]")]


def _applause(event, memory: CueMemory) -> list[Cue]:
    if memory.applause_heard:
        return []
    memory.applause_heard = True
    # The eruption once, and under it the hall's steady clapping, held until the lights come on.
    return [Cue("applause", "[applause erupts]", key="applause"), Cue(beds=("hush", "applause_loop"), bed_gain=("applause_loop", APPLAUSE_HELD_GAIN))]


def _applause_swells(event, memory: CueMemory) -> list[Cue]:
    level = max(0.0, min(1.0, float(getattr(event, "level", 1.0))))
    gain = APPLAUSE_HELD_GAIN + (1.0 - APPLAUSE_HELD_GAIN) * level
    return [Cue(None, "[applause swells]", key="applause", bed_gain=("applause_loop", gain))]


def _applause_peaks(event, memory: CueMemory) -> list[Cue]:
    return [Cue(None, "[applause thunders]", key="applause")]


def _breath(event, memory: CueMemory) -> list[Cue]:
    return [Cue("breath", "[a slow, deep breath]", key="breath")]


def _accepted(event, memory: CueMemory) -> list[Cue]:
    return [Cue("resolve", "[a warm chord swells]", key="resolve")]


def _audience_vanished(event, memory: CueMemory) -> list[Cue]:
    return [Cue(None, "[the hall falls silent: nobody is there]", key="applause")]


def _lights_on(event, memory: CueMemory) -> list[Cue]:
    return [Cue("lights_snap", "[the house lights slam on]", key="lights")]


def _tear(event, memory: CueMemory) -> list[Cue]:
    return [Cue("tear", "[the room tears loose]", gain=0.8, key="tear")]


# Event class name → its cues. Names other systems may use are listed beside the ones in use.
HANDLERS = {
    "BeatChanged": _beat_changed,
    "Heartbeat": _heartbeat,
    "ToolSlipped": _tool_slipped,
    "ToolDropped": _tool_slipped,
    "MinigameProgress": _minigame_progress,
    "AttemptFailed": _attempt_failed,
    "ThreadSnapped": _thread_snapped,
    "HelpCalled": _help_called,
    "CalledForHelp": _help_called,
    "EchoReturned": _echo_returned,
    "NoAnswer": _no_answer,
    "DoorOpened": _door_opened,
    "LightsGuttered": _lights_guttered,
    "Calmed": _calmed,
    "CurtainRose": _curtain,
    "CurtainRising": _curtain,
    "ApplauseStarted": _applause,
    "ApplauseSwelled": _applause_swells,
    "ApplausePeaked": _applause_peaks,
    "Accepted": _accepted,
    "AudienceVanished": _audience_vanished,
    "BreathTaken": _breath,
    "Breathed": _breath,
    "HouseLightsOn": _lights_on,
    "RoomDissolving": _tear,
    "RoomTornLoose": _tear,
}
