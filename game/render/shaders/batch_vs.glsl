#version 330
// One quad of a batch (an instance): placed, sized, turned and tinted as the frame's arrays say.

uniform WindowBlock {
    mat4 projection;
    mat4 view;
} window;

in vec2 in_corner;   // (0, 0) left bottom .. (1, 1) right top
in vec4 in_place;    // its middle x, y and its width, height (px)
in float in_angle;   // degrees, clockwise (as arcade turns a sprite)
in vec4 in_uv;       // its picture in the atlas: u left, v top, u right, v bottom
in vec4 in_colour;   // tint and opacity, 0..1

out vec2 v_uv;
out vec4 v_colour;

void main() {
    float angle = radians(in_angle);
    mat2 turn = mat2(cos(angle), -sin(angle), sin(angle), cos(angle));
    vec2 local = (in_corner - 0.5) * in_place.zw;
    v_uv = vec2(mix(in_uv.x, in_uv.z, in_corner.x), mix(in_uv.w, in_uv.y, in_corner.y));
    v_colour = in_colour;
    gl_Position = window.projection * window.view * vec4(turn * local + in_place.xy, 0.0, 1.0);
}
