"""Shadow occluders and the polar shadow atlas: for every light, how far it sees in every direction.

Occluders are line segments ("edges") with an outward normal on their right-hand side:

* **walls**: the outline of the wall grid, built from tile sides that face a floor tile and
  merged into long runs. No edge lies between two wall tiles, so there is no seam for light to
  leak through. A wall edge casts only when it faces the light; the light reaches
  ``WALL_LIT_FACE_PX`` into the wall past it, so the wall's lit face shows lit.
* **bodies** (props and the player): convex outlines; an edge casts only when it faces away
  from the light, so the body itself stays lit and its shadow starts behind it.

The GPU turns every (light, edge) pair into a span of one atlas row (one row per light, one
column per direction): a geometry shader projects the edge to its range of angles, and the
fragment shader writes the distance along each ray to the edge, keeping the nearest through the
depth test. A second small pass stores, for each block of RANGE_BLOCK texels, the nearest and
farthest occluder within reach of the penumbra filter, so the light pass knows at one fetch
whether a pixel is fully lit, fully shadowed, or in a penumbra that needs filtering.

Polar maps were chosen over per-light shadow volumes because their cost hardly grows with the
number of edges (see ``python -m benchmarks.render``): the edges only touch a 1024 x lights
texture, and the light pass does one fetch per pixel outside the penumbrae.
"""

from __future__ import annotations

import math

import numpy as np
from arcade import gl
from arcade.gl import BufferDescription, geometry

from game.level.model import TILE_SIZE, Level

ATLAS_DIRECTIONS = 1024  # texels per atlas row: 0.35° each, about 1.8 px at 300 px from a light
MAX_LIGHTS = 64  # atlas rows: the most lights drawn at once (the nearest to the view win)
PENUMBRA_WINDOW = 14  # texels each side that the penumbra filter may reach (about 4.9°)
RANGE_BLOCK = 8  # atlas texels per texel of the min/max range texture (coarser is cheaper)
WALL_LIT_FACE_PX = 12.0  # how far light reaches into a wall past its lit face
LIGHT_CLEARANCE_PX = 1.0  # a light never sits closer than this to a wall (see out_of_walls)
PLAYER_SIDES = 10  # the player's round body as a polygon with this many sides
FAR = 8192.0  # px: farther than any light reaches; "nothing in the way"

WALL, BODY = 0.0, 1.0  # edge modes


