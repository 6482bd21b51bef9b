using System.Numerics;
using System.Runtime.InteropServices;
using RenderFarm.Core.Colors;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// Copies one layer's item arrays into its slot's mapped buffers and fills its push constants.
/// With an <c>order</c>, item i of the buffers is item order[i] of the layer (back-to-front drawing).
/// </summary>
internal static class LayerUploader
{
    public static PushConstants Upload(FrameLayer layer, LayerSlot slot, Matrix4x4 worldToClip, int tileWidth, int tileHeight,
        float pixelsPerUnit, ReadOnlySpan<int> order)
    {
        int n = layer.Count;
        bool world = layer.SizeUnit == SizeUnit.World;
        var pc = new PushConstants
        {
            WorldToClip = worldToClip,
            PixelToNdc = new Vector2(2f / tileWidth, 2f / tileHeight),
            Size = world ? layer.Size * pixelsPerUnit : layer.Size,
            Dimensions = (uint)layer.Dimensions,
            PixelsPerUnit = pixelsPerUnit,
            Flags = world ? PushConstants.WorldSize : 0,
        };
        if (n == 0) return pc;

        var positions = MemoryMarshal.Cast<byte, float>(slot.Positions(layer.Positions.Length * sizeof(float)));
        Permute(layer.Positions.Span, positions, layer.Dimensions, order);
        var colors = layer.Colors.Span;
        if (colors.Length > 0)
        {
            bool perItem = colors.Length == n && n > 1;
            var target = MemoryMarshal.Cast<byte, Rgba8>(slot.Colors(colors.Length * 4));
            Permute(colors, target, 1, perItem ? order : default);
            if (perItem) pc.Flags |= PushConstants.ItemColors;
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
                    for (int i = 0; i < n; i++) sizes[i] = source[order.IsEmpty ? i : order[i]] * scale;
                }
                break;
            case SpriteLayer sprites:
                CopyCells(sprites, MemoryMarshal.Cast<byte, int>(slot.Extras(n * sizeof(int))), order);
                var layout = sprites.Atlas.Layout;
                pc.SlotsPerRow = (uint)layout.SlotsPerRow;
                pc.SlotsPerLayer = (uint)layout.SlotsPerLayer;
                pc.CellsPerSheet = (uint)layout.CellsPerSheet;
                pc.SlotUv = (float)layout.Slot / layout.LayerSize;
                pc.InsetUv = (float)layout.Inset / layout.LayerSize;
                pc.CellUv = (float)layout.CellSize / layout.LayerSize;
                pc.CellPixels = layout.CellSize;
                // The shader compares linear luminance, so the sRGB threshold is decoded once here.
                pc.Threshold = Math.Max(1e-6f, (float)Srgb.ToLinear(sprites.Threshold));
                pc.BorderPixels = sprites.BorderPixels;
                if (sprites.Mode == SpriteMode.Opaque) pc.Flags |= PushConstants.Opaque;
                if (sprites.Atlas.DecodeInShader) pc.Flags |= PushConstants.DecodeSrgb;
                if (colors.Length > 0) pc.Flags |= PushConstants.Tint;
                break;
        }
        return pc;
    }

    /// <summary>Copies items of <paramref name="width"/> values each, in <paramref name="order"/> when given.</summary>
    private static void Permute<T>(ReadOnlySpan<T> source, Span<T> destination, int width, ReadOnlySpan<int> order)
    {
        if (order.IsEmpty)
        {
            source.CopyTo(destination);
            return;
        }
        for (int i = 0; i < order.Length; i++)
            source.Slice(order[i] * width, width).CopyTo(destination.Slice(i * width, width));
    }

    private static void CopyCells(SpriteLayer sprites, Span<int> destination, ReadOnlySpan<int> order)
    {
        var cells = sprites.Cells.Span;
        int count = sprites.Atlas.Count;
        // Checked while copying: an index past the atlas would sample another sheet's slot or nothing.
        for (int i = 0; i < cells.Length; i++)
        {
            if ((uint)cells[i] >= (uint)count)
                throw new RenderingException($"Sprite {i} names atlas cell {cells[i]}, but the atlas holds {count} thumbnails.");
        }
        Permute(cells, destination, 1, order);
    }
}
