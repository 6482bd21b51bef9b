using Silk.NET.Vulkan;
using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Managed;
using RenderFarm.Rendering.Splatting;

namespace RenderFarm.Rendering.Frames;

/// <summary>Which of the three paths draws a frame, and the two that are not the raster pipeline.</summary>
public sealed unsafe partial class FrameRenderer
{
    /// <summary>
    /// Compute splatting on CPU devices (lavapipe), where it costs less than the raster path
    /// (1080p, 70,000 items, CPU time per frame: 12 px sprites ~25 % less, clustered or larger
    /// items 2–8× less, 8–12 px points 1.5–2× less), while a GPU's fixed-function rasteriser and
    /// blending are made for quads. Only frames it can draw; <see cref="SplatRenderer.Prepare"/>
    /// may still decline a frame (too many bin entries; in Auto, large sprites that barely overlap).
    /// </summary>
    private bool WantsCompute(FrameDescription frame, bool perspective)
    {
        bool preferred = PathPreference switch
        {
            RenderPath.Compute => true,
            RenderPath.Raster => false,
            _ => _gpu.Info.IsCpu,
        };
        return preferred && (_computeSupported ??= SplatRenderer.DeviceSupports(_gpu)) && SplatRenderer.CanDraw(frame, perspective);
    }

    /// <summary>
    /// The managed splatter where asked for, and in Auto on CPU devices, where it costs least of
    /// the three paths (1080p, 70,000 items, CPU-ms per frame, managed / compute / raster on
    /// lavapipe, 2 cores, one run: 12 px sprites 79 / 303 / 723; dense sprites 126 / 272 / 338;
    /// 12 px points 18 / 87 / 575; 8 px points 21 / 89 / 378; since then the managed 16-bit blend
    /// brought its 12 px sprite morph frame to 15–19). The first frame of a new atlas and
    /// size also makes its stamps (70,000 cells at 12 px: 1.6–3.4 s), paid back within a few
    /// dozen frames of a video. Only frames it can draw (orthographic,
    /// flat discs and sprites of one pixel size); <see cref="ManagedSplatter.Prepare"/> may still
    /// decline a frame whose stamps would not fit its memory budget. GPUs keep their own paths.
    /// </summary>
    private bool WantsManaged(FrameDescription frame, bool perspective, float pixelsPerUnit)
    {
        bool preferred = PathPreference switch
        {
            RenderPath.Managed => true,
            RenderPath.Auto => _gpu.Info.IsCpu,
            _ => false,
        };
        return preferred && ManagedSplatter.CanDraw(frame, perspective, pixelsPerUnit);
    }

    private ManagedSplatter ManagedPath => _managed ??= new ManagedSplatter(Width, nearestMip: _gpu.Info.IsCpu);

    private SplatRenderer Splatter => _splatter ??= new SplatRenderer(_gpu, _layouts, MaxLayers, Width, Height);

    private void RecordCompute(FrameDescription frame, int w, int h, float pixelsPerUnit)
    {
        var vk = _gpu.Vk;
        VkCheck.Ok(vk.ResetCommandBuffer(_cmd, 0), "vkResetCommandBuffer");
        var begin = new CommandBufferBeginInfo { SType = StructureType.CommandBufferBeginInfo, Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        VkCheck.Ok(vk.BeginCommandBuffer(_cmd, in begin), "vkBeginCommandBuffer");
        _splatter!.Record(_cmd, frame, w, h, pixelsPerUnit);
        VkCheck.Ok(vk.EndCommandBuffer(_cmd), "vkEndCommandBuffer");
    }
}
