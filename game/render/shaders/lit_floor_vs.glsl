#version 330
// The floor's first pass (lit_floor_fs.glsl), one world texel to a pixel: a quad over it, with
// the coordinates each pixel needs interpolated across it (in software GL a coordinate carried
// from the corners costs less than one worked out from the pixel's position).

uniform vec2 texel_origin;  // the world texel at the pass's lower-left pixel
uniform vec2 texels;  // the pass's size in texels
uniform vec2 picture_origin;  // world position of the floor picture's lower-left corner
uniform vec2 picture_size;  // its size in texels
uniform vec2 origin;  // world position of the screen's lower-left corner
uniform float world_per_pixel;  // 1 / the camera's zoom
uniform vec2 screen_size;

in vec2 in_vert;
in vec2 in_uv;
out vec2 v_world;  // world px: a pixel's middle is its texel's middle
out vec2 v_picture;  // the floor picture's uv (sampled nearest: the texel itself)
out vec2 v_light;  // the light map's uv where the texel's middle lands on the screen

void main() {
    gl_Position = vec4(in_vert, 0.0, 1.0);
    vec2 world = texel_origin + in_uv * texels;
    v_world = world;
    v_picture = (world - picture_origin) / picture_size;
    v_light = (world - origin) / world_per_pixel / screen_size;
}
