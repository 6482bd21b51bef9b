using System.Collections.Concurrent;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Managed;

/// <summary>
/// The stamps of one sprite layer's look (<see cref="SpriteStampKey"/>): per atlas cell and
/// sub-pixel phase, made the first time an item needs them and kept for later frames — during a
/// video the size does not change, so each cell is resampled once, not once per frame. All of
/// them lie in one <see cref="StampMemory"/>, a cell's phases side by side.
/// </summary>
internal sealed class SpriteStamps
{
    private readonly Stamp?[] _stamps;
    private readonly bool _nearestMip;
    private readonly StampMemory _memory;
    private readonly int _stampLength;

    public SpriteStamps(SpriteStampKey key, int phases, bool nearestMip)
    {
        Key = key;
        Phases = phases;
        _nearestMip = nearestMip;
        Footprint = Stamp.FootprintForSide(key.SidePx);
        _stamps = new Stamp?[key.Atlas.Count * phases * phases];
        _stampLength = Stamp.Length(Footprint, !key.MaskOnly, key.MaskOnly || key.HasBorder);
        _memory = new StampMemory((long)_stamps.Length * _stampLength);
    }

    public SpriteStampKey Key { get; }

    /// <summary>Sub-pixel positions per axis: item edges snap to 1 / Phases of a pixel.</summary>
    public int Phases { get; }

    public int Footprint { get; }

    /// <summary>Bytes the set would hold with every cell at every phase.</summary>
    public static long FullBytes(SpriteStampKey key, int phases)
    {
        int n = Stamp.FootprintForSide(key.SidePx);
        return (long)key.Atlas.Count * phases * phases * Stamp.Length(n, !key.MaskOnly, key.MaskOnly || key.HasBorder) * 2;
    }

    public Stamp? Get(int cell, int phase) => _stamps[cell * Phases * Phases + phase];

    /// <summary>
    /// Makes every phase of the cells listed (no repeats), in parallel: a cell is resampled once,
    /// and a moving item then finds its stamp whatever phase it reaches in later frames.
    /// </summary>
    public void Build(IReadOnlyList<int> cells)
    {
        if (cells.Count == 0) return;

        var atlas = Key.Atlas;
        var samplers = new ConcurrentBag<AtlasCellSampler>();
        int perCell = Phases * Phases;
        Parallel.For(0, cells.Count, () => samplers.TryTake(out var s) ? s : new AtlasCellSampler(atlas.Thumbnails, atlas.Layout, atlas.DecodeInShader),
            (i, _, sampler) =>
            {
                int cell = cells[i];
                sampler.Load(cell);
                for (int phase = 0; phase < perCell; phase++) _stamps[cell * perCell + phase] = Make(sampler, cell * perCell + phase, phase);
                return sampler;
            }, samplers.Add);
    }

    private Stamp Make(AtlasCellSampler sampler, int index, int phase)
    {
        float side = Key.SidePx;
        int n = Footprint;
        var stamp = new Stamp(n, hasColor: !Key.MaskOnly, hasMask: Key.MaskOnly || Key.HasBorder, _memory, (long)index * _stampLength);
        var lod = sampler.LevelFor(side, _nearestMip);
        float fx = (phase % Phases + 0.5f) / Phases, fy = (phase / Phases + 0.5f) / Phases; // the middle of the phase
        float texelsPerPixel = sampler.CellSize / side;
        for (int row = 0; row < n; row++)
        {
            float dy = row + 0.5f - fy; // from the sprite's top edge to this pixel centre
            if (dy < 0 || dy >= side) continue;
            for (int col = 0; col < n; col++)
            {
                float dx = col + 0.5f - fx;
                if (dx < 0 || dx >= side) continue;
                if (Key.HasBorder)
                {
                    float lx = dx / side * 2 - 1, ly = dy / side * 2 - 1;
                    float fromEdgePx = (1 - MathF.Max(MathF.Abs(lx), MathF.Abs(ly))) * 0.5f * side;
                    if (fromEdgePx < Key.BorderPx)
                    {
                        stamp.SetMask(row, col, 1f);
                        continue;
                    }
                }
                var (r, g, b, a) = sampler.Sample(dx * texelsPerPixel, dy * texelsPerPixel, lod);
                if (Key.Mode == SpriteMode.Threshold)
                {
                    float luminance = 0.2126f * r + 0.7152f * g + 0.0722f * b;
                    a *= Math.Clamp(luminance / Key.ThresholdLinear, 0f, 1f);
                }
                if (Key.MaskOnly)
                {
                    stamp.SetMask(row, col, a);
                    continue;
                }
                stamp.SetColor(row, col, r * a, g * a, b * a, a);
            }
        }
        return stamp;
    }
}
