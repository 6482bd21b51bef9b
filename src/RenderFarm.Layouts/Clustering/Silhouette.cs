using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Clustering;

/// <summary>
/// The silhouette coefficient (Rousseeuw 1987) with scikit-learn's conventions: for point i, a is
/// the mean distance to the other members of its cluster, b the smallest mean distance to another
/// cluster, s = (b − a)/max(a, b), and s = 0 for a point alone in its cluster.
/// </summary>
public static class Silhouette
{
    /// <summary>Up to this many points the score is exact: N² distances are still cheap.</summary>
    public const int DefaultExactLimit = 5000;

    /// <summary>Points scored when the data is larger than the exact limit.</summary>
    public const int DefaultSampleSize = 5000;

    /// <summary>
    /// The mean silhouette of <paramref name="labels"/> (any integers; each value is a cluster) on
    /// the rows of <paramref name="points"/>, exact up to <paramref name="exactLimit"/> rows and
    /// otherwise estimated from <paramref name="sampleSize"/> rows drawn with <paramref name="seed"/>.
    /// Unlike scikit-learn's sample_size, which rescores a sub-dataset, each sampled point is scored
    /// against all N points (cost sample × N), so its s is the exact one.
    /// </summary>
    /// <exception cref="LayoutException">labels has the wrong length or fewer than 2 or more than N − 1 distinct values; bad sampleSize.</exception>
    public static SilhouetteResult Score(Matrix points, int[] labels, int seed, int exactLimit = DefaultExactLimit, int sampleSize = DefaultSampleSize)
    {
        int n = points.Rows;
        if (labels.Length != n)
        {
            throw new LayoutException($"labels has {labels.Length} entries for {n} points.");
        }

        int[] dense = Densify(labels, out int clusters);
        if (clusters < 2 || clusters > n - 1)
        {
            throw new LayoutException($"labels must name between 2 and {n - 1} clusters for a silhouette, got {clusters}.");
        }

        if (sampleSize < 1)
        {
            throw new LayoutException($"sampleSize must be at least 1, got {sampleSize}.");
        }

        var sizes = new int[clusters];
        foreach (int label in dense)
        {
            sizes[label]++;
        }

        bool exact = n <= exactLimit || sampleSize >= n;
        int[] evaluated = exact ? Enumerable.Range(0, n).ToArray() : Sampling.WithoutReplacement(n, sampleSize, seed);
        var scores = new double[evaluated.Length];
        Parallel.For(0, evaluated.Length, e => scores[e] = PointScore(points, dense, sizes, evaluated[e]));
        return new SilhouetteResult(scores.Average(), evaluated.Length, exact);
    }

    internal static double PointScore(Matrix points, int[] labels, int[] sizes, int i)
    {
        int own = labels[i];
        if (sizes[own] == 1)
        {
            return 0;
        }

        var sums = new double[sizes.Length];
        ReadOnlySpan<float> row = points.Row(i);
        for (int j = 0; j < points.Rows; j++)
        {
            sums[labels[j]] += PointDistance.Euclidean(row, points.Row(j));
        }

        double a = sums[own] / (sizes[own] - 1);
        double b = double.PositiveInfinity;
        for (int c = 0; c < sizes.Length; c++)
        {
            if (c != own && sizes[c] > 0)
            {
                b = Math.Min(b, sums[c] / sizes[c]);
            }
        }

        double spread = Math.Max(a, b);
        return spread > 0 ? (b - a) / spread : 0;
    }

    private static int[] Densify(int[] labels, out int clusters)
    {
        var ids = new Dictionary<int, int>();
        var dense = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (!ids.TryGetValue(labels[i], out int id))
            {
                id = ids.Count;
                ids[labels[i]] = id;
            }

            dense[i] = id;
        }

        clusters = ids.Count;
        return dense;
    }
}
