// What every lit surface shares (#included by lit_sprite_fs.glsl and lit_floor_fs.glsl): a
// colour times the packed light map's light, highlights rolled off, dithered.

float lit_noise(vec2 p) {  // interleaved gradient noise
    return fract(52.9829189 * fract(dot(p, vec2(0.06711056, 0.00583715))));
}

// `stored` is the packed light map's texel (see the pack pass in lighting.py); the light is
// held between `min_light` and `max_light` (the dreamer: never lost in the dark, never washed out).
vec3 lit_colour_within(vec3 base, vec3 stored, float light_range, float knee, float min_light, float max_light, vec2 frag) {
    vec3 c = base * clamp(stored * stored * light_range, vec3(min_light), vec3(max_light));
    // Roll highlights off towards white, keeping their hue, instead of clipping channels.
    float peak = max(c.r, max(c.g, c.b));
    if (peak > knee) {
        float over = (peak - knee) / (1.0 - knee);
        c *= (knee + (1.0 - knee) * over / (1.0 + over)) / peak;
    }
    // Dither (half an 8-bit step each way) so that dark gradients do not band. One noise, not
    // the two of a triangular dither: on a software renderer every instruction here is paid
    // for each pixel on the screen, and the floor's own grain hides the difference.
    return c + (lit_noise(frag) - 0.5) / 255.0;
}

vec3 lit_colour(vec3 base, vec3 stored, float light_range, float knee, float min_light, vec2 frag) {
    return lit_colour_within(base, stored, light_range, knee, min_light, 1e6, frag);
}
