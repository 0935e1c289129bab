#version 330
// A quad over the whole target (arcade.gl.geometry.quad_2d_fs), with its uv.
in vec2 in_vert;
in vec2 in_uv;
out vec2 v_uv;
void main() {
    gl_Position = vec4(in_vert, 0.0, 1.0);
    v_uv = in_uv;
}
