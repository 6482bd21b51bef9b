#version 450
#extension GL_GOOGLE_include_directive : require
#include "instances.glsl"

layout(location = 0) out vec2 uv;
layout(location = 1) out vec2 local;               // -1..1 across the tile, for the border
layout(location = 2) flat out float layer;
layout(location = 3) flat out vec4 tint;
layout(location = 4) flat out float sidePx;
layout(location = 5) flat out float lod;

void main() {
    uint item = gl_InstanceIndex;
    vec2 corner = CORNERS[gl_VertexIndex];
    uint cell = extras[item];
    if (cell / pc.cellsPerSheet != pc.sheet) {
        // This item's image lives on another sheet, drawn by another draw call: a degenerate
        // triangle outside the clip volume produces no fragments.
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        return;
    }
    uint inSheet = cell % pc.cellsPerSheet;
    uint slot = inSheet % pc.slotsPerLayer;
    layer = float(inSheet / pc.slotsPerLayer);
    vec2 origin = vec2(slot % pc.slotsPerRow, slot / pc.slotsPerRow) * pc.slotUv + pc.insetUv;
    // corner.y = -1 is the top of the screen (Vulkan's y points down) and row 0 of the thumbnail.
    uv = origin + (corner * 0.5 + 0.5) * pc.cellUv;
    local = corner;
    tint = itemColor(item);
    vec4 centre = pc.worldToClip * vec4(itemPosition(item), 1.0);
    sidePx = screenPixels(pc.size, centre);
    // One mip level per sprite, chosen from its size on screen, instead of from screen-space
    // derivatives per 2×2 pixel block: the same level for a square sprite facing the camera, and
    // 25–35 % less frame time on lavapipe, which computes those derivatives in software.
    lod = max(0.0, log2(pc.cellPx / max(sidePx, 1e-3)));
    gl_Position = cornerPosition(centre, corner, 0.5 * sidePx);
}
