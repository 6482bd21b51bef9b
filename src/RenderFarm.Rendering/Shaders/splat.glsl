// Compute splatting, shared by splat_points.comp and splat_sprites.comp. The CPU has binned the
// layer's items into 8×8-pixel screen bins (Splatting/SplatBinner.cs), listing for each pixel row
// of a bin the items that touch it, in draw order. One workgroup composites one bin, one
// invocation per pixel: each row walks its list from the last item (on top) to the first, accumulating premultiplied colour "under" what
// it has so far, and stops once every pixel of its subgroup is opaque. That is the raster pipeline's in-order
// straight-alpha blending, exactly, but with no per-pixel atomics (so the bytes never depend on
// thread timing), no triangle setup and no fragments for the hidden items of a dense cluster.

#extension GL_KHR_shader_subgroup_vote : require

// Must match SplatBinner.BinSize. 8 px rather than 16: a 12 px item then fills ~36 % of the
// pixels its bins test instead of ~18 %, and every test costs.
layout(local_size_x = 8, local_size_y = 8) in;

// Must match Splatting/SplatItem.cs (48 bytes).
struct Splat {
    float x, y;       // centre in pixels of this tile (pixel centres at +0.5)
    float extent;     // points: radius in pixels; sprites: half the side
    float layer;      // sprites: array layer of the cell
    vec4 color;       // linear RGB, straight alpha: the point's colour or the sprite's tint, decoded
                      // once on the CPU rather than per pixel and item (three pow() each)
    float u, v;       // sprites: top-left of the cell in the atlas layer (texture coordinates)
    float pad0;
    float pad1;
};

layout(std430, set = 0, binding = 0) readonly buffer Splats { Splat splats[]; };
layout(std430, set = 0, binding = 1) readonly buffer BinStarts { uint binStarts[]; };
layout(std430, set = 0, binding = 2) readonly buffer BinItems { uint binItems[]; };
layout(std430, set = 0, binding = 3) buffer Pixels { uint pixels[]; }; // sRGB RGBA8, width × height
// sRGB → linear at 4096 steps (SplatPipelines.SrgbTableSize): decoding a filtered texel this way is
// a gather instead of three pow() per item and pixel lane, and within 0.1 of
// a level of the exact curve the raster path uses.
layout(std430, set = 0, binding = 4) readonly buffer SrgbTable { float srgbTable[]; };

// Must match Splatting/SplatPushConstants.cs.
layout(push_constant) uniform Push {
    uint width;        // pixels of this tile
    uint height;
    uint binsX;        // bins per row
    uint flags;        // see SPLAT_*
    uint background;   // sRGB RGBA8 under the first layer
    float threshold;   // sprites: linear luminance at which threshold alpha reaches 1
    float borderPx;    // sprites: border width in pixels (opaque mode)
    float cellUv;      // sprites: cell side in texture coordinates
    float lod;         // sprites: the mip level, from the layer's size on screen (one size per layer)
} pc;

const uint SPLAT_FIRST_LAYER = 1u;   // composite over the background, not over pixels[]
const uint SPLAT_SPHERES = 4u;       // points: lit spheres
const uint SPLAT_OPAQUE = 8u;        // sprites: opaque tiles
const uint SPLAT_TINT = 16u;         // sprites: colour tints (threshold) or borders (opaque)
const uint SPLAT_DECODE_SRGB = 64u;  // sprites: the atlas view is UNORM; decode after filtering

// Past this the items underneath change no byte: (1 − a) × 1.0 < 1/4096 in linear light.
const float OPAQUE_ENOUGH = 1.0 - 1.0 / 4096.0;

vec3 srgbToLinear(vec3 c) {
    return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), greaterThan(c, vec3(0.04045)));
}

vec3 linearToSrgb(vec3 c) {
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, greaterThan(c, vec3(0.0031308)));
}

vec3 srgbToLinearTable(vec3 c) {
    ivec3 i = ivec3(clamp(c, 0.0, 1.0) * 4095.0 + 0.5);
    return vec3(srgbTable[i.r], srgbTable[i.g], srgbTable[i.b]);
}

vec4 decodeColor(uint packed) {
    vec4 c = unpackUnorm4x8(packed);
    return vec4(srgbToLinear(c.rgb), c.a);
}

// The colour (linear, straight alpha) item `s` gives the pixel whose centre is `p`; alpha 0 where
// it does not reach. Defined by the including shader, mirroring its raster fragment shader.
vec4 shade(Splat s, vec2 p);

void main() {
    uvec2 pixel = gl_GlobalInvocationID.xy;
    // This invocation's row of the bin: one 8-lane vector on llvmpipe, walking its own list.
    uint list = (gl_WorkGroupID.y * pc.binsX + gl_WorkGroupID.x) * gl_WorkGroupSize.y + gl_LocalInvocationID.y;
    uint first = binStarts[list];
    vec2 p = vec2(pixel) + 0.5;
    vec3 rgb = vec3(0.0); // premultiplied
    float alpha = 0.0;
    // The loop stays uniform (one item at a time for the whole subgroup, leaving together) so the
    // item loads are the same address for every lane: llvmpipe then loads once, not per lane.
    for (uint k = binStarts[list + 1]; k > first; k--) {
        if (subgroupAll(alpha >= OPAQUE_ENOUGH)) break;
        Splat s = splats[binItems[k - 1u]];
        if (alpha < OPAQUE_ENOUGH) {
            vec4 c = shade(s, p);
            float weight = (1.0 - alpha) * c.a;
            rgb += weight * c.rgb;
            alpha += weight;
        }
    }
    if (pixel.x >= pc.width || pixel.y >= pc.height) return;
    uint index = pixel.y * pc.width + pixel.x;
    vec4 under = decodeColor((pc.flags & SPLAT_FIRST_LAYER) != 0u ? pc.background : pixels[index]);
    // The blend the raster pipeline does per item (colour: src·a + dst·(1−a); alpha: a + dst·(1−a)),
    // folded over the whole list.
    vec3 outRgb = rgb + (1.0 - alpha) * under.rgb;
    float outAlpha = alpha + (1.0 - alpha) * under.a;
    pixels[index] = packUnorm4x8(vec4(linearToSrgb(clamp(outRgb, 0.0, 1.0)), outAlpha));
}
