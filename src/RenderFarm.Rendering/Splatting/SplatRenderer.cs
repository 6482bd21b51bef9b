using System.Numerics;
using Silk.NET.Vulkan;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Frames;
using RenderFarm.Rendering.Resources;

namespace RenderFarm.Rendering.Splatting;

/// <summary>
/// The compute splatting path of a <see cref="FrameRenderer"/>: bins each layer on the CPU, then one
/// dispatch per layer composites it over the pixel buffer (the background for the first), which the
/// host reads back directly. Layers are drawn in order and items within a layer in order, as the
/// raster path draws them, so the two agree up to rounding (the raster path stores 8-bit sRGB after
/// every blend; this path once per layer).
/// </summary>
internal sealed unsafe class SplatRenderer : IDisposable
{
    /// <summary>
    /// Bin entries beyond which a layer goes to the raster path: each entry costs a test per pixel of the bin,
    /// so items covering many bins (sprites of hundreds of pixels) are cheaper as quads.
    /// </summary>
    public const long MaxEntries = 32L << 20;

    private static readonly PointLayer EmptyLayer = new() { Positions = ReadOnlyMemory<float>.Empty, Colors = new Rgba8[1] };

    private readonly GpuContext _gpu;
    private readonly SplatPipelines _pipelines;
    private readonly SplatSlot[] _slots;
    private readonly int _width, _height;
    private GpuBuffer? _pixels;
    private bool _disposed;

