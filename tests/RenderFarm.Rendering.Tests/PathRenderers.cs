using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Tests;

/// <summary>Renderers forced onto one path, so the tests of what frames show run on raster and on compute splatting alike.</summary>
internal static class PathRenderers
{
    public static FrameRenderer CreateFrameRenderer(this RenderDevice device, int width, int height, RenderPath path, int? samples = null)
    {
        var renderer = device.CreateFrameRenderer(width, height, samples);
        renderer.PathPreference = path;
        return renderer;
    }

    /// <summary>Renders and checks the frame really went down <paramref name="expected"/>: a test of the compute path must not pass on raster.</summary>
    public static void Render(this FrameRenderer renderer, FrameDescription frame, byte[] rgba, RenderPath expected, FrameTile? tile = null)
    {
        renderer.Render(frame, rgba, tile);
        Assert.Equal(expected, renderer.LastPath);
    }
}
