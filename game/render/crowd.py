"""A crowd in one draw: every seat is an instance of one quad, and its pose for the moment —
bobbing and clapping with the applause, on its feet, or the seat left empty — is worked out in
the vertex shader from a few numbers, not set sprite by sprite.

Setting hundreds of sprites from Python cost the reveal 3–4 ms a frame, and arcade's sprite
pipeline (a geometry shader) rasterizes its quads slower than instanced quads under software GL.
Each seat's pictures are painted ahead at its own size (``audience.crowd_pictures``), so they are
drawn texel for pixel with nothing to smooth, and cut to where the seats in front of it always
hide it; the seats are drawn in order, the front last.
"""

from __future__ import annotations

import numpy as np

from game.render.ahead import painted
from game.render.batch import draw_instanced, instanced_quads
from game.render.warmup import program_for_each_way
from game.resources import shaders

BOB_PX = 3.0  # how far a clapping person bobs (px at scale 1)
STAND_PX = 0.32 * 60  # how much higher a standing person is (px at scale 1): a third of their picture's height
NEVER = 2.0  # a stand_at no standing reaches (those in the boxes stay seated)
LOOKS = ("seated", "clapping", "standing", "standing_clapping", "empty")
# One seat's numbers, in order: x, y (its picture's middle, px), scale, stand_at (0..1: how much
# of the hall is standing before it does), phase, rate (its clapping, radians and radians a
# second), then for each of its LOOKS: its picture in the atlas (u left, v top, u right, v
# bottom, 0..1 with v down from the atlas's top row) and the quad showing it (width, height px,
# and how far its middle is above the seat's).
FIELDS = ("x", "y", "scale", "stand_at", "phase", "rate") + tuple(
    f"{look}_{field}" for look in LOOKS for field in ("u0", "v0", "u1", "v1", "width", "height", "up"))


class Crowd:
    """Parts of a crowd (each an array of seats' FIELDS, drawn in its order, by name) showing
    pictures from `atlas` (RGBA, rows top down), each part posed and drawn in one instanced pass."""

    def __init__(self, ctx, atlas: np.ndarray, parts: dict[str, np.ndarray]):
        painted(self.made_in_steps(ctx, atlas, parts))

    def made_in_steps(self, ctx, atlas: np.ndarray, parts: dict[str, np.ndarray]):
        """__init__ a step at a time (a generator: see audience.prepare_hall): the atlas's texture
        (8 MB), its pictures sent to the GPU, then its programs and seats, a step each."""
        self.ctx = ctx
        self.atlas = ctx.texture((atlas.shape[1], atlas.shape[0]), components=4)
        yield
        self.atlas.write(np.ascontiguousarray(atlas, np.uint8).tobytes())
        yield
        # Drawn texel for pixel or smoothed, onto the screen or into a picture (the hall kept to be
        # torn apart): a program for each (see program_for_each_way).
        self.programs = program_for_each_way(
            lambda: ctx.load_program(vertex_shader=shaders() / "crowd_vs.glsl", fragment_shader=shaders() / "crowd_fs.glsl"),
            [(pixelated, onto_screen) for pixelated in (True, False) for onto_screen in (True, False)])
        for program in self.programs.values():
            program["atlas"] = 0
            program["bob_px"] = BOB_PX
            program["stand_px"] = STAND_PX
        names = ["in_place", "in_motion"] + [f"in_{kind}{look}" for look in range(len(LOOKS)) for kind in ("uv", "quad")]
        self.parts = {}  # name: (its geometry, how many seats)
        for name, seats in parts.items():
            assert seats.ndim == 2 and seats.shape[1] == len(FIELDS)
            buffer = ctx.buffer(data=np.ascontiguousarray(seats, np.float32).tobytes())
            self.parts[name] = (instanced_quads(ctx, buffer, "4f 2f" + " 4f 3f" * len(LOOKS), names), len(seats))

    def draw(self, part: str, seconds: float, applause: float, standing: float, empty: bool, texel_for_pixel: bool = True) -> None:
        """Every seat of `part` as it is at `seconds`: clapping and bobbing with the applause
        (0..1), those whose stand_at is under `standing` on their feet; or every seat empty.
        Texel for pixel (the camera at zoom 1) the pictures are not smoothed, else they are."""
        geometry, count = self.parts[part]
        if not count:
            return
        program = self.programs[texel_for_pixel, self.ctx.active_framebuffer is self.ctx.screen]
        program["seconds"] = seconds
        program["applause"] = applause
        program["standing"] = standing
        program["empty"] = bool(empty)
        program["snap"] = bool(texel_for_pixel)
        draw_instanced(self.ctx, geometry, program, count, self.atlas, texel_for_pixel)
