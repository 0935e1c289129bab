"""The one vertex shader every full-screen pass shares (a quad over the target, with its uv), and the lattice hash their noise shares."""

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
