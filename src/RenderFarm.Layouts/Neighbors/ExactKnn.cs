using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// Brute-force k nearest neighbours, made fast by blocking: a block of query rows stays in L2 while
/// reference rows stream past it, and each tile of dot products comes from a SIMD micro-kernel.
/// Euclidean distances are ranked by ‖x‖² + ‖y‖² − 2x·y (clamped at 0); cosine ranks 1 − x·y on rows
/// normalised once up front. The k winners' distances are then recomputed directly, so reported
/// values do not carry the cancellation error of the expanded form (duplicates report exactly 0).
/// </summary>
public static class ExactKnn
{
    private const int QueryBlock = 64;
    private const int ReferenceBlock = 256;

    public static KnnGraph Build(Matrix data, int k, DistanceMetric metric, CancellationToken ct = default)
    {
        NeighborInput.Validate(data, k);
        int n = data.Rows;
        int columns = data.Columns;
        float[] rows = metric == DistanceMetric.Cosine ? NeighborInput.NormalizedRows(data) : data.Data;
        float[] squaredNorms = new float[n];
        if (metric == DistanceMetric.Euclidean)
        {
            for (int i = 0; i < n; i++)
            {
                squaredNorms[i] = DotKernel.Dot(rows, columns, i, i);
            }
        }

        var indices = new int[n * k];
        var distances = new float[n * k];
        int blocks = (n + QueryBlock - 1) / QueryBlock;
        var options = new ParallelOptions { CancellationToken = ct };
        Parallel.For(0, blocks, options, () => new float[QueryBlock * ReferenceBlock], (block, _, tile) =>
        {
            int start = block * QueryBlock;
            int count = Math.Min(QueryBlock, n - start);
            SearchBlock(rows, columns, squaredNorms, metric, start, count, k, indices, distances, tile);
            ct.ThrowIfCancellationRequested();
            return tile;
        }, _ => { });

        return new KnnGraph(n, k, indices, distances, metric);
    }

    // Hot loops compiled fully optimised from the first call: tier-0 code would run the whole first search.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SearchBlock(
        float[] rows, int columns, float[] squaredNorms, DistanceMetric metric, int start, int count, int k, int[] indices, float[] distances, float[] tile)
    {
        int n = squaredNorms.Length;
        for (int q = 0; q < count; q++)
        {
            NeighborHeap.Clear(indices.AsSpan((start + q) * k, k), distances.AsSpan((start + q) * k, k));
        }

        bool euclidean = metric == DistanceMetric.Euclidean;
        for (int refStart = 0; refStart < n; refStart += ReferenceBlock)
        {
            int refCount = Math.Min(ReferenceBlock, n - refStart);
            DotKernel.Tile(rows, columns, start, count, refStart, refCount, tile);
            for (int q = 0; q < count; q++)
            {
                int query = start + q;
                Span<int> heapIndices = indices.AsSpan(query * k, k);
                Span<float> heapDistances = distances.AsSpan(query * k, k);
                float queryNorm = squaredNorms[query];
                ReadOnlySpan<float> dots = tile.AsSpan(q * refCount, refCount);
                for (int r = 0; r < refCount; r++)
                {
                    int reference = refStart + r;
                    float score = euclidean
                        ? Math.Max(0f, queryNorm + squaredNorms[reference] - (2f * dots[r]))
                        : 1f - dots[r];

                    // Self is excluded by index, not by distance, so a duplicate of the query still counts.
                    if (reference != query && NeighborHeap.Before(score, reference, heapDistances[0], heapIndices[0]))
                    {
                        NeighborHeap.TryPush(heapIndices, heapDistances, reference, score);
                    }
                }
            }
        }

        for (int q = 0; q < count; q++)
        {
            int query = start + q;
            Span<int> heapIndices = indices.AsSpan(query * k, k);
            Span<float> heapDistances = distances.AsSpan(query * k, k);
            for (int j = 0; j < k; j++)
            {
                heapDistances[j] = TrueDistance(rows, columns, metric, query, heapIndices[j]);
            }

            NeighborHeap.SortAscending(heapIndices, heapDistances, Span<byte>.Empty);
        }
    }

    private static float TrueDistance(float[] rows, int columns, DistanceMetric metric, int a, int b)
    {
        ReadOnlySpan<float> x = rows.AsSpan(a * columns, columns);
        ReadOnlySpan<float> y = rows.AsSpan(b * columns, columns);
        return metric == DistanceMetric.Euclidean
            ? TensorPrimitives.Distance(x, y)
            : Math.Clamp(1f - TensorPrimitives.Dot(x, y), 0f, 2f);
    }
}
