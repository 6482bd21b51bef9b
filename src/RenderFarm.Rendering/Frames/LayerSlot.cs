using Silk.NET.Vulkan;
using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Resources;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// The instance buffers of layer i of every frame a renderer draws, and the descriptor set naming
/// them. Buffers stay mapped and are rewritten in place each frame (a morph changes every position
/// every frame); they are only replaced when a frame brings more items than they hold, growing by
/// doubling so a sequence of frames settles after a few.
/// </summary>
internal sealed unsafe class LayerSlot : IDisposable
{
    private const int BufferCount = 3; // positions, colours, extras (sizes or atlas cells)

    private readonly GpuContext _gpu;
    private readonly GpuBuffer?[] _buffers = new GpuBuffer?[BufferCount];
    private bool _descriptorsStale = true;

    public LayerSlot(GpuContext gpu, DescriptorSet set)
    {
        _gpu = gpu;
        Set = set;
    }

    public DescriptorSet Set { get; }

    public Span<byte> Positions(int bytes) => Region(0, bytes);

    public Span<byte> Colors(int bytes) => Region(1, bytes);

    public Span<byte> Extras(int bytes) => Region(2, bytes);

    private Span<byte> Region(int index, int bytes)
    {
        var buffer = _buffers[index];
        if (buffer is null || buffer.Size < (ulong)bytes)
        {
            ulong capacity = Math.Max(Math.Max(4096UL, (ulong)bytes), buffer is null ? 0 : buffer.Size * 2);
            buffer?.Dispose();
            _buffers[index] = null;
            buffer = _buffers[index] = new GpuBuffer(_gpu, capacity, BufferUsageFlags.StorageBufferBit);
            _descriptorsStale = true;
        }
        return buffer.Bytes(0, bytes);
    }

    /// <summary>Points the descriptor set at the current buffers if any was replaced (the GPU is idle between frames).</summary>
    public void UpdateDescriptors()
    {
        for (int i = 0; i < BufferCount; i++)
        {
            // A layer that needs no extras still has a small buffer, so every binding is valid.
            if (_buffers[i] is null) Region(i, 16);
        }
        if (!_descriptorsStale) return;
        var buffers = new GpuBuffer[BufferCount];
        for (int i = 0; i < BufferCount; i++) buffers[i] = _buffers[i]!;
        StorageBufferBindings.Update(_gpu, Set, buffers);
        _descriptorsStale = false;
    }

    public void Dispose()
    {
        for (int i = 0; i < BufferCount; i++)
        {
            _buffers[i]?.Dispose();
            _buffers[i] = null;
        }
    }
}
