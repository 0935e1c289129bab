#version 330
// A quad's picture, tinted (blending leaves its clear parts).

uniform sampler2D atlas;

in vec2 v_uv;
in vec4 v_colour;

out vec4 f_color;

void main() {
    f_color = texture(atlas, v_uv) * v_colour;
}
