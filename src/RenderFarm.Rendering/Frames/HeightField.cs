using System.Numerics;
using System.Runtime.InteropServices;
using RenderFarm.Core.Colors;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// The grid of a <see cref="TerrainSurface"/>: node heights and colours interpolated from a 3-D
/// point layer by normalised Gaussian splats. Each item adds its height, squared height, colour and
/// weight, bilinearly, to the four nodes around it; the sums are blurred with a separable Gaussian
/// of about one item spacing (σ), so where items are dense a node holds their weighted mean and
/// spread. The ground lies a spread below the mean — under most spheres, so they stand on it
/// rather than sink into it — and never below the base, the lowest item. The weights are also
/// blurred three times wider: that coverage, against a twentieth of its peak, lowers the ground to
/// the base between and around the clusters over a few σ, as slopes rather than cliffs. Heights are
/// summed above the base, so squares keep their precision however far the layout lies from 0. A
/// separable blur costs the same whatever the item count, so 70,000 items cost little more than 70.
/// The arrays belong to one renderer and are reused frame after frame.
/// </summary>
internal sealed class HeightField
{
    /// <summary>
    /// The normalising floor, in units of one lone item's peak weight (1): it is how little weight
    /// counts as no items, where the wide mean and the base take over from the local one.
    /// </summary>
    private const float Epsilon = 0.1f;

    /// <summary>
    /// How many local spreads (weighted standard deviations of the items' heights) the ground lies
    /// below their local mean: most spheres then stand on or above it, and those a little below
    /// still show, as impostors are depth-tested at their nearest point.
    /// </summary>
    private const float Spreads = 1f;

    /// <summary>Per node: z·w, z²·w, r·w, g·w, b·w, w (linear colour) at σ.</summary>
    private const int Channels = 6;

    /// <summary>Per node: z·w, z²·w, w at the coverage scale.</summary>
    private const int WideChannels = 3;

    private float[] _sums = [];
    private float[] _wide = [];
    private float[] _scratch = [];
    private float[] _wideScratch = [];
    private float[] _kernel = [];

    /// <summary>What the field was last built from: an orbit or a hold redraws the same items, and the field changes only with them.</summary>
    private float[] _builtPositions = [];
    private Rgba8[] _builtColors = [];
    private TerrainSurface? _builtSurface;
    private int _builtDimensions;

    public int Resolution { get; private set; }

    /// <summary>Node (i, j) height, row j first: Heights[j · Resolution + i].</summary>
    public float[] Heights { get; private set; } = [];

    /// <summary>Node colours as sRGB bytes (what the shaders decode), same order as <see cref="Heights"/>.</summary>
    public Rgba8[] Colors { get; private set; } = [];

    /// <summary>World (x, y) of node (0, 0).</summary>
    public Vector2 Origin { get; private set; }

    /// <summary>World distance between neighbouring nodes along x and y.</summary>
    public Vector2 Cell { get; private set; }