    public SplatRenderer(GpuContext gpu, SharedLayouts layouts, int maxLayers, int width, int height)
    {
        _gpu = gpu;
        _width = width;
        _height = height;
        _pipelines = new SplatPipelines(gpu, layouts, maxLayers);
        _slots = new SplatSlot[maxLayers];
        try
        {
            for (int i = 0; i < maxLayers; i++) _slots[i] = new SplatSlot(gpu, _pipelines.AllocateSet());
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Whether the device can run the splatting shaders: Vulkan 1.1 with subgroup votes in compute shaders.</summary>
    public static bool DeviceSupports(GpuContext gpu)
    {
        if (!Version.TryParse(gpu.Info.VulkanVersion, out var version) || version < new Version(1, 1)) return false;
        var subgroup = new PhysicalDeviceSubgroupProperties { SType = StructureType.PhysicalDeviceSubgroupProperties };
        var properties = new PhysicalDeviceProperties2 { SType = StructureType.PhysicalDeviceProperties2, PNext = &subgroup };
        gpu.Vk.GetPhysicalDeviceProperties2(gpu.Physical, &properties);
        return (subgroup.SupportedStages & ShaderStageFlags.ComputeBit) != 0
            && (subgroup.SupportedOperations & SubgroupFeatureFlags.VoteBit) != 0;
    }

    /// <summary>Whether this path can draw <paramref name="frame"/> at all: orthographic, atlases on one sheet.</summary>
    public static bool CanDraw(FrameDescription frame, bool perspective)
    {
        if (perspective) return false;
        foreach (var layer in frame.Layers)
        {
            if (layer is SpriteLayer { Atlas.SheetCount: > 1 }) return false;
        }
        return true;
    }

    /// <summary>
    /// Bins every layer; false when one would need more than <see cref="MaxEntries"/> bin entries,
    /// or, with <paramref name="onlyWhereFaster"/>, when a layer is one raster draws faster.
    /// </summary>
    public bool Prepare(FrameDescription frame, Matrix4x4 worldToClip, int width, int height, float pixelsPerUnit, bool onlyWhereFaster)
    {
        int count = Math.Max(1, frame.Layers.Count);
        for (int i = 0; i < count; i++)
        {
            var layer = frame.Layers.Count == 0 ? EmptyLayer : frame.Layers[i];
            var binner = _slots[i].Binner;
            if (!binner.Bin(layer, worldToClip, width, height, pixelsPerUnit, MaxEntries)) return false;
            if (onlyWhereFaster && RasterIsFaster(layer, binner, pixelsPerUnit)) return false;
        }
        _pixels ??= new GpuBuffer(_gpu, (ulong)_width * (ulong)_height * 4, BufferUsageFlags.StorageBufferBit, preferCached: true);
        for (int i = 0; i < count; i++) _slots[i].Upload(_pixels, _pipelines.SrgbTable);
        return true;
    }

    /// <summary>
    /// Large sprites that barely overlap — a grid poster's edge-to-edge tiles — are the one case
    /// measured faster on raster (lavapipe, 8192² poster of 82 px tiles: raster ~1.4 CPU-s, compute
    /// ~3.8): every pixel then needs its texture sample either way, and llvmpipe samples for
    /// fragments more cheaply than for compute lanes. Where sprites pile up (clusters of a layout),
    /// compute wins and wins more the larger they are, because it stops at the first opaque item.
    /// Depth: how many items the row segments that hold any walk on average.
    /// </summary>
    private static bool RasterIsFaster(FrameLayer layer, SplatBinner binner, float pixelsPerUnit)
    {
        if (layer is not SpriteLayer sprites || binner.UsedListCount == 0) return false;
        float side = sprites.Size * (sprites.SizeUnit == SizeUnit.World ? pixelsPerUnit : 1f);
        double depth = (double)binner.EntryCount / binner.UsedListCount;
        return side >= 32 && depth < 2;
    }

    /// <summary>Records the dispatches of the frame <see cref="Prepare"/> binned, then the barrier that lets the host read the pixels.</summary>
    public void Record(CommandBuffer cmd, FrameDescription frame, int width, int height, float pixelsPerUnit)
    {
        var vk = _gpu.Vk;
        int count = Math.Max(1, frame.Layers.Count);
        for (int i = 0; i < count; i++)
        {
            var layer = frame.Layers.Count == 0 ? EmptyLayer : frame.Layers[i];
            var slot = _slots[i];
            var push = new SplatPushConstants
            {
                Width = (uint)width,
                Height = (uint)height,
                BinsX = (uint)slot.Binner.BinsX,
                Flags = i == 0 ? SplatPushConstants.FirstLayer : 0,
                Background = SplatBinner.Pack(frame.Background),
            };
            var set = slot.Set;
            if (layer is SpriteLayer sprites)
            {
                FillSpriteConstants(sprites, pixelsPerUnit, ref push);
                vk.CmdBindPipeline(cmd, PipelineBindPoint.Compute, _pipelines.Sprites);
                var sheet = sprites.Atlas.SheetSet(0);
                vk.CmdBindDescriptorSets(cmd, PipelineBindPoint.Compute, _pipelines.Layout, 1, 1, &sheet, 0, null);
            }
            else
            {
                if (layer is PointLayer { Shading: PointShading.Sphere }) push.Flags |= SplatPushConstants.Spheres;
                vk.CmdBindPipeline(cmd, PipelineBindPoint.Compute, _pipelines.Points);
            }
            vk.CmdBindDescriptorSets(cmd, PipelineBindPoint.Compute, _pipelines.Layout, 0, 1, &set, 0, null);
            vk.CmdPushConstants(cmd, _pipelines.Layout, ShaderStageFlags.ComputeBit, 0, SplatPushConstants.Bytes, &push);
            vk.CmdDispatch(cmd, (uint)slot.Binner.BinsX, (uint)slot.Binner.BinsY, 1);
            // The next layer reads what this one wrote; the host reads the last.
            bool last = i == count - 1;
            var barrier = new MemoryBarrier
            {
                SType = StructureType.MemoryBarrier,
                SrcAccessMask = AccessFlags.ShaderWriteBit,
                DstAccessMask = last ? AccessFlags.HostReadBit : AccessFlags.ShaderReadBit | AccessFlags.ShaderWriteBit,
            };
            vk.CmdPipelineBarrier(cmd, PipelineStageFlags.ComputeShaderBit,
                last ? PipelineStageFlags.HostBit : PipelineStageFlags.ComputeShaderBit, 0, 1, &barrier, 0, null, 0, null);
        }
    }

    private static void FillSpriteConstants(SpriteLayer sprites, float pixelsPerUnit, ref SplatPushConstants push)
    {
        var layout = sprites.Atlas.Layout;
        // As sprites.vert: the mip level from the size on screen, the same for every sprite of the layer.
        float side = sprites.Size * (sprites.SizeUnit == SizeUnit.World ? pixelsPerUnit : 1f);
        push.Lod = MathF.Max(0f, MathF.Log2(layout.CellSize / MathF.Max(side, 1e-3f)));
        push.CellUv = (float)layout.CellSize / layout.LayerSize;
        // The shader compares linear luminance, so the sRGB threshold is decoded once here (as the raster path does).
        push.Threshold = Math.Max(1e-6f, (float)Srgb.ToLinear(sprites.Threshold));
        push.BorderPixels = sprites.BorderPixels;
        if (sprites.Mode == SpriteMode.Opaque) push.Flags |= SplatPushConstants.Opaque;
        if (sprites.Atlas.DecodeInShader) push.Flags |= SplatPushConstants.DecodeSrgb;
        if (sprites.Colors.Length > 0) push.Flags |= SplatPushConstants.Tint;
    }

    /// <summary>Copies the finished <paramref name="width"/>×<paramref name="height"/> pixels (already tightly packed) out.</summary>
    public void CopyPixels(int width, int height, Span<byte> rgba) => _pixels!.Bytes(0, width * height * 4).CopyTo(rgba);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var slot in _slots) slot?.Dispose();
        _pixels?.Dispose();
        _pipelines.Dispose();
    }
}
