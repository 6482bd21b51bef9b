using System.Numerics;
using System.Runtime.InteropServices;

namespace RenderFarm.Rendering.Frames;

/// <summary>The push-constant block of Shaders/surface.vert|frag, field for field (std430, 112 of the layout's 128 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SurfacePushConstants
{
    public Matrix4x4 WorldToClip;
    public Vector2 Origin;
    public Vector2 Cell;
    public Vector3 Light;
    public uint Resolution;
    public Vector3 ToViewer;
    private float _pad;
}
