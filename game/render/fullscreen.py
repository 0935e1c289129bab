"""The one vertex shader every full-screen pass shares: a quad over the target, with its uv."""

from __future__ import annotations

# For arcade.gl.geometry.quad_2d_fs(): clip-space corners in `in_vert`, 0..1 in `in_uv`.
FULLSCREEN_VS = """
#version 330
in vec2 in_vert;
in vec2 in_uv;
out vec2 v_uv;
void main() {
    gl_Position = vec4(in_vert, 0.0, 1.0);
    v_uv = in_uv;
}
"""
