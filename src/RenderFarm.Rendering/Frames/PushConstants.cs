using System.Numerics;
using System.Runtime.InteropServices;

namespace RenderFarm.Rendering.Frames;

/// <summary>The push-constant block of Shaders/instances.glsl, field for field (std430, 128 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PushConstants
{
    public Matrix4x4 WorldToClip;
    public Vector2 PixelToNdc;
    public float Size;
    public uint Dimensions;
    public uint Flags;
    public uint Sheet;
    public uint SlotsPerRow;
    public uint SlotsPerLayer;
    public uint CellsPerSheet;
    public float SlotUv;
    public float InsetUv;
    public float CellUv;
    public float Threshold;
    public float BorderPixels;
    public float CellPixels;
    public float PixelsPerUnit;

    public const uint ItemColors = 1, ItemSizes = 2, Spheres = 4, Opaque = 8, Tint = 16, WorldSize = 32, DecodeSrgb = 64;
}
