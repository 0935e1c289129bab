#version 330
// A seat of the crowd (one instance): its pose for the moment, worked out here from the
// applause, the standing and the time, and its picture for that pose, cut to what shows.

uniform WindowBlock {
    mat4 projection;
    mat4 view;
} window;

uniform float seconds;
uniform float applause;  // 0..1
uniform float standing;  // 0..1: those with stand_at under this are on their feet
uniform bool empty;      // every seat empty: the seats' own pictures, still
uniform bool snap;       // drawn texel for pixel: each picture's corner on a whole pixel
uniform float bob_px;    // how far a clapping person bobs (px at scale 1)
uniform float stand_px;  // how much higher a standing person is (px at scale 1)

in vec2 in_corner;  // (0, 0) left bottom .. (1, 1) right top
in vec4 in_place;   // x, y (the picture's middle, px), scale, stand_at (over 1: never stands)
in vec2 in_motion;  // phase, rate (radians a second)
// The seat's looks (seated, clapping, standing, standing clapping, empty): where its picture is
// in the atlas (u left, v top, u right, v bottom) and the quad that shows it (width, height, and
// how far its middle is above the seat's, px).
in vec4 in_uv0;
in vec3 in_quad0;
in vec4 in_uv1;
in vec3 in_quad1;
in vec4 in_uv2;
in vec3 in_quad2;
in vec4 in_uv3;
in vec3 in_quad3;
in vec4 in_uv4;
in vec3 in_quad4;

out vec2 v_uv;

void main() {
    float scale = in_place.z;
    vec4 uv = in_uv4;
    vec3 quad = in_quad4;
    float rise = 0.0;
    if (!empty) {
        float beat = seconds * in_motion.y + in_motion.x;
        bool clapping = applause > 0.5 && sin(beat) > 0.2 - applause;
        bool stands = in_place.w < standing;
        if (stands) {
            uv = clapping ? in_uv3 : in_uv2;
            quad = clapping ? in_quad3 : in_quad2;
        } else {
            uv = clapping ? in_uv1 : in_uv0;
            quad = clapping ? in_quad1 : in_quad0;
        }
        rise = bob_px * scale * applause * sin(2.0 * beat) + (stands ? stand_px * scale : 0.0);
    }
    vec2 corner = in_place.xy + vec2(0.0, rise + quad.z) - quad.xy / 2.0;
    if (snap) {
        corner = floor(corner + 0.5);
    }
    v_uv = vec2(mix(uv.x, uv.z, in_corner.x), mix(uv.w, uv.y, in_corner.y));
    gl_Position = window.projection * window.view * vec4(corner + in_corner * quad.xy, 0.0, 1.0);
}
