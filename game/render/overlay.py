"""What a beat's picture is to the game view: built as the beat begins, drawn every frame, let go as it ends.

``game.views.beats`` names one overlay class per beat (or none: the lit room alone). The game
view builds it when the story enters the beat, or takes the one its row's ``prepare`` made while
the beat before played; either way it calls ``entered`` then (the beat's *enter*), draws it each
frame over (or instead of) the room, hands it the world's events, and calls ``close`` when the
story leaves the beat (its *exit*): whatever the overlay made goes with it. A beat
whose overlay class is the one already showing keeps it (the close-up runs on from the flaw
into the repair).
"""

from __future__ import annotations


class Overlay:
    def __init__(self, view):
        """Build what the beat shows (textures, sprite lists, text): as it begins, or ahead."""

    def entered(self, view) -> None:
        """The beat begins with it: what it does to the rest of the view (the camera let go past
        the level's edge...), whether it was built now or made while the beat before played (see
        BeatShow.prepare)."""

    def covers(self, view) -> bool:
        """Whether it fills the screen now, so the room need not be drawn under it."""
        return False

    def paints_screen(self, view) -> bool:
        """Whether its draw paints every pixel of the screen opaque that the room does not — all
        of it while it covers the screen, all but its room_box while the room shows there — so
        the screen is not cleared there first (in software GL a clear costs by the pixel, like
        any pass)."""
        return False

    def room_box(self, view) -> tuple[int, int, int, int] | None:
        """The part of the screen (x, y, width, height px) where the room can show under it, so
        the room is lit and drawn there only (None: wherever it shows, the whole screen). Asked
        once the world camera has been placed for the frame."""
        return None

    def on_events(self, events, world) -> None:
        """The world's events of the last tick (calls echoing, doors opening...)."""

    def background(self, view):
        """The colour the screen is cleared to under the beat (None: the window's own)."""
        return None

    def caption_floor(self, view) -> float:
        """px from the bottom of the screen that the captions must stay above."""
        return 0.0

    def draw(self, view) -> None:
        """One frame of the beat, after the room (when the room is drawn)."""

    def close(self) -> None:
        """Exit: let go of what it built."""
