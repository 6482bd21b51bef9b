using Silk.NET.Vulkan;
using RenderFarm.Rendering.Devices;

namespace RenderFarm.Rendering.Targets;

/// <summary>
/// The one render pass every frame uses: clear colour and depth, draw, resolve multisamples (when
/// there are any) and leave the single-sample image ready to be copied out.
/// </summary>
internal static unsafe class RenderPassFactory
{
    public static RenderPass Create(GpuContext gpu, Format color, Format depth, SampleCountFlags samples)
    {
        bool msaa = samples != SampleCountFlags.Count1Bit;
        var attachments = stackalloc AttachmentDescription[3];
        attachments[0] = new AttachmentDescription
        {
            Format = color,
            Samples = samples,
            LoadOp = AttachmentLoadOp.Clear,
            // The multisampled image is only an intermediate: after the resolve it can be dropped.
            StoreOp = msaa ? AttachmentStoreOp.DontCare : AttachmentStoreOp.Store,
            StencilLoadOp = AttachmentLoadOp.DontCare,
            StencilStoreOp = AttachmentStoreOp.DontCare,
            InitialLayout = ImageLayout.Undefined,
            FinalLayout = msaa ? ImageLayout.ColorAttachmentOptimal : ImageLayout.TransferSrcOptimal,
        };
        attachments[1] = new AttachmentDescription
        {
            Format = depth,
            Samples = samples,
            LoadOp = AttachmentLoadOp.Clear,
            StoreOp = AttachmentStoreOp.DontCare,
            StencilLoadOp = AttachmentLoadOp.DontCare,
            StencilStoreOp = AttachmentStoreOp.DontCare,
            InitialLayout = ImageLayout.Undefined,
            FinalLayout = ImageLayout.DepthStencilAttachmentOptimal,
        };
        attachments[2] = new AttachmentDescription
        {
            Format = color,
            Samples = SampleCountFlags.Count1Bit,
            LoadOp = AttachmentLoadOp.DontCare,
            StoreOp = AttachmentStoreOp.Store,
            StencilLoadOp = AttachmentLoadOp.DontCare,
            StencilStoreOp = AttachmentStoreOp.DontCare,
            InitialLayout = ImageLayout.Undefined,
            FinalLayout = ImageLayout.TransferSrcOptimal,
        };
        var colorRef = new AttachmentReference(0, ImageLayout.ColorAttachmentOptimal);
        var depthRef = new AttachmentReference(1, ImageLayout.DepthStencilAttachmentOptimal);
        var resolveRef = new AttachmentReference(2, ImageLayout.ColorAttachmentOptimal);
        var subpass = new SubpassDescription
        {
            PipelineBindPoint = PipelineBindPoint.Graphics,
            ColorAttachmentCount = 1,
            PColorAttachments = &colorRef,
            PDepthStencilAttachment = &depthRef,
            PResolveAttachments = msaa ? &resolveRef : null,
        };
        var dependencies = stackalloc SubpassDependency[2];
        // The previous frame's copy must finish reading before this frame clears and draws.
        dependencies[0] = new SubpassDependency
        {
            SrcSubpass = Vk.SubpassExternal,
            DstSubpass = 0,
            SrcStageMask = PipelineStageFlags.TransferBit,
            DstStageMask = PipelineStageFlags.ColorAttachmentOutputBit | PipelineStageFlags.EarlyFragmentTestsBit,
            SrcAccessMask = AccessFlags.TransferReadBit,
            DstAccessMask = AccessFlags.ColorAttachmentWriteBit | AccessFlags.DepthStencilAttachmentWriteBit,
        };
        // The colour (and resolve) writes must be visible to the copy that follows the pass.
        dependencies[1] = new SubpassDependency
        {
            SrcSubpass = 0,
            DstSubpass = Vk.SubpassExternal,
            SrcStageMask = PipelineStageFlags.ColorAttachmentOutputBit,
            DstStageMask = PipelineStageFlags.TransferBit,
            SrcAccessMask = AccessFlags.ColorAttachmentWriteBit,
            DstAccessMask = AccessFlags.TransferReadBit,
        };
        var info = new RenderPassCreateInfo
        {
            SType = StructureType.RenderPassCreateInfo,
            AttachmentCount = msaa ? 3u : 2u,
            PAttachments = attachments,
            SubpassCount = 1,
            PSubpasses = &subpass,
            DependencyCount = 2,
            PDependencies = dependencies,
        };
        VkCheck.Ok(gpu.Vk.CreateRenderPass(gpu.Device, in info, null, out var pass), "vkCreateRenderPass");
        return pass;
    }
}
