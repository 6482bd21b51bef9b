using System.Numerics;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Managed;

/// <summary>Where items land: positions to pixels of the whole image, snapped to a sub-pixel phase.</summary>
internal sealed unsafe partial class ManagedSplatter
{
    /// <summary>
    /// Sub-pixel phases per axis for sprites, most first, with the stamp memory each may take: an
    /// eighth of a pixel for small atlases, a quarter or half a pixel for big ones (70,000
    /// thumbnails at 12 px get half: 116 MB). Snapping moves an edge by at most half a phase.
    /// </summary>
    private static readonly (int Phases, long MaxBytes)[] SpritePhaseChoices =
        [(16, StampBudgetBytes / 64), (8, StampBudgetBytes / 16), (4, StampBudgetBytes / 4), (2, StampBudgetBytes)];

    /// <summary>Discs are a few stamps per size: a sixteenth of a pixel costs nothing.</summary>
    private const int PointPhases = 16;

    private SpriteStamps? SpriteStampsFor(SpriteLayer layer, float pixelsPerUnit)
    {
        var key = SpriteStampKey.For(layer, SizePx(layer, pixelsPerUnit));
        if (_spriteStamps.TryGetValue(key, out var stamps)) return stamps;
        foreach (var (phases, maxBytes) in SpritePhaseChoices)
        {
            if (SpriteStamps.FullBytes(key, phases) > maxBytes) continue;
            // All looks kept stay within the budget together (a video uses one per layer): older
            // ones go first when a new one would not fit beside them.
            long kept = _spriteStamps.Values.Sum(set => SpriteStamps.FullBytes(set.Key, set.Phases));
            if (kept + SpriteStamps.FullBytes(key, phases) > StampBudgetBytes) _spriteStamps.Clear();
            return _spriteStamps[key] = new SpriteStamps(key, phases, _nearestMip);
        }
        return null;
    }

    /// <summary>An item's position in pixels of the whole image (x right, y down), from the full image's clip transform.</summary>
    private static Vector2 ToPixels(ReadOnlySpan<float> positions, int item, int dims, Matrix4x4 toClip, FrameTile area)
    {
        int b = item * dims;
        var clip = Vector4.Transform(new Vector4(positions[b], positions[b + 1], dims == 3 ? positions[b + 2] : 0, 1), toClip);
        return new Vector2((clip.X * 0.5f + 0.5f) * area.ImageWidth, (clip.Y * 0.5f + 0.5f) * area.ImageHeight);
    }

    /// <summary>
    /// Which 1/<paramref name="phases"/> of a pixel <paramref name="pixel"/> falls in: the whole
    /// pixel and the phase. Stamps are made for the middle of their phase, so content moves by at
    /// most half a phase; and with an even number of phases the half-pixel mark is a phase
    /// boundary, so a sprite edge covers exactly the pixel centres it covers on the raster path.
    /// </summary>
    private static (int Whole, int Phase) Snap(float pixel, int phases)
    {
        double q = Math.Floor((double)pixel * phases);
        if (!(Math.Abs(q) < 1e9)) return (int.MinValue / 2, 0); // far off screen (or NaN): culled
        long steps = (long)q;
        long whole = (long)Math.Floor((double)steps / phases);
        return ((int)whole, (int)(steps - whole * phases));
    }

    private void PlacePoints(PointLayer layer, PlacedLayer placed, Matrix4x4 toClip, FrameTile area, float pixelsPerUnit)
    {
        int n = layer.Count;
        placed.Reset(n);
        float size = SizePx(layer, pixelsPerUnit);
        if (!_discStamps.TryGetValue(size, out var discs))
        {
            if (_discStamps.Count >= 16) _discStamps.Clear();
            discs = _discStamps[size] = new DiscStamps(size, PointPhases);
        }
        SetTints(placed, layer.Colors.Span, n, opaque: false);
        placed.Shape = discs.Get(0);
        var positions = layer.Positions.Span;
        var rect = area.Rect;
        for (int i = 0; i < n; i++)
        {
            var p = ToPixels(positions, i, layer.Dimensions, toClip, area);
            var (cx, phx) = Snap(p.X, PointPhases);
            var (cy, phy) = Snap(p.Y, PointPhases);
            int x = cx - discs.Reach - rect.X, y = cy - discs.Reach - rect.Y;
            if (!Visible(x, y, discs.Footprint, rect)) continue;
            placed.X[i] = x;
            placed.Y[i] = y;
            placed.Pixels[i] = (nint)discs.Get(phy * PointPhases + phx).Pixels;
        }
    }

    private void PlaceSprites(SpriteLayer layer, PlacedLayer placed, Matrix4x4 toClip, FrameTile area, SpriteStamps stamps)
    {
        int n = layer.Count;
        placed.Reset(n);
        var key = stamps.Key;
        SetTints(placed, layer.Colors.Span, n, opaque: key.HasBorder);
        var cells = layer.Cells.Span;
        var positions = layer.Positions.Span;
        var rect = area.Rect;
        int phases = stamps.Phases, perCell = phases * phases, footprint = stamps.Footprint;
        float half = key.SidePx / 2;
        placed.Shape = stamps.Shape;
        _pending.Clear();
        for (int i = 0; i < n; i++)
        {
            int cell = cells[i];
            if ((uint)cell >= (uint)key.Atlas.Count)
                throw new RenderingException($"Sprite {i} names atlas cell {cell}, but the atlas holds {key.Atlas.Count} thumbnails.");
            var p = ToPixels(positions, i, layer.Dimensions, toClip, area);
            var (lx, phx) = Snap(p.X - half, phases);
            var (ty, phy) = Snap(p.Y - half, phases);
            int x = lx - rect.X, y = ty - rect.Y;
            if (!Visible(x, y, footprint, rect)) continue;
            placed.X[i] = x;
            placed.Y[i] = y;
            int index = cell * perCell + phy * phases + phx;
            placed.Pixels[i] = (nint)stamps.PixelsOf(index);
            if (!stamps.IsBuilt(index)) _pending.Add((i, index)); // made below, all cells at once and in parallel
        }
        if (_pending.Count == 0) return;
        stamps.Build(_pending.Select(p => p.Index / perCell).Distinct().ToList());
    }

    private static bool Visible(int x, int y, int footprint, Frames.PixelRect rect) =>
        x + footprint > 0 && x < rect.Width && y + footprint > 0 && y < rect.Height;

    private static void SetTints(PlacedLayer placed, ReadOnlySpan<RenderFarm.Core.Colors.Rgba8> colors, int n, bool opaque)
    {
        placed.OneTint = colors.Length <= 1;
        int count = placed.OneTint ? 1 : n;
        placed.SetTints(count);
        if (colors.Length == 0)
        {
            placed.Tints[0] = default;
            return;
        }
        for (int i = 0; i < count; i++) placed.Tints[i] = Premultiplied(colors[i], opaque);
    }
}
