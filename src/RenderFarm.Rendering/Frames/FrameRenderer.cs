using System.Runtime.InteropServices;
using Silk.NET.Vulkan;
using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Managed;
using RenderFarm.Rendering.Splatting;
using RenderFarm.Rendering.Targets;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// Renders frames of one size into a caller's RGBA8 buffer. Everything a frame needs — target,
/// pipelines, instance buffers, command buffer — is made once and reused, so a video of thousands
/// of frames allocates nothing per frame. Not thread-safe: one renderer per render thread.
/// </summary>
public sealed unsafe partial class FrameRenderer : IDisposable
{
    /// <summary>Layers one frame may hold (each has its own instance buffers).</summary>
    public const int MaxLayers = 16;

    private readonly GpuContext _gpu;
    private readonly SharedLayouts _layouts;
    private readonly OffscreenTarget _target;
    private readonly CommandPool _pool;
    private readonly CommandBuffer _cmd;
    private readonly Fence _fence;
    private readonly DescriptorPool _descriptorPool;
    private readonly LayerSlot[] _slots = new LayerSlot[MaxLayers];
    private readonly LayerSlot _surfaceSlot;
    private readonly Dictionary<(string Shader, bool Depth), Pipeline> _pipelines = [];
    private readonly DepthOrder _depthOrder = new();
    private readonly HeightField _heightField = new();
    private SplatRenderer? _splatter;
    private ManagedSplatter? _managed;
    private bool? _computeSupported;
    private bool _disposed;

    private readonly Action<FrameRenderer>? _onDispose;

