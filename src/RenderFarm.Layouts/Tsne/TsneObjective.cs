using System.Runtime.CompilerServices;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// The KL divergence KL(P‖Q) and its gradient, without the constant factor 4 (openTSNE's
/// convention, which its "auto" learning rate assumes): attraction α·Σⱼ pᵢⱼwᵢⱼ(yᵢ − yⱼ) from the
/// sparse P, minus repulsion Σⱼ wᵢⱼ²(yᵢ − yⱼ)/Z.
/// Joint mode: P is N × N over the moving points and Z sums all pairs. Partial mode (new points
/// added to a fixed layout): P is M × N from each new point to the fixed points, each row a
/// distribution of its own, so each point is normalised by its own Zᵢ and the new points neither
/// attract nor repel one another.
/// </summary>
internal sealed class TsneObjective(SparseAffinities p, IRepulsion repulsion, int dims, double[]? fixedPoints = null)
{
    /// <summary>Σⱼ pᵢⱼ·log pᵢⱼ per row: the constant part of the KL divergence, computed once.</summary>
    private readonly double[] rowEntropyTerms = RowEntropyTerms(p);

    /// <summary>Σᵢⱼ pᵢⱼ·log pᵢⱼ.</summary>
    private readonly double entropy = RowEntropyTerms(p).Sum();
    private double[] force = [];
    private double[] rowZ = [];

    public bool Partial => fixedPoints is not null;

    /// <summary>
    /// Writes the gradient at y into gradient; with <paramref name="withKl"/>, returns KL(P‖Q)
    /// for the unexaggerated P (averaged over points in partial mode), otherwise null: its log per
    /// edge would cost more than the rest of the attraction.
    /// </summary>
    public double? Gradient(double[] y, double exaggeration, double[] gradient, bool withKl)
    {
        int n = y.Length / dims;
        if (force.Length != y.Length)
        {
            force = new double[y.Length];
            rowZ = new double[n];
        }

        // Only partial mode normalises each point by its own Zᵢ; joint mode needs just the total.
        double z = repulsion.Compute(y, force, Partial ? rowZ : Span<double>.Empty);
        if (dims == 2 && !Partial)
        {
            Attraction2D.Gradient(p, y, force, z, exaggeration, gradient);
            return withKl ? entropy + Attraction2D.LogKernelSum(p, y) + Math.Log(z) : null;
        }

        double[] targets = fixedPoints ?? y;
        var kl = new double[n];
        Parallel.For(0, n, i =>
        {
            Span<double> attraction = stackalloc double[dims];
            attraction.Clear();
            ReadOnlySpan<int> columns = p.ColumnsOf(i);
            ReadOnlySpan<double> values = p.ValuesOf(i);
            double klRow = 0;
            for (int e = 0; e < columns.Length; e++)
            {
                int j = columns[e];
                double d2 = 0;
                for (int d = 0; d < dims; d++)
                {
                    double diff = y[(i * dims) + d] - targets[(j * dims) + d];
                    d2 += diff * diff;
                }

                double w = 1 / (1 + d2);
                double pw = values[e] * w;
                for (int d = 0; d < dims; d++)
                {
                    attraction[d] += pw * (y[(i * dims) + d] - targets[(j * dims) + d]);
                }

                // log(p / (w/Z)) = log p − log w + log Z; the log p and log Z parts are added below.
                if (withKl)
                {
                    klRow += values[e] * Math.Log(1 + d2);
                }
            }

            double zi = Partial ? rowZ[i] : z;
            for (int d = 0; d < dims; d++)
            {
                gradient[(i * dims) + d] = (exaggeration * attraction[d]) - (force[(i * dims) + d] / zi);
            }

            if (withKl)
            {
                kl[i] = rowEntropyTerms[i] + klRow + (Partial ? RowSum(values) * Math.Log(zi) : 0);
            }
        });

        return !withKl ? null : Partial ? kl.Sum() / n : kl.Sum() + Math.Log(z);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] RowEntropyTerms(SparseAffinities p)
    {
        var terms = new double[p.Rows];
        for (int i = 0; i < p.Rows; i++)
        {
            foreach (double v in p.ValuesOf(i))
            {
                terms[i] += v > 0 ? v * Math.Log(v) : 0;
            }
        }

        return terms;
    }

    private static double RowSum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum;
    }
}
