using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// Renumbers points so that near points get near numbers (the leaf order of one random-projection
/// tree). NN-descent visits points in number order, and each visit reads the rows of a few dozen
/// candidates; after renumbering, consecutive visits share most of those rows, so they come from cache
/// rather than memory. Worth it only once the data outgrows the caches.
/// </summary>
internal static class LocalityOrder
{
    /// <summary>Below this many points the data mostly fits in cache and the copy is not worth it.</summary>
    public const int MinimumPoints = 20_000;

    /// <summary>order[newIndex] = original index.</summary>
    public static int[] Compute(Matrix data, ulong seed, CancellationToken ct)
    {
        (float[] rows, int columns) = RandomSketch.ForTrees(data.Data, data.Rows, data.Columns, seed);
        return RandomProjectionTree.Build(rows, data.Rows, columns, 64, Hash64.Mix(seed), ct).Order;
    }

    public static Matrix Permute(Matrix data, int[] order)
    {
        var permuted = new Matrix(data.Rows, data.Columns);
        Parallel.For(0, data.Rows, row => data.Row(order[row]).CopyTo(permuted.Row(row)));
        return permuted;
    }

    /// <summary>Maps a graph over renumbered points back to the original numbering (rows and neighbour indices).</summary>
    public static KnnGraph Restore(KnnGraph graph, int[] order)
    {
        int k = graph.K;
        var indices = new int[graph.Indices.Length];
        var distances = new float[graph.Distances.Length];
        Parallel.For(0, graph.Count, row =>
        {
            Span<int> targetIndices = indices.AsSpan(order[row] * k, k);
            Span<float> targetDistances = distances.AsSpan(order[row] * k, k);
            ReadOnlySpan<int> source = graph.NeighborsOf(row);
            for (int j = 0; j < k; j++)
            {
                targetIndices[j] = source[j] < 0 ? -1 : order[source[j]];
            }

            graph.DistancesOf(row).CopyTo(targetDistances);

            // Ties are broken by index, and the indices just changed.
            NeighborHeap.SortAscending(targetIndices, targetDistances, Span<byte>.Empty);
        });
        return new KnnGraph(graph.Count, k, indices, distances, graph.Metric);
    }
}
