#version 450
#extension GL_GOOGLE_include_directive : require
#include "splat.glsl"

const vec3 LIGHT = vec3(-0.40824829, -0.40824829, 0.81649658); // as points.frag

// points.frag for one pixel: the disc's anti-aliased edge covers radius ± 0.5 px.
vec4 shade(Splat s, vec2 p) {
    vec2 px = p - vec2(s.x, s.y);
    float radiusPx = s.extent;
    float coverage = clamp(radiusPx - length(px) + 0.5, 0.0, 1.0);
    if (coverage <= 0.0) return vec4(0.0);
    vec4 color = s.color;
    vec3 rgb = color.rgb;
    if ((pc.flags & SPLAT_SPHERES) != 0u) {
        vec2 xy = px / max(radiusPx, 1e-3);
        vec3 normal = vec3(xy, sqrt(max(0.0, 1.0 - dot(xy, xy))));
        float diffuse = max(dot(normal, LIGHT), 0.0);
        float specular = pow(max(dot(reflect(-LIGHT, normal), vec3(0, 0, 1)), 0.0), 24.0);
        rgb = rgb * (0.35 + 0.65 * diffuse) + vec3(0.25 * specular);
    }
    return vec4(rgb, color.a * coverage);
}
