#version 450
#extension GL_GOOGLE_include_directive : require
#include "instances.glsl"

layout(location = 0) out vec2 local;               // -1..1 across the quad
layout(location = 1) flat out vec4 color;          // linear RGB, straight alpha
layout(location = 2) flat out float radiusPx;

// A perspective sphere's impostor at the depth of the sphere's nearest point rather than its centre,
// on the same pixels: a sphere resting on a terrain surface (which writes depth) then shows whole
// instead of half sunk into it. The clip-space w row of a perspective matrix is the unit view
// direction, so stepping r towards the camera lowers w by r and z by r along that row; x and y scale
// with w to keep their screen position. Orthographic frames have no w row and are left alone.
vec4 frontOfSphere(vec4 centre, float radiusPx) {
    vec3 forward = vec3(pc.worldToClip[0][3], pc.worldToClip[1][3], pc.worldToClip[2][3]);
    if (dot(forward, forward) < 0.5 || pc.pixelsPerUnit <= 0.0) return centre;
    vec3 zRow = vec3(pc.worldToClip[0][2], pc.worldToClip[1][2], pc.worldToClip[2][2]);
    float step = min(radiusPx * centre.w / pc.pixelsPerUnit, 0.5 * centre.w);
    float w = centre.w - step;
    return vec4(centre.xy * (w / centre.w), centre.z - step * dot(zRow, forward), w);
}

void main() {
    uint item = gl_InstanceIndex;
    vec2 corner = CORNERS[gl_VertexIndex];
    float diameter = (pc.flags & FLAG_ITEM_SIZES) != 0u ? uintBitsToFloat(extras[item]) : pc.size;
    vec4 centre = pc.worldToClip * vec4(itemPosition(item), 1.0);
    radiusPx = 0.5 * screenPixels(diameter, centre);
    if ((pc.flags & FLAG_SPHERES) != 0u) centre = frontOfSphere(centre, radiusPx);
    // Half a pixel of margin: the anti-aliased edge ramps over radius ± 0.5 px. No more, because
    // every extra fragment costs on lavapipe, which is fill-rate bound.
    gl_Position = cornerPosition(centre, corner, radiusPx + 0.5);
    local = corner;
    color = itemColor(item);
}
