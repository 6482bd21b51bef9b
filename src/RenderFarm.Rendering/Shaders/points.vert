#version 450
#extension GL_GOOGLE_include_directive : require
#include "instances.glsl"

layout(location = 0) out vec2 local;               // -1..1 across the quad
layout(location = 1) flat out vec4 color;          // linear RGB, straight alpha
layout(location = 2) flat out float radiusPx;

void main() {
    uint item = gl_InstanceIndex;
    vec2 corner = CORNERS[gl_VertexIndex];
    float diameter = (pc.flags & FLAG_ITEM_SIZES) != 0u ? uintBitsToFloat(extras[item]) : pc.size;
    vec4 centre = pc.worldToClip * vec4(itemPosition(item), 1.0);
    radiusPx = 0.5 * screenPixels(diameter, centre);
    // One pixel of margin so the anti-aliased edge is not cut off by the quad.
    gl_Position = cornerPosition(centre, corner, radiusPx + 1.0);
    local = corner;
    color = itemColor(item);
}
