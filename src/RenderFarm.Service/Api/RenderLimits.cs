using RenderFarm.Core.Scenes;
using RenderFarm.Service.Renders;
using RenderFarm.Service.Server;

namespace RenderFarm.Service.Api;

/// <summary>
/// The server's limits on what one submitted render may ask for, checked with the scene so a
/// request over them is a 400 naming the line, not hours of one worker's time.
/// </summary>
public static class RenderLimits
{
    public static void Check(RenderPlan plan, ServerSettings settings)
    {
        foreach (OutputSpec output in plan.Outputs)
        {
            long pixels = (long)output.Width * output.Height;
            long maxPixels = output is VideoOutputSpec ? settings.MaxVideoPixels : settings.MaxImagePixels;
            string setting = output is VideoOutputSpec ? "MaxVideoPixels" : "MaxImagePixels";
            if (pixels > maxPixels)
            {
                throw output.LocationOf("size").Error($"{output.Width}×{output.Height} is {pixels:N0} pixels, over this server's limit of {maxPixels:N0} (RenderFarm:{setting})");
            }

            if (output is VideoOutputSpec video && video.FrameCount > settings.MaxVideoFrames)
            {
                throw output.LocationOf("timeline").Error($"{video.FrameCount:N0} frames, over this server's limit of {settings.MaxVideoFrames:N0} (RenderFarm:MaxVideoFrames)");
            }
        }
    }
}
