using Silk.NET.Vulkan;
using RenderFarm.Core.Thumbnails;
using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Resources;

namespace RenderFarm.Rendering.Atlases;

/// <summary>
/// Fills one sheet: cells are laid out with gutters in a host-visible staging buffer a batch of
/// layers at a time, copied into mip level 0, then the smaller levels are made by blits. Blits of an
/// sRGB image filter in linear light (the format decodes on read and encodes on write), so mips of
/// bright strokes on black do not darken the way averaging the sRGB bytes would.
/// </summary>
internal static unsafe class AtlasUploader
{
    private const long StagingBudgetBytes = 128L << 20;

    public static void Upload(GpuContext gpu, GpuImage sheet, AtlasLayout layout, ThumbnailSet thumbnails, int firstLayer)
    {
        var vk = gpu.Vk;
        int layersPerBatch = (int)Math.Clamp(StagingBudgetBytes / layout.LayerBytes, 1, sheet.Layers);
        using var staging = new GpuBuffer(gpu, (ulong)(layout.LayerBytes * layersPerBatch), BufferUsageFlags.TransferSrcBit);
        gpu.RunOnce(cmd => Barriers.Transition(vk, cmd, sheet.Handle, ImageLayout.Undefined, ImageLayout.TransferDstOptimal,
            0, AccessFlags.TransferWriteBit, PipelineStageFlags.TopOfPipeBit, PipelineStageFlags.TransferBit, 0, (uint)sheet.MipLevels));

        for (int batchStart = 0; batchStart < sheet.Layers; batchStart += layersPerBatch)
        {
            int batchLayers = Math.Min(layersPerBatch, sheet.Layers - batchStart);
            FillLayers(layout, thumbnails, firstLayer + batchStart, batchLayers, staging);
            gpu.RunOnce(cmd =>
            {
                var copies = stackalloc BufferImageCopy[batchLayers];
                for (int l = 0; l < batchLayers; l++)
                {
                    copies[l] = new BufferImageCopy
                    {
                        BufferOffset = (ulong)(l * layout.LayerBytes),
                        ImageSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, (uint)(batchStart + l), 1),
                        ImageExtent = new Extent3D((uint)layout.LayerSize, (uint)layout.LayerSize, 1),
                    };
                }
                vk.CmdCopyBufferToImage(cmd, staging.Handle, sheet.Handle, ImageLayout.TransferDstOptimal, (uint)batchLayers, copies);
            });
        }
        gpu.RunOnce(cmd => GenerateMips(vk, cmd, sheet));
    }

    private static void FillLayers(AtlasLayout layout, ThumbnailSet thumbnails, int firstLayer, int layers, GpuBuffer staging)
    {
        int firstCell = firstLayer * layout.SlotsPerLayer;
        int cells = Math.Min(layers * layout.SlotsPerLayer, thumbnails.Count - firstCell);
        // Slots past the last thumbnail are left as they are: no cell index reaches them.
        Parallel.For(0, cells, i =>
        {
            int layer = i / layout.SlotsPerLayer;
            var layerBytes = staging.Bytes(layer * layout.LayerBytes, (int)layout.LayerBytes);
            layout.WriteSlot(thumbnails.Cell(firstCell + i), i % layout.SlotsPerLayer, layerBytes);
        });
    }

    private static void GenerateMips(Vk vk, CommandBuffer cmd, GpuImage sheet)
    {
        int size = sheet.Width;
        for (int level = 1; level < sheet.MipLevels; level++)
        {
            Barriers.Transition(vk, cmd, sheet.Handle, ImageLayout.TransferDstOptimal, ImageLayout.TransferSrcOptimal,
                AccessFlags.TransferWriteBit, AccessFlags.TransferReadBit, PipelineStageFlags.TransferBit, PipelineStageFlags.TransferBit,
                (uint)(level - 1), 1);
            int next = Math.Max(1, size / 2);
            var blit = new ImageBlit
            {
                SrcSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, (uint)(level - 1), 0, (uint)sheet.Layers),
                DstSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, (uint)level, 0, (uint)sheet.Layers),
            };
            blit.SrcOffsets[1] = new Offset3D(size, size, 1);
            blit.DstOffsets[1] = new Offset3D(next, next, 1);
            vk.CmdBlitImage(cmd, sheet.Handle, ImageLayout.TransferSrcOptimal, sheet.Handle, ImageLayout.TransferDstOptimal, 1, &blit, Filter.Linear);
            size = next;
        }
        // Every level but the last is now a transfer source; the last is still a transfer destination.
        if (sheet.MipLevels > 1)
        {
            Barriers.Transition(vk, cmd, sheet.Handle, ImageLayout.TransferSrcOptimal, ImageLayout.ShaderReadOnlyOptimal,
                AccessFlags.TransferReadBit, AccessFlags.ShaderReadBit, PipelineStageFlags.TransferBit, PipelineStageFlags.FragmentShaderBit,
                0, (uint)(sheet.MipLevels - 1));
        }
        Barriers.Transition(vk, cmd, sheet.Handle, ImageLayout.TransferDstOptimal, ImageLayout.ShaderReadOnlyOptimal,
            AccessFlags.TransferWriteBit, AccessFlags.ShaderReadBit, PipelineStageFlags.TransferBit, PipelineStageFlags.FragmentShaderBit,
            (uint)(sheet.MipLevels - 1), 1);
    }
}
