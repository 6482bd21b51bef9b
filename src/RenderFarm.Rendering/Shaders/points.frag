#version 450
#extension GL_GOOGLE_include_directive : require
#include "instances.glsl"

layout(location = 0) in vec2 local;
layout(location = 1) flat in vec4 color;
layout(location = 2) flat in float radiusPx;
layout(location = 0) out vec4 outColor;

const vec3 LIGHT = vec3(-0.40824829, -0.40824829, 0.81649658); // up-left, towards the viewer (y down)

void main() {
    vec2 px = local * (radiusPx + 0.5);
    float distancePx = length(px);
    // Coverage of the disc's edge over one pixel: a smooth edge at any size, independent of MSAA.
    float coverage = clamp(radiusPx - distancePx + 0.5, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    vec3 rgb = color.rgb;
    if ((pc.flags & FLAG_SPHERES) != 0u) {
        vec2 xy = px / max(radiusPx, 1e-3);
        vec3 normal = vec3(xy, sqrt(max(0.0, 1.0 - dot(xy, xy))));
        float diffuse = max(dot(normal, LIGHT), 0.0);
        float specular = pow(max(dot(reflect(-LIGHT, normal), vec3(0, 0, 1)), 0.0), 24.0);
        rgb = rgb * (0.35 + 0.65 * diffuse) + vec3(0.25 * specular);
    }
    outColor = vec4(rgb, color.a * coverage);
}
