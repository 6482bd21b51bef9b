using Silk.NET.Core.Native;
using Silk.NET.Vulkan;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Resources;
using RenderFarm.Rendering.Shaders;

namespace RenderFarm.Rendering.Splatting;

/// <summary>
/// The splatting path's Vulkan objects that do not change from frame to frame: its descriptor set
/// layout (set 0: items, list starts, list items, pixels, sRGB table; set 1 is the shared atlas
/// sheet layout), pipeline layout, the points and sprites compute pipelines, the sRGB table and a
/// descriptor pool for one set per layer.
/// </summary>
internal sealed unsafe class SplatPipelines : IDisposable
{
    private readonly GpuContext _gpu;
    private readonly DescriptorPool _pool;
    private bool _disposed;

    public SplatPipelines(GpuContext gpu, SharedLayouts shared, int maxSets)
    {
        _gpu = gpu;
        var vk = gpu.Vk;
        try
        {
            var bindings = stackalloc DescriptorSetLayoutBinding[Bindings];
            for (uint i = 0; i < Bindings; i++)
                bindings[i] = new DescriptorSetLayoutBinding(i, DescriptorType.StorageBuffer, 1, ShaderStageFlags.ComputeBit);
            var setInfo = new DescriptorSetLayoutCreateInfo { SType = StructureType.DescriptorSetLayoutCreateInfo, BindingCount = Bindings, PBindings = bindings };
            VkCheck.Ok(vk.CreateDescriptorSetLayout(gpu.Device, in setInfo, null, out var setLayout), "vkCreateDescriptorSetLayout");
            SetLayout = setLayout;

            var setLayouts = stackalloc DescriptorSetLayout[2] { SetLayout, shared.AtlasSet };
            var push = new PushConstantRange(ShaderStageFlags.ComputeBit, 0, SplatPushConstants.Bytes);
            var layoutInfo = new PipelineLayoutCreateInfo
            {
                SType = StructureType.PipelineLayoutCreateInfo,
                SetLayoutCount = 2,
                PSetLayouts = setLayouts,
                PushConstantRangeCount = 1,
                PPushConstantRanges = &push,
            };
            VkCheck.Ok(vk.CreatePipelineLayout(gpu.Device, in layoutInfo, null, out var layout), "vkCreatePipelineLayout");
            Layout = layout;

            var size = new DescriptorPoolSize(DescriptorType.StorageBuffer, (uint)(Bindings * maxSets));
            var poolInfo = new DescriptorPoolCreateInfo
            {
                SType = StructureType.DescriptorPoolCreateInfo,
                MaxSets = (uint)maxSets,
                PoolSizeCount = 1,
                PPoolSizes = &size,
            };
            VkCheck.Ok(vk.CreateDescriptorPool(gpu.Device, in poolInfo, null, out _pool), "vkCreateDescriptorPool");
            SrgbTable = CreateSrgbTable(gpu);
            Points = CreatePipeline("splat_points.comp");
            Sprites = CreatePipeline("splat_sprites.comp");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Storage buffers in set 0: items, list starts, list items, pixels, the sRGB table.</summary>
    public const int Bindings = 5;

    public const int SrgbTableSize = 4096;

    public DescriptorSetLayout SetLayout { get; }

    /// <summary>sRGB → linear at <see cref="SrgbTableSize"/> evenly spaced values (Shaders/splat.glsl, binding 4).</summary>
    public GpuBuffer SrgbTable { get; } = null!;
    public PipelineLayout Layout { get; }
    public Pipeline Points { get; }
    public Pipeline Sprites { get; }

    public DescriptorSet AllocateSet()
    {
        var layout = SetLayout;
        var alloc = new DescriptorSetAllocateInfo
        {
            SType = StructureType.DescriptorSetAllocateInfo,
            DescriptorPool = _pool,
            DescriptorSetCount = 1,
            PSetLayouts = &layout,
        };
        VkCheck.Ok(_gpu.Vk.AllocateDescriptorSets(_gpu.Device, in alloc, out var set), "vkAllocateDescriptorSets");
        return set;
    }

    private static GpuBuffer CreateSrgbTable(GpuContext gpu)
    {
        var table = new GpuBuffer(gpu, SrgbTableSize * sizeof(float), BufferUsageFlags.StorageBufferBit);
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(table.Bytes(0, SrgbTableSize * sizeof(float)));
        for (int i = 0; i < SrgbTableSize; i++) values[i] = (float)Srgb.ToLinear(i / (SrgbTableSize - 1f));
        return table;
    }

    private Pipeline CreatePipeline(string shader)
    {
        var vk = _gpu.Vk;
        var module = _gpu.CreateShader(ShaderLibrary.Load(shader));
        nint main = SilkMarshal.StringToPtr("main");
        try
        {
            var info = new ComputePipelineCreateInfo
            {
                SType = StructureType.ComputePipelineCreateInfo,
                Stage = new PipelineShaderStageCreateInfo
                {
                    SType = StructureType.PipelineShaderStageCreateInfo,
                    Stage = ShaderStageFlags.ComputeBit,
                    Module = module,
                    PName = (byte*)main,
                },
                Layout = Layout,
            };
            VkCheck.Ok(vk.CreateComputePipelines(_gpu.Device, default, 1, in info, null, out var pipeline), "vkCreateComputePipelines");
            return pipeline;
        }
        finally
        {
            SilkMarshal.Free(main);
            vk.DestroyShaderModule(_gpu.Device, module, null);
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        var vk = _gpu.Vk;
        if (Sprites.Handle != 0) vk.DestroyPipeline(_gpu.Device, Sprites, null);
        SrgbTable?.Dispose();
        if (Points.Handle != 0) vk.DestroyPipeline(_gpu.Device, Points, null);
        if (_pool.Handle != 0) vk.DestroyDescriptorPool(_gpu.Device, _pool, null);
        if (Layout.Handle != 0) vk.DestroyPipelineLayout(_gpu.Device, Layout, null);
        if (SetLayout.Handle != 0) vk.DestroyDescriptorSetLayout(_gpu.Device, SetLayout, null);
    }
}
