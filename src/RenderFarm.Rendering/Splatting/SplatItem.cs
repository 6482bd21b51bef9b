using System.Runtime.InteropServices;

namespace RenderFarm.Rendering.Splatting;

/// <summary>One item as the splatting shaders read it: the <c>Splat</c> struct of Shaders/splat.glsl (48 bytes, std430).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SplatItem
{
    /// <summary>Centre in pixels of the tile being drawn (pixel centres at +0.5).</summary>
    public float X, Y;

    /// <summary>Points: radius in pixels. Sprites: half the side in pixels.</summary>
    public float Extent;

    /// <summary>Sprites: the array layer of the cell.</summary>
    public float Layer;

    /// <summary>The point's colour or the sprite's tint: linear RGB, straight alpha.</summary>
    public float R, G, B, A;

    /// <summary>Sprites: the cell's top-left texture coordinate.</summary>
    public float U, V;

    private float _pad0, _pad1;
}
