"""The lights_on beat: the house lights snap on over the stark, empty hall; the hall tears away; then the room tears apart into the swirl.

First the hall, every seat empty under hard white light and the dreamer alone on the bare stage
with the masterpiece. Then the hall itself comes loose: it is cut into ragged pieces (from the
very frame last shown) that peel off from the edges in, tumble and spiral away into the colour,
showing the backstage room behind, already breaking. Each fragment of the room is drawn with
the very pixels of the wall or prop it was; as it nears the eye it shrinks, tumbles and takes on
the swirl's colours. Behind them the swirl field (``game.render.vortex``) swallows the room from
the edges in.
"""

from __future__ import annotations

import colorsys
import math
import random

import arcade
import numpy as np
from PIL import Image

from game.heap import release_freed_memory
from game.render.atlas import filled_atlas
from game.render.batch import QuadBatch
from game.render.audience import HOUSE_LIGHT, forget_hall, hall_picture
from game.render.fullscreen import copy_picture
from game.render.overlay import Overlay
from game.render.recollection import masterpiece_memory
from game.render.textures import prop_image
from game.render.tiles import level_region
from game.render.vortex import HOLE_EDGE_PX, Dreamer, SwirlField, VortexOverlay, shards_in_steps, torn_mask
from game.sim.beats.lights_on import EMPTY_HALL_S

HOLE_START_PX = 760.0  # the clear space around the dreamer when the room starts to go (the screen's corners are ~730 px out)
HOLE_END_PX = 0.0  # ...and when it has gone
FLASH_S = 0.35  # the house lights' white flash as they snap on fades over this long
REDUCED_FLASH = 0.35  # ...from this high with reduce flicker (from full white without)
HALL_PIECES = (12, 7)  # the hall tears into this many ragged pieces across and up
HALL_TEAR_S = 1.6  # the first piece of the hall lets go as the room shows, the last this much later
HALL_FLY_S = 1.3  # a piece spirals away into the colour over this long
HALL_GONE_S = EMPTY_HALL_S + HALL_TEAR_S + HALL_FLY_S  # the last piece of the hall has flown by then
HELD_LIFT = 0.35  # how high the dreamer still holds the picture in the empty hall
LIT_VOID = (214, 216, 222)  # past the room's edge, under the house lights: no dark is left anywhere
CUT_BY_S = EMPTY_HALL_S - 0.15  # the hall and the room are cut into pieces by this far into the beat (~0.15-0.25 s of work in all:
#                                 at once, a hitch), an even share of the steps each frame of the empty hall, however fast the machine...
CUT_FROM_FRAME = 1  # ...from its second frame: its first draws the hall (its copies made ahead) and paints the room's floor


def prepare_lights_on(view):
    """Lights on's overlay, made while the reveal plays (see BeatShow.prepare; a generator, its
    value the overlay): its swirl's programs (~6 ms on its first frame otherwise), the rest, then
    the stark hall it cuts into pieces, drawn offscreen (~15 ms on its second frame otherwise)."""
    yield  # (not on the reveal's first frame: it has its own to make)
    field = SwirlField(view.window.ctx)
    yield
    overlay = LightsOnOverlay(view, field)
    yield
    overlay.stark_hall = overlay.stark_hall_drawn(view.window)  # (read back in lights on: long drawn by then)
    return overlay


def prepare_vortex(view):
    """The vortex made a step a frame while lights on plays, once its hall has gone (see
    BeatShow.prepare): its busiest frames are the hall's flying away. Its shards
    (vortex.shards_in_steps), then the overlay itself (VortexOverlay.made_in_steps), its value."""
    while view.world.story.scene.ticks < HALL_GONE_S * 60:
        yield
    yield from shards_in_steps(view.world)
    return (yield from VortexOverlay.made_in_steps(view))


