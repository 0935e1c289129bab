#version 330
// The floor and walls of the level, lit: one full-screen pass that fetches the level's picture
// texel by texel (no sprite, no filtering: on a software renderer this is the cheapest way to
// cover the screen) and multiplies it by the packed light map.

uniform sampler2D floor_picture;  // the whole level, top row first
uniform sampler2D light_map;
uniform vec2 screen_size;
uniform vec2 origin;  // world position of the framebuffer's lower-left corner
uniform float world_per_pixel;  // 1 / the camera's zoom
uniform float light_range;
uniform float knee;

in vec2 v_uv;
out vec4 f_color;

#include :flawed_shaders:lit_common.glsl

void main() {
    ivec2 size = textureSize(floor_picture, 0);
    ivec2 world = ivec2(floor(origin + gl_FragCoord.xy * world_per_pixel));
    if (world.x < 0 || world.y < 0 || world.x >= size.x || world.y >= size.y) {
        discard;  // beyond the level: the window's clear colour
    }
    vec3 base = texelFetch(floor_picture, ivec2(world.x, size.y - 1 - world.y), 0).rgb;
    vec3 stored = texture(light_map, gl_FragCoord.xy / screen_size).rgb;
    f_color = vec4(lit_colour(base, stored, light_range, knee, 0.0, gl_FragCoord.xy), 1.0);
}
