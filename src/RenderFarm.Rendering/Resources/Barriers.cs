using Silk.NET.Vulkan;

namespace RenderFarm.Rendering.Resources;

/// <summary>Image layout transitions, written out once so call sites say only what changes.</summary>
internal static unsafe class Barriers
{
    public static void Transition(Vk vk, CommandBuffer cmd, Image image, ImageLayout from, ImageLayout to,
        AccessFlags srcAccess, AccessFlags dstAccess, PipelineStageFlags srcStage, PipelineStageFlags dstStage,
        uint baseMip = 0, uint mipCount = 1, uint layerCount = Vk.RemainingArrayLayers,
        ImageAspectFlags aspect = ImageAspectFlags.ColorBit)
    {
        var barrier = new ImageMemoryBarrier
        {
            SType = StructureType.ImageMemoryBarrier,
            OldLayout = from,
            NewLayout = to,
            SrcAccessMask = srcAccess,
            DstAccessMask = dstAccess,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            Image = image,
            SubresourceRange = new ImageSubresourceRange(aspect, baseMip, mipCount, 0, layerCount),
        };
        vk.CmdPipelineBarrier(cmd, srcStage, dstStage, 0, 0, null, 0, null, 1, &barrier);
    }
}
