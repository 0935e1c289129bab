"""The story's own pictures on the game screen: alone, acceptance, reveal, lights on, the vortex, waking — and when each beat's screenshot is taken.

``install(view)`` adds every overlay of the later beats to a ``GameView`` (each draws only in
its beat) and an event listener that keeps the alone beat's calls and echoes on screen.
"""

from __future__ import annotations

import math
import os

import arcade

from game.sim.actions import Button

# Ticks into a beat at which its screenshot shows it best (the beat's first tick otherwise).
SHOT_DELAY_TICKS = {
    "backstage": 60,  # the camera has settled and the lights have come up
    "flaw": 140,  # the push-in toward the flaw
    "repair": 150,  # a minigame under way
    "alone": 390,  # the lights have guttered; echoes, and a door open on an empty room
    "acceptance": 240,  # breathing with the guide
    "reveal": 420,  # the curtain is up and the hall applauds
    "lights_on": 40,  # the house lights have snapped on over the empty hall
    "vortex": 150,  # the swirl and its orbiting fragments
    "waking": 380,  # morning, the memory, the words and the summary
}

CALL_WORDS = ("Hello?", "Is anyone there?", "Please —", "Anyone?")
WORD_LIFE_S = 1.6  # how long a call's words stay on screen
ECHO_LIFE_S = 1.4
INK = (236, 226, 210)
HINT = (200, 190, 176, 200)


def install(view) -> None:
    """Add the story's overlays to a GameView (and the waking view switch in a real window)."""
    from game.render.audience import RevealOverlay
    from game.render.debris import DebrisOverlay
    from game.render.vortex import VortexOverlay
    from game.render.waking import WakingOverlay

    alone = AloneOverlay(view)
    view.overlays.extend([alone, AcceptanceOverlay(view), RevealOverlay(view), DebrisOverlay(view), VortexOverlay(view), WakingOverlay(view)])
    view.event_listeners.append(alone.listen)
    if not os.environ.get("ARCADE_HEADLESS"):
        view.event_listeners.append(_waking_switch(view))


def _waking_switch(view):
    from game.sim.events import BeatChanged

    def listen(events, world) -> None:
        if any(isinstance(e, BeatChanged) and e.beat == "waking" for e in events) and view.window.current_view is view:
            from game.views.waking import WakingView

            view.window.show_view(WakingView(view))

    return listen


class AloneOverlay:
    """Calls for help float up from the dreamer and come back as ever fainter echoes; doors spill a cold light on empty rooms."""

    def __init__(self, view):
        self.words: list[tuple[int, str, float, float, float, float]] = []  # (tick, text, x, y, size, alpha)
        self.texts: dict = {}
        self.doors = arcade.SpriteList()
        self.hint = arcade.Text("H  call for help          E  at the easel: look at it again", 640, 24, HINT, 13, anchor_x="center")
        self.door_texture = None

    def listen(self, events, world) -> None:
        from game.sim.beats.alone import DoorOpened, EchoReturned, HelpCalled

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
                from game.render.vortex import soft_texture

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
        from game.sim.story import Beat

        world = view.world
        if world.story.beat is not Beat.ALONE:
            self.words.clear()
            if len(self.doors):
                self.doors = arcade.SpriteList()
            return
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


