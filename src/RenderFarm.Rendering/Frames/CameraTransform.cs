using System.Numerics;
using RenderFarm.Core.Cameras;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// World → clip transforms for a camera, restricted to one tile of the image. The tile is an
/// off-centre piece of the full view: the full image's clip space scaled and shifted, so a point
/// lands on the same full-image pixel whichever tile draws it.
/// </summary>
internal static class CameraTransform
{
    /// <param name="pixelsPerWorldUnit">
    /// Pixels per layout unit at depth 1: turns world-unit sizes into pixels (orthographic: exact;
    /// perspective: divided by the depth in the shader).
    /// </param>
    public static Matrix4x4 WorldToClip(CameraView camera, FrameTile tile, out float pixelsPerWorldUnit, out bool perspective)
    {
        double fullW = tile.ImageWidth, fullH = tile.ImageHeight;
        Matrix4x4 toFullClip;
        switch (camera)
        {
            case OrthographicCamera ortho:
            {
                ortho.Validate();
                double worldW = ortho.WorldHeight * fullW / fullH;
                double ax = 2 / worldW, ay = -2 / ortho.WorldHeight; // Vulkan's clip y points down
                toFullClip = new Matrix4x4(
                    (float)ax, 0, 0, 0,
                    0, (float)ay, 0, 0,
                    0, 0, 0, 0,
                    (float)(-ortho.CenterX * ax), (float)(-ortho.CenterY * ay), 0.5f, 1);
                pixelsPerWorldUnit = (float)(fullH / ortho.WorldHeight);
                perspective = false;
                break;
            }
            case PerspectiveCamera persp:
            {
                persp.Validate();
                float distance = Vector3.Distance(persp.Eye, persp.Target);
                float fov = persp.FieldOfViewYDegrees * MathF.PI / 180f;
                var view = Matrix4x4.CreateLookAt(persp.Eye, persp.Target, persp.Up);
                // Near and far from the viewing distance: 1e-3..1e3 of it keeps 24+ bits of depth useful.
                var projection = Matrix4x4.CreatePerspectiveFieldOfView(fov, (float)(fullW / fullH), distance * 1e-3f, distance * 1e3f);
                projection.M22 = -projection.M22;
                toFullClip = view * projection;
                pixelsPerWorldUnit = (float)(fullH / (2 * Math.Tan(fov / 2)));
                perspective = true;
                break;
            }
            default:
                throw new RenderingException($"The camera type {camera.GetType().Name} is not supported by the renderer.");
        }

        var r = tile.Rect;
        // ndc_tile = ndc_full · (full / tile) + (full − 2·offset − tile) / tile, per axis.
        var toTile = Matrix4x4.Identity;
        toTile.M11 = (float)(fullW / r.Width);
        toTile.M22 = (float)(fullH / r.Height);
        toTile.M41 = (float)((fullW - 2.0 * r.X - r.Width) / r.Width);
        toTile.M42 = (float)((fullH - 2.0 * r.Y - r.Height) / r.Height);
        return toFullClip * toTile;
    }
}
