#version 330
// arcade's sprite fragment shader, lit: the sprite's colour times the packed light map (ambient,
// house lights and every lamp, sampled where this pixel lands on screen). Used for the sprite
// lists the lighting pass adopts: the scene is lit as it is drawn, with no offscreen copy and
// no extra full-screen pass.

uniform sampler2D sprite_texture;
uniform vec4 spritelist_color;
uniform sampler2D light_map;
uniform vec2 screen_size;
uniform float light_range;
uniform float knee;
uniform float min_light;  // the least light this sprite list is drawn in (the dreamer's is above 0)

in vec2 gs_uv;
in vec4 gs_color;

out vec4 f_color;

#include :flawed_shaders:lit_common.glsl

void main() {
    vec4 base = texture(sprite_texture, gs_uv) * gs_color * spritelist_color;
    if (base.a == 0.0) {
        discard;
    }
    vec3 stored = texture(light_map, gl_FragCoord.xy / screen_size).rgb;
    f_color = vec4(lit_colour(base.rgb, stored, light_range, knee, min_light, gl_FragCoord.xy), base.a);
}