    internal FrameRenderer(GpuContext gpu, SharedLayouts layouts, int width, int height, int samples, Action<FrameRenderer>? onDispose = null)
    {
        _onDispose = onDispose;
        _gpu = gpu;
        _layouts = layouts;
        Width = width;
        Height = height;
        Samples = samples;
        var vk = gpu.Vk;
        _target = new OffscreenTarget(gpu, width, height, (SampleCountFlags)samples);
        try
        {
            var poolInfo = new CommandPoolCreateInfo
            {
                SType = StructureType.CommandPoolCreateInfo,
                QueueFamilyIndex = gpu.QueueFamily,
                Flags = CommandPoolCreateFlags.ResetCommandBufferBit,
            };
            VkCheck.Ok(vk.CreateCommandPool(gpu.Device, in poolInfo, null, out _pool), "vkCreateCommandPool");
            var alloc = new CommandBufferAllocateInfo
            {
                SType = StructureType.CommandBufferAllocateInfo,
                CommandPool = _pool,
                Level = CommandBufferLevel.Primary,
                CommandBufferCount = 1,
            };
            VkCheck.Ok(vk.AllocateCommandBuffers(gpu.Device, in alloc, out _cmd), "vkAllocateCommandBuffers");
            var fenceInfo = new FenceCreateInfo { SType = StructureType.FenceCreateInfo };
            VkCheck.Ok(vk.CreateFence(gpu.Device, in fenceInfo, null, out _fence), "vkCreateFence");
            _descriptorPool = CreateDescriptorPool();
            for (int i = 0; i < MaxLayers; i++) _slots[i] = new LayerSlot(gpu, AllocateInstanceSet());
            _surfaceSlot = new LayerSlot(gpu, AllocateInstanceSet());
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Width { get; }
    public int Height { get; }
    public int Samples { get; }

    /// <summary>
    /// The path frames are drawn with: <see cref="RenderPath.Auto"/> (the default, unless
    /// RENDERFARM_RENDER_PATH says otherwise) takes compute splatting on CPU devices for frames it
    /// can draw and draws faster, raster elsewhere; <see cref="RenderPath.Compute"/> takes it for
    /// every frame it can draw (orthographic, atlases on one sheet, Vulkan 1.1, bins within
    /// <see cref="Splatting.SplatRenderer.MaxEntries"/>) and raster for the rest. Frames with a
    /// <see cref="TerrainSurface"/> always take raster, whatever the preference.
    /// </summary>
    public RenderPath PathPreference { get; set; } = RenderPaths.FromEnvironment();

    /// <summary>The path the last frame was drawn with (for logs and manifests); Auto before the first frame.</summary>
    public RenderPath LastPath { get; private set; }

    /// <summary>
    /// Draws <paramref name="frame"/> and writes its pixels into <paramref name="rgba"/>: tightly
    /// packed RGBA8 (sRGB, straight alpha over the background), top row first. Without a tile the
    /// frame is Width × Height; with one, the buffer receives the tile's Rect.Width × Rect.Height.
    /// </summary>
    public void Render(FrameDescription frame, Span<byte> rgba, FrameTile? tile = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var area = FrameValidator.Tile(tile, Width, Height);
        FrameValidator.Frame(frame, MaxLayers);
        foreach (var layer in frame.Layers)
        {
            if (layer is SpriteLayer { Atlas: var atlas } && !atlas.BelongsTo(_gpu))
                throw new RenderingException("A sprite layer's atlas was uploaded to another RenderDevice; upload it to the device that renders the frame.");
        }
        int w = area.Rect.Width, h = area.Rect.Height;
        if (rgba.Length != w * h * 4)
            throw new RenderingException($"The pixel buffer holds {rgba.Length} bytes; a {w}×{h} RGBA8 frame needs {w * h * 4}.");

        var transform = CameraTransform.WorldToClip(frame.Camera, area, out float pixelsPerUnit, out bool perspective);
        // A terrain surface is opaque, depth-writing geometry: only the raster path draws it.
        var surfaceLayer = SurfaceUploader.Find(frame);
        if (surfaceLayer is null && WantsManaged(frame, perspective, pixelsPerUnit) && ManagedPath.Prepare(frame, area, pixelsPerUnit))
        {
            _managed!.Render(frame, area, rgba);
            LastPath = RenderPath.Managed;
            return;
        }
        if (surfaceLayer is null && WantsCompute(frame, perspective) && Splatter.Prepare(frame, transform, w, h, pixelsPerUnit, onlyWhereFaster: PathPreference != RenderPath.Compute))
        {
            RecordCompute(frame, w, h, pixelsPerUnit);
            Submit();
            _splatter!.CopyPixels(w, h, rgba);
            LastPath = RenderPath.Compute;
            return;
        }
        LastPath = RenderPath.Raster;
        var pushes = stackalloc PushConstants[frame.Layers.Count];
        for (int i = 0; i < frame.Layers.Count; i++)
        {
            var order = perspective ? _depthOrder.BackToFront(frame.Layers[i], (PerspectiveCamera)frame.Camera) : default;
            pushes[i] = LayerUploader.Upload(frame.Layers[i], _slots[i], transform, w, h, pixelsPerUnit, order);
        }

        SurfacePushConstants surface = surfaceLayer is null ? default
            : SurfaceUploader.Upload(surfaceLayer, _heightField, _surfaceSlot, frame.Camera, transform);
        Record(frame, pushes, surfaceLayer is null ? null : &surface, w, h, perspective);
        Submit();
        _target.CopyRows(w, h, rgba);
    }

    private void Record(FrameDescription frame, PushConstants* pushes, SurfacePushConstants* surface, int w, int h, bool perspective)
    {
        var vk = _gpu.Vk;
        VkCheck.Ok(vk.ResetCommandBuffer(_cmd, 0), "vkResetCommandBuffer");
        var begin = new CommandBufferBeginInfo { SType = StructureType.CommandBufferBeginInfo, Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        VkCheck.Ok(vk.BeginCommandBuffer(_cmd, in begin), "vkBeginCommandBuffer");

        var clears = stackalloc ClearValue[3];
        clears[0] = new ClearValue(ToLinear(frame.Background));
        clears[1] = new ClearValue(depthStencil: new ClearDepthStencilValue(1f, 0));
        clears[2] = clears[0];
        var passBegin = new RenderPassBeginInfo
        {
            SType = StructureType.RenderPassBeginInfo,
            RenderPass = _target.RenderPass,
            Framebuffer = _target.Framebuffer,
            RenderArea = new Rect2D(new Offset2D(0, 0), new Extent2D((uint)Width, (uint)Height)),
            ClearValueCount = 3,
            PClearValues = clears,
        };
        vk.CmdBeginRenderPass(_cmd, in passBegin, SubpassContents.Inline);
        var viewport = new Viewport(0, 0, w, h, 0, 1);
        var scissor = new Rect2D(new Offset2D(0, 0), new Extent2D((uint)w, (uint)h));
        vk.CmdSetViewport(_cmd, 0, 1, in viewport);
        vk.CmdSetScissor(_cmd, 0, 1, in scissor);

        var stages = ShaderStageFlags.VertexBit | ShaderStageFlags.FragmentBit;
        if (surface is not null) RecordSurface(surface, stages);
        for (int i = 0; i < frame.Layers.Count; i++)
        {
            var layer = frame.Layers[i];
            if (layer.Count == 0) continue;
            var slot = _slots[i];
            slot.UpdateDescriptors();
            var set = slot.Set;
            vk.CmdBindPipeline(_cmd, PipelineBindPoint.Graphics, Pipeline(layer is SpriteLayer ? "sprites" : "points", perspective));
            vk.CmdBindDescriptorSets(_cmd, PipelineBindPoint.Graphics, _layouts.PipelineLayout, 0, 1, &set, 0, null);
            if (layer is SpriteLayer sprites)
            {
                // One draw per atlas sheet; each draw drops the items whose cell is on another sheet.
                for (int sheet = 0; sheet < sprites.Atlas.SheetCount; sheet++)
                {
                    var sheetSet = sprites.Atlas.SheetSet(sheet);
                    vk.CmdBindDescriptorSets(_cmd, PipelineBindPoint.Graphics, _layouts.PipelineLayout, 1, 1, &sheetSet, 0, null);
                    pushes[i].Sheet = (uint)sheet;
                    vk.CmdPushConstants(_cmd, _layouts.PipelineLayout, stages, 0, SharedLayouts.PushConstantBytes, &pushes[i]);
                    vk.CmdDraw(_cmd, 6, (uint)layer.Count, 0, 0);
                }
            }
            else
            {
                vk.CmdPushConstants(_cmd, _layouts.PipelineLayout, stages, 0, SharedLayouts.PushConstantBytes, &pushes[i]);
                vk.CmdDraw(_cmd, 6, (uint)layer.Count, 0, 0);
            }
        }
        vk.CmdEndRenderPass(_cmd);
        _target.RecordReadback(_cmd, w, h);
        VkCheck.Ok(vk.EndCommandBuffer(_cmd), "vkEndCommandBuffer");
    }

    /// <summary>The terrain surface before every layer: it writes depth, so the spheres drawn after it test against it.</summary>
    private void RecordSurface(SurfacePushConstants* surface, ShaderStageFlags stages)
    {
        var vk = _gpu.Vk;
        _surfaceSlot.UpdateDescriptors();
        var set = _surfaceSlot.Set;
        vk.CmdBindPipeline(_cmd, PipelineBindPoint.Graphics, Pipeline(SurfaceShader, depth: true));
        vk.CmdBindDescriptorSets(_cmd, PipelineBindPoint.Graphics, _layouts.PipelineLayout, 0, 1, &set, 0, null);
        vk.CmdPushConstants(_cmd, _layouts.PipelineLayout, stages, 0, (uint)sizeof(SurfacePushConstants), surface);
        uint quadsPerSide = surface->Resolution - 1;
        vk.CmdDraw(_cmd, 6 * quadsPerSide * quadsPerSide, 1, 0, 0);
    }

    private const string SurfaceShader = "surface";

    private void Submit()
    {
        _gpu.SubmitAndWait(_cmd, _fence);
    }

    private Pipeline Pipeline(string shader, bool depth)
    {
        if (!_pipelines.TryGetValue((shader, depth), out var pipeline))
        {
            pipeline = PipelineFactory.Create(_gpu, _layouts, _target.RenderPass, _target.Samples, shader, depth, depthWrite: shader == SurfaceShader);
            _pipelines[(shader, depth)] = pipeline;
        }
        return pipeline;
    }

    /// <summary>The clear colour in linear light: the sRGB target encodes it back to the same bytes.</summary>
    private static ClearColorValue ToLinear(Rgba8 c) =>
        new(Srgb.ToLinear(c.R), Srgb.ToLinear(c.G), Srgb.ToLinear(c.B), c.A / 255f);

    private DescriptorPool CreateDescriptorPool()
    {
        // One set per layer slot and one for the terrain surface.
        var size = new DescriptorPoolSize(DescriptorType.StorageBuffer, 3 * (MaxLayers + 1));
        var info = new DescriptorPoolCreateInfo
        {
            SType = StructureType.DescriptorPoolCreateInfo,
            MaxSets = MaxLayers + 1,
            PoolSizeCount = 1,
            PPoolSizes = &size,
        };
        VkCheck.Ok(_gpu.Vk.CreateDescriptorPool(_gpu.Device, in info, null, out var pool), "vkCreateDescriptorPool");
        return pool;
    }

    private DescriptorSet AllocateInstanceSet()
    {
        var layout = _layouts.InstanceSet;
        var alloc = new DescriptorSetAllocateInfo
        {
            SType = StructureType.DescriptorSetAllocateInfo,
            DescriptorPool = _descriptorPool,
            DescriptorSetCount = 1,
            PSetLayouts = &layout,
        };
        VkCheck.Ok(_gpu.Vk.AllocateDescriptorSets(_gpu.Device, in alloc, out var set), "vkAllocateDescriptorSets");
        return set;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        var vk = _gpu.Vk;
        lock (_gpu.QueueLock) vk.QueueWaitIdle(_gpu.Queue);
        foreach (var pipeline in _pipelines.Values) vk.DestroyPipeline(_gpu.Device, pipeline, null);
        foreach (var slot in _slots) slot?.Dispose();
        _surfaceSlot?.Dispose();
        _splatter?.Dispose();
        if (_descriptorPool.Handle != 0) vk.DestroyDescriptorPool(_gpu.Device, _descriptorPool, null);
        if (_fence.Handle != 0) vk.DestroyFence(_gpu.Device, _fence, null);
        if (_pool.Handle != 0) vk.DestroyCommandPool(_gpu.Device, _pool, null);
        _target.Dispose();
        _onDispose?.Invoke(this);
    }
}
