#version 330
// A seat's picture as it is: nothing to tint, nothing to discard (blending leaves its clear parts).

uniform sampler2D atlas;

in vec2 v_uv;

out vec4 f_color;

void main() {
    f_color = texture(atlas, v_uv);
}
