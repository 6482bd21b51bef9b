using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Layouts.Tests.Tsne;

public sealed class RepulsionTests
{
    /// <summary>
    /// Spread 1 (a span of about 8) sits under the box floor, with boxes well under 1 wide; spread 5
    /// (a span of about 40) gets boxes of the full width 1, FIt-SNE's accuracy for every grown
    /// layout (about 2–5 % RMS force error against the exact sum).
    /// </summary>
    [Theory]
    [InlineData(1.0, 1e-2)]
    [InlineData(5.0, 3e-2)]
    public void FftRepulsion2D_RandomPoints_MatchesExactForceFieldAndZ(double spread, double tolerance)
    {
        double[] y = Points(1000, 2, spread, seed: 3);

        (double[] force, double z) = Run(new FftRepulsion2D(), y);
        (double[] exact, double exactZ) = Run(new ExactRepulsion(2), y);

        Assert.True(RelativeError(force, exact) < tolerance, $"force error {RelativeError(force, exact):E2}");
        Assert.True(Math.Abs(z - exactZ) / exactZ < 5e-3, $"Z {z} vs {exactZ}");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(5.0)]
    [InlineData(12.0)]
    public void FftRepulsion2D_WithoutRowSums_TotalZMatchesExactAndRowSumsAgree(double spread)
    {
        double[] y = Points(1000, 2, spread, seed: 6);
        var repulsion = new FftRepulsion2D();
        var rowZ = new double[y.Length / 2];

        // Z from the charge spectrum alone (Parseval), then from the interpolated per-point sums.
        double z = repulsion.Compute(y, new double[y.Length], Span<double>.Empty);
        double zFromRows = repulsion.Compute(y, new double[y.Length], rowZ);
        (_, double exactZ) = Run(new ExactRepulsion(2), y);

        Assert.True(Math.Abs(z - exactZ) / exactZ < 5e-3, $"Z {z} vs {exactZ}");
        // The two routes agree to the single-precision grid's rounding (observed ≈ 2·10⁻⁸ relative).
        Assert.Equal(zFromRows, z, Math.Abs(z) * 1e-6);
        Assert.Equal(zFromRows, rowZ.Sum(), Math.Abs(z) * 1e-6);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(20.0)]
    public void BarnesHutRepulsion3D_RandomPoints_MatchesExactForceFieldAndZ(double spread)
    {
        double[] y = Points(1000, 3, spread, seed: 4);

        (double[] force, double z) = Run(new BarnesHutRepulsion3D(0.5), y);
        (double[] exact, double exactZ) = Run(new ExactRepulsion(3), y);

        Assert.True(RelativeError(force, exact) < 2e-2, $"force error {RelativeError(force, exact):E2}");
        Assert.True(Math.Abs(z - exactZ) / exactZ < 1e-2, $"Z {z} vs {exactZ}");
    }

    [Fact]
    public void BarnesHutRepulsion3D_ThetaZero_EqualsExact()
    {
        double[] y = Points(300, 3, 5, seed: 5);

        (double[] force, double z) = Run(new BarnesHutRepulsion3D(0), y);
        (double[] exact, double exactZ) = Run(new ExactRepulsion(3), y);

        Assert.True(RelativeError(force, exact) < 1e-12, $"force error {RelativeError(force, exact):E2}");
        Assert.Equal(exactZ, z, exactZ * 1e-12);
    }

    /// <summary>Gaussian blobs of various widths, so both near and far interactions matter.</summary>
    private static double[] Points(int n, int dims, double spread, int seed)
    {
        var random = new Random(seed);
        var y = new double[n * dims];
        for (int i = 0; i < n; i++)
        {
            double scale = spread * (1 + (i % 5)) / 5;
            for (int d = 0; d < dims; d++)
            {
                y[(i * dims) + d] = ((i % 3) * spread / 2) + (scale * Synthetic.Normal(random));
            }
        }

        return y;
    }

    private static (double[] Force, double Z) Run(IRepulsion repulsion, double[] y)
    {
        var force = new double[y.Length];
        double z = repulsion.Compute(y, force, new double[y.Length]);
        return (force, z);
    }

    /// <summary>‖a − b‖ / ‖b‖ over the whole field.</summary>
    private static double RelativeError(double[] a, double[] b)
    {
        double num = 0, den = 0;
        for (int c = 0; c < a.Length; c++)
        {
            num += (a[c] - b[c]) * (a[c] - b[c]);
            den += b[c] * b[c];
        }

        return Math.Sqrt(num / den);
    }
}
