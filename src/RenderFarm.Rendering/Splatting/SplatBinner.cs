using System.Numerics;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Splatting;

/// <summary>
/// Sorts one layer's items into <see cref="BinSize"/>-pixel screen bins for the splatting shaders:
/// a count, a prefix sum and a scatter, visiting items in draw order so each bin lists its items in
/// draw order too. Done on the CPU because it is cheap there (a few hundred thousand entries for
/// 70,000 small items, ~1–2 ms) and exact: no atomics, so the lists — and the pixels — are the
/// same whatever the threads do. Arrays are kept and reused from frame to frame.
/// </summary>
internal sealed class SplatBinner
{
    /// <summary>Bin side in pixels: the shaders' workgroup is one bin, one invocation per pixel.</summary>
    public const int BinSize = 16;

    private int[] _rects = [];      // per item: first and last bin column and row (x0 > x1: off screen)
    private uint[] _cursor = [];

    public SplatItem[] Items { get; private set; } = [];
    public int ItemCount { get; private set; }

    /// <summary>Bin b's items are BinItems[BinStarts[b] .. BinStarts[b + 1]).</summary>
    public uint[] BinStarts { get; private set; } = [];
    public uint[] BinItems { get; private set; } = [];
    public int EntryCount { get; private set; }

    public int BinsX { get; private set; }
    public int BinsY { get; private set; }
    public int BinCount => BinsX * BinsY;

    /// <summary>
    /// Bins <paramref name="layer"/> for a <paramref name="width"/>×<paramref name="height"/> tile
    /// seen through the orthographic <paramref name="worldToClip"/>. Returns false, leaving the bins
    /// unfilled, when they would hold more than <paramref name="maxEntries"/> entries (huge items:
    /// raster is the better path for them).
    /// </summary>
    public bool Bin(FrameLayer layer, Matrix4x4 worldToClip, int width, int height, float pixelsPerUnit, long maxEntries)
    {
        BinsX = (width + BinSize - 1) / BinSize;
        BinsY = (height + BinSize - 1) / BinSize;
        int n = layer.Count;
        ItemCount = n;
        if (Items.Length < n) Items = new SplatItem[n];
        if (_rects.Length < 4 * n) _rects = new int[4 * n];
        if (BinStarts.Length < BinCount + 1) BinStarts = new uint[BinCount + 1];
        if (_cursor.Length < BinCount) _cursor = new uint[BinCount];

        var scale = layer.SizeUnit == SizeUnit.World ? pixelsPerUnit : 1f;
        switch (layer)
        {
            case PointLayer points: FillPoints(points, scale); break;
            case SpriteLayer sprites: FillSprites(sprites, scale); break;
            default: throw new RenderingException($"The layer type {layer.GetType().Name} is not supported by the renderer.");
        }
        Place(layer.Positions.Span, layer.Dimensions, worldToClip, width, height, layer is PointLayer);
        return Scatter(maxEntries);
    }

    private void FillPoints(PointLayer points, float scale)
    {
        var colors = points.Colors.Span;
        var sizes = points.Sizes.Span;
        for (int i = 0; i < ItemCount; i++)
        {
            float diameter = (sizes.IsEmpty ? points.Size : sizes[i]) * scale;
            Items[i] = new SplatItem { Extent = 0.5f * diameter, Color = Pack(colors[colors.Length == 1 ? 0 : i]) };
        }
    }

