#version 330
// A quad over the whole target (as fullscreen_vs.glsl), its uv carried onto the lit floor's
// picture: 0..1 across the screen becomes the texels the screen shows.

uniform vec2 uv_scale;
uniform vec2 uv_offset;

in vec2 in_vert;
in vec2 in_uv;
out vec2 v_uv;

void main() {
    gl_Position = vec4(in_vert, 0.0, 1.0);
    v_uv = in_uv * uv_scale + uv_offset;
}
