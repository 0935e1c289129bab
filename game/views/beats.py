"""How each beat of the story is shown and heard: one row per beat, beside ``game.sim.story.STORY``.

A row names the beat's overlay (built when the beat begins, closed when it ends; None: the lit
room alone), the sound beds looping under it and the caption said as they start, the tick into
the beat at which its screenshot shows it best, the screen of its own the window switches
to (None: the game screen), and what to paint ahead for it while the beat before plays
(``game.render.ahead``: a beat begins without a hitch). The game view enters a row when the story enters its beat; the
shell decides the screen change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.render import audience, closeup, debris, vortex, waking
from game.render.acceptance import AcceptanceOverlay
from game.render.alone import AloneOverlay
from game.render.audience import RevealOverlay
from game.render.closeup import CloseupOverlay
from game.render.debris import LightsOnOverlay
from game.render.overlay import Overlay
from game.render.vortex import VortexOverlay
from game.sim.story import CHAPTERS, Beat
from game.views.waking import WakingView

if TYPE_CHECKING:
    from game.sim.world import World
    from game.views.play import GameView


@dataclass(frozen=True)
class BeatShow:
    beat: Beat
    overlay: type[Overlay] | None  # drawn over (or instead of) the room while the beat lasts
    beds: tuple[str, ...]  # looped sounds under the beat (names in game.audio.synth.SOUNDS)
    beds_caption: str | None  # said when the beds start
    shot_delay_ticks: int  # ticks into the beat at which its screenshot shows it best
    screen: type | None = None  # a view of its own the window shows during the beat
    ahead: Callable[[World], None] | None = None  # starts painting what the beat will show (from plain numbers of the world: its seed, its flaw), as the beat before begins
    prepare: Callable[[GameView], Iterator] | None = None  # makes what the beat will show on the GPU, a step each frame the beat before draws (its value: the beat's overlay or screen, or None)


SHOWS: tuple[BeatShow, ...] = (
    # The camera has settled and the lights have come up.
    BeatShow(Beat.BACKSTAGE, None, ("room_tone", "hush"), "[a hush from the audience beyond the curtain]", 60),
    # The beat of stillness: pushed in on the knot, the rest of the picture fallen away.
    BeatShow(Beat.FLAW, CloseupOverlay, ("room_tone", "hush"), None, 220, ahead=closeup.paint_ahead, prepare=CloseupOverlay.made_in_steps),
    # A minigame under way.
    BeatShow(Beat.REPAIR, CloseupOverlay, ("room_tone", "rumble"), "[the silence roars in your ears]", 150),
    # The lights have guttered; echoes, and a door open on an empty room.
    BeatShow(Beat.ALONE, AloneOverlay, ("room_tone",), "[the roar falls away to nothing]", 390),
    # Breathing with the guide.
    BeatShow(Beat.ACCEPTANCE, AcceptanceOverlay, ("room_tone", "hush"), None, 240, ahead=closeup.paint_ahead, prepare=AcceptanceOverlay.made_in_steps),
    # The curtain is up and the hall applauds.
    BeatShow(Beat.REVEAL, RevealOverlay, ("hush",), None, 420, ahead=audience.paint_ahead, prepare=audience.prepare_reveal),
    # The stark, empty hall tearing away into the swirl, the room already breaking behind it.
    BeatShow(Beat.LIGHTS_ON, LightsOnOverlay, (), None, 118, prepare=debris.prepare_lights_on),
    # The swirl and its orbiting fragments.
    BeatShow(Beat.VORTEX, VortexOverlay, ("vortex_drone",), "[a low, swirling drone]", 150, ahead=vortex.paint_ahead, prepare=debris.prepare_vortex),
    # Morning, the memory, the words and the summary.
    BeatShow(Beat.WAKING, None, ("birds",), "[birdsong: morning]", 450, screen=WakingView, ahead=waking.paint_ahead, prepare=WakingView.made_in_steps),
)
SHOW: dict[Beat, BeatShow] = {show.beat: show for show in SHOWS}


def next_show(beat: Beat) -> BeatShow | None:
    """The row of the beat the story goes to after `beat` (None after the last)."""
    following = CHAPTERS[beat].then
    return SHOW[following] if following is not None else None
