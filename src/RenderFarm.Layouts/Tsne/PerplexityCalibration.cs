using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// Per-point Gaussian bandwidths: for each row of neighbour distances, a binary search on the
/// precision β of p(j|i) ∝ exp(−β·d²ᵢⱼ) until the entropy (in nats) equals log(perplexity).
/// </summary>
internal static class PerplexityCalibration
{
    private const double Tolerance = 1e-5;
    private const int MaxSteps = 200;

    /// <summary>Conditional probabilities (rows of k summing to 1) from N × k distances; padded neighbours (−1) get 0.</summary>
    public static double[] Conditional(float[] distances, int[] neighbors, int k, double perplexity)
    {
        int n = distances.Length / k;
        var p = new double[distances.Length];
        double target = Math.Log(perplexity);
        Parallel.For(0, n, i => Row(distances.AsSpan(i * k, k), neighbors.AsSpan(i * k, k), target, p.AsSpan(i * k, k)));
        return p;
    }

    /// <summary>Fills one row; returns the entropy reached (nats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Row(ReadOnlySpan<float> distances, ReadOnlySpan<int> neighbors, double target, Span<double> p)
    {
        // Squared distances shifted by the smallest: the normalised row is unchanged, and exp never underflows to all zeros.
        Span<double> d2 = stackalloc double[distances.Length];
        double min = double.MaxValue;
        for (int j = 0; j < d2.Length; j++)
        {
            d2[j] = neighbors[j] >= 0 ? (double)distances[j] * distances[j] : double.PositiveInfinity;
            min = Math.Min(min, d2[j]);
        }

        for (int j = 0; j < d2.Length; j++)
        {
            d2[j] -= min;
        }

        double beta = 1, lo = 0, hi = double.PositiveInfinity, entropy = 0;
        for (int step = 0; step < MaxSteps; step++)
        {
            entropy = Evaluate(d2, beta, p);
            double error = entropy - target;
            if (Math.Abs(error) < Tolerance)
            {
                break;
            }

            // Too flat (entropy too high): sharpen by raising β; too peaked: lower it.
            if (error > 0)
            {
                lo = beta;
                beta = double.IsPositiveInfinity(hi) ? beta * 2 : (beta + hi) / 2;
            }
            else
            {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }

        return entropy;
    }

    /// <summary>
    /// Normalised p for precision β and its entropy H = log Σ e^{−βd²} + β·E[d²]. Padded
    /// neighbours (d² = ∞) get p = 0 and add nothing. Four exponentials at a time: the binary
    /// search runs this some thirty times per point, and the scalar Math.Exp was most of its cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Evaluate(ReadOnlySpan<double> d2, double beta, Span<double> p)
    {
        double sum = 0, weighted = 0;
        int j = 0;
        if (Vector256.IsHardwareAccelerated && p.Length >= d2.Length)
        {
            var sums = Vector256<double>.Zero;
            var weights = Vector256<double>.Zero;
            var betas = Vector256.Create(-beta);
            var infinity = Vector256.Create(double.PositiveInfinity);
            for (; j + Vector256<double>.Count <= d2.Length; j += Vector256<double>.Count)
            {
                var distances = Vector256.Create(d2.Slice(j, Vector256<double>.Count));
                var finite = ~Vector256.Equals(distances, infinity);
                var e = Vector256.Exp(betas * distances) & finite;
                e.CopyTo(p[j..]);
                sums += e;
                weights += Vector256.ConditionalSelect(finite, e * distances, Vector256<double>.Zero);
            }

            sum = Vector256.Sum(sums);
            weighted = Vector256.Sum(weights);
        }

        for (; j < d2.Length; j++)
        {
            if (double.IsPositiveInfinity(d2[j]))
            {
                p[j] = 0;
                continue;
            }

            p[j] = Math.Exp(-beta * d2[j]);
            sum += p[j];
            weighted += p[j] * d2[j];
        }

        for (j = 0; j < d2.Length; j++)
        {
            p[j] /= sum;
        }

        return Math.Log(sum) + (beta * weighted / sum);
    }
}
