using System.Numerics;
using RenderFarm.Core.Colors;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// The grid of a <see cref="TerrainSurface"/>: node heights and colours interpolated from a 3-D
/// point layer by a normalised Gaussian splat. Each item adds its height and colour, bilinearly, to
/// the four nodes around it; both sums and the weights are blurred with a separable Gaussian; a node's
/// height is then Σ w·z / (Σ w + ε), so where items are dense it is their weighted mean and where
/// none are near it falls smoothly to the base (z = 0) instead of ending at a cliff. A separable
/// blur of the grid costs the same whatever the item count, so 70,000 items cost little more than 70.
/// The arrays belong to one renderer and are reused frame after frame.
/// </summary>
internal sealed class HeightField
{
    /// <summary>
    /// The normalising floor, in units of one lone item's peak weight (1): a lone item's node stands
    /// at 1 / (1 + ε) ≈ 91 % of its height, and the surface fades to the base where weights are small.
    /// </summary>
    private const float Epsilon = 0.1f;

    private float[] _sums = [];     // per node: z, r, g, b, weight (linear colour)
    private float[] _scratch = [];
    private float[] _kernel = [];

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
        Allocate(r);
        var positions = layer.Positions.Span;
        float minX = float.MaxValue, maxX = float.MinValue, minY = float.MaxValue, maxY = float.MinValue;
        for (int i = 0; i < n; i++)
        {
            float x = positions[i * dims], y = positions[i * dims + 1];
            (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
        }
        if (n == 0) (minX, maxX, minY, maxY) = (-1, 1, -1, 1);
        float extent = Math.Max(Math.Max(maxX - minX, maxY - minY), 1e-6f);
        // About one item spacing (extent / √n), never finer than 1/80 of the extent: a rolling
        // landscape rather than a spike under every item. Two σ of margin let the edge fall to the base.
        float sigma = Math.Max(extent / MathF.Sqrt(Math.Max(n, 1)), extent / 80);
        float margin = 2 * sigma;
        Origin = new Vector2(minX - margin, minY - margin);
        Cell = new Vector2((maxX - minX + 2 * margin) / (r - 1), (maxY - minY + 2 * margin) / (r - 1));

        Array.Clear(_sums);
        Splat(layer, positions, dims);
        Blur(sigma / Cell.X, horizontal: true);
        Blur(sigma / Cell.Y, horizontal: false);
        Normalise(surface.BaseColor);
    }

    private void Allocate(int resolution)
    {
        if (Resolution == resolution) return;
        Resolution = resolution;
        int nodes = resolution * resolution;
        _sums = new float[nodes * 5];
        _scratch = new float[nodes * 5];
        Heights = new float[nodes];
        Colors = new Rgba8[nodes];
    }

    private void Splat(PointLayer layer, ReadOnlySpan<float> positions, int dims)
    {
        int r = Resolution, n = layer.Count;
        var colors = layer.Colors.Span;
        for (int i = 0; i < n; i++)
        {
            float gx = (positions[i * dims] - Origin.X) / Cell.X, gy = (positions[i * dims + 1] - Origin.Y) / Cell.Y;
            float z = dims == 3 ? positions[i * dims + 2] : 0;
            var c = colors[colors.Length == n ? i : 0];
            float cr = FrameRenderer.SrgbToLinear(c.R), cg = FrameRenderer.SrgbToLinear(c.G), cb = FrameRenderer.SrgbToLinear(c.B);
            int x0 = Math.Clamp((int)MathF.Floor(gx), 0, r - 2), y0 = Math.Clamp((int)MathF.Floor(gy), 0, r - 2);
            float fx = Math.Clamp(gx - x0, 0, 1), fy = Math.Clamp(gy - y0, 0, 1);
            for (int corner = 0; corner < 4; corner++)
            {
                int dx = corner & 1, dy = corner >> 1;
                float w = (dx == 1 ? fx : 1 - fx) * (dy == 1 ? fy : 1 - fy);
                int node = ((y0 + dy) * r + x0 + dx) * 5;
                _sums[node] += w * z;
                _sums[node + 1] += w * cr;
                _sums[node + 2] += w * cg;
                _sums[node + 3] += w * cb;
                _sums[node + 4] += w;
            }
        }
    }

    /// <summary>One pass of the separable blur: an unnormalised Gaussian (peak 1), so a lone item's weight peaks at 1.</summary>
    private void Blur(float sigmaCells, bool horizontal)
    {
        int r = Resolution;
        int radius = Math.Min(r - 1, (int)MathF.Ceiling(3 * sigmaCells));
        if (_kernel.Length < radius + 1) _kernel = new float[radius + 1];
        for (int d = 0; d <= radius; d++) _kernel[d] = MathF.Exp(-d * d / (2 * sigmaCells * sigmaCells));

        Array.Clear(_scratch);
        for (int line = 0; line < r; line++)
        for (int at = 0; at < r; at++)
        {
            int source = (horizontal ? line * r + at : at * r + line) * 5;
            if (_sums[source + 4] == 0) continue;
            int from = Math.Max(0, at - radius), to = Math.Min(r - 1, at + radius);
            for (int other = from; other <= to; other++)
            {
                float k = _kernel[Math.Abs(other - at)];
                int target = (horizontal ? line * r + other : other * r + line) * 5;
                for (int c = 0; c < 5; c++) _scratch[target + c] += k * _sums[source + c];
            }
        }
        (_sums, _scratch) = (_scratch, _sums);
    }

    private void Normalise(Rgba8 baseColor)
    {
        float br = FrameRenderer.SrgbToLinear(baseColor.R), bg = FrameRenderer.SrgbToLinear(baseColor.G), bb = FrameRenderer.SrgbToLinear(baseColor.B);
        for (int node = 0; node < Heights.Length; node++)
        {
            int s = node * 5;
            float denominator = _sums[s + 4] + Epsilon;
            Heights[node] = _sums[s] / denominator;
            // The items' blend where they are, the base colour where they are not, then half-way to the base.
            float r = 0.5f * ((_sums[s + 1] + Epsilon * br) / denominator + br);
            float g = 0.5f * ((_sums[s + 2] + Epsilon * bg) / denominator + bg);
            float b = 0.5f * ((_sums[s + 3] + Epsilon * bb) / denominator + bb);
            Colors[node] = new Rgba8(LinearToSrgb(r), LinearToSrgb(g), LinearToSrgb(b));
        }
    }

    private static byte LinearToSrgb(float v)
    {
        v = Math.Clamp(v, 0, 1);
        double s = v <= 0.0031308 ? v * 12.92 : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055;
        return (byte)Math.Round(s * 255);
    }
}
