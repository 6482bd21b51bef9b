using Silk.NET.Vulkan;
using RenderFarm.Rendering.Devices;

namespace RenderFarm.Rendering.Resources;

/// <summary>
/// An optimally tiled image in device-local memory with one view over all its layers and mips.
/// The CPU never touches it directly: uploads and readbacks go through <see cref="GpuBuffer"/>,
/// which is what keeps the same code path correct on GPUs whose device memory is not host-visible.
/// </summary>
internal sealed unsafe class GpuImage : IDisposable
{
    private readonly GpuContext _gpu;
    private readonly DeviceMemory _memory;
    private bool _disposed;

    public GpuImage(GpuContext gpu, int width, int height, Format format, ImageUsageFlags usage,
        ImageAspectFlags aspect, SampleCountFlags samples = SampleCountFlags.Count1Bit, int layers = 1, int mipLevels = 1,
        bool arrayView = false, Format? viewFormat = null)
    {
        _gpu = gpu;
        Width = width;
        Height = height;
        Layers = layers;
        MipLevels = mipLevels;
        Format = format;
        var vk = gpu.Vk;
        var info = new ImageCreateInfo
        {
            SType = StructureType.ImageCreateInfo,
            ImageType = ImageType.Type2D,
            Format = format,
            Extent = new Extent3D((uint)width, (uint)height, 1),
            MipLevels = (uint)mipLevels,
            ArrayLayers = (uint)layers,
            Samples = samples,
            Tiling = ImageTiling.Optimal,
            Usage = usage,
            SharingMode = SharingMode.Exclusive,
            InitialLayout = ImageLayout.Undefined,
            // A view in another format of the same size class (sRGB image, UNORM view) needs this.
            Flags = viewFormat is { } v && v != format ? ImageCreateFlags.CreateMutableFormatBit : 0,
        };
        Result created = vk.CreateImage(gpu.Device, in info, null, out var image);
        if (created != Result.Success)
            throw new RenderingException($"Could not create a {width}×{height}×{layers} {format} image on '{gpu.Info.Name}': {created}.");
        Handle = image;
        vk.GetImageMemoryRequirements(gpu.Device, Handle, out var req);
        var alloc = new MemoryAllocateInfo
        {
            SType = StructureType.MemoryAllocateInfo,
            AllocationSize = req.Size,
            MemoryTypeIndex = gpu.FindMemoryType(req.MemoryTypeBits, 0, MemoryPropertyFlags.DeviceLocalBit),
        };
        Result allocated = vk.AllocateMemory(gpu.Device, in alloc, null, out _memory);
        if (allocated != Result.Success)
        {
            vk.DestroyImage(gpu.Device, Handle, null);
            throw new RenderingException(
                $"Could not allocate {req.Size / (1 << 20):N0} MiB for a {width}×{height}×{layers} image on '{gpu.Info.Name}': {allocated}.");
        }
        ByteSize = req.Size;
        VkCheck.Ok(vk.BindImageMemory(gpu.Device, Handle, _memory, 0), "vkBindImageMemory");

        var viewInfo = new ImageViewCreateInfo
        {
            SType = StructureType.ImageViewCreateInfo,
            Image = Handle,
            ViewType = arrayView ? ImageViewType.Type2DArray : ImageViewType.Type2D,
            Format = viewFormat ?? format,
            SubresourceRange = new ImageSubresourceRange(aspect, 0, (uint)mipLevels, 0, (uint)layers),
        };
        VkCheck.Ok(vk.CreateImageView(gpu.Device, in viewInfo, null, out var view), "vkCreateImageView");
        View = view;
    }

    public Image Handle { get; }
    public ImageView View { get; }
    public int Width { get; }
    public int Height { get; }
    public int Layers { get; }
    public int MipLevels { get; }
    public Format Format { get; }
    public ulong ByteSize { get; }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _gpu.Vk.DestroyImageView(_gpu.Device, View, null);
        _gpu.Vk.DestroyImage(_gpu.Device, Handle, null);
        _gpu.Vk.FreeMemory(_gpu.Device, _memory, null);
    }
}
