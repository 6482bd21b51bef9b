using System.Numerics;
using System.Runtime.InteropServices;
using RenderFarm.Core.Colors;

namespace RenderFarm.Rendering.Frames;

/// <summary>Copies one layer's item arrays into its slot's mapped buffers and fills its push constants.</summary>
internal static class LayerUploader
{
    public static PushConstants Upload(FrameLayer layer, LayerSlot slot, Matrix4x4 worldToClip, int tileWidth, int tileHeight, float pixelsPerUnit)
    {
        int n = layer.Count;
        bool world = layer.SizeUnit == SizeUnit.World;
        var pc = new PushConstants
        {
            WorldToClip = worldToClip,
            PixelToNdc = new Vector2(2f / tileWidth, 2f / tileHeight),
            Size = world ? layer.Size * pixelsPerUnit : layer.Size,
            Dimensions = (uint)layer.Dimensions,
            Flags = world ? PushConstants.WorldSize : 0,
        };
        if (n == 0) return pc;

        MemoryMarshal.AsBytes(layer.Positions.Span).CopyTo(slot.Positions(layer.Positions.Length * sizeof(float)));
        var colors = layer.Colors.Span;
        if (colors.Length > 0)
        {
            MemoryMarshal.AsBytes(colors).CopyTo(slot.Colors(colors.Length * 4));
            if (colors.Length == n && n > 1) pc.Flags |= PushConstants.ItemColors;
        }

        switch (layer)
        {
            case PointLayer points:
                if (points.Shading == PointShading.Sphere) pc.Flags |= PushConstants.Spheres;
                if (points.Sizes.Length > 0)
                {
                    pc.Flags |= PushConstants.ItemSizes;
                    var sizes = MemoryMarshal.Cast<byte, float>(slot.Extras(n * sizeof(float)));
                    float scale = world ? pixelsPerUnit : 1f;
                    var source = points.Sizes.Span;
                    for (int i = 0; i < n; i++) sizes[i] = source[i] * scale;
                }
                break;
            case SpriteLayer sprites:
                CopyCells(sprites, slot.Extras(n * sizeof(int)));
                var layout = sprites.Atlas.Layout;
                pc.SlotsPerRow = (uint)layout.SlotsPerRow;
                pc.SlotsPerLayer = (uint)layout.SlotsPerLayer;
                pc.CellsPerSheet = (uint)layout.CellsPerSheet;
                pc.SlotUv = (float)layout.Slot / layout.LayerSize;
                pc.InsetUv = (float)layout.Inset / layout.LayerSize;
                pc.CellUv = (float)layout.CellSize / layout.LayerSize;
                // The shader compares linear luminance, so the sRGB threshold is decoded once here.
                pc.Threshold = Math.Max(1e-6f, SrgbToLinear(sprites.Threshold));
                pc.BorderPixels = sprites.BorderPixels;
                if (sprites.Mode == SpriteMode.Opaque) pc.Flags |= PushConstants.Opaque;
                if (colors.Length > 0) pc.Flags |= PushConstants.Tint;
                break;
        }
        return pc;
    }

    private static void CopyCells(SpriteLayer sprites, Span<byte> destination)
    {
        var cells = sprites.Cells.Span;
        int count = sprites.Atlas.Count;
        // Checked while copying: an index past the atlas would sample another sheet's slot or nothing.
        for (int i = 0; i < cells.Length; i++)
        {
            if ((uint)cells[i] >= (uint)count)
                throw new RenderingException($"Sprite {i} names atlas cell {cells[i]}, but the atlas holds {count} thumbnails.");
        }
        MemoryMarshal.AsBytes(cells).CopyTo(destination);
    }

    private static float SrgbToLinear(float v) =>
        (float)(v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4));
}