def wall_edges(level: Level) -> np.ndarray:
    """The outline of the level's walls as edges (x0, y0, x1, y1) with floor on their right.

    Found over the whole grid at once (a 512 x 512 map has thousands of faces), in the order of
    a walk along the rows, then along the columns."""
    walls = np.array(level.walls, dtype=bool)  # [row, col], row 0 at the bottom
    if walls.size == 0:
        return np.zeros((0, 4), np.float32)
    # Outside the map counts as wall (Level.is_wall), so the border makes no edges.
    padded = np.pad(walls, 1, constant_values=True)
    inner = padded[1:-1, 1:-1]
    t = float(TILE_SIZE)
    # Faces looking up (floor above) and down (floor below), merged along each row.
    row, start, end = _runs(inner & ~padded[2:, 1:-1])
    up = row, start, (end * t, (row + 1) * t, start * t, (row + 1) * t)
    row, start, end = _runs(inner & ~padded[:-2, 1:-1])
    down = row, start, (start * t, row * t, end * t, row * t)
    # Faces looking right and left, merged along each column.
    col, start, end = _runs((inner & ~padded[1:-1, 2:]).T)
    right = col, start, ((col + 1) * t, start * t, (col + 1) * t, end * t)
    col, start, end = _runs((inner & ~padded[1:-1, :-2]).T)
    left = col, start, (col * t, end * t, col * t, start * t)
    return np.concatenate([_line_by_line(up, down), _line_by_line(right, left)]).astype(np.float32)


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(line, start, end) of each run of True along the rows of a 2-D mask, by line, then start."""
    changes = np.diff(np.pad(mask, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    lines, starts = np.nonzero(changes == 1)
    return lines, starts, np.nonzero(changes == -1)[1]


def _line_by_line(*faces) -> np.ndarray:
    """Edges of (line, start, (x0, y0, x1, y1)) faces, line by line; within a line, the faces in
    the order given, each along the line."""
    lines = np.concatenate([line for line, _, _ in faces])
    kinds = np.concatenate([np.full(len(line), kind) for kind, (line, _, _) in enumerate(faces)])
    starts = np.concatenate([start for _, start, _ in faces])
    edges = np.concatenate([np.stack(edge, axis=1).reshape(-1, 4) for _, _, edge in faces])
    return edges[np.lexsort((starts, kinds, lines))]


def out_of_walls(level: Level, x: float, y: float) -> tuple[float, float]:
    """A light's position moved just off any wall it touches or hangs inside.

    Wall edges cast only when they face the light, so a light on a wall's face (or inside the
    wall) would see past it; a lamp hung on a wall shines from a hair in front of it instead.
    """
    t = float(TILE_SIZE)
    col, row = int(x // t), int(y // t)
    if level.is_wall(col, row):  # inside a wall: to the nearest side that opens on floor
        options = []
        for dc, dr, nx, ny in ((-1, 0, col * t - LIGHT_CLEARANCE_PX, y), (1, 0, (col + 1) * t + LIGHT_CLEARANCE_PX, y), (0, -1, x, row * t - LIGHT_CLEARANCE_PX), (0, 1, x, (row + 1) * t + LIGHT_CLEARANCE_PX)):
            if not level.is_wall(col + dc, row + dr):
                options.append(((nx - x) ** 2 + (ny - y) ** 2, nx, ny))
        if not options:
            return x, y
        _, x, y = min(options)
        col, row = int(x // t), int(y // t)
    left, right = col * t + LIGHT_CLEARANCE_PX, (col + 1) * t - LIGHT_CLEARANCE_PX
    bottom, top = row * t + LIGHT_CLEARANCE_PX, (row + 1) * t - LIGHT_CLEARANCE_PX
    wall = level.is_wall
    if wall(col - 1, row) or (wall(col - 1, row - 1) and y < bottom) or (wall(col - 1, row + 1) and y > top):
        x = max(x, left)
    if wall(col + 1, row) or (wall(col + 1, row - 1) and y < bottom) or (wall(col + 1, row + 1) and y > top):
        x = min(x, right)
    if wall(col, row - 1) or (wall(col - 1, row - 1) and x < left) or (wall(col + 1, row - 1) and x > right):
        y = max(y, bottom)
    if wall(col, row + 1) or (wall(col - 1, row + 1) and x < left) or (wall(col + 1, row + 1) and x > right):
        y = min(y, top)
    return x, y


def polygon_edges(points) -> np.ndarray:
    """Edges (x0, y0, x1, y1) of a counter-clockwise polygon, outward normal on the right."""
    pts = np.asarray(points, np.float32).reshape(-1, 2)
    return np.concatenate([pts, np.roll(pts, -1, axis=0)], axis=1)


def circle_points(center, radius: float, sides: int = PLAYER_SIDES) -> np.ndarray:
    """A polygon just outside the circle (counter-clockwise), so the shadow is no thinner than the body."""
    cx, cy = center
    r = radius / math.cos(math.pi / sides)
    angles = np.arange(sides) * (2 * math.pi / sides)
    return np.stack([cx + r * np.cos(angles), cy + r * np.sin(angles)], axis=1)


class EdgeSet:
    """Edges ready for the GPU: rows of (x0, y0, x1, y1, body_x, body_y, body_radius, mode).

    A body's centre and radius let the shader skip a body for a light hanging inside it
    (a candle on a crate lights the crate; it is not shut in by it).
    """

    COLUMNS = 8
    _BOX = np.array([(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)], np.float32)  # counter-clockwise

    def __init__(self, walls: np.ndarray):
        self.walls = np.zeros((len(walls), self.COLUMNS), np.float32)
        self.walls[:, :4] = walls
        self.walls[:, 7] = WALL

    def with_bodies(self, boxes: np.ndarray, circles=()) -> np.ndarray:
        """All edges: the walls, then `boxes` rows (x, y, angle, half_width, half_height), then
        `circles` (x, y, radius)."""
        parts = [self.walls]
        boxes = np.asarray(boxes, np.float32).reshape(-1, 5)
        if len(boxes):
            c, s = np.cos(boxes[:, 2])[:, None], np.sin(boxes[:, 2])[:, None]
            local = self._BOX[None, :, :] * boxes[:, None, 3:5]  # (n, 4, 2)
            corners = np.stack([c * local[..., 0] - s * local[..., 1], s * local[..., 0] + c * local[..., 1]], axis=2)
            corners += boxes[:, None, 0:2]
            rows = np.zeros((len(boxes), 4, self.COLUMNS), np.float32)
            rows[..., 0:2] = corners
            rows[..., 2:4] = np.roll(corners, -1, axis=1)
            rows[..., 4:6] = boxes[:, None, 0:2]
            rows[..., 6] = np.minimum(boxes[:, 3], boxes[:, 4])[:, None]
            rows[..., 7] = BODY
            parts.append(rows.reshape(-1, self.COLUMNS))
        for x, y, radius in circles:
            edges = polygon_edges(circle_points((x, y), radius))
            rows = np.zeros((len(edges), self.COLUMNS), np.float32)
            rows[:, :4] = edges
            rows[:, 4:7] = (x, y, radius * 0.9)
            rows[:, 7] = BODY
            parts.append(rows)
        return np.concatenate(parts) if len(parts) > 1 else self.walls


def cull(edges: np.ndarray, left: float, bottom: float, right: float, top: float) -> np.ndarray:
    """The edges that touch a rectangle (by their bounding boxes)."""
    x0, y0, x1, y1 = edges[:, 0], edges[:, 1], edges[:, 2], edges[:, 3]
    keep = (np.maximum(x0, x1) >= left) & (np.minimum(x0, x1) <= right)
    keep &= (np.maximum(y0, y1) >= bottom) & (np.minimum(y0, y1) <= top)
    return edges[keep]


_ATLAS_VS = """
#version 330
in vec4 in_edge;
in vec4 in_body;
out vec4 v_edge;
out vec4 v_body;
flat out int v_light;
void main() {
    v_edge = in_edge;
    v_body = in_body;
    v_light = gl_InstanceID;
}
"""

_ATLAS_GS = """
#version 330
#define PI 3.14159265358979
layout(points) in;
layout(triangle_strip, max_vertices = 8) out;
in vec4 v_edge[];
in vec4 v_body[];
flat in int v_light[];
uniform sampler2D light_table;  // one texel per light: x, y, radius, 0
uniform float rows;
uniform float wall_lit_face;
flat out vec2 g_p0;
flat out vec2 g_p1;
flat out vec2 g_span;  // nearest and farthest distance of the edge from the light
flat out float g_extra;

