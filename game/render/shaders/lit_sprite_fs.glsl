#version 330
// arcade's sprite fragment shader, lit: the sprite's colour times the packed light map (ambient,
// house lights and every lamp, sampled where this pixel lands on screen), highlights rolled off,
// dithered. Used for the sprite lists the lighting pass adopts: the scene is lit as it is
// drawn, with no offscreen copy and no extra full-screen pass.

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

float noise(vec2 p) {  // interleaved gradient noise
    return fract(52.9829189 * fract(dot(p, vec2(0.06711056, 0.00583715))));
}

void main() {
    vec4 base = texture(sprite_texture, gs_uv) * gs_color * spritelist_color;
    if (base.a == 0.0) {
        discard;
    }
    vec3 stored = texture(light_map, gl_FragCoord.xy / screen_size).rgb;
    vec3 c = base.rgb * max(stored * stored * light_range, vec3(min_light));  // unpacked: see the pack pass
    // Roll highlights off towards white, keeping their hue, instead of clipping channels.
    float peak = max(c.r, max(c.g, c.b));
    if (peak > knee) {
        float over = (peak - knee) / (1.0 - knee);
        c *= (knee + (1.0 - knee) * over / (1.0 + over)) / peak;
    }
    // Dither (half an 8-bit step each way) so that dark gradients do not band. One noise, not
    // the two of a triangular dither: on a software renderer every instruction here is paid
    // for each pixel on the screen, and the floor's own grain hides the difference.
    c += (noise(gl_FragCoord.xy) - 0.5) / 255.0;
    f_color = vec4(c, base.a);
}
