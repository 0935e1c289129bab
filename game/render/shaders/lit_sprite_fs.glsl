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
uniform float max_light;  // and the most (the dreamer stays a silhouette against a lit floor)
uniform float glow;  // 0..1: how much it shines by itself where the room is dark (glow tape, the dreamer's rim)
uniform float fade_in_light;  // 0..1: how much it fades where the room is lit (the rim: only needed in the dark)

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
    vec3 lit = lit_colour_within(base.rgb, stored, light_range, knee, min_light, max_light, gl_FragCoord.xy);
    vec3 light = stored * stored * light_range;
    float dark = clamp(1.0 - max(light.r, max(light.g, light.b)) / 0.7, 0.0, 1.0);
    f_color = vec4(mix(lit, base.rgb, glow * dark), base.a * (1.0 - fade_in_light * (1.0 - dark)));
}
