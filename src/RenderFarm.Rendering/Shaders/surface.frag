#version 450
#extension GL_GOOGLE_include_directive : require
#include "surface.glsl"

layout(location = 0) in vec3 normal;
layout(location = 1) in vec3 color;
layout(location = 0) out vec4 outColor;

void main() {
    vec3 n = normalize(normal);
    if (dot(n, pc.toViewer) < 0.0) n = -n; // seen from below: light the side that faces the camera
    // The spheres' shading (points.frag): ambient 0.35 + diffuse 0.65, with a duller highlight for matte ground.
    float diffuse = max(dot(n, pc.light), 0.0);
    float specular = pow(max(dot(reflect(-pc.light, n), pc.toViewer), 0.0), 24.0);
    outColor = vec4(color * (0.35 + 0.65 * diffuse) + vec3(0.08 * specular), 1.0);
}
