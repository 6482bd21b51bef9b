using Silk.NET.Vulkan;
using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Resources;

namespace RenderFarm.Rendering.Targets;

/// <summary>
/// Where frames are drawn and read back: a multisampled sRGB colour image and a depth image, a
/// single-sample image they resolve into (or draw into directly at 1 sample), the render pass and
/// framebuffer over them, and a host-visible buffer the resolved pixels are copied into. Created
/// once per size and reused for every frame.
/// </summary>
/// <remarks>
/// The colour format is R8G8B8A8_SRGB: palette colours and thumbnails are sRGB bytes, the shaders
/// decode them to linear light, blending and MSAA resolve happen in linear light, and the target
/// encodes back on write — so an opaque palette colour reads back as its own bytes while
/// anti-aliased edges blend without the darkening that blending sRGB values directly gives.
/// </remarks>
internal sealed unsafe class OffscreenTarget : IDisposable
{
    public const Format ColorFormat = Format.R8G8B8A8Srgb;

    private readonly GpuContext _gpu;
    private readonly GpuImage? _multisampled;
    private readonly GpuImage _depth;
    private bool _disposed;

    public OffscreenTarget(GpuContext gpu, int width, int height, SampleCountFlags samples)
    {
        _gpu = gpu;
        Width = width;
        Height = height;
        Samples = samples;
        DepthFormat = ChooseDepthFormat(gpu);
        bool msaa = samples != SampleCountFlags.Count1Bit;
        try
        {
            Resolved = new GpuImage(gpu, width, height, ColorFormat,
                ImageUsageFlags.ColorAttachmentBit | ImageUsageFlags.TransferSrcBit, ImageAspectFlags.ColorBit);
            if (msaa)
            {
                _multisampled = new GpuImage(gpu, width, height, ColorFormat,
                    ImageUsageFlags.ColorAttachmentBit | ImageUsageFlags.TransientAttachmentBit, ImageAspectFlags.ColorBit, samples);
            }
            _depth = new GpuImage(gpu, width, height, DepthFormat,
                ImageUsageFlags.DepthStencilAttachmentBit | ImageUsageFlags.TransientAttachmentBit, ImageAspectFlags.DepthBit, samples);
            RenderPass = RenderPassFactory.Create(gpu, ColorFormat, DepthFormat, samples);
            Framebuffer = CreateFramebuffer(msaa);
            // Rows padded to 256 bytes: the copy's preferred pitch on many GPUs; readback walks rows by it.
            RowPitch = (width * 4 + 255) / 256 * 256;
            Readback = new GpuBuffer(gpu, (ulong)RowPitch * (ulong)height, BufferUsageFlags.TransferDstBit, preferCached: true);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Width { get; }
    public int Height { get; }
    public SampleCountFlags Samples { get; }
    public Format DepthFormat { get; }
    public GpuImage Resolved { get; } = null!;
    public RenderPass RenderPass { get; }
    public Framebuffer Framebuffer { get; }
    public GpuBuffer Readback { get; } = null!;
    public int RowPitch { get; }

    /// <summary>Records the copy of the top-left <paramref name="width"/>×<paramref name="height"/> pixels into the readback buffer.</summary>
    public void RecordReadback(CommandBuffer cmd, int width, int height)
    {
        // The render pass left the image in TRANSFER_SRC_OPTIMAL and its dependency made the writes visible.
        var region = new BufferImageCopy
        {
            BufferOffset = 0,
            BufferRowLength = (uint)(RowPitch / 4),
            BufferImageHeight = 0,
            ImageSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, 0, 1),
            ImageOffset = new Offset3D(0, 0, 0),
            ImageExtent = new Extent3D((uint)width, (uint)height, 1),
        };
        _gpu.Vk.CmdCopyImageToBuffer(cmd, Resolved.Handle, ImageLayout.TransferSrcOptimal, Readback.Handle, 1, &region);
        var toHost = new BufferMemoryBarrier
        {
            SType = StructureType.BufferMemoryBarrier,
            SrcAccessMask = AccessFlags.TransferWriteBit,
            DstAccessMask = AccessFlags.HostReadBit,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            Buffer = Readback.Handle,
            Offset = 0,
            Size = Vk.WholeSize,
        };
        _gpu.Vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.HostBit, 0, 0, null, 1, &toHost, 0, null);
    }

    /// <summary>Copies the read-back rows, tightly packed and top row first, into <paramref name="rgba"/>.</summary>
    public void CopyRows(int width, int height, Span<byte> rgba)
    {
        int rowBytes = width * 4;
        for (int y = 0; y < height; y++)
            Readback.Bytes((long)y * RowPitch, rowBytes).CopyTo(rgba.Slice(y * rowBytes, rowBytes));
    }

    private Framebuffer CreateFramebuffer(bool msaa)
    {
        // Attachment order matches RenderPassFactory: colour, depth, then the resolve target.
        ImageView* views = stackalloc ImageView[3];
        views[0] = msaa ? _multisampled!.View : Resolved.View;
        views[1] = _depth.View;
        views[2] = Resolved.View;
        var info = new FramebufferCreateInfo
        {
            SType = StructureType.FramebufferCreateInfo,
            RenderPass = RenderPass,
            AttachmentCount = msaa ? 3u : 2u,
            PAttachments = views,
            Width = (uint)Width,
            Height = (uint)Height,
            Layers = 1,
        };
        VkCheck.Ok(_gpu.Vk.CreateFramebuffer(_gpu.Device, in info, null, out var framebuffer), "vkCreateFramebuffer");
        return framebuffer;
    }

    private static Format ChooseDepthFormat(GpuContext gpu)
    {
        foreach (var format in new[] { Format.D32Sfloat, Format.D16Unorm })
        {
            gpu.Vk.GetPhysicalDeviceFormatProperties(gpu.Physical, format, out var props);
            if ((props.OptimalTilingFeatures & FormatFeatureFlags.DepthStencilAttachmentBit) != 0) return format;
        }
        throw new RenderingException($"The device '{gpu.Info.Name}' offers no depth format (D32_SFLOAT or D16_UNORM).");
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        var vk = _gpu.Vk;
        if (Framebuffer.Handle != 0) vk.DestroyFramebuffer(_gpu.Device, Framebuffer, null);
        if (RenderPass.Handle != 0) vk.DestroyRenderPass(_gpu.Device, RenderPass, null);
        Readback?.Dispose();
        _depth?.Dispose();
        _multisampled?.Dispose();
        Resolved?.Dispose();
    }
}
