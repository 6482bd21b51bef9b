// Shared by every instanced-quad shader: the per-item storage buffers, the push constants and the
// quad corners. One quad (two triangles, six vertices) per item, built from gl_VertexIndex so no
// vertex buffer or point sprite is involved (lavapipe limits point sizes and clips whole points).

layout(std430, set = 0, binding = 0) readonly buffer Positions { float positions[]; };
layout(std430, set = 0, binding = 1) readonly buffer Colors { uint colors[]; };
// Points: per-item diameters (float bits). Sprites: atlas cell indices.
layout(std430, set = 0, binding = 2) readonly buffer Extras { uint extras[]; };

// Must match Frames/PushConstants.cs byte for byte (128 bytes: Vulkan's guaranteed minimum).
layout(push_constant) uniform Push {
    mat4 worldToClip;     // camera and tile: world → clip space of this tile
    vec2 pixelToNdc;      // 2 / tile width, 2 / tile height
    float size;           // diameter (points) or side (sprites) in pixels, when not per item
    uint dims;            // floats per position: 2 or 3
    uint flags;           // see FLAG_*
    uint sheet;           // sprites: the atlas sheet bound to this draw
    uint slotsPerRow;     // sprites: cell slots across one layer
    uint slotsPerLayer;
    uint cellsPerSheet;
    float slotUv;         // slot stride in texture coordinates
    float insetUv;        // gutter before the cell inside its slot
    float cellUv;         // cell side in texture coordinates
    float threshold;      // sprites: linear luminance at which threshold alpha reaches 1
    float borderPx;       // sprites: class-coloured border width in pixels
    float cellPx;         // sprites: the cell's side in atlas texels (mip level choice)
    float pixelsPerUnit;  // pixels per world unit at depth 1 (perspective spheres: their world radius)
} pc;

const uint FLAG_ITEM_COLORS = 1u;   // colors[] has one entry per item (else colors[0] for all)
const uint FLAG_ITEM_SIZES = 2u;    // extras[] holds per-item diameters (points)
const uint FLAG_SPHERES = 4u;       // points: shade as lit spheres
const uint FLAG_OPAQUE = 8u;        // sprites: opaque tiles (else threshold transparency)
const uint FLAG_TINT = 16u;         // sprites: colors[] tints (threshold) or borders (opaque)
const uint FLAG_DECODE_SRGB = 64u;  // sprites: the atlas view is UNORM; decode after filtering
const uint FLAG_WORLD_SIZE = 32u;   // sizes are world units × pixels per unit at depth 1: shrink with distance

const vec2 CORNERS[6] = vec2[](vec2(-1, -1), vec2(1, -1), vec2(-1, 1), vec2(-1, 1), vec2(1, -1), vec2(1, 1));

vec3 itemPosition(uint item) {
    uint base = item * pc.dims;
    return vec3(positions[base], positions[base + 1], pc.dims == 3u ? positions[base + 2] : 0.0);
}

// Colours arrive as sRGB bytes (what the palette and scenes mean); blending happens in linear light
// and the sRGB render target encodes on write, so an opaque colour comes back as the same bytes.
vec3 srgbToLinear(vec3 c) {
    return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}

vec4 itemColor(uint item) {
    vec4 c = unpackUnorm4x8(colors[(pc.flags & FLAG_ITEM_COLORS) != 0u ? item : 0u]);
    return vec4(srgbToLinear(c.rgb), c.a);
}

// A size in pixels on screen: world sizes arrive pre-multiplied by the pixels per world unit at
// depth 1 and so shrink with the perspective depth w (orthographic cameras have w = 1).
float screenPixels(float size, vec4 centreClip) {
    return (pc.flags & FLAG_WORLD_SIZE) != 0u ? size / centreClip.w : size;
}

// The clip-space position of a quad corner offset by `halfPx` pixels from the item's centre; the
// offset is scaled by w so the divide by w leaves exactly that many pixels.
vec4 cornerPosition(vec4 centreClip, vec2 corner, float halfPx) {
    return vec4(centreClip.xy + corner * halfPx * pc.pixelToNdc * centreClip.w, centreClip.zw);
}
