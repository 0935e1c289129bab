"""The one vertex shader every full-screen pass shares: a quad over the target, with its uv."""

from __future__ import annotations

from game.resources import shaders

# For arcade.gl.geometry.quad_2d_fs(): clip-space corners in `in_vert`, 0..1 in `in_uv`.
FULLSCREEN_VS = (shaders() / "fullscreen_vs.glsl").read_text(encoding="utf-8")
