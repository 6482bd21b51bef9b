// Shared by surface.vert and surface.frag: the height field's node buffers and push constants.
// The grid is drawn without vertex buffers: gl_VertexIndex names a node of one of its quads.

layout(std430, set = 0, binding = 0) readonly buffer Heights { float heights[]; };  // node (i, j) at j·resolution + i
layout(std430, set = 0, binding = 1) readonly buffer Colors { uint colors[]; };     // sRGB bytes per node

// Must match Frames/SurfacePushConstants.cs byte for byte.
layout(push_constant) uniform Push {
    mat4 worldToClip;   // camera and tile: world → clip space of this tile
    vec2 origin;        // world (x, y) of node (0, 0)
    vec2 cell;          // world distance between neighbouring nodes
    vec3 light;         // towards the light, world space: the spheres' light
    uint resolution;    // nodes per side
    vec3 toViewer;      // towards the camera, world space (for the highlight)
    float pad;
} pc;
