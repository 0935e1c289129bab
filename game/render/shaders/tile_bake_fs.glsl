#version 330
// Paints part of the level from its tiles into the floor's picture (render/tiles.py): each
// pixel finds its cell's tile number in the level's grid and fetches that tile's texel from the
// atlas. Run only when the camera nears the edge of what the picture holds, never per frame.

uniform sampler2D tile_grid;   // RG8: the tile number of each cell (r + 256 g), top row first
uniform sampler2D tile_atlas;  // the distinct tiles, atlas_columns a row; alpha: 1 lit surface, 0 cap
uniform ivec2 map_cells;  // the level's size in cells
uniform int atlas_columns;
uniform int tile_px;
uniform vec2 origin;  // world position of the picture's lower-left corner

in vec2 v_uv;
out vec4 f_color;

void main() {
    // Float maths throughout: integer division is slow on a software renderer.
    vec2 world = floor(origin + gl_FragCoord.xy);
    vec2 cell = floor(world * (1.0 / float(tile_px)));
    if (world.x < 0.0 || world.y < 0.0 || cell.x >= float(map_cells.x) || cell.y >= float(map_cells.y)) {
        f_color = vec4(0.0);
        return;
    }
    vec2 rg = texelFetch(tile_grid, ivec2(cell.x, float(map_cells.y) - 1.0 - cell.y), 0).rg;
    float tile = floor(rg.r * 255.0 + 0.5) + 256.0 * floor(rg.g * 255.0 + 0.5);
    float row = floor(tile * (1.0 / float(atlas_columns)));
    vec2 local = world - cell * float(tile_px);
    vec2 texel = vec2(tile - row * float(atlas_columns), row) * float(tile_px) + vec2(local.x, float(tile_px) - 1.0 - local.y);
    f_color = texelFetch(tile_atlas, ivec2(texel), 0);
}
