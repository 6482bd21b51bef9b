using System.Numerics.Tensors;
using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// Distances between rows for the approximate search. Cosine data is normalised once, so both metrics
/// are a single SIMD pass per pair; the values are the reported ones (no conversion at the end).
/// </summary>
internal sealed class RowDistances
{
    public RowDistances(Matrix data, DistanceMetric metric)
    {
        Metric = metric;
        Count = data.Rows;
        Columns = data.Columns;
        Rows = metric == DistanceMetric.Cosine ? NeighborInput.NormalizedRows(data) : data.Data;
    }

    public DistanceMetric Metric { get; }

    public int Count { get; }

    public int Columns { get; }

    /// <summary>Row-major N × Columns, normalised for cosine.</summary>
    public float[] Rows { get; }

    public float Between(int a, int b)
    {
        ReadOnlySpan<float> x = Rows.AsSpan(a * Columns, Columns);
        ReadOnlySpan<float> y = Rows.AsSpan(b * Columns, Columns);
        return Metric == DistanceMetric.Euclidean
            ? TensorPrimitives.Distance(x, y)
            : Math.Clamp(1f - TensorPrimitives.Dot(x, y), 0f, 2f);
    }
}
