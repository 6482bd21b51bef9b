using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace RenderFarm.Rendering.Resources;

/// <summary>
/// A buffer in host-visible, coherent memory, mapped for its whole life: instance data is written
/// straight into it each frame and readback reads straight out of it, with no map/unmap per frame.
/// </summary>
internal sealed unsafe class GpuBuffer : IDisposable
{
    private readonly Devices.GpuContext _gpu;
    private readonly DeviceMemory _memory;
    private bool _disposed;

    public GpuBuffer(Devices.GpuContext gpu, ulong size, BufferUsageFlags usage, bool preferCached = false)
    {
        _gpu = gpu;
        Size = Math.Max(size, 16);
        var vk = gpu.Vk;
        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = Size,
            Usage = usage,
            SharingMode = SharingMode.Exclusive,
        };
        VkCheck(vk.CreateBuffer(gpu.Device, in info, null, out var buffer), "vkCreateBuffer");
        Handle = buffer;
        vk.GetBufferMemoryRequirements(gpu.Device, Handle, out var req);
        // Readback reads every byte on the CPU: cached memory makes that several times faster on GPUs.
        var preferred = preferCached ? MemoryPropertyFlags.HostCachedBit : 0;
        var alloc = new MemoryAllocateInfo
        {
            SType = StructureType.MemoryAllocateInfo,
            AllocationSize = req.Size,
            MemoryTypeIndex = gpu.FindMemoryType(req.MemoryTypeBits,
                MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit, preferred),
        };
        Result result = vk.AllocateMemory(gpu.Device, in alloc, null, out _memory);
        if (result != Result.Success)
        {
            vk.DestroyBuffer(gpu.Device, Handle, null);
            throw new RenderingException($"Could not allocate {Size:N0} bytes of host-visible memory on '{gpu.Info.Name}': {result}.");
        }
        VkCheck(vk.BindBufferMemory(gpu.Device, Handle, _memory, 0), "vkBindBufferMemory");
        void* mapped;
        VkCheck(vk.MapMemory(gpu.Device, _memory, 0, Vk.WholeSize, 0, &mapped), "vkMapMemory");
        Mapped = (byte*)mapped;
    }

    public Buffer Handle { get; }
    public ulong Size { get; }
    public byte* Mapped { get; }

    public Span<byte> Bytes(long offset, int length)
    {
        if (offset < 0 || length < 0 || (ulong)(offset + length) > Size) throw new ArgumentOutOfRangeException(nameof(length));
        return new Span<byte>(Mapped + offset, length);
    }

    private static void VkCheck(Result result, string what) => Devices.VkCheck.Ok(result, what);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _gpu.Vk.UnmapMemory(_gpu.Device, _memory);
        _gpu.Vk.DestroyBuffer(_gpu.Device, Handle, null);
        _gpu.Vk.FreeMemory(_gpu.Device, _memory, null);
    }
}
