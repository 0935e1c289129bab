"""The alone beat's picture: calls for help float up from the dreamer and come back as ever fainter echoes; doors spill a cold light on empty rooms."""

from __future__ import annotations

import math

import arcade

from game.render.overlay import Overlay
from game.render.glow import soft_texture
from game.sim.actions import Button
from game.sim.beats.alone import DoorOpened, EchoReturned, HelpCalled

CALL_WORDS = ("Hello?", "Is anyone there?", "Please —", "Anyone?")
WORD_LIFE_S = 1.6  # how long a call's words stay on screen
ECHO_LIFE_S = 1.4
INK = (236, 226, 210)
HINT = (200, 190, 176, 200)


class AloneOverlay(Overlay):
    """Drawn over the room: the words of the calls and their echoes, the doors' light, the hint."""

    def __init__(self, view):
        self.words: list[tuple[int, str, float, float, float, float]] = []  # (tick, text, x, y, size, alpha)
        self.texts: dict = {}
        self.doors = arcade.SpriteList()
        self.hint = arcade.Text("H  call for help          E  at the easel: look at it again", 640, 24, HINT, 13, anchor_x="center")
        self.door_texture = None

    def on_events(self, events, world) -> None:
        for event in events:
            if isinstance(event, HelpCalled):
                word = CALL_WORDS[(event.calls - 1) % len(CALL_WORDS)]
                self.words.append((world.tick, word, event.x, event.y + 26, 18.0, 1.0))
            elif isinstance(event, EchoReturned):
                word = "…" + CALL_WORDS[(event.call - 1) % len(CALL_WORDS)].lower().rstrip("?— ") + "…"
                angle = event.tick * 2.39996
                px, py = world.player.position
                reach = 90 + 260 * (1.0 - event.loudness)
                self.words.append((world.tick, word, px + math.cos(angle) * reach, py + math.sin(angle) * reach * 0.6, 12.0 + 6 * event.loudness, event.loudness))
            elif isinstance(event, DoorOpened):
                if self.door_texture is None:
                    self.door_texture = soft_texture("door", 128, (170, 190, 230), 1.3)
                sprite = arcade.Sprite(self.door_texture)
                sprite.position = (event.x, event.y)
                sprite.width = sprite.height = 150
                sprite.alpha = 0
                self.doors.append(sprite)

    def text(self, word: str, size: float) -> arcade.Text:
        key = (word, size)
        if key not in self.texts:
            self.texts[key] = arcade.Text(word, 0, 0, INK + (255,), size, anchor_x="center", italic=True, font_name=("Georgia", "DejaVu Serif"))
        return self.texts[key]

    def draw(self, view) -> None:
        world = view.world
        view.renderer.world_camera.use()
        for sprite in self.doors:
            sprite.alpha = min(110, sprite.alpha + 4)
        self.doors.draw(blend_function=(view.window.ctx.SRC_ALPHA, view.window.ctx.ONE))
        keep = []
        for entry in self.words:
            tick, word, x, y, size, loud = entry
            age = (world.tick - tick) / 60.0
            life = WORD_LIFE_S if loud >= 1.0 else ECHO_LIFE_S
            if age > life:
                continue
            keep.append(entry)
            fade = 1.0 - age / life
            text = self.text(word, size)
            text.x, text.y = x, y + age * 14
            text.color = INK + (int(255 * fade * (0.35 + 0.65 * loud)),)
            text.draw()
        self.words = keep
        if not world.story.scene.looking_up:
            view.renderer.gui_camera.use()
            w, h = view.window.get_size()
            self.hint.text = f"{view.key(Button.CALL_HELP)}  call for help          {view.key(Button.INTERACT)}  at the easel: look at it again"
            self.hint.x, self.hint.y = w / 2, h - 34  # at the top: the captions and the HUD live below
            self.hint.draw()