class AcceptanceOverlay:
    """The masterpiece close-up with a breathing guide; after accepting, the flaw recomposes in a warm bloom."""

    def __init__(self, view):
        from game.render.vortex import ring_texture, soft_texture

        self.closeup = None
        self.failed = False
        self.rings = arcade.SpriteList()
        self.guide = arcade.Sprite(ring_texture("guide", 256, (255, 236, 200), 0.05))
        self.lungs = arcade.Sprite(soft_texture("lungs", 256, (255, 190, 120), 2.0))
        self.rings.append(self.guide)
        self.rings.append(self.lungs)
        self.bloom = arcade.SpriteList()
        self.glow = arcade.Sprite(soft_texture("bloom", 256, (255, 206, 140), 1.5))
        self.bloom.append(self.glow)
        self.breathe_hint = arcade.Text("hold SPACE to breathe in  ·  let go to breathe out", 640, 40, HINT, 14, anchor_x="center")
        self.accept_hint = arcade.Text("ENTER  let it be", 640, 40, (255, 226, 180, 255), 18, anchor_x="center", bold=True)
        self.words = arcade.Text("", 640, 90, INK + (255,), 20, anchor_x="center", italic=True, font_name=("Georgia", "DejaVu Serif"))
        self.fallback = arcade.SpriteList()
        self.shades = arcade.SpriteList()  # a soft dark band the words sit on, over the busy picture
        self.shade = arcade.Sprite(soft_texture("shade", 128, (8, 6, 10), 0.7))
        self.shades.append(self.shade)

    def draw_picture(self, view) -> None:
        world = view.world
        if self.closeup is None and not self.failed:
            try:
                from game.render.closeup import CloseupRenderer

                self.closeup = CloseupRenderer(view.window)
            except Exception:  # the close-up is not there yet: a still picture will do
                self.failed = True
        if self.closeup is not None:
            view.window.default_camera.use()
            self.closeup.draw(world)
            return
        from game.render.memory import masterpiece_memory

        image = masterpiece_memory(world, 384, recompose=round(world.flaw.recompose * 10) / 10)
        self.fallback = arcade.SpriteList()
        sprite = arcade.Sprite(arcade.Texture(image, hash=f"accept-{id(image)}"))
        w, h = view.window.get_size()
        sprite.position = (w / 2, h / 2)
        sprite.height = sprite.width = h * 0.9
        self.fallback.append(sprite)
        view.renderer.gui_camera.use()
        arcade.draw_lrbt_rectangle_filled(0, w, 0, h, (12, 10, 14, 255))
        self.fallback.draw()

    def draw(self, view) -> None:
        from game.sim.story import Beat

        world = view.world
        if world.story.beat is not Beat.ACCEPTANCE:
            return
        scene = world.story.scene
        self.draw_picture(view)
        view.renderer.gui_camera.use()
        w, h = view.window.get_size()
        additive = (view.window.ctx.SRC_ALPHA, view.window.ctx.ONE)  # glows add light in proportion to their alpha
        for item in (self.breathe_hint, self.accept_hint, self.words):
            item.x = w / 2
        self.breathe_hint.y = self.accept_hint.y = h - 250  # under the breathing ring
        if scene.accepting:
            self.glow.position = (w / 2, h / 2)
            self.glow.width = w * (0.6 + 0.8 * scene.recompose)
            self.glow.height = h * (0.6 + 0.8 * scene.recompose)
            self.glow.alpha = int(70 * math.sin(min(1.0, scene.recompose) * math.pi))  # the rush, then it settles
            self.bloom.draw(blend_function=additive)
            self.words.text = "It is still there. It is where the picture begins." if scene.recompose > 0.5 else "You let it be."
            alpha = int(255 * min(1.0, scene.recompose * 2.5))
            self.shade.position = (w / 2, self.words.y + 8)
            self.shade.width, self.shade.height = w * 0.8, 120
            self.shade.alpha = int(alpha * 0.8)
            self.shades.draw()
            self.words.color = INK + (alpha,)
            self.words.draw()
            return
        # The breathing guide: a wide soft ring that swells and sinks, and the dreamer's breath inside it.
        cx, cy = w / 2, h - 130  # above the picture, clear of the captions
        self.guide.position = self.lungs.position = (cx, cy)
        self.guide.width = self.guide.height = 90 + 110 * scene.guide
        self.guide.alpha = 200
        self.lungs.width = self.lungs.height = 60 + 150 * scene.inhale
        self.lungs.alpha = int(90 + 80 * scene.calm)
        self.rings.draw(blend_function=additive)
        self.shade.position = (w / 2, h - 244)
        self.shade.width, self.shade.height = w * 0.6, 70
        self.shade.alpha = 200
        self.shades.draw()
        self.breathe_hint.text = f"hold {view.key(Button.BREATHE)} to breathe in  ·  let go to breathe out"
        self.accept_hint.text = f"{view.key(Button.ACCEPT)}  let it be"
        (self.accept_hint if scene.calmed else self.breathe_hint).draw()