class Fragments:
    """The room's fragments, drawn as the simulation has them: a wall piece still in place is the
    wall itself (not drawn), a prop still in place is; once loose, each tumbles along its path,
    shrinking and taking on its colour of the swirl as it fades (gone once faded)."""

    def __init__(self, batch: QuadBatch, homes, sizes, walls, colours, sources):
        self.batch = batch
        self.homes, self.sizes, self.walls, self.colours, self.sources = homes, sizes, walls, colours, sources
        self.pictures = np.arange(len(homes))
        self.hidden_props: set[int] = set()  # the props torn loose: no longer where the room drew them

    def draw(self, debris, props) -> None:
        state = debris.poses()  # (fade, x, y, angle), fade -1 while it holds
        fade = state[:, 0]
        loose = fade >= 0.0
        shown = np.where(loose, fade < 1.0, ~self.walls)
        fade = np.clip(fade, 0.0, 1.0)
        centres = np.where(loose[:, None], state[:, 1:3], self.homes)
        scale = np.where(loose, np.maximum(0.05, 1.0 - 0.85 * fade), 1.0)
        toward = np.minimum(1.0, fade * 1.6)[:, None]
        colours = np.empty((len(fade), 4), np.float32)
        colours[:, :3] = 255.0 + (self.colours - 255.0) * toward
        colours[:, 3] = 255.0 * (1.0 - fade**2)
        angles = -np.degrees(state[:, 3])
        self.batch.draw(self.pictures[shown], centres[shown], self.sizes[shown] * scale[shown, None], angles[shown], colours[shown].astype(np.uint8))
        for source in self.sources[loose & (self.sources >= 0) & (self.sources < len(props))]:
            if source not in self.hidden_props:
                self.hidden_props.add(source)
                props[source].visible = False


