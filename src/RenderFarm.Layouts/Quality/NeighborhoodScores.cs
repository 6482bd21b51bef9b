using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Quality;

/// <summary>
/// For each sampled point, against all N points: the trustworthiness penalty Σ max(0, r(i, j) − k)
/// over its k layout neighbours j, where r(i, j) is j's rank by data-space distance from i (1 for
/// the nearest other point), and how many of its k data neighbours are also layout neighbours.
/// Ties in distance rank by index, as a stable sort would.
/// </summary>
internal static class NeighborhoodScores
{
    // Sampled points share each pass over the data, so a block reads the N rows once, not once
    // each; but each needs a row of N distances, so the block shrinks as N grows (about 16 MB each).
    private const int MaxBlock = 64;
    private const int BufferFloats = 1 << 22;

    public static (long[] Penalties, int[] Shared) Compute(Matrix data, Matrix layout, int[] sample, int k) =>
        Compute(data, [layout], sample, k)[0];

    /// <summary>
    /// The scores of several layouts of the same data on one sample. The data-space distance rows
    /// (sample × N × D multiply-adds, nearly all of the cost on wide data) are computed once and
    /// every layout is scored against them.
    /// </summary>
    public static (long[] Penalties, int[] Shared)[] Compute(Matrix data, IReadOnlyList<Matrix> layouts, int[] sample, int k)
    {
        int n = data.Rows;
        var scores = layouts.Select(_ => (Penalties: new long[sample.Length], Shared: new int[sample.Length])).ToArray();
        bool wide = data.Columns >= SquaredDistanceBlock.MinimumColumns;
        float[] norms = wide ? SquaredDistanceBlock.Norms(data) : [];
        int size = Math.Clamp(BufferFloats / Math.Max(1, n), 4, MaxBlock);
        BlockWorkers.Run((sample.Length + size - 1) / size, () => new float[size * n], (block, rows) =>
        {
            int start = block * size;
            int count = Math.Min(size, sample.Length - start);
            DataDistances(data, norms, sample.AsSpan(start, count), wide, rows);

            var dataNearest = new Nearest(k);
            var layoutNearest = new Nearest(k);
            for (int q = 0; q < count; q++)
            {
                int i = sample[start + q];
                Span<float> row = rows.AsSpan(q * n, n);
                row[i] = float.PositiveInfinity;
                DataNearest(row, dataNearest);
                for (int l = 0; l < layouts.Count; l++)
                {
                    LayoutNearest(layouts[l], i, layoutNearest);
                    (scores[l].Penalties[start + q], scores[l].Shared[start + q]) = Score(row, dataNearest.Indices, layoutNearest.Indices, k);
                }
            }
        });
        return scores;
    }

    /// <summary>Squared data-space distances from each of <paramref name="queries"/> to all N rows, one row of N each.</summary>
    private static void DataDistances(Matrix data, float[] norms, ReadOnlySpan<int> queries, bool wide, float[] rows)
    {
        int n = data.Rows;
        int d = data.Columns;
        if (wide)
        {
            var block = new float[queries.Length * d];
            var blockNorms = new float[queries.Length];
            for (int q = 0; q < queries.Length; q++)
            {
                data.Row(queries[q]).CopyTo(block.AsSpan(q * d, d));
                blockNorms[q] = norms[queries[q]];
            }

            SquaredDistanceBlock.Compute(block, blockNorms, queries.Length, data, norms, rows);
            return;
        }

        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<float> other = data.Row(j);
            for (int q = 0; q < queries.Length; q++)
            {
                rows[(q * n) + j] = PointDistance.Squared(data.Row(queries[q]), other);
            }
        }
    }

    private static void DataNearest(ReadOnlySpan<float> row, Nearest nearest)
    {
        nearest.Clear();
        for (int j = 0; j < row.Length; j++)
        {
            nearest.Offer(row[j], j);
        }
    }

    private static void LayoutNearest(Matrix layout, int i, Nearest nearest)
    {
        nearest.Clear();
        ReadOnlySpan<float> point = layout.Row(i);
        int d = layout.Columns;
        float[] all = layout.Data;
        for (int j = 0; j < layout.Rows; j++)
        {
            if (j != i)
            {
                nearest.Offer(PointDistance.Squared(point, all.AsSpan(j * d, d)), j);
            }
        }
    }

    private static (long Penalty, int Shared) Score(ReadOnlySpan<float> row, ReadOnlySpan<int> dataNeighbours, ReadOnlySpan<int> layoutNeighbours, int k)
    {
        var strangers = new List<int>();
        int shared = 0;
        foreach (int j in layoutNeighbours)
        {
            if (dataNeighbours.Contains(j))
            {
                shared++;
            }
            else
            {
                strangers.Add(j);
            }
        }

        if (strangers.Count == 0)
        {
            return (0, shared);
        }

        // r(i, j) = 1 + the points strictly closer than j + the equally close ones of smaller index.
        long penalty = 0;
        foreach (int j in strangers)
        {
            int rank = 1 + VectorCount.Less(row, row[j]) + VectorCount.Equal(row[..j], row[j]);
            penalty += Math.Max(0, rank - k);
        }

        return (penalty, shared);
    }
}
