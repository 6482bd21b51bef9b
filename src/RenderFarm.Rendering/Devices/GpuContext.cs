using Silk.NET.Vulkan;

namespace RenderFarm.Rendering.Devices;

/// <summary>
/// The logical device and what every resource needs from it: the API, one graphics queue, a
/// command pool for one-off uploads and the memory types. Owned by <see cref="Frames.RenderDevice"/>.
/// </summary>
internal sealed unsafe class GpuContext : IDisposable
{
    private readonly PhysicalDeviceMemoryProperties _memory;
    private readonly CommandPool _uploadPool;
    private bool _disposed;

    public GpuContext(Vk vk, Instance instance, PhysicalDeviceChooser.Candidate chosen)
    {
        Vk = vk;
        Instance = instance;
        Physical = chosen.Device;
        QueueFamily = chosen.QueueFamily;
        Info = chosen.Info;
        vk.GetPhysicalDeviceMemoryProperties(Physical, out _memory);
        vk.GetPhysicalDeviceProperties(Physical, out var props);
        Limits = props.Limits;

        float priority = 1f;
        var queueInfo = new DeviceQueueCreateInfo
        {
            SType = StructureType.DeviceQueueCreateInfo,
            QueueFamilyIndex = QueueFamily,
            QueueCount = 1,
            PQueuePriorities = &priority,
        };
        var info = new DeviceCreateInfo
        {
            SType = StructureType.DeviceCreateInfo,
            QueueCreateInfoCount = 1,
            PQueueCreateInfos = &queueInfo,
        };
        VkCheck.Ok(vk.CreateDevice(Physical, in info, null, out var device), "vkCreateDevice");
        Device = device;
        vk.GetDeviceQueue(Device, QueueFamily, 0, out var queue);
        Queue = queue;
        var poolInfo = new CommandPoolCreateInfo
        {
            SType = StructureType.CommandPoolCreateInfo,
            QueueFamilyIndex = QueueFamily,
            Flags = CommandPoolCreateFlags.TransientBit | CommandPoolCreateFlags.ResetCommandBufferBit,
        };
        VkCheck.Ok(vk.CreateCommandPool(Device, in poolInfo, null, out _uploadPool), "vkCreateCommandPool");
    }

    public Vk Vk { get; }
    public Instance Instance { get; }
    public PhysicalDevice Physical { get; }
    public Device Device { get; }
    public Queue Queue { get; }
    public uint QueueFamily { get; }
    public DeviceInfo Info { get; }
    public PhysicalDeviceLimits Limits { get; }

    /// <summary>
    /// vkQueueSubmit needs the queue externally synchronised: renderers on different threads and
    /// atlas uploads share this device's one queue, so every submit holds this lock.
    /// </summary>
    public Lock QueueLock { get; } = new();

    /// <summary>Submits one command buffer and waits for its fence (then resets the fence).</summary>
    public void SubmitAndWait(CommandBuffer cmd, Fence fence)
    {
        var submit = new SubmitInfo { SType = StructureType.SubmitInfo, CommandBufferCount = 1, PCommandBuffers = &cmd };
        lock (QueueLock)
        {
            VkCheck.Ok(Vk.QueueSubmit(Queue, 1, in submit, fence), "vkQueueSubmit");
        }
        VkCheck.Ok(Vk.WaitForFences(Device, 1, in fence, true, ulong.MaxValue), "vkWaitForFences");
        VkCheck.Ok(Vk.ResetFences(Device, 1, in fence), "vkResetFences");
    }

    /// <summary>
    /// A memory type allowed by <paramref name="typeBits"/> with all of <paramref name="required"/>,
    /// preferring one that also has <paramref name="preferred"/>.
    /// </summary>
    public uint FindMemoryType(uint typeBits, MemoryPropertyFlags required, MemoryPropertyFlags preferred = 0)
    {
        int fallback = -1;
        for (int i = 0; i < _memory.MemoryTypeCount; i++)
        {
            if ((typeBits & (1u << i)) == 0) continue;
            var flags = _memory.MemoryTypes[i].PropertyFlags;
            if ((flags & required) != required) continue;
            if ((flags & preferred) == preferred) return (uint)i;
            if (fallback < 0) fallback = i;
        }
        if (fallback < 0)
            throw new RenderingException($"The device '{Info.Name}' has no memory type with {required}.");
        return (uint)fallback;
    }

    /// <summary>Records commands into a one-off command buffer, submits it and waits for it to finish.</summary>
    public void RunOnce(Action<CommandBuffer> record)
    {
        // The upload pool is shared too: allocation from one pool must not race either.
        lock (_uploadLock) RunOnceLocked(record);
    }

    private readonly Lock _uploadLock = new();

    private void RunOnceLocked(Action<CommandBuffer> record)
    {
        var alloc = new CommandBufferAllocateInfo
        {
            SType = StructureType.CommandBufferAllocateInfo,
            CommandPool = _uploadPool,
            Level = CommandBufferLevel.Primary,
            CommandBufferCount = 1,
        };
        VkCheck.Ok(Vk.AllocateCommandBuffers(Device, in alloc, out var cmd), "vkAllocateCommandBuffers");
        var fenceInfo = new FenceCreateInfo { SType = StructureType.FenceCreateInfo };
        VkCheck.Ok(Vk.CreateFence(Device, in fenceInfo, null, out var fence), "vkCreateFence");
        try
        {
            var begin = new CommandBufferBeginInfo
            {
                SType = StructureType.CommandBufferBeginInfo,
                Flags = CommandBufferUsageFlags.OneTimeSubmitBit,
            };
            VkCheck.Ok(Vk.BeginCommandBuffer(cmd, in begin), "vkBeginCommandBuffer");
            record(cmd);
            VkCheck.Ok(Vk.EndCommandBuffer(cmd), "vkEndCommandBuffer");
            SubmitAndWait(cmd, fence);
        }
        finally
        {
            Vk.DestroyFence(Device, fence, null);
            Vk.FreeCommandBuffers(Device, _uploadPool, 1, in cmd);
        }
    }

    public ShaderModule CreateShader(ReadOnlySpan<byte> spirv)
    {
        fixed (byte* code = spirv)
        {
            var info = new ShaderModuleCreateInfo
            {
                SType = StructureType.ShaderModuleCreateInfo,
                CodeSize = (nuint)spirv.Length,
                PCode = (uint*)code,
            };
            VkCheck.Ok(Vk.CreateShaderModule(Device, in info, null, out var module), "vkCreateShaderModule");
            return module;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Vk.DeviceWaitIdle(Device);
        Vk.DestroyCommandPool(Device, _uploadPool, null);
        Vk.DestroyDevice(Device, null);
        Vk.DestroyInstance(Instance, null);
        Vk.Dispose();
    }
}
