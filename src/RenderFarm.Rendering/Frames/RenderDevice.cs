using RenderFarm.Core.Thumbnails;
using RenderFarm.Rendering.Atlases;
using RenderFarm.Rendering.Devices;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// The Vulkan device frames are drawn on: opened once per process (or render job), it owns the
/// uploaded atlases and makes frame renderers. Dispose it last: renderers and atlases made from it
/// must not outlive it.
/// </summary>
public sealed class RenderDevice : IDisposable
{
    private readonly GpuContext _gpu;
    private readonly SharedLayouts _layouts;
    private readonly Dictionary<object, ThumbnailAtlas> _atlases = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, ThumbnailAtlas> _atlasesByKey = new(StringComparer.Ordinal);
    private readonly HashSet<FrameRenderer> _renderers = [];
    private bool _disposed;

    private RenderDevice(GpuContext gpu)
    {
        _gpu = gpu;
        _layouts = new SharedLayouts(gpu);
    }

    /// <summary>The device in use, for logs and manifests.</summary>
    public DeviceInfo Info => _gpu.Info;

    /// <summary>
    /// Opens the device chosen by <paramref name="options"/> (default: RENDERFARM_DEVICE, else the
    /// best kind present). Throws <see cref="RenderingException"/> naming the Debian packages when
    /// Vulkan or any device is missing.
    /// </summary>
    public static RenderDevice Open(DeviceOptions? options = null)
    {
        options ??= new DeviceOptions();
        var vk = VulkanInstance.LoadApi();
        Silk.NET.Vulkan.Instance instance = default;
        try
        {
            instance = VulkanInstance.Create(vk, options.Validation);
            var chosen = PhysicalDeviceChooser.Choose(PhysicalDeviceChooser.List(vk, instance), options.EffectiveDevice());
            return new RenderDevice(new GpuContext(vk, instance, chosen));
        }
        catch
        {
            unsafe
            {
                if (instance.Handle != 0) vk.DestroyInstance(instance, null);
            }
            vk.Dispose();
            throw;
        }
    }

    /// <summary>Every device that can draw, in the loader's order, for a `devices` listing.</summary>
    public static IReadOnlyList<DeviceInfo> ListDevices()
    {
        using var vk = VulkanInstance.LoadApi();
        var instance = VulkanInstance.Create(vk, validation: false);
        try
        {
            return PhysicalDeviceChooser.List(vk, instance).Select(c => c.Info).ToList();
        }
        finally
        {
            unsafe { vk.DestroyInstance(instance, null); }
        }
    }

    /// <summary>
    /// 4× MSAA on GPUs; 1 on CPU devices (lavapipe), where 4× costs about 3× the frame time (the
    /// clear and resolve alone take ~90 ms at 1080p) and buys little: discs have analytic
    /// anti-aliased edges and sprites are mip-mapped, so only the straight edges of opaque tiles alias.
    /// </summary>
    public int DefaultSamples => Info.IsCpu ? 1 : 4;

    /// <summary>
    /// A renderer for frames of <paramref name="width"/>×<paramref name="height"/> pixels with
    /// <paramref name="samples"/> samples per pixel (1 or 4; 2 and 8 where the device has them).
    /// Default: <see cref="DefaultSamples"/>.
    /// </summary>
    public FrameRenderer CreateFrameRenderer(int width, int height, int? samples = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int sampleCount = samples ?? DefaultSamples;
        int max = Info.MaxImageDimension2D;
        if (width < 1 || height < 1 || width > max || height > max)
            throw new RenderingException($"A frame of {width}×{height} is outside what '{Info.Name}' can render (1 to {max} pixels a side); render larger images in tiles.");
        var limits = _gpu.Limits;
        uint supported = (uint)(limits.FramebufferColorSampleCounts & limits.FramebufferDepthSampleCounts);
        if (sampleCount is not (1 or 2 or 4 or 8 or 16) || (supported & (uint)sampleCount) == 0)
            throw new RenderingException($"{sampleCount} samples per pixel are not supported by '{Info.Name}'; use 1 or 4.");
        var renderer = new FrameRenderer(_gpu, _layouts, width, height, sampleCount, Forget);
        lock (_renderers) _renderers.Add(renderer);
        return renderer;
    }

    private void Forget(FrameRenderer renderer)
    {
        lock (_renderers) _renderers.Remove(renderer);
    }

    /// <summary>
    /// The device copy of <paramref name="thumbnails"/>, uploaded on first use and cached: by
    /// <paramref name="cacheKey"/> when given (e.g. the dataset hash and cell size), else by the set itself.
    /// </summary>
    public ThumbnailAtlas UploadAtlas(ThumbnailSet thumbnails, string? cacheKey = null)
    {
        ArgumentNullException.ThrowIfNull(thumbnails);
        // Two render jobs asking for the same atlas at once must share one upload, not make two.
        lock (_atlases) return UploadAtlasLocked(thumbnails, cacheKey);
    }

    private ThumbnailAtlas UploadAtlasLocked(ThumbnailSet thumbnails, string? cacheKey)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cacheKey is not null && _atlasesByKey.TryGetValue(cacheKey, out var byKey)) return byKey;
        if (_atlases.TryGetValue(thumbnails, out var bySet)) return bySet;
        var atlas = new ThumbnailAtlas(_gpu, _layouts, thumbnails);
        _atlases[thumbnails] = atlas;
        if (cacheKey is not null) _atlasesByKey[cacheKey] = atlas;
        return atlas;
    }

    /// <summary>An uncached atlas with a given layout or decoding (tests force several sheets or the GPU path); the device frees it with the rest.</summary>
    internal ThumbnailAtlas UploadAtlasWithLayout(ThumbnailSet thumbnails, AtlasLayout? layout, bool? decodeInShader = null)
    {
        lock (_atlases)
        {
            var atlas = new ThumbnailAtlas(_gpu, _layouts, thumbnails, layout, decodeInShader);
            _atlases[new object()] = atlas;
            return atlas;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        // Renderers still open would otherwise free their objects on a destroyed device later.
        FrameRenderer[] open;
        lock (_renderers) open = [.. _renderers];
        foreach (var renderer in open) renderer.Dispose();
        lock (_atlases)
        {
            foreach (var atlas in _atlases.Values) atlas.Release();
            _atlases.Clear();
            _atlasesByKey.Clear();
        }
        _layouts.Dispose();
        _gpu.Dispose();
    }
}
