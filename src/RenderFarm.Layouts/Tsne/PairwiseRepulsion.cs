namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// Exact t-SNE repulsion of moving points by a set of sources, any dimension: forces
/// Σⱼ wᵢⱼ²(yᵢ − yⱼ) and Zᵢ = Σⱼ wᵢⱼ with wᵢⱼ = 1/(1 + |yᵢ − yⱼ|²). The sources are either the
/// moving points themselves (self excluded) or a fixed layout.
/// </summary>
internal static class PairwiseRepulsion
{
    /// <summary>Returns Z = Σᵢ Zᵢ; <paramref name="sources"/> null means the points repel each other.</summary>
    public static double Sum(ReadOnlySpan<double> y, double[]? sources, int dims, Span<double> force, Span<double> rowZ)
    {
        double[] points = y.ToArray();
        double[] others = sources ?? points;
        bool self = sources is null;
        var f = new double[points.Length];
        var z = new double[points.Length / dims];
        int count = others.Length / dims;
        Parallel.For(0, z.Length, i =>
        {
            Span<double> diff = stackalloc double[dims];
            double zi = 0;
            for (int j = 0; j < count; j++)
            {
                if (self && j == i)
                {
                    continue;
                }

                double d2 = 0;
                for (int d = 0; d < dims; d++)
                {
                    diff[d] = points[(i * dims) + d] - others[(j * dims) + d];
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
        if (!rowZ.IsEmpty)
        {
            z.CopyTo(rowZ);
        }

        return z.Sum();
    }
}
