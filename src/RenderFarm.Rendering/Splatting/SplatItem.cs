using System.Runtime.InteropServices;

namespace RenderFarm.Rendering.Splatting;

/// <summary>One item as the splatting shaders read it: the <c>Splat</c> struct of Shaders/splat.glsl (32 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SplatItem
{
    /// <summary>Centre in pixels of the tile being drawn (pixel centres at +0.5).</summary>
    public float X, Y;

    /// <summary>Points: radius in pixels. Sprites: half the side in pixels.</summary>
    public float Extent;

    /// <summary>sRGB RGBA8: the point's colour or the sprite's tint.</summary>
    public uint Color;

    /// <summary>Sprites: the cell's top-left texture coordinate, array layer and mip level.</summary>
    public float U, V, Layer, Lod;
}
