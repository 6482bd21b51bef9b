namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// The O(N²) repulsion, summing every pair directly in any dimension. The reference the
/// approximations are checked against, and fast enough by itself for a few thousand points.
/// </summary>
internal sealed class ExactRepulsion(int dims) : IRepulsion
{
    public double Compute(ReadOnlySpan<double> y, Span<double> force, Span<double> rowZ)
    {
        double[] points = y.ToArray();
        var f = new double[points.Length];
        var z = new double[points.Length / dims];
        Parallel.For(0, z.Length, i =>
        {
            Span<double> diff = stackalloc double[dims];
            double zi = 0;
            for (int j = 0; j < z.Length; j++)
            {
                if (j == i)
                {
                    continue;
                }

                double d2 = 0;
                for (int d = 0; d < dims; d++)
                {
                    diff[d] = points[(i * dims) + d] - points[(j * dims) + d];
                    d2 += diff[d] * diff[d];
                }

                double w = 1 / (1 + d2);
                zi += w;
                for (int d = 0; d < dims; d++)
                {
                    f[(i * dims) + d] += w * w * diff[d];
                }
            }

            z[i] = zi;
        });
        f.CopyTo(force);
        z.CopyTo(rowZ);
        return z.Sum();
    }
}