void span(float a0, float a1, float y0, float y1) {
    gl_Position = vec4(a0 / PI, y0, 0.0, 1.0); EmitVertex();
    gl_Position = vec4(a1 / PI, y0, 0.0, 1.0); EmitVertex();
    gl_Position = vec4(a0 / PI, y1, 0.0, 1.0); EmitVertex();
    gl_Position = vec4(a1 / PI, y1, 0.0, 1.0); EmitVertex();
    EndPrimitive();
}

void main() {
    int index = v_light[0];
    vec4 light = texelFetch(light_table, ivec2(index, 0), 0);
    vec2 p0 = v_edge[0].xy - light.xy;
    vec2 p1 = v_edge[0].zw - light.xy;
    vec2 d = p1 - p0;
    vec2 n = vec2(d.y, -d.x);
    float facing = -dot(p0, n);  // > 0: the light is on the edge's outer side
    bool body = v_body[0].w > 0.5;
    if (body) {
        if (facing >= 0.0) return;
        if (distance(v_body[0].xy, light.xy) < v_body[0].z) return;
    } else if (facing <= 0.0) {
        return;
    }
    float along = clamp(-dot(p0, d) / max(dot(d, d), 1e-6), 0.0, 1.0);
    float nearest = length(p0 + d * along);
    if (nearest > light.z) return;
    g_p0 = p0;
    g_p1 = p1;
    g_span = vec2(nearest, max(length(p0), length(p1)));
    g_extra = body ? 0.0 : wall_lit_face;
    float a0 = atan(p0.y, p0.x);
    float a1 = atan(p1.y, p1.x);
    float lo = min(a0, a1);
    float hi = max(a0, a1);
    float y0 = float(index) / rows * 2.0 - 1.0;
    float y1 = float(index + 1) / rows * 2.0 - 1.0;
    if (hi - lo > PI) {  // the edge crosses the -pi/pi seam behind the light
        span(hi, PI, y0, y1);
        span(-PI, lo, y0, y1);
    } else {
        span(lo, hi, y0, y1);
    }
}
"""

_ATLAS_FS = """
#version 330
#define PI 3.14159265358979
uniform float directions;
uniform float far;
flat in vec2 g_p0;
flat in vec2 g_p1;
flat in vec2 g_span;
flat in float g_extra;
out vec4 f_depth;
void main() {
    float a = gl_FragCoord.x / directions * 2.0 * PI - PI;
    vec2 ray = vec2(cos(a), sin(a));
    vec2 d = g_p1 - g_p0;
    vec2 n = vec2(d.y, -d.x);
    float denom = dot(ray, n);
    // Distance along the ray to the edge's line; clamped, since a texel at the very end of the
    // span may see the line just beyond the segment at a grazing angle.
    float t = abs(denom) > 1e-9 ? dot(g_p0, n) / denom : g_span.y;
    t = clamp(t, g_span.x, g_span.y) + g_extra;
    f_depth = vec4(t, 0.0, 0.0, 1.0);
    gl_FragDepth = clamp(t / far, 0.0, 1.0);
}
"""

_RANGE_VS = """
#version 330
in vec2 in_vert;
void main() { gl_Position = vec4(in_vert, 0.0, 1.0); }
"""

_RANGE_FS = """
#version 330
uniform sampler2D atlas;
uniform int window;
uniform int block;
out vec4 f_range;
void main() {
    ivec2 size = textureSize(atlas, 0);
    ivec2 texel = ivec2(gl_FragCoord.xy);
    int first = texel.x * block - window;
    float lo = 1e30;
    float hi = 0.0;
    for (int k = 0; k < block + 2 * window; ++k) {
        float depth = texelFetch(atlas, ivec2((first + k + size.x) % size.x, texel.y), 0).r;
        lo = min(lo, depth);
        hi = max(hi, depth);
    }
    f_range = vec4(lo, hi, 0.0, 1.0);
}
"""


class ShadowAtlas:
    """The GPU side: occluder edges in, per-light distance rows (and their min/max windows) out."""

    def __init__(self, ctx):
        self.ctx = ctx
        size = (ATLAS_DIRECTIONS, MAX_LIGHTS)
        self.depth = ctx.texture(size, components=1, dtype="f4", filter=(gl.NEAREST, gl.NEAREST), wrap_x=gl.REPEAT, wrap_y=gl.CLAMP_TO_EDGE)
        self.range = ctx.texture((ATLAS_DIRECTIONS // RANGE_BLOCK, MAX_LIGHTS), components=2, dtype="f4", filter=(gl.NEAREST, gl.NEAREST), wrap_x=gl.REPEAT, wrap_y=gl.CLAMP_TO_EDGE)
        self.depth_fbo = ctx.framebuffer(color_attachments=[self.depth], depth_attachment=ctx.depth_texture(size))
        self.range_fbo = ctx.framebuffer(color_attachments=[self.range])
        self.light_table = ctx.texture((MAX_LIGHTS, 1), components=4, dtype="f4", filter=(gl.NEAREST, gl.NEAREST))
        self.edge_capacity = 1024
        self.edge_buffer = ctx.buffer(reserve=self.edge_capacity * EdgeSet.COLUMNS * 4)
        self._edge_geometry()
        self.atlas_program = ctx.program(vertex_shader=_ATLAS_VS, geometry_shader=_ATLAS_GS, fragment_shader=_ATLAS_FS)
        self.atlas_program["light_table"] = 0
        self.atlas_program["rows"] = float(MAX_LIGHTS)
        self.atlas_program["wall_lit_face"] = WALL_LIT_FACE_PX
        self.atlas_program["directions"] = float(ATLAS_DIRECTIONS)
        self.atlas_program["far"] = FAR
        self.range_program = ctx.program(vertex_shader=_RANGE_VS, fragment_shader=_RANGE_FS)
        self.range_program["atlas"] = 0
        self.range_program["window"] = PENUMBRA_WINDOW
        self.range_program["block"] = RANGE_BLOCK
        self.quad = geometry.quad_2d_fs()

    def _edge_geometry(self) -> None:
        self.edges = self.ctx.geometry([BufferDescription(self.edge_buffer, "4f 4f", ["in_edge", "in_body"])])

    def render(self, lights: np.ndarray, edges: np.ndarray) -> None:
        """Fill rows 0..len(lights)-1: `lights` rows are (x, y, radius, _), `edges` from EdgeSet."""
        ctx = self.ctx
        count = min(len(lights), MAX_LIGHTS)
        table = np.zeros((MAX_LIGHTS, 4), np.float32)
        table[:count] = lights[:count, :4]
        self.light_table.write(table.tobytes())
        if len(edges) > self.edge_capacity:
            while self.edge_capacity < len(edges):
                self.edge_capacity *= 2
            self.edge_buffer = self.ctx.buffer(reserve=self.edge_capacity * EdgeSet.COLUMNS * 4)
            self._edge_geometry()
        rows = (0, 0, ATLAS_DIRECTIONS, max(1, count))
        self.depth_fbo.use()
        self.depth_fbo.clear(color_normalized=(FAR, FAR, FAR, 1.0), depth=1.0, viewport=rows)
        self.depth_fbo.viewport = (0, 0, ATLAS_DIRECTIONS, MAX_LIGHTS)
        if count and len(edges):
            self.edge_buffer.write(np.ascontiguousarray(edges, np.float32).tobytes())
            self.light_table.use(0)
            ctx.disable(ctx.BLEND)
            ctx.enable(ctx.DEPTH_TEST)
            self.edges.render(self.atlas_program, mode=ctx.POINTS, vertices=len(edges), instances=count)
            ctx.disable(ctx.DEPTH_TEST)
        self.range_fbo.use()
        self.range_fbo.viewport = (0, 0, ATLAS_DIRECTIONS // RANGE_BLOCK, max(1, count))
        self.depth.use(0)
        ctx.disable(ctx.BLEND)
        self.quad.render(self.range_program)
        self.range_fbo.viewport = (0, 0, ATLAS_DIRECTIONS // RANGE_BLOCK, MAX_LIGHTS)
