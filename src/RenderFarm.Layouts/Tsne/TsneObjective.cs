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
    private double[] force = [];
    private double[] rowZ = [];

    public bool Partial => fixedPoints is not null;

    /// <summary>Writes the gradient at y into gradient; returns KL(P‖Q) for the unexaggerated P (averaged over points in partial mode).</summary>
    public double Gradient(double[] y, double exaggeration, double[] gradient)
    {
        int n = y.Length / dims;
        if (force.Length != y.Length)
        {
            force = new double[y.Length];
            rowZ = new double[n];
        }

        double z = repulsion.Compute(y, force, rowZ);
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

                // log(p / (w/Z)) = log p − log w + log Z; the log Z part is added once below.
                klRow += values[e] > 0 ? values[e] * (Math.Log(values[e]) + Math.Log(1 + d2)) : 0;
            }

            double zi = Partial ? rowZ[i] : z;
            for (int d = 0; d < dims; d++)
            {
                gradient[(i * dims) + d] = (exaggeration * attraction[d]) - (force[(i * dims) + d] / zi);
            }

            kl[i] = Partial ? klRow + (RowSum(values) * Math.Log(zi)) : klRow;
        });

        return Partial ? kl.Sum() / n : kl.Sum() + Math.Log(z);
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
