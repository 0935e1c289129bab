"""The one vertex shader every full-screen pass shares (a quad over the target, with its uv), the lattice hash their noise shares, and a clear of what they leave."""

from __future__ import annotations

from game.resources import shaders

# For arcade.gl.geometry.quad_2d_fs(): clip-space corners in `in_vert`, 0..1 in `in_uv`.
FULLSCREEN_VS = (shaders() / "fullscreen_vs.glsl").read_text(encoding="utf-8")

# A pseudo-random 0..1 for a lattice point, without sin(): software GL works sin() out by a long
# polynomial, and the swirl's noise takes some fifty a pixel (this halved the swirl's and the
# flaw's passes; Dave Hoskins' "hash without sine"). Pasted into a shader where it says LATTICE_HASH.
LATTICE_HASH = """float hash(vec2 p) {
    vec3 p3 = fract(vec3(p.xyx) * 0.1031);
    p3 += dot(p3, p3.yzx + 33.33);
    return fract((p3.x + p3.y) * p3.z);
}"""


def clear_outside(framebuffer, box: tuple[int, int, int, int], colour) -> None:
    """Clear `framebuffer` to `colour` (0..255) everywhere but `box` (x, y, width, height px),
    as up to four rectangles: in software GL a clear costs by the pixel, and what is painted
    over anyway need not be cleared first."""
    width, height = framebuffer.size
    x, y, w, h = box
    for band in ((0, 0, width, y), (0, y + h, width, height - y - h), (0, y, x, h), (x + w, y, width - x - w, h)):
        if band[2] > 0 and band[3] > 0:
            framebuffer.clear(color=colour, viewport=band)
