using Silk.NET.Vulkan;
using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Resources;

namespace RenderFarm.Rendering.Splatting;

/// <summary>
/// The splatting buffers of layer i of every frame a renderer draws — items, bin starts, bin item
/// lists — with the binner that fills them and the descriptor set naming them, the shared pixel
/// buffer and the sRGB table. Buffers grow by doubling and are otherwise rewritten in place, like the raster path's.
/// </summary>
internal sealed unsafe class SplatSlot : IDisposable
{
    private readonly GpuContext _gpu;
    private readonly GpuBuffer?[] _buffers = new GpuBuffer?[3];
    private GpuBuffer? _pixels;
    private GpuBuffer? _srgbTable;
    private bool _stale = true;

    public SplatSlot(GpuContext gpu, DescriptorSet set)
    {
        _gpu = gpu;
        Set = set;
    }

    public DescriptorSet Set { get; }
    public SplatBinner Binner { get; } = new();

    /// <summary>Copies the binner's arrays into the device buffers and points the set at them and at <paramref name="pixels"/>.</summary>
    public void Upload(GpuBuffer pixels, GpuBuffer srgbTable)
    {
        _srgbTable = srgbTable;
        var b = Binner;
        Write(0, System.Runtime.InteropServices.MemoryMarshal.AsBytes(b.Items.AsSpan(0, b.ItemCount)));
        Write(1, System.Runtime.InteropServices.MemoryMarshal.AsBytes(b.ListStarts.AsSpan(0, b.ListCount + 1)));
        Write(2, System.Runtime.InteropServices.MemoryMarshal.AsBytes(b.ListItems.AsSpan(0, b.EntryCount)));
        if (!ReferenceEquals(pixels, _pixels))
        {
            _pixels = pixels;
            _stale = true;
        }
        if (_stale) UpdateDescriptors();
    }

    private void Write(int index, ReadOnlySpan<byte> bytes)
    {
        var buffer = _buffers[index];
        if (buffer is null || buffer.Size < (ulong)bytes.Length)
        {
            ulong capacity = Math.Max(Math.Max(4096UL, (ulong)bytes.Length), buffer is null ? 0 : buffer.Size * 2);
            buffer?.Dispose();
            _buffers[index] = null;
            buffer = _buffers[index] = new GpuBuffer(_gpu, capacity, BufferUsageFlags.StorageBufferBit);
            _stale = true;
        }
        bytes.CopyTo(buffer.Bytes(0, bytes.Length));
    }

    private void UpdateDescriptors()
    {
        const int count = SplatPipelines.Bindings;
        var buffers = new GpuBuffer[count];
        for (int i = 0; i < count; i++) buffers[i] = i switch { < 3 => _buffers[i]!, 3 => _pixels!, _ => _srgbTable! };
        StorageBufferBindings.Update(_gpu, Set, buffers);
        _stale = false;
    }

    public void Dispose()
    {
        for (int i = 0; i < _buffers.Length; i++)
        {
            _buffers[i]?.Dispose();
            _buffers[i] = null;
        }
    }
}
