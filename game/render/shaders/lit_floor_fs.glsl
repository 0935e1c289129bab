#version 330
#define HOUSE_LIGHTS 0  // 1: the house lights are fully up (set by Lighting)
// The floor and walls of the level, lit, one world texel to a pixel: the first of the floor's two
// passes (the second, lit_floor_lay_fs.glsl, lays this picture over the screen, 1.6 pixels a
// texel at 720 px). It fetches the floor's picture (baked from the level's tiles around the
// camera: tile_bake_fs.glsl) texel by texel — no sprite, no filtering: on a software renderer
// the cheapest way to cover the screen — and lights it: a lit surface (floor, wall face) by the
// packed light map where the texel's middle lands on the screen, a wall's cap by a light of its
// own plus some of the lamps' (so the shape of every room reads in the dark). Worked out once a
// texel rather than once a screen pixel, the pass costs 0.4 of what it did (the light map is a
// quarter of the screen's size, smooth from pixel to pixel). See render/tiles.py.

uniform sampler2D floor_picture;  // the level around the camera; alpha: 1 lit surface, 0 cap
uniform sampler2D light_map;
uniform vec2 level_size;  // px
uniform float light_range;
uniform float knee;
uniform vec3 cap_light;
uniform float cap_lit;
uniform vec3 house_light;  // the packed light map's texel under the full house lights (HOUSE_LIGHTS only)
uniform vec4 void_colour;  // beyond the level: the screen's clear colour (so the screen need not be cleared first)

in vec2 v_world;  // (see lit_floor_vs.glsl)
in vec2 v_picture;
in vec2 v_light;
out vec4 f_color;

#include :flawed_shaders:lit_common.glsl

void main() {
    vec2 world = floor(v_world);
    if (world.x < 0.0 || world.y < 0.0 || world.x >= level_size.x || world.y >= level_size.y) {
        f_color = void_colour;  // beyond the level
        return;
    }
    vec4 base = texture(floor_picture, v_picture);
#if HOUSE_LIGHTS
    vec3 stored = house_light;  // the house lights fully up: the same light everywhere, no map to read
#else
    vec3 stored = texture(light_map, v_light).rgb;
#endif
    vec3 lit = lit_colour(base.rgb, stored, light_range, knee, 0.0, world);
    vec3 cap = base.rgb * (cap_light + cap_lit * min(stored * stored * light_range, vec3(1.0)));
    f_color = vec4(mix(cap, lit, base.a), 1.0);
}