class LightsOnOverlay(Overlay):
    """First the house lights on the hall, every seat empty (it fills the screen); then the room
    itself, drawn lit, coming apart into the swirl."""

    def __init__(self, view, field: SwirlField | None = None):
        world = view.world
        self.hall = hall_picture(world.seed)
        self.hall.set_picture(masterpiece_memory(world, 256, recompose=1.0))  # (a resumed dream has not seen the reveal)
        self.field = field or SwirlField(view.window.ctx)
        self.debris = None
        self.fragments = None  # the room's fragments drawn in one batch (see build), with what does not change about them
        self.dreamer = Dreamer()
        self.pieces: QuadBatch | None = None  # the hall, torn into ragged pieces (cut from the last frame of it)...
        self.piece_paths = np.zeros((0, 5), np.float32)  # ...each's home x, y, when it lets go (s), spin, turn
        self.piece_sizes = np.zeros((0, 2), np.float32)  # ...and its size (window px)
        self.seed = world.seed
        self.stark_hall = None  # the stark hall drawn offscreen while the reveal played, to be cut (see cut_the_hall)...
        self.stark_picture = None  # ...and shown while the empty hall is (see draw_empty_hall)
        self.cutting = None  # the cutting into pieces, under way: a step at a time (see carry_on)...
        self.cut_total = self.cut_done = 0  # ...of so many steps, so many done
        self.frames = 0  # frames of the empty hall drawn...
        self.cut_from = 0.0  # ...and the seconds into the beat of the first: the cutting's share a frame is counted from it

    def covers(self, view) -> bool:
        return self.empty_hall(view)

    def paints_screen(self, view) -> bool:
        if self.empty_hall(view):
            return self.hall.paints_screen(view.window)
        return True  # the swirl, opaque past the hole's reach: everywhere outside the room's box

    @staticmethod
    def empty_hall(view) -> bool:
        return view.world.story.scene.ticks / 60.0 < EMPTY_HALL_S

    def background(self, view):
        return LIT_VOID

    def close(self) -> None:
        forget_hall()

    def hole(self, scene) -> float:
        """World px round the eye where the room still shows through the swirl (its ragged edge aside)."""
        return HOLE_END_PX + (HOLE_START_PX - HOLE_END_PX) * (1.0 - scene.dissolved) ** 1.3

    def room_box(self, view):
        """Only round the hole is the room seen: lit and drawn there alone (the swirl hides the rest)."""
        scene = view.world.story.scene
        if self.empty_hall(view) or scene.debris is None:
            return None
        camera = view.renderer.world_camera
        zoom = camera.zoom or 1.0
        width, height = view.window.get_framebuffer_size()
        scale = width / view.window.get_size()[0]  # framebuffer px per window px
        reach = (self.hole(scene) + HOLE_EDGE_PX) * zoom * scale
        ex, ey = scene.debris.swirl.eye
        cx, cy = camera.position
        x, y = width / 2 + (ex - cx) * zoom * scale, height / 2 + (ey - cy) * zoom * scale
        left, bottom = max(0, int(x - reach)), max(0, int(y - reach))
        right, top = min(width, int(math.ceil(x + reach))), min(height, int(math.ceil(y + reach)))
        if (left, bottom, right, top) == (0, 0, width, height):
            return None
        return (left, bottom, max(0, right - left), max(0, top - bottom))

    def cut(self, window, world):
        """The hall and the room cut into the pieces they come apart in, a step at a time: a
        generator, run by carry_on while the empty hall shows, so no frame pays for it all."""
        yield from self.cut_the_hall(window)
        yield from self.build(world, world.story.scene.debris)

    @staticmethod
    def cut_steps(debris) -> int:
        """How many steps cut() takes: the hall drawn, then a piece of it a step, then its atlas made
        and a piece placed in it a step; the same for the room's fragments (none: no atlas)."""
        pieces, fragments = HALL_PIECES[0] * HALL_PIECES[1], len(debris.fragments)
        return 1 + 2 * pieces + 1 + (2 * fragments + 1 if fragments else 0)

    def carry_on(self, due: int | None) -> None:
        """Go on cutting until `due` steps of it are done (None: to the end)."""
        if self.cutting is None or (due is not None and self.cut_done >= due):
            return
        for _ in self.cutting:
            self.cut_done += 1
            if due is not None and self.cut_done >= due:
                return
        self.cutting = None

    def build(self, world, debris):
        """The room's fragments as a batch of quads (a generator: a step a fragment)."""
        self.debris = debris
        colours, textures = [], []
        height = world.level.pixel_height
        for index, fragment in enumerate(debris.fragments):
            x, y = fragment.home
            w, h = fragment.size
            if fragment.kind == "wall":
                left, top = int(x - w / 2), int(height - (y + h / 2))
                image = level_region(world.level, left, top, int(w), int(h))
                name = f"fragment-{world.seed}-{id(world.level)}-{int(x)}-{int(y)}"
            else:
                image = prop_image(fragment.kind, int(w), int(h))
                name = f"prop-{fragment.kind}-{int(w)}x{int(h)}"
            textures.append(arcade.Texture(image, hash=name, hit_box_algorithm=arcade.hitbox.algo_bounding_box))
            r, g, b = colorsys.hsv_to_rgb((index * 0.137) % 1.0, 0.75, 1.0)
            colours.append((int(r * 255), int(g * 255), int(b * 255)))
            yield
        # Hundreds of pieces of wall: an atlas of their own, gone with the room.
        atlas = yield from filled_atlas(textures)
        fragments = debris.fragments
        self.fragments = None if atlas is None else Fragments(
            batch=QuadBatch(arcade.get_window().ctx, atlas, textures),
            homes=np.array([fragment.home for fragment in fragments], np.float32),
            sizes=np.array([fragment.size for fragment in fragments], np.float32),
            walls=np.array([fragment.kind == "wall" for fragment in fragments], bool),
            colours=np.array(colours, np.float32),
            sources=np.array([fragment.source for fragment in fragments], np.int64),
        )
        release_freed_memory()  # the cut-outs' temporaries (see game.heap)

    def draw(self, view) -> None:
        world = view.world
        scene = world.story.scene
        seconds = scene.ticks / 60.0
        window = view.window
        if self.cutting is None and self.pieces is None:  # (the beat's first frame)
            self.cutting = self.cut(window, world)
            self.cut_total, self.cut_done = self.cut_steps(scene.debris), 0
        if self.empty_hall(view):
            window.ctx.enable(window.ctx.BLEND)
            peak = REDUCED_FLASH if world.settings.reduce_flicker else 1.0
            flash = peak * max(0.0, 1.0 - seconds / FLASH_S) ** 2  # the white flash over it, once (0: none)
            self.draw_empty_hall(window, seconds, flash)
            if self.frames == 0:  # the room's floor painted now (the camera placed as the room will show it), under the flash
                view.renderer.paint_room_ahead(LIT_VOID)
                self.cut_from = seconds
                self.hall.backdrop.keep_only("lit")  # the reveal's dark copies of the hall are not seen again (~11 MB)
            if self.frames >= CUT_FROM_FRAME:
                self.carry_on(math.ceil(self.cut_total * min(1.0, (seconds - self.cut_from) / (CUT_BY_S - self.cut_from))))
            self.frames += 1
            return
        self.carry_on(None)
        self.stark_picture = None  # (the empty hall is gone)
        debris = scene.debris
        if debris is not self.debris:  # (a new dissolving: cut the room again, at once)
            for _ in self.build(world, debris):
                pass
        camera = view.renderer.world_camera
        hole = self.hole(scene)
        view.renderer.gui_camera.use()
        self.field.draw(camera, view.window, debris.swirl, scene.ticks / 60.0, world.settings.reduce_motion, alpha=1.0, hole=hole)
        camera.use()
        if self.fragments is not None:
            self.fragments.draw(debris, view.renderer.props)
        self.dreamer.draw(view)
        self.tear_the_hall(view, seconds - EMPTY_HALL_S)

    def draw_empty_hall(self, window, seconds: float, flash: float) -> None:
        """The stark hall under the house lights' `flash` (0..1): where it fills the window, copied
        from its picture (it holds still: every seat empty, the dreamer's arms held), else drawn."""
        picture, screen = self.stark_picture, window.ctx.active_framebuffer
        if picture is None or tuple(picture.size) != tuple(screen.size) or not self.hall.paints_screen(window):
            self.hall.draw(window, seconds, curtain=1.0, applause=0.0, standing=0.0, lift=HELD_LIFT, warmth=0.0, lit=True, flash=flash, empty=True)
            return
        copy_picture(window.ctx, picture, screen)
        if flash > 0.0:
            self.hall.flash.draw(HOUSE_LIGHT, int(255 * min(1.0, flash)))  # (as the hall draws it)

    def stark_hall_drawn(self, window):
        """The stark hall (the house lights on, every seat empty) drawn once, offscreen, at the
        window's size: a framebuffer, to be cut into pieces (see cut_the_hall), and copied onto
        the screen while the empty hall shows (draw_empty_hall)."""
        ctx = window.ctx
        width, height = window.get_framebuffer_size()
        fbo = ctx.framebuffer(color_attachments=[ctx.texture((width, height), components=4)])
        drawing_with = window.current_camera  # (the frame's own, given back)
        with fbo.activate():
            fbo.clear()
            ctx.enable(ctx.BLEND)
            self.hall.draw(window, 0.0, curtain=1.0, applause=0.0, standing=0.0, lift=HELD_LIFT, warmth=0.0, lit=True, empty=True)
        drawing_with.use()
        self.stark_picture = fbo
        return fbo

    def cut_the_hall(self, window):
        """Cut the stark hall, drawn while the reveal played (else now), into ragged pieces, each to
        tear away in turn (a generator: a step a piece)."""
        ctx = window.ctx
        width, height = window.get_framebuffer_size()
        fbo, self.stark_hall = self.stark_hall, None
        if fbo is None or tuple(fbo.size) != (width, height):  # (not drawn ahead, or the window was resized since)
            fbo = self.stark_hall_drawn(window)
        yield  # (read back the next step: by then it is drawn)
        shot = Image.frombytes("RGBA", (width, height), fbo.read(components=4)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        scale = window.get_size()[0] / width  # pieces are placed in window px
        columns, rows = HALL_PIECES
        rng = random.Random(f"{self.seed}:hall-pieces")
        textures, paths = [], []
        cw, ch = width / columns, height / rows
        pad = 5
        for row in range(rows):
            for col in range(columns):
                left, top = int(col * cw), int(row * ch)
                right, bottom = int((col + 1) * cw), int((row + 1) * ch)
                w, h = right - left, bottom - top
                piece = Image.new("RGBA", (w + 2 * pad, h + 2 * pad), (0, 0, 0, 0))
                piece.paste(shot.crop((left - pad, top - pad, right + pad, bottom + pad)), (0, 0))
                mask = torn_mask(w + 2 * pad - 4, h + 2 * pad - 4, 2, rng, bite=7.0, step=12.0)
                piece.putalpha(mask)
                textures.append(arcade.Texture(piece, hash=f"hall-piece-{self.seed}-{width}x{height}-{col}-{row}", hit_box_algorithm=arcade.hitbox.algo_bounding_box))
                x, y = (left + right) / 2 * scale, (height - (top + bottom) / 2) * scale
                # The edges let go first, the middle (the stage, the dreamer) last.
                out = math.hypot((col + 0.5) / columns - 0.5, (row + 0.5) / rows - 0.5) / math.hypot(0.5, 0.5)
                when = HALL_TEAR_S * (1.0 - out) * 0.85 + rng.uniform(0.0, 0.15 * HALL_TEAR_S)
                paths.append((x, y, when, rng.uniform(-4.0, 4.0), rng.choice((-1.0, 1.0)) * rng.uniform(1.6, 2.6)))
                yield
        atlas = yield from filled_atlas(textures)
        self.pieces = QuadBatch(ctx, atlas, textures)  # a screenful of pieces: an atlas of their own
        self.piece_paths = np.array(paths, np.float32)
        self.piece_sizes = np.array([(texture.width * scale, texture.height * scale) for texture in textures], np.float32)

    def tear_the_hall(self, view, seconds: float) -> None:
        """The hall's pieces letting go, tumbling and spiralling into the colour (`seconds` since the room showed)."""
        if self.pieces is None or seconds > HALL_TEAR_S + HALL_FLY_S:
            return
        w, h = view.window.get_size()
        cx, cy = w / 2, h / 2
        x, y, when, spin, turn = self.piece_paths.T
        age = seconds - when
        held = age <= 0.0  # not yet let go: as it was cut
        t = np.clip(age / HALL_FLY_S, 0.0, 1.0)
        ease = t * t * (3.0 - 2.0 * t)
        reach = np.hypot(x - cx, y - cy) * (1.0 - ease) + 30.0 * ease
        angle = np.arctan2(y - cy, x - cx) + turn * ease
        centres = np.where(held[:, None], self.piece_paths[:, :2], np.stack([cx + reach * np.cos(angle), cy + reach * np.sin(angle)], axis=1))
        colours = np.full((len(x), 4), 255, np.uint8)
        colours[:, 3] = np.where(held, 255, 255 * (1.0 - np.maximum(0.0, (t - 0.6) / 0.4))).astype(np.uint8)
        sizes = self.piece_sizes * np.where(held, 1.0, np.maximum(0.05, 1.0 - 0.9 * ease))[:, None]
        view.renderer.gui_camera.use()
        self.pieces.draw(np.arange(len(x)), centres, sizes, np.where(held, 0.0, np.degrees(spin * age)), colours)
