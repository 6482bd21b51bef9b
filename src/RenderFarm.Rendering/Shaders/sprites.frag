#version 450
#extension GL_GOOGLE_include_directive : require
#include "instances.glsl"

// Set 1 is the atlas sheet this draw covers (one descriptor set per sheet, owned by the atlas).
layout(set = 1, binding = 0) uniform sampler2DArray atlas;

layout(location = 0) in vec2 uv;
layout(location = 1) in vec2 local;
layout(location = 2) flat in float layer;
layout(location = 3) flat in vec4 tint;
layout(location = 4) flat in float sidePx;
layout(location = 5) flat in float lod;
layout(location = 0) out vec4 outColor;

void main() {
    vec4 texel = textureLod(atlas, vec3(uv, layer), lod); // the sRGB view decodes to linear before filtering
    if ((pc.flags & FLAG_DECODE_SRGB) != 0u) texel.rgb = srgbToLinear(texel.rgb);
    bool tinted = (pc.flags & FLAG_TINT) != 0u;
    if ((pc.flags & FLAG_OPAQUE) != 0u) {
        float fromEdgePx = (1.0 - max(abs(local.x), abs(local.y))) * 0.5 * sidePx;
        if (tinted && fromEdgePx < pc.borderPx) {
            outColor = vec4(tint.rgb, 1.0);
            return;
        }
        outColor = texel;
        return;
    }
    // MNIST-style: dark pixels vanish, bright strokes stay; a black background becomes transparent.
    float luminance = dot(texel.rgb, vec3(0.2126, 0.7152, 0.0722));
    float alpha = texel.a * clamp(luminance / pc.threshold, 0.0, 1.0);
    if (alpha <= 0.0) discard;
    outColor = vec4(tinted ? tint.rgb : texel.rgb, alpha * (tinted ? tint.a : 1.0));
}
