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
    // Half a pixel of margin: the anti-aliased edge ramps over radius ± 0.5 px. No more, because
    // every extra fragment costs on lavapipe, which is fill-rate bound.
    gl_Position = cornerPosition(centre, corner, radiusPx + 0.5);
    local = corner;
    color = itemColor(item);
}
