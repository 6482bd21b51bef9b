using System.Numerics.Tensors;
using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Tests.Umap;

/// <summary>Brute-force quality measures of a layout: trustworthiness and k-NN label accuracy.</summary>
internal static class LayoutQuality
{
    /// <summary>
    /// Trustworthiness T(k) (Venna &amp; Kaski, as sklearn computes it) over the first
    /// <paramref name="sample"/> points: 1 minus a penalty for every layout neighbour that is not a
    /// data neighbour, weighted by how far down the data ranking it sits.
    /// </summary>
    /// <param name="layout">N × dims coordinates.</param>
    public static double Trustworthiness(Matrix data, float[] layout, int dims, int k, int sample)
    {
        int n = Math.Min(sample, data.Rows);
        long penalty = 0;
        object gate = new();
        Parallel.For(0, n, i =>
        {
            // Rank (1 = nearest) of every sample point by data distance from i.
            int[] byData = Order(n, i, j => TensorPrimitives.Distance(data.Row(i), data.Row(j)));
            var rank = new int[n];
            for (int r = 0; r < byData.Length; r++)
            {
                rank[byData[r]] = r + 1;
            }

            int[] byLayout = Order(n, i, j => LayoutDistance(layout, dims, i, j));
            long local = 0;
            for (int r = 0; r < k; r++)
            {
                local += Math.Max(0, rank[byLayout[r]] - k);
            }

            lock (gate)
            {
                penalty += local;
            }
        });
        return 1.0 - (2.0 * penalty / (n * k * ((2.0 * n) - (3.0 * k) - 1.0)));
    }

    /// <summary>Fraction of points whose k nearest other layout points' majority label is their own.</summary>
    public static double KnnAccuracy(float[] layout, int dims, int[] labels, int k)
    {
        int n = labels.Length;
        int correct = 0;
        Parallel.For(0, n, i =>
        {
            int[] nearest = Order(n, i, j => LayoutDistance(layout, dims, i, j))[..k];
            if (Majority(nearest.Select(j => labels[j])) == labels[i])
            {
                Interlocked.Increment(ref correct);
            }
        });
        return correct / (double)n;
    }

    /// <summary>Fraction of query points whose k nearest reference points' majority label is their own.</summary>
    public static double KnnAccuracy(float[] query, int[] queryLabels, float[] reference, int[] referenceLabels, int dims, int k)
    {
        int correct = 0;
        Parallel.For(0, queryLabels.Length, i =>
        {
            var distances = new float[referenceLabels.Length];
            for (int j = 0; j < distances.Length; j++)
            {
                distances[j] = TensorPrimitives.Distance(query.AsSpan(i * dims, dims), reference.AsSpan(j * dims, dims));
            }

            int[] order = Enumerable.Range(0, distances.Length).OrderBy(j => distances[j]).Take(k).ToArray();
            if (Majority(order.Select(j => referenceLabels[j])) == queryLabels[i])
            {
                Interlocked.Increment(ref correct);
            }
        });
        return correct / (double)queryLabels.Length;
    }

    /// <summary>Other points 0..n−1 sorted by the given distance from point i (self left out).</summary>
    private static int[] Order(int n, int i, Func<int, float> distance)
    {
        int[] others = Enumerable.Range(0, n).Where(j => j != i).ToArray();
        float[] keys = others.Select(distance).ToArray();
        Array.Sort(keys, others);
        return others;
    }

    private static float LayoutDistance(float[] layout, int dims, int i, int j) =>
        TensorPrimitives.Distance(layout.AsSpan(i * dims, dims), layout.AsSpan(j * dims, dims));

    private static int Majority(IEnumerable<int> labels) =>
        labels.GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
}
