using System.Runtime.CompilerServices;
using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// Distances between rows for the approximate search. Cosine data is normalised once and Euclidean
/// rows keep their squared norms, so both metrics reduce to dot products, which the search computes
/// four at a time (<see cref="FromOne"/>). Those values rank candidates; <see cref="Between"/> is the
/// direct, cancellation-free form used for the distances finally reported.
/// </summary>
internal sealed class RowDistances
{
    public RowDistances(Matrix data, DistanceMetric metric)
    {
        Metric = metric;
        Count = data.Rows;
        Columns = data.Columns;
        Rows = metric == DistanceMetric.Cosine ? NeighborInput.NormalizedRows(data) : data.Data;
        SquaredNorms = new float[Count];
        if (metric == DistanceMetric.Euclidean)
        {
            Parallel.For(0, Count, row => SquaredNorms[row] = DotKernel.Dot(Rows, Columns, row, row));
        }
    }

    public DistanceMetric Metric { get; }

    public int Count { get; }

    public int Columns { get; }

    /// <summary>Row-major N × Columns, normalised for cosine.</summary>
    public float[] Rows { get; }

    private float[] SquaredNorms { get; }

    /// <summary>distances[j] = distance from row a to row others[j], via dot products (ranking precision).</summary>
    // Hot loops compiled fully optimised from the first call: tier-0 code would run the whole first search.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FromOne(int a, ReadOnlySpan<int> others, Span<float> distances)
    {
        DotKernel.DotMany(Rows, Columns, a, others, distances);
        if (Metric == DistanceMetric.Euclidean)
        {
            float norm = SquaredNorms[a];
            for (int j = 0; j < others.Length; j++)
            {
                distances[j] = MathF.Sqrt(MathF.Max(0f, norm + SquaredNorms[others[j]] - (2f * distances[j])));
            }
        }
        else
        {
            for (int j = 0; j < others.Length; j++)
            {
                distances[j] = Math.Clamp(1f - distances[j], 0f, 2f);
            }
        }
    }

    public float Between(int a, int b)
    {
        ReadOnlySpan<float> x = Rows.AsSpan(a * Columns, Columns);
        ReadOnlySpan<float> y = Rows.AsSpan(b * Columns, Columns);
        return Metric == DistanceMetric.Euclidean
            ? PointDistance.Euclidean(x, y)
            : Math.Clamp(1f - DotKernel.Dot(x, y), 0f, 2f);
    }
}
