#version 450
#extension GL_GOOGLE_include_directive : require
#include "surface.glsl"

layout(location = 0) out vec3 normal;   // world space, from the height field's slope
layout(location = 1) out vec3 color;    // linear RGB

const ivec2 CORNERS[6] = ivec2[](ivec2(0, 0), ivec2(1, 0), ivec2(0, 1), ivec2(0, 1), ivec2(1, 0), ivec2(1, 1));

float heightAt(int i, int j) {
    int last = int(pc.resolution) - 1;
    return heights[clamp(j, 0, last) * int(pc.resolution) + clamp(i, 0, last)];
}

vec3 srgbToLinear(vec3 c) {
    return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}

void main() {
    int quadsPerRow = int(pc.resolution) - 1;
    int quad = gl_VertexIndex / 6;
    ivec2 node = ivec2(quad % quadsPerRow, quad / quadsPerRow) + CORNERS[gl_VertexIndex % 6];
    float z = heightAt(node.x, node.y);
    // Central differences (one-sided at the border, which lies at the base anyway).
    float dzdx = (heightAt(node.x + 1, node.y) - heightAt(node.x - 1, node.y)) / (2.0 * pc.cell.x);
    float dzdy = (heightAt(node.x, node.y + 1) - heightAt(node.x, node.y - 1)) / (2.0 * pc.cell.y);
    normal = normalize(vec3(-dzdx, -dzdy, 1.0));
    color = srgbToLinear(unpackUnorm4x8(colors[node.y * int(pc.resolution) + node.x]).rgb);
    gl_Position = pc.worldToClip * vec4(pc.origin + vec2(node) * pc.cell, z, 1.0);
}
