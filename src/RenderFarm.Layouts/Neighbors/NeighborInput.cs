using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Neighbors;

/// <summary>Checks shared by every neighbour search, so each public entry point reports the same messages.</summary>
internal static class NeighborInput
{
    private const int RowsListed = 5;

    public static void Validate(Matrix data, int k)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rows < 2)
        {
            throw new LayoutException($"Nearest neighbours need at least 2 points; got {data.Rows}.");
        }

        if (data.Columns < 1)
        {
            throw new LayoutException("Nearest neighbours need at least one dimension; the data has 0 columns.");
        }

        if (k < 1)
        {
            throw new LayoutException($"n_neighbors (k) must be at least 1; got {k}.");
        }

        if (k >= data.Rows)
        {
            throw new LayoutException($"n_neighbors (k) must be less than the number of points N (k = {k}, N = {data.Rows}).");
        }

        var bad = new List<int>();
        int badCount = 0;
        for (int row = 0; row < data.Rows; row++)
        {
            if (!AllFinite(data.Row(row)))
            {
                if (bad.Count < RowsListed)
                {
                    bad.Add(row);
                }

                badCount++;
            }
        }

        if (badCount > 0)
        {
            string more = badCount > bad.Count ? $" and {badCount - bad.Count} more" : string.Empty;
            throw new LayoutException($"The data has NaN or infinite values in rows {string.Join(", ", bad)}{more}; neighbours need finite coordinates.");
        }
    }

    /// <summary>Rows scaled to unit length, so cosine distance becomes 1 − dot; zero rows stay zero (distance 1 to everything).</summary>
    public static float[] NormalizedRows(Matrix data)
    {
        var normalized = new float[data.Data.Length];
        for (int row = 0; row < data.Rows; row++)
        {
            ReadOnlySpan<float> source = data.Row(row);
            float norm = TensorPrimitives.Norm(source);
            Span<float> target = normalized.AsSpan(row * data.Columns, data.Columns);
            if (norm > 0f)
            {
                TensorPrimitives.Divide(source, norm, target);
            }
        }

        return normalized;
    }

    private static bool AllFinite(ReadOnlySpan<float> row)
    {
        // x·0 is 0 for finite x and NaN for ±∞ and NaN, so one multiply-compare covers all three.
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= row.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> v = Vector256.Create(row.Slice(i, Vector256<float>.Count));
                if (!Vector256.EqualsAll(v * Vector256<float>.Zero, Vector256<float>.Zero))
                {
                    return false;
                }
            }
        }

        for (; i < row.Length; i++)
        {
            if (!float.IsFinite(row[i]))
            {
                return false;
            }
        }

        return true;
    }
}
