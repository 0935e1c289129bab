#version 330
// A seat of the crowd (one instance): its pose for the moment, worked out here from the
// applause, the standing and the time, and its picture drawn down to where it is always hidden.

uniform WindowBlock {
    mat4 projection;
    mat4 view;
} window;

#define PICTURES 16  // (set to how many the crowd has)

uniform vec4 rects[PICTURES];  // each picture in the atlas: u left, v top, u right, v bottom
uniform vec3 sizes[PICTURES];  // each picture's width and height (px) and its clear rows at the top
uniform float seconds;
uniform float applause;        // 0..1
uniform float standing;        // 0..1: those with stand_at under this are on their feet
uniform bool empty;            // every seat empty: the seats' own picture, still
uniform float bob_px;          // how far a clapping person bobs (px at scale 1)
uniform float stand_px;        // how much higher a standing person is (px at scale 1)

in vec2 in_corner;    // (0, 0) left bottom .. (1, 1) right top
in vec4 in_place;     // x, y (the picture's middle, px), scale, stand_at (over 1: never stands)
in vec2 in_motion;    // phase, rate (radians a second)
in vec3 in_pictures;  // seated, clapping, empty: which picture
in vec2 in_hidden;    // rows at the bottom always hidden: seated (in any pose), empty

out vec2 v_uv;

void main() {
    float scale = in_place.z;
    float picture = in_pictures.z;
    float hidden = in_hidden.y;
    float rise = 0.0;
    if (!empty) {
        float beat = seconds * in_motion.y + in_motion.x;
        bool clapping = applause > 0.5 && sin(beat) > 0.2 - applause;
        picture = clapping ? in_pictures.y : in_pictures.x;
        hidden = in_hidden.x;
        rise = bob_px * scale * applause * sin(2.0 * beat) + (in_place.w < standing ? stand_px * scale : 0.0);
    }
    int index = int(picture);
    vec3 size = sizes[index];
    vec4 rect = rects[index];
    float row = mix(size.y - hidden, size.z, in_corner.y);  // the picture's row at this corner, from its top
    vec2 local = vec2((in_corner.x - 0.5) * size.x, size.y / 2.0 - row) * scale;
    v_uv = vec2(mix(rect.x, rect.z, in_corner.x), mix(rect.y, rect.w, row / size.y));
    gl_Position = window.projection * window.view * vec4(in_place.xy + vec2(0.0, rise) + local, 0.0, 1.0);
}
