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
    /// <summary>Whether each cell's phases are made, by cell × phases² + phase.</summary>
    private readonly bool[] _built;
    private readonly bool _nearestMip;
    private readonly StampMemory _memory;
    private readonly int _stampLength;

    public SpriteStamps(SpriteStampKey key, int phases, bool nearestMip)
    {
        Key = key;
        Phases = phases;
        _nearestMip = nearestMip;
        Footprint = Stamp.FootprintForSide(key.SidePx);
        _built = new bool[key.Atlas.Count * phases * phases];
        _stampLength = Stamp.Length(Footprint, key.HasColor, key.HasMask);
        _memory = new StampMemory((long)_built.Length * _stampLength);
        Shape = StampAt(0);
    }

    public SpriteStampKey Key { get; }

    /// <summary>Sub-pixel positions per axis: item edges snap to 1 / Phases of a pixel.</summary>
    public int Phases { get; }

    public int Footprint { get; }

    /// <summary>Bytes the set would hold with every cell at every phase.</summary>
    public static long FullBytes(SpriteStampKey key, int phases)
    {
        int n = Stamp.FootprintForSide(key.SidePx);
        return (long)key.Atlas.Count * phases * phases * Stamp.Length(n, key.HasColor, key.HasMask) * 2;
    }

    /// <summary>The first stamp, made or not: every stamp of the set has its shape and memory.</summary>
    public Stamp Shape { get; }

    public bool IsBuilt(int index) => _built[index];

    /// <summary>Where stamp <paramref name="index"/> (cell × phases² + phase) lies, made or not.</summary>
    public unsafe ushort* PixelsOf(int index) => _memory.At((long)index * _stampLength);

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
                for (int phase = 0; phase < perCell; phase++)
                {
                    Make(sampler, StampAt(cell * perCell + phase), phase);
                    _built[cell * perCell + phase] = true;
                }
                return sampler;
            }, samplers.Add);
    }

    private Stamp StampAt(int index) => new(Footprint, Key.HasColor, Key.HasMask, _memory, (long)index * _stampLength);

    private void Make(AtlasCellSampler sampler, Stamp stamp, int phase)
    {
        float side = Key.SidePx;
        int n = Footprint;
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
    }
}
