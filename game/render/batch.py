"""Many textured quads in one instanced draw, placed each frame from numpy arrays.

A sprite list is set a sprite at a time from Python: for the hundreds of pieces of the room
breaking apart that was several milliseconds a frame of property setters, and arcade draws its
quads through a geometry shader, which software GL rasterizes slower than instanced quads. A
batch takes the whole frame's places, sizes, turns and tints as arrays and writes them at once.
"""

from __future__ import annotations

import array

import arcade
import numpy as np
from arcade import gl

from game.resources import shaders


def instanced_quads(ctx, buffer, layout: str, names: list[str]):
    """A geometry drawing one quad (`in_corner` (0, 0) left bottom .. (1, 1) right top, as a
    triangle strip) for each instance of `buffer`, read as `layout` into the attributes `names`."""
    corners = ctx.buffer(data=array.array("f", [0, 0, 1, 0, 0, 1, 1, 1]))
    per_instance = gl.BufferDescription(buffer, layout, names, instanced=True)
    return ctx.geometry([gl.BufferDescription(corners, "2f", ["in_corner"]), per_instance], mode=ctx.TRIANGLE_STRIP)


def draw_instanced(ctx, geometry, program, count: int, texture, pixelated: bool) -> None:
    """`count` instances of `geometry` blended over what is there, showing `texture` (bound to
    unit 0): pixelated, texel for pixel with no filtering to pay for; else smoothed."""
    ctx.enable(ctx.BLEND)
    ctx.blend_func = ctx.BLEND_DEFAULT
    texture.filter = (ctx.NEAREST, ctx.NEAREST) if pixelated else (ctx.LINEAR, ctx.LINEAR)
    texture.use(0)
    geometry.render(program, instances=count)


# One quad's numbers in the instance buffer, as the shader reads them.
QUAD = np.dtype([("place", "f4", 4), ("angle", "f4"), ("uv", "f4", 4), ("colour", "u1", 4)])


class QuadBatch:
    """Quads showing `textures` (all in `atlas`), drawn in one pass (see draw)."""

    def __init__(self, ctx, atlas, textures: list[arcade.Texture]):
        self.ctx = ctx
        self.atlas = atlas
        regions = [atlas.get_texture_region_info(texture.atlas_name).texture_coordinates for texture in textures]
        self.uvs = np.array([(u[0], u[1], u[6], u[7]) for u in regions], np.float32).reshape(-1, 4)  # left, top, right, bottom
        self.program = ctx.load_program(vertex_shader=shaders() / "batch_vs.glsl", fragment_shader=shaders() / "batch_fs.glsl")
        self.program["atlas"] = 0
        self.capacity = max(1, len(textures))
        self.buffer = ctx.buffer(reserve=self.capacity * QUAD.itemsize)
        self.geometry = instanced_quads(ctx, self.buffer, "4f 1f 4f 4f1", ["in_place", "in_angle", "in_uv", "in_colour"])

    def draw(self, pictures: np.ndarray, centres: np.ndarray, sizes: np.ndarray, angles: np.ndarray, colours: np.ndarray,
             pixelated: bool = True) -> None:
        """Quad i shows textures[pictures[i]] at centres[i] (px), sizes[i] (px) across and up,
        turned angles[i] degrees clockwise, tinted colours[i] (RGBA 0..255); drawn in order, the
        last over the rest. Pixelated: texel for texel, no filtering to pay for."""
        count = len(pictures)
        if not count:
            return
        quads = np.empty(count, QUAD)
        quads["place"][:, :2] = centres
        quads["place"][:, 2:] = sizes
        quads["angle"] = angles
        quads["uv"] = self.uvs[pictures]
        quads["colour"] = colours
        if count > self.capacity:
            self.capacity = count
            self.buffer.orphan(size=count * QUAD.itemsize)
        self.buffer.write(quads.tobytes())
        draw_instanced(self.ctx, self.geometry, self.program, count, self.atlas.texture, pixelated)