    public void Build(PointLayer layer, TerrainSurface surface)
    {
        int r = surface.Resolution, n = layer.Count, dims = layer.Dimensions;
        var positions = layer.Positions.Span;
        if (Resolution == r && surface == _builtSurface && dims == _builtDimensions
            && positions.SequenceEqual(_builtPositions) && MemoryMarshal.AsBytes(layer.Colors.Span).SequenceEqual(MemoryMarshal.AsBytes(_builtColors.AsSpan())))
        {
            return;
        }

        Allocate(r);
        // Cleared first: a build that throws half-way must not pass for the last one.
        _builtSurface = null;
        float minX = float.MaxValue, maxX = float.MinValue, minY = float.MaxValue, maxY = float.MinValue, baseZ = float.MaxValue;
        for (int i = 0; i < n; i++)
        {
            float x = positions[i * dims], y = positions[i * dims + 1];
            (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
            baseZ = Math.Min(baseZ, dims == 3 ? positions[i * dims + 2] : 0);
        }
        if (n == 0) (minX, maxX, minY, maxY, baseZ) = (-1, 1, -1, 1, 0);
        float extent = Math.Max(Math.Max(maxX - minX, maxY - minY), 1e-6f);
        // About one item spacing (extent / √n), never finer than 1/80 of the extent: a rolling
        // landscape rather than a spike under every item. Coverage three times wider (at most a
        // tenth of the extent), with two of its σ of margin for the slopes down to the base.
        float sigma = Math.Max(extent / MathF.Sqrt(Math.Max(n, 1)), extent / 80);
        float wideSigma = Math.Max(sigma, Math.Min(3 * sigma, extent / 10));
        float margin = 2 * wideSigma;
        Origin = new Vector2(minX - margin, minY - margin);
        Cell = new Vector2((maxX - minX + 2 * margin) / (r - 1), (maxY - minY + 2 * margin) / (r - 1));

        Array.Clear(_sums);
        Splat(layer, positions, dims, baseZ);
        for (int node = 0; node < r * r; node++)
        {
            _wide[node * WideChannels] = _sums[node * Channels];
            _wide[node * WideChannels + 1] = _sums[node * Channels + 1];
            _wide[node * WideChannels + 2] = _sums[node * Channels + 5];
        }
        Blur(ref _sums, ref _scratch, Channels, sigma / Cell.X, horizontal: true);
        Blur(ref _sums, ref _scratch, Channels, sigma / Cell.Y, horizontal: false);
        Blur(ref _wide, ref _wideScratch, WideChannels, wideSigma / Cell.X, horizontal: true);
        Blur(ref _wide, ref _wideScratch, WideChannels, wideSigma / Cell.Y, horizontal: false);
        Normalise(baseZ, surface.BaseColor);
        // Copied into arrays kept from frame to frame: a morph rebuilds every frame.
        if (_builtPositions.Length != positions.Length) _builtPositions = new float[positions.Length];
        if (_builtColors.Length != layer.Colors.Length) _builtColors = new Rgba8[layer.Colors.Length];
        positions.CopyTo(_builtPositions);
        layer.Colors.Span.CopyTo(_builtColors);
        (_builtSurface, _builtDimensions) = (surface, dims);
    }

    private void Allocate(int resolution)
    {
        if (Resolution == resolution) return;
        Resolution = resolution;
        int nodes = resolution * resolution;
        _sums = new float[nodes * Channels];
        _wide = new float[nodes * WideChannels];
        _scratch = new float[nodes * Channels];
        _wideScratch = new float[nodes * WideChannels];
        Heights = new float[nodes];
        Colors = new Rgba8[nodes];
    }

    private void Splat(PointLayer layer, ReadOnlySpan<float> positions, int dims, float baseZ)
    {
        int r = Resolution, n = layer.Count;
        var colors = layer.Colors.Span;
        Span<float> values = stackalloc float[Channels];
        for (int i = 0; i < n; i++)
        {
            float gx = (positions[i * dims] - Origin.X) / Cell.X, gy = (positions[i * dims + 1] - Origin.Y) / Cell.Y;
            float z = (dims == 3 ? positions[i * dims + 2] : 0) - baseZ;
            var c = colors[colors.Length == n ? i : 0];
            values[0] = z;
            values[1] = z * z;
            values[2] = Srgb.ToLinear(c.R);
            values[3] = Srgb.ToLinear(c.G);
            values[4] = Srgb.ToLinear(c.B);
            values[5] = 1;
            int x0 = Math.Clamp((int)MathF.Floor(gx), 0, r - 2), y0 = Math.Clamp((int)MathF.Floor(gy), 0, r - 2);
            float fx = Math.Clamp(gx - x0, 0, 1), fy = Math.Clamp(gy - y0, 0, 1);
            for (int corner = 0; corner < 4; corner++)
            {
                int dx = corner & 1, dy = corner >> 1;
                float w = (dx == 1 ? fx : 1 - fx) * (dy == 1 ? fy : 1 - fy);
                int node = ((y0 + dy) * r + x0 + dx) * Channels;
                for (int ch = 0; ch < Channels; ch++) _sums[node + ch] += w * values[ch];
            }
        }
    }

    /// <summary>
    /// One pass of the separable blur of <paramref name="grid"/> (<paramref name="channels"/> floats
    /// a node) along rows or columns: an unnormalised Gaussian (peak 1), so a lone item's weight
    /// peaks at 1. The result is written to <paramref name="scratch"/> and the two swap.
    /// </summary>
    private void Blur(ref float[] grid, ref float[] scratch, int channels, float sigmaCells, bool horizontal)
    {
        int r = Resolution;
        int radius = Math.Min(r - 1, (int)MathF.Ceiling(3 * sigmaCells));
        if (_kernel.Length < radius + 1) _kernel = new float[radius + 1];
        for (int d = 0; d <= radius; d++) _kernel[d] = MathF.Exp(-d * d / (2 * sigmaCells * sigmaCells));

        var output = scratch;
        Array.Clear(output);
        int weight = channels - 1;
        for (int line = 0; line < r; line++)
        for (int at = 0; at < r; at++)
        {
            int source = (horizontal ? line * r + at : at * r + line) * channels;
            if (grid[source + weight] == 0) continue;
            int from = Math.Max(0, at - radius), to = Math.Min(r - 1, at + radius);
            for (int other = from; other <= to; other++)
            {
                float k = _kernel[Math.Abs(other - at)];
                int target = (horizontal ? line * r + other : other * r + line) * channels;
                for (int c = 0; c < channels; c++) output[target + c] += k * grid[source + c];
            }
        }
        (grid, scratch) = (output, grid);
    }

    private void Normalise(float baseZ, Rgba8 baseColor)
    {
        // Ground counts as covered where the wide weight reaches a twentieth of its peak: between
        // clusters of thousands of items the weight is far above a lone item's, yet it is empty ground.
        float peak = 0;
        for (int node = 0; node < Heights.Length; node++) peak = Math.Max(peak, _wide[node * WideChannels + 2]);
        float coverageFloor = Epsilon + 0.05f * peak;
        float br = Srgb.ToLinear(baseColor.R), bg = Srgb.ToLinear(baseColor.G), bb = Srgb.ToLinear(baseColor.B);
        for (int node = 0; node < Heights.Length; node++)
        {
            int s = node * Channels, wide = node * WideChannels;
            float wideWeight = _wide[wide + 2];
            float coverage = wideWeight / (wideWeight + coverageFloor);
            // Where σ-scale weight is thin, the wide mean and spread stand in for the local ones.
            float wideMean = wideWeight > 0 ? _wide[wide] / wideWeight : 0;
            float wideSquare = wideWeight > 0 ? _wide[wide + 1] / wideWeight : 0;
            float denominator = _sums[s + 5] + Epsilon;
            float mean = (_sums[s] + Epsilon * wideMean) / denominator;
            float variance = (_sums[s + 1] + Epsilon * wideSquare) / denominator - mean * mean;
            float ground = Math.Max(mean - Spreads * MathF.Sqrt(Math.Max(variance, 0)), 0);
            Heights[node] = baseZ + ground * coverage;
            // The items' blend where they are, the base colour where they are not, then half-way to the base.
            float r = 0.5f * ((_sums[s + 2] + Epsilon * br) / denominator + br);
            float g = 0.5f * ((_sums[s + 3] + Epsilon * bg) / denominator + bg);
            float b = 0.5f * ((_sums[s + 4] + Epsilon * bb) / denominator + bb);
            Colors[node] = new Rgba8(LinearToSrgb(r), LinearToSrgb(g), LinearToSrgb(b));
        }
    }

    private static byte LinearToSrgb(float v)
    {
        v = Math.Clamp(v, 0, 1);
        return (byte)Math.Round(Srgb.FromLinear(v) * 255);
    }
}
