"""The story is one table, and how each beat is shown is one row beside it."""

from __future__ import annotations

import inspect

from game.audio.synth import SOUNDS
from game.render.overlay import Overlay
from game.sim.beats import Scene
from game.sim.story import STORY, Beat
from game.views.beats import SHOWS


def test_every_beat_has_one_chapter_in_order_and_each_leads_to_the_next():
    assert [chapter.beat for chapter in STORY] == list(Beat)
    for chapter, after in zip(STORY, STORY[1:]):
        assert chapter.then is after.beat
    assert STORY[-1].then is None  # waking ends the dream


def test_each_chapter_leaves_by_a_method_of_its_own_scene():
    for chapter in STORY:
        assert issubclass(chapter.scene, Scene)
        name = chapter.leaves_when.__name__
        assert getattr(chapter.scene, name) is chapter.leaves_when, f"{chapter.beat}: {name} is not {chapter.scene.__name__}'s"
        assert inspect.getdoc(chapter.leaves_when), f"{chapter.beat}: say in words when it is over"


def test_every_beat_is_shown_by_one_row_in_story_order():
    assert [show.beat for show in SHOWS] == [chapter.beat for chapter in STORY]
    for show in SHOWS:
        assert show.overlay is None or issubclass(show.overlay, Overlay)
        assert all(bed in SOUNDS and SOUNDS[bed].loop for bed in show.beds), show.beat
        assert show.shot_delay_ticks >= 0
