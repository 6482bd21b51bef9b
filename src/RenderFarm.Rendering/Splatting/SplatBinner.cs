using System.Numerics;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Splatting;

/// <summary>
/// Sorts one layer's items into <see cref="BinSize"/>-pixel square screen bins for the splatting shaders:
/// a count, a prefix sum and a scatter, visiting items in draw order so each bin lists its items in
/// draw order too. Done on the CPU because it is cheap there (a few hundred thousand entries for
/// 70,000 small items, ~1–2 ms) and exact: no atomics, so the lists — and the pixels — are the
/// same whatever the threads do. Arrays are kept and reused from frame to frame.
/// </summary>
internal sealed class SplatBinner
{
    /// <summary>Bin side in pixels: the shaders' workgroup is one bin, one invocation per pixel.</summary>
    public const int BinSize = 8;

    private int[] _rects = [];      // per item: first and last bin column, first and last pixel row (x0 > x1: off the tile)
    private uint[] _cursor = [];

    public SplatItem[] Items { get; private set; } = [];
    public int ItemCount { get; private set; }

    /// <summary>
    /// One list per pixel row of each bin (an 8-pixel row segment): list l's items are
    /// ListItems[ListStarts[l] .. ListStarts[l + 1]). Per row, not per bin, because llvmpipe runs
    /// each row of a workgroup as one 8-lane vector with its own loop, and a masked-off lane costs
    /// as much as a busy one: a row that walks only the items touching it skips the rest.
    /// </summary>
    public uint[] ListStarts { get; private set; } = [];
    public uint[] ListItems { get; private set; } = [];
    public int EntryCount { get; private set; }

    /// <summary>Lists holding at least one item: EntryCount / UsedListCount is how deep items pile up where there are any.</summary>
    public int UsedListCount { get; private set; }

    public int BinsX { get; private set; }
    public int BinsY { get; private set; }
    public int BinCount => BinsX * BinsY;
    public int ListCount => BinCount * BinSize;

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
        if (ListStarts.Length < ListCount + 1) ListStarts = new uint[ListCount + 1];
        if (_cursor.Length < ListCount) _cursor = new uint[ListCount];

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
            Items[i] = new SplatItem { Extent = 0.5f * diameter };
            SetColor(ref Items[i], colors[colors.Length == 1 ? 0 : i]);
        }
    }

    private void FillSprites(SpriteLayer sprites, float scale)
    {
        var colors = sprites.Colors.Span;
        var cells = sprites.Cells.Span;
        var layout = sprites.Atlas.Layout;
        float side = sprites.Size * scale;
        float slotUv = (float)layout.Slot / layout.LayerSize, insetUv = (float)layout.Inset / layout.LayerSize;
        for (int i = 0; i < ItemCount; i++)
        {
            int cell = cells[i];
            if ((uint)cell >= (uint)layout.Count)
                throw new RenderingException($"Sprite {i} names atlas cell {cell}, but the atlas holds {layout.Count} thumbnails.");
            int inSheet = cell % layout.CellsPerSheet, slot = inSheet % layout.SlotsPerLayer;
            Items[i] = new SplatItem
            {
                Extent = 0.5f * side,
                U = slot % layout.SlotsPerRow * slotUv + insetUv,
                V = slot / layout.SlotsPerRow * slotUv + insetUv,
                Layer = inSheet / layout.SlotsPerLayer,
            };
            SetColor(ref Items[i], colors.IsEmpty ? new Rgba8(255, 255, 255) : colors[colors.Length == 1 ? 0 : i]);
        }
    }

    /// <summary>Centres in tile pixels (the viewport transform of the raster path), the bin columns and the pixel rows each item reaches.</summary>
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
            // Pixels whose centre (+0.5) lies within reach, clamped to the tile.
            float x0 = MathF.Ceiling(item.X - reach - 0.5f), x1 = MathF.Floor(item.X + reach - 0.5f);
            float y0 = MathF.Ceiling(item.Y - reach - 0.5f), y1 = MathF.Floor(item.Y + reach - 0.5f);
            if (!(item.Extent > 0 && x1 >= 0 && y1 >= 0 && x0 < width && y0 < height && x0 <= x1 && y0 <= y1))
            {
                rect[0] = 1; rect[1] = 0; // off the tile, NaN or empty
                continue;
            }
            rect[0] = (int)MathF.Max(0f, x0) / BinSize;
            rect[1] = (int)MathF.Min(width - 1f, x1) / BinSize;
            rect[2] = (int)MathF.Max(0f, y0);
            rect[3] = (int)MathF.Min(height - 1f, y1);
        }
    }

    /// <summary>List of the pixel row <paramref name="y"/> of bin column <paramref name="bx"/>: bins in row-major order, rows within a bin.</summary>
    private int List(int bx, int y) => ((y / BinSize * BinsX + bx) * BinSize) + y % BinSize;

    private bool Scatter(long maxEntries)
    {
        var counts = _cursor.AsSpan(0, ListCount);
        counts.Clear();
        long entries = 0;
        for (int i = 0; i < ItemCount; i++)
        {
            var r = _rects.AsSpan(4 * i, 4);
            if (r[0] > r[1]) continue;
            entries += (long)(r[1] - r[0] + 1) * (r[3] - r[2] + 1);
            if (entries > maxEntries) return false;
            for (int y = r[2]; y <= r[3]; y++)
                for (int bx = r[0]; bx <= r[1]; bx++) counts[List(bx, y)]++;
        }
        EntryCount = (int)entries;
        UsedListCount = 0;
        uint sum = 0;
        int used = 0;
        for (int l = 0; l < ListCount; l++)
        {
            if (counts[l] > 0) used++;
            ListStarts[l] = sum;
            sum += counts[l];
            counts[l] = ListStarts[l]; // from here on: where the list's next entry goes
        }
        ListStarts[ListCount] = sum;
        UsedListCount = used;
        if (ListItems.Length < EntryCount) ListItems = new uint[Math.Max(EntryCount, ListItems.Length * 2)];
        for (int i = 0; i < ItemCount; i++)
        {
            var r = _rects.AsSpan(4 * i, 4);
            if (r[0] > r[1]) continue;
            for (int y = r[2]; y <= r[3]; y++)
                for (int bx = r[0]; bx <= r[1]; bx++) ListItems[counts[List(bx, y)]++] = (uint)i;
        }
        return true;
    }

    private static readonly float[] Linear = Enumerable.Range(0, 256).Select(v => Srgb.ToLinear((byte)v)).ToArray();

    private static void SetColor(ref SplatItem item, Rgba8 c)
    {
        item.R = Linear[c.R];
        item.G = Linear[c.G];
        item.B = Linear[c.B];
        item.A = c.A / 255f;
    }

    public static uint Pack(Rgba8 c) => c.R | (uint)c.G << 8 | (uint)c.B << 16 | (uint)c.A << 24;
}
