namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// Repulsion of moving new points by the fixed layout only, summed exactly (the new points are
/// few): forces Σⱼ wᵢⱼ²(yᵢ − yⱼ) and Zᵢ = Σⱼ wᵢⱼ over the fixed points j.
/// </summary>
internal sealed class ReferenceRepulsion(double[] fixedPoints, int dims) : IRepulsion
{
    public double Compute(ReadOnlySpan<double> y, Span<double> force, Span<double> rowZ)
    {
        double[] points = y.ToArray();
        var f = new double[points.Length];
        var z = new double[points.Length / dims];
        int count = fixedPoints.Length / dims;
        Parallel.For(0, z.Length, i =>
        {
            Span<double> diff = stackalloc double[dims];
            double zi = 0;
            for (int j = 0; j < count; j++)
            {
                double d2 = 0;
                for (int d = 0; d < dims; d++)
                {
                    diff[d] = points[(i * dims) + d] - fixedPoints[(j * dims) + d];
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
