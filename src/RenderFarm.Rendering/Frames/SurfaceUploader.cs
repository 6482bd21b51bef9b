using System.Numerics;
using System.Runtime.InteropServices;
using RenderFarm.Core.Cameras;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// Builds a frame's <see cref="TerrainSurface"/> grid and copies it into its slot's mapped buffers
/// (heights as positions, node colours as colours), with the push constants that light it.
/// </summary>
internal static class SurfaceUploader
{
    /// <summary>The spheres' light (Shaders/points.frag) in eye space: right, down, towards the viewer.</summary>
    private static readonly Vector3 EyeLight = new(-0.40824829f, -0.40824829f, 0.81649658f);

    /// <summary>The first point layer with a surface, or null; <see cref="FrameValidator"/> allows one per frame.</summary>
    public static PointLayer? Find(FrameDescription frame)
    {
        foreach (var layer in frame.Layers)
        {
            if (layer is PointLayer { Surface: not null } points) return points;
        }
        return null;
    }

    public static SurfacePushConstants Upload(PointLayer layer, HeightField field, LayerSlot slot, CameraView camera, Matrix4x4 worldToClip)
    {
        field.Build(layer, layer.Surface!);
        field.Heights.AsSpan().CopyTo(MemoryMarshal.Cast<byte, float>(slot.Positions(field.Heights.Length * sizeof(float))));
        MemoryMarshal.AsBytes(field.Colors.AsSpan()).CopyTo(slot.Colors(field.Colors.Length * 4));
        var (right, up, toViewer) = Axes(camera);
        return new SurfacePushConstants
        {
            WorldToClip = worldToClip,
            Origin = field.Origin,
            Cell = field.Cell,
            Light = Vector3.Normalize(EyeLight.X * right - EyeLight.Y * up + EyeLight.Z * toViewer),
            Resolution = (uint)field.Resolution,
            ToViewer = toViewer,
        };
    }

    /// <summary>The camera's screen right, screen up and towards-the-viewer directions in world space.</summary>
    private static (Vector3 Right, Vector3 Up, Vector3 ToViewer) Axes(CameraView camera)
    {
        if (camera is not PerspectiveCamera persp) return (Vector3.UnitX, Vector3.UnitY, Vector3.UnitZ);
        var forward = Vector3.Normalize(persp.Target - persp.Eye);
        var right = Vector3.Normalize(Vector3.Cross(forward, persp.Up));
        return (right, Vector3.Cross(right, forward), -forward);
    }
}
