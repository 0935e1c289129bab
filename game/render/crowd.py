"""A crowd in one draw: every seat is an instance of one quad, and its pose for the moment —
bobbing and clapping with the applause, on its feet, or the seat left empty — is worked out in
the vertex shader from a few numbers, not set sprite by sprite.

Setting hundreds of sprites from Python cost the reveal 3–4 ms a frame, and arcade's sprite
pipeline (a geometry shader) rasterizes its quads slower than instanced quads under software GL.
Each seat is drawn only down to where the seats in front of it always hide it
(``game.render.audience.hidden_bottoms``); the seats are drawn in order, the front last.
"""

from __future__ import annotations

import array

import arcade
import numpy as np
from arcade import gl

from game.render.atlas import own_atlas
from game.resources import shaders

BOB_PX = 3.0  # how far a clapping person bobs (px at scale 1)
STAND_PX = 0.32 * 60  # how much higher a standing person is (px at scale 1): a third of their picture's height
NEVER = 2.0  # a stand_at no standing reaches (those in the boxes stay seated)
# One seat's numbers, in order: x, y (its picture's middle, px), scale, stand_at (0..1: how much
# of the hall is standing before it does), phase, rate (its clapping, radians and radians a
# second), its pictures seated, clapping and empty (indices into the crowd's pictures), and the
# rows at the bottom of its picture always hidden seated (in any pose) and empty.
FIELDS = ("x", "y", "scale", "stand_at", "phase", "rate", "seated", "clapping", "empty", "hidden", "hidden_empty")


class Crowd:
    """Parts of a crowd (each an array of seats' FIELDS, drawn in its order, by name) showing
    `pictures` (arcade textures, kept in an atlas of their own), each part posed and drawn in one
    instanced pass."""

    def __init__(self, ctx, pictures: list[arcade.Texture], parts: dict[str, np.ndarray]):
        self.ctx = ctx
        self.atlas = own_atlas(pictures)
        source = {name: (shaders() / f"crowd_{name}.glsl").read_text(encoding="utf-8") for name in ("vs", "fs")}
        self.program = ctx.program(vertex_shader=source["vs"], fragment_shader=source["fs"], defines={"PICTURES": str(len(pictures))})
        rects, sizes = [], []
        for picture in pictures:
            u = self.atlas.get_texture_region_info(picture.atlas_name).texture_coordinates  # corners: left top, right top, left bottom, right bottom
            rects.extend((u[0], u[1], u[6], u[7]))
            sizes.extend((picture.width, picture.height, picture.image.getbbox()[1]))
        self.program["rects"] = rects
        self.program["sizes"] = sizes
        self.program["atlas"] = 0
        self.program["bob_px"] = BOB_PX
        self.program["stand_px"] = STAND_PX
        corners = ctx.buffer(data=array.array("f", [0, 0, 1, 0, 0, 1, 1, 1]))
        self.parts = {}  # name: (its geometry, how many seats)
        for name, seats in parts.items():
            assert seats.ndim == 2 and seats.shape[1] == len(FIELDS)
            buffer = ctx.buffer(data=np.ascontiguousarray(seats, np.float32).tobytes())
            geometry = ctx.geometry(
                [
                    gl.BufferDescription(corners, "2f", ["in_corner"]),
                    gl.BufferDescription(buffer, "4f 2f 3f 2f", ["in_place", "in_motion", "in_pictures", "in_hidden"], instanced=True),
                ],
                mode=ctx.TRIANGLE_STRIP,
            )
            self.parts[name] = (geometry, len(seats))

    def draw(self, part: str, seconds: float, applause: float, standing: float, empty: bool) -> None:
        """Every seat of `part` as it is at `seconds`: clapping and bobbing with the applause
        (0..1), those whose stand_at is under `standing` on their feet; or every seat empty."""
        geometry, count = self.parts[part]
        if not count:
            return
        program = self.program
        program["seconds"] = seconds
        program["applause"] = applause
        program["standing"] = standing
        program["empty"] = bool(empty)
        self.ctx.enable(self.ctx.BLEND)
        self.ctx.blend_func = self.ctx.BLEND_DEFAULT
        self.atlas.texture.filter = self.ctx.LINEAR, self.ctx.LINEAR
        self.atlas.texture.use(0)
        geometry.render(program, instances=count)
