#version 330
// The floor's second pass: the lit floor, worked out a world texel to a pixel (lit_floor_fs.glsl),
// laid over the screen — each screen pixel shows the texel under it, as the floor's picture is
// fetched (no filtering: the texture is sampled nearest), so the floor is where it was to the
// pixel, at any sub-pixel camera. The texel is found by an interpolated coordinate (see
// lit_floor_lay_vs.glsl): in software GL that costs half of working it out from the pixel's.

uniform sampler2D lit_floor;

in vec2 v_uv;
out vec4 f_color;

void main() {
    f_color = texture(lit_floor, v_uv);
}
