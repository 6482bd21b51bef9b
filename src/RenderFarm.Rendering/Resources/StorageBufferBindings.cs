using RenderFarm.Rendering.Devices;
using Silk.NET.Vulkan;

namespace RenderFarm.Rendering.Resources;

/// <summary>
/// Points bindings 0…n−1 of a descriptor set at whole storage buffers, the layout every layer
/// slot uses (raster instance data and the compute path's lists alike).
/// </summary>
internal static unsafe class StorageBufferBindings
{
    /// <summary>Writes binding i = <paramref name="buffers"/>[i]; the GPU must not be using the set.</summary>
    public static void Update(GpuContext gpu, DescriptorSet set, ReadOnlySpan<GpuBuffer> buffers)
    {
        var infos = stackalloc DescriptorBufferInfo[buffers.Length];
        var writes = stackalloc WriteDescriptorSet[buffers.Length];
        for (int i = 0; i < buffers.Length; i++)
        {
            infos[i] = new DescriptorBufferInfo(buffers[i].Handle, 0, Vk.WholeSize);
            writes[i] = new WriteDescriptorSet
            {
                SType = StructureType.WriteDescriptorSet,
                DstSet = set,
                DstBinding = (uint)i,
                DescriptorCount = 1,
                DescriptorType = DescriptorType.StorageBuffer,
                PBufferInfo = &infos[i],
            };
        }

        gpu.Vk.UpdateDescriptorSets(gpu.Device, (uint)buffers.Length, writes, 0, null);
    }
}
