namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// Barnes-Hut repulsion in 3-D (van der Maaten 2014): an <see cref="Octree"/> rebuilt every
/// iteration, each point's sums gathered in parallel into its own slots, so the result does not
/// depend on thread scheduling.
/// </summary>
internal sealed class BarnesHutRepulsion3D(double theta) : IRepulsion
{
    public double Compute(ReadOnlySpan<double> y, Span<double> force, Span<double> rowZ)
    {
        double[] points = y.ToArray();
        var tree = new Octree(points);
        var f = new double[points.Length];
        var z = new double[points.Length / 3];
        Parallel.For(0, z.Length, i => z[i] = tree.Repel(i, theta, f.AsSpan(3 * i, 3)));
        f.CopyTo(force);
        if (!rowZ.IsEmpty)
        {
            z.CopyTo(rowZ);
        }

        return z.Sum();
    }
}
