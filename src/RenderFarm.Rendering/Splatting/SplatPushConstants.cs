using System.Runtime.InteropServices;

namespace RenderFarm.Rendering.Splatting;

/// <summary>The push-constant block of Shaders/splat.glsl, field for field (36 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SplatPushConstants
{
    public uint Width;
    public uint Height;
    public uint BinsX;
    public uint Flags;
    public uint Background;
    public float Threshold;
    public float BorderPixels;
    public float CellUv;
    public float Lod;

    public const uint Bytes = 36;
    public const uint FirstLayer = 1, Spheres = 4, Opaque = 8, Tint = 16, DecodeSrgb = 64;
}
