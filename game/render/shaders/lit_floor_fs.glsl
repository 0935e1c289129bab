#version 330
// The floor and walls of the level, lit: one full-screen pass. Each pixel finds its cell's
// tile number in the level's grid, fetches the tile's texel from the atlas (no sprite, no
// filtering: on a software renderer the cheapest way to cover the screen), and lights it: a
// lit surface (floor, wall face) by the packed light map, a wall's cap by a light of its own
// plus some of the lamps' (so the shape of every room reads in the dark). See render/tiles.py.

uniform sampler2D tile_grid;   // RG8: the tile number of each cell (r + 256 g), top row first
uniform sampler2D tile_atlas;  // the distinct tiles, ATLAS_COLUMNS a row; alpha: 1 lit surface, 0 cap
uniform sampler2D light_map;
uniform ivec2 map_cells;  // the level's size in cells
uniform int atlas_columns;
uniform int tile_px;
uniform vec2 screen_size;
uniform vec2 origin;  // world position of the framebuffer's lower-left corner
uniform float world_per_pixel;  // 1 / the camera's zoom
uniform float light_range;
uniform float knee;
uniform vec3 cap_light;
uniform float cap_lit;

in vec2 v_uv;
out vec4 f_color;

#include :flawed_shaders:lit_common.glsl

void main() {
    ivec2 world = ivec2(floor(origin + gl_FragCoord.xy * world_per_pixel));
    ivec2 cell = world / tile_px;
    if (world.x < 0 || world.y < 0 || cell.x >= map_cells.x || cell.y >= map_cells.y) {
        discard;  // beyond the level: the window's clear colour
    }
    vec2 rg = texelFetch(tile_grid, ivec2(cell.x, map_cells.y - 1 - cell.y), 0).rg;
    int tile = int(rg.r * 255.0 + 0.5) + 256 * int(rg.g * 255.0 + 0.5);
    ivec2 local = world - cell * tile_px;
    ivec2 texel = ivec2(tile % atlas_columns, tile / atlas_columns) * tile_px + ivec2(local.x, tile_px - 1 - local.y);
    vec4 base = texelFetch(tile_atlas, texel, 0);
    vec3 stored = texture(light_map, gl_FragCoord.xy / screen_size).rgb;
    vec3 lit = lit_colour(base.rgb, stored, light_range, knee, 0.0, gl_FragCoord.xy);
    vec3 cap = base.rgb * (cap_light + cap_lit * min(stored * stored * light_range, vec3(1.0)));
    f_color = vec4(mix(cap, lit, base.a), 1.0);
}
