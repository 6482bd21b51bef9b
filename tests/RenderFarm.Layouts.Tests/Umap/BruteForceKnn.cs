using System.Numerics.Tensors;
using RenderFarm.Core.IO;
using RenderFarm.Layouts.Neighbors;

namespace RenderFarm.Layouts.Tests.Umap;

/// <summary>
/// Exact euclidean k-NN by comparing every pair, so the UMAP tests do not depend on the production
/// k-NN code. Produces <see cref="KnnGraph"/>s: query count × k, ascending, self excluded.
/// </summary>
internal static class BruteForceKnn
{
    /// <summary>The k nearest other rows of <paramref name="data"/> for every row (N × k).</summary>
    public static KnnGraph Build(Matrix data, int k) => Build(data, data, k, excludeSelf: true);

    /// <summary>The k nearest rows of <paramref name="reference"/> for every row of <paramref name="query"/> (M × k).</summary>
    public static KnnGraph Build(Matrix query, Matrix reference, int k, bool excludeSelf = false)
    {
        var indices = new int[query.Rows * k];
        var distances = new float[query.Rows * k];
        Parallel.For(0, query.Rows, i =>
        {
            Span<int> bestIndex = indices.AsSpan(i * k, k);
            Span<float> best = distances.AsSpan(i * k, k);
            bestIndex.Fill(-1);
            best.Fill(float.PositiveInfinity);
            ReadOnlySpan<float> row = query.Row(i);
            for (int j = 0; j < reference.Rows; j++)
            {
                if (excludeSelf && i == j)
                {
                    continue;
                }

                float d = TensorPrimitives.Distance(row, reference.Row(j));
                if (d < best[k - 1])
                {
                    Insert(bestIndex, best, j, d);
                }
            }
        });
        return new KnnGraph(query.Rows, k, indices, distances, DistanceMetric.Euclidean);
    }

    /// <summary>Insertion into the sorted top-k (k is small, so shifting beats a heap).</summary>
    private static void Insert(Span<int> bestIndex, Span<float> best, int index, float distance)
    {
        int p = best.Length - 1;
        while (p > 0 && best[p - 1] > distance)
        {
            best[p] = best[p - 1];
            bestIndex[p] = bestIndex[p - 1];
            p--;
        }

        best[p] = distance;
        bestIndex[p] = index;
    }
}