    private void FillSprites(SpriteLayer sprites, float scale)
    {
        var colors = sprites.Colors.Span;
        var cells = sprites.Cells.Span;
        var layout = sprites.Atlas.Layout;
        float side = sprites.Size * scale;
        float slotUv = (float)layout.Slot / layout.LayerSize, insetUv = (float)layout.Inset / layout.LayerSize;
        // As sprites.vert: one mip level per sprite from its size on screen.
        float lod = MathF.Max(0f, MathF.Log2(layout.CellSize / MathF.Max(side, 1e-3f)));
        for (int i = 0; i < ItemCount; i++)
        {
            int cell = cells[i];
            if ((uint)cell >= (uint)layout.Count)
                throw new RenderingException($"Sprite {i} names atlas cell {cell}, but the atlas holds {layout.Count} thumbnails.");
            int inSheet = cell % layout.CellsPerSheet, slot = inSheet % layout.SlotsPerLayer;
            Items[i] = new SplatItem
            {
                Extent = 0.5f * side,
                Color = colors.IsEmpty ? 0xFFFFFFFFu : Pack(colors[colors.Length == 1 ? 0 : i]),
                U = slot % layout.SlotsPerRow * slotUv + insetUv,
                V = slot / layout.SlotsPerRow * slotUv + insetUv,
                Layer = inSheet / layout.SlotsPerLayer,
                Lod = lod,
            };
        }
    }

    /// <summary>Centres in tile pixels (the viewport transform of the raster path) and the bins each item reaches.</summary>
    private void Place(ReadOnlySpan<float> positions, int dims, Matrix4x4 worldToClip, int width, int height, bool points)
    {
        for (int i = 0; i < ItemCount; i++)
        {
            var p = new Vector4(positions[i * dims], positions[i * dims + 1], dims == 3 ? positions[i * dims + 2] : 0f, 1f);
            var clip = Vector4.Transform(p, worldToClip);
            ref var item = ref Items[i];
            item.X = (clip.X / clip.W + 1f) * 0.5f * width;
            item.Y = (clip.Y / clip.W + 1f) * 0.5f * height;
            // Discs reach half a pixel past their radius (the anti-aliased edge); squares do not.
            float reach = item.Extent + (points ? 0.5f : 0f);
            var rect = _rects.AsSpan(4 * i, 4);
            float x0 = item.X - reach, x1 = item.X + reach, y0 = item.Y - reach, y1 = item.Y + reach;
            if (!(x1 >= 0 && y1 >= 0 && x0 < width && y0 < height && reach > 0))
            {
                rect[0] = 1; rect[1] = 0; // off screen, NaN or empty
                continue;
            }
            rect[0] = (int)Math.Max(0f, x0) / BinSize;
            rect[1] = (int)Math.Min(width - 1f, x1) / BinSize;
            rect[2] = (int)Math.Max(0f, y0) / BinSize;
            rect[3] = (int)Math.Min(height - 1f, y1) / BinSize;
        }
    }

    private bool Scatter(long maxEntries)
    {
        var counts = _cursor.AsSpan(0, BinCount);
        counts.Clear();
        long entries = 0;
        for (int i = 0; i < ItemCount; i++)
        {
            var r = _rects.AsSpan(4 * i, 4);
            if (r[0] > r[1]) continue;
            entries += (long)(r[1] - r[0] + 1) * (r[3] - r[2] + 1);
            if (entries > maxEntries) return false;
            for (int by = r[2]; by <= r[3]; by++)
                for (int bx = r[0]; bx <= r[1]; bx++) counts[by * BinsX + bx]++;
        }
        EntryCount = (int)entries;
        uint sum = 0;
        for (int b = 0; b < BinCount; b++)
        {
            BinStarts[b] = sum;
            sum += counts[b];
            counts[b] = BinStarts[b]; // from here on: where the bin's next entry goes
        }
        BinStarts[BinCount] = sum;
        if (BinItems.Length < EntryCount) BinItems = new uint[Math.Max(EntryCount, BinItems.Length * 2)];
        for (int i = 0; i < ItemCount; i++)
        {
            var r = _rects.AsSpan(4 * i, 4);
            if (r[0] > r[1]) continue;
            for (int by = r[2]; by <= r[3]; by++)
                for (int bx = r[0]; bx <= r[1]; bx++) BinItems[counts[by * BinsX + bx]++] = (uint)i;
        }
        return true;
    }

    public static uint Pack(Rgba8 c) => c.R | (uint)c.G << 8 | (uint)c.B << 16 | (uint)c.A << 24;
}
