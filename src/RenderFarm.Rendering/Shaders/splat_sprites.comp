#version 450
#extension GL_GOOGLE_include_directive : require
#include "splat.glsl"

// The atlas sheet (the renderer uses this path only for single-sheet atlases).
layout(set = 1, binding = 0) uniform sampler2DArray atlas;

// sprites.frag for one pixel. A pixel belongs to the sprite when its centre is inside the square,
// left and top edges included: the raster rule for one sample per pixel.
vec4 shade(Splat s, vec2 p) {
    vec2 local = (p - vec2(s.x, s.y)) / s.extent; // -1..1 across the tile
    if (p.x < s.x - s.extent || p.x >= s.x + s.extent || p.y < s.y - s.extent || p.y >= s.y + s.extent)
        return vec4(0.0);
    vec2 uv = vec2(s.u, s.v) + (local * 0.5 + 0.5) * pc.cellUv;
    // The layer's one mip level, from a push constant: llvmpipe then picks the level once for the
    // whole vector (a level per lane is its slowest sampling path, ~3× the cost of a frame).
    vec4 texel = textureLod(atlas, vec3(uv, s.layer), pc.lod);
    if ((pc.flags & SPLAT_DECODE_SRGB) != 0u) texel.rgb = srgbToLinearTable(texel.rgb);
    bool tinted = (pc.flags & SPLAT_TINT) != 0u;
    vec4 tint = s.color;
    if ((pc.flags & SPLAT_OPAQUE) != 0u) {
        float fromEdgePx = (1.0 - max(abs(local.x), abs(local.y))) * s.extent;
        if (tinted && fromEdgePx < pc.borderPx) return vec4(tint.rgb, 1.0);
        return texel;
    }
    float luminance = dot(texel.rgb, vec3(0.2126, 0.7152, 0.0722));
    float alpha = texel.a * clamp(luminance / pc.threshold, 0.0, 1.0);
    return vec4(tinted ? tint.rgb : texel.rgb, alpha * (tinted ? tint.a : 1.0));
}
