using System.Numerics.Tensors;
using RenderFarm.Core.IO;
using RenderFarm.Layouts.Neighbors;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// Exact k nearest fitted points of each new point (M × k, ascending): the new points are usually
/// few, so a full scan of the fitted data per new point is affordable and has no error.
/// </summary>
internal static class ReferenceNeighbors
{
    public static (int[] Indices, float[] Distances) Search(Matrix reference, Matrix queries, int k, DistanceMetric metric, CancellationToken ct)
    {
        var indices = new int[queries.Rows * k];
        var distances = new float[queries.Rows * k];
        Parallel.For(0, queries.Rows, new ParallelOptions { CancellationToken = ct }, q =>
        {
            float[] all = new float[reference.Rows];
            ReadOnlySpan<float> query = queries.Row(q);
            for (int r = 0; r < reference.Rows; r++)
            {
                ReadOnlySpan<float> row = reference.Row(r);
                all[r] = metric == DistanceMetric.Cosine
                    ? 1 - TensorPrimitives.CosineSimilarity(query, row)
                    : TensorPrimitives.Distance(query, row);
            }

            int[] order = Enumerable.Range(0, reference.Rows).ToArray();
            float[] keys = (float[])all.Clone();
            Array.Sort(keys, order);
            order.AsSpan(0, k).CopyTo(indices.AsSpan(q * k, k));
            keys.AsSpan(0, k).CopyTo(distances.AsSpan(q * k, k));
        });
        return (indices, distances);
    }
}
