using System.Numerics.Tensors;
using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Geometry;

/// <summary>
/// Squared Euclidean distances from a block of query rows to every data row, for wide data (tens
/// to thousands of columns) where this is the whole cost of a sampled metric: 5,000 queries against
/// 70,000 rows of 784 pixels is 2.7·10¹¹ multiply-adds. Uses ‖q‖² + ‖x‖² − 2q·x so the work is
/// the blocked dot products of <see cref="DotKernel"/>. The expansion loses a little precision to
/// cancellation (relative 1e-6 of the norms), which can swap only near-exact ties.
/// </summary>
internal static class SquaredDistanceBlock
{
    /// <summary>Narrower data is cheaper by direct differences, which are also exact.</summary>
    public const int MinimumColumns = 32;

    /// <summary>Squared norms of every row.</summary>
    public static float[] Norms(Matrix data)
    {
        var norms = new float[data.Rows];
        Parallel.For(0, (data.Rows + 1023) / 1024, chunk =>
        {
            for (int i = chunk * 1024; i < Math.Min(data.Rows, (chunk + 1) * 1024); i++)
            {
                ReadOnlySpan<float> row = data.Row(i);
                norms[i] = TensorPrimitives.Dot(row, row);
            }
        });
        return norms;
    }

    /// <summary>
    /// output[q·N + j] = ‖query_q − data_j‖² for the <paramref name="count"/> contiguous query rows
    /// (count × D) with squared norms <paramref name="queryNorms"/>.
    /// </summary>
    public static void Compute(float[] queries, float[] queryNorms, int count, Matrix data, float[] dataNorms, Span<float> output)
    {
        int n = data.Rows;
        DotKernel.Tile(queries, count, data.Data, n, data.Columns, output, n);
        for (int q = 0; q < count; q++)
        {
            Span<float> row = output.Slice(q * n, n);
            TensorPrimitives.MultiplyAdd(row, -2f, dataNorms, row);
            TensorPrimitives.Add(row, queryNorms[q], row);

            // Cancellation can leave a tiny negative for (near-)identical rows; a distance is never below 0.
            TensorPrimitives.Max(row, 0f, row);
        }
    }
}
