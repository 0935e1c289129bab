"""The acceptance beat's picture: the masterpiece close-up with a breathing guide; after accepting, the flaw recomposes in a warm bloom."""

from __future__ import annotations

import math

import arcade

from game.render.ahead import built_in_steps, painted
from game.render.closeup import CloseupRenderer, made_in_steps
from game.render.glow import ring_texture, soft_texture
from game.render.minigame import BAND_ALPHA, BAND_COLOUR, CAPTION_GAP_PX, HINT_COLOUR
from game.render.overlay import Overlay
from game.sim.actions import Button

INK = (236, 226, 210)
BAND_PAD_PX = 28  # the band reaches this far past the words on each side
BLOOM_COLOUR = (255, 206, 140)
BAND_HEIGHT = 1.7  # the band behind a line of words, in the words' heights


class AcceptanceOverlay(Overlay):
    """Fills the screen: the close-up, the breathing ring, then the bloom and the words."""

    def __init__(self, view, closeup: CloseupRenderer | None = None):
        painted(self.made_in_parts(view, closeup))

    def made_in_parts(self, view, closeup: CloseupRenderer | None = None):
        """__init__ a step at a time (a generator): the rings' pictures, then each line's words
        (its glyphs drawn and sent to the GPU as it is made), ~5 ms a step in software GL."""
        self.closeup = closeup or CloseupRenderer(view.window)
        self.rings = arcade.SpriteList()
        self.guide = arcade.Sprite(ring_texture("guide", 256, (255, 236, 200), 0.05))
        self.lungs = arcade.Sprite(soft_texture("lungs", 256, (255, 190, 120), 2.0))
        self.rings.append(self.guide)
        self.rings.append(self.lungs)
        self.shades = arcade.SpriteList()  # a dark band the words sit on, so they read over the busy picture
        self.shade = arcade.SpriteSolidColor(16, 16, color=BAND_COLOUR + (255,))
        self.shades.append(self.shade)
        yield
        self.breathe_hint = arcade.Text("hold SPACE to breathe in  ·  let go to breathe out", 640, 40, HINT_COLOUR, 15, anchor_x="center", anchor_y="center")
        yield
        self.accept_hint = arcade.Text("ENTER  let it be", 640, 40, (255, 226, 180, 255), 18, anchor_x="center", anchor_y="center", bold=True)
        yield
        self.words = arcade.Text("", 640, 90, INK + (255,), 20, anchor_x="center", anchor_y="center", italic=True, font_name=("Georgia", "DejaVu Serif"))

    @classmethod
    def made_in_steps(cls, view):
        """Made while alone plays (see closeup.made_in_steps)."""
        return (yield from made_in_steps(lambda view, closeup: built_in_steps(cls, cls.made_in_parts, view, closeup), view))

    def covers(self, view) -> bool:
        return True

    def paints_screen(self, view) -> bool:
        return True  # the close-up, over the whole screen

    def caption_floor(self, view) -> float:
        """Once accepted, the captions keep above the words on their band (the story's own line)."""
        if not view.world.story.scene.accepting:
            return 0.0
        return self.words.y + self.words.content_height * BAND_HEIGHT / 2 + CAPTION_GAP_PX

    def draw(self, view) -> None:
        world = view.world
        scene = world.story.scene
        view.window.default_camera.use()
        self.closeup.glow = self.bloom(view.window.get_framebuffer_size(), scene.recompose) if scene.accepting else None
        self.closeup.draw(world)
        view.renderer.gui_camera.use()
        w, h = view.window.get_size()
        additive = (view.window.ctx.SRC_ALPHA, view.window.ctx.ONE)  # glows add light in proportion to their alpha
        for item in (self.breathe_hint, self.accept_hint, self.words):
            item.x = w / 2
        self.breathe_hint.y = self.accept_hint.y = h - 250  # under the breathing ring
        if scene.accepting:
            self.words.text = "It is still there. It is where the picture begins." if scene.recompose > 0.5 else "You let it be."
            alpha = int(255 * min(1.0, scene.recompose * 2.5))
            self.band_under(self.words, alpha * BAND_ALPHA // 255)
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
        self.breathe_hint.text = f"hold {view.key(Button.BREATHE)} to breathe in  ·  let go to breathe out"
        self.accept_hint.text = f"{view.key(Button.ACCEPT)}  let it be"
        hint = self.accept_hint if scene.calmed else self.breathe_hint
        self.band_under(hint, BAND_ALPHA)
        hint.draw()

    @staticmethod
    def bloom(size: tuple[int, int], recompose: float):
        """The warm bloom as the flaw recomposes, for the close-up to add over the picture (see
        CloseupRenderer.glow): it swells from the middle of the screen as it rushes in, then settles."""
        w, h = size
        reach = 0.3 + 0.4 * recompose  # the glow's radius, as a share of the screen each way
        strength = 70 / 255 * math.sin(min(1.0, recompose) * math.pi)  # the rush, then it settles
        return (w / 2, h / 2), (w * reach, h * reach), (*(c / 255 for c in BLOOM_COLOUR), strength)

    def band_under(self, text: arcade.Text, alpha: int) -> None:
        """A dark band behind a line of words, a little wider and taller than they are."""
        self.shade.position = (text.x, text.y)
        self.shade.width = text.content_width + 2 * BAND_PAD_PX
        self.shade.height = text.content_height * BAND_HEIGHT
        self.shade.alpha = alpha
        self.shades.draw()
