using System.Numerics;
using RenderFarm.Core.Cameras;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// Where the renderer puts a world point in a whole image: the same transform the shaders apply,
/// for what is painted over the frame afterwards (cluster labels at their 3-D centroids) so text and
/// items agree to the pixel under either camera.
/// </summary>
public static class ScreenProjection
{
    /// <summary>
    /// The pixel position (x right, y down, from the image's top-left corner) of
    /// <paramref name="world"/> seen through <paramref name="camera"/> in a
    /// <paramref name="width"/> × <paramref name="height"/> image; false when the point lies behind
    /// a perspective camera or nearer than its near plane, where nothing of it is drawn.
    /// </summary>
    public static bool TryProject(CameraView camera, int width, int height, Vector3 world, out Vector2 pixel)
    {
        var tile = new FrameTile(width, height, new PixelRect(0, 0, width, height));
        var worldToClip = CameraTransform.WorldToClip(camera, tile, out _, out _);
        var clip = Vector4.Transform(new Vector4(world, 1), worldToClip);
        if (!(clip.W > 0) || clip.Z < 0)
        {
            pixel = default;
            return false;
        }
        pixel = new Vector2((clip.X / clip.W + 1) * 0.5f * width, (clip.Y / clip.W + 1) * 0.5f * height);
        return true;
    }
}
