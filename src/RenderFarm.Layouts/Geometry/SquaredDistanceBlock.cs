using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Geometry;

/// <summary>
/// Squared Euclidean distances from a block of query rows to every data row, for wide data (tens
/// to thousands of columns) where this is the whole cost of a sampled metric: 5,000 queries against
/// 70,000 rows of 784 pixels is 2.7·10¹¹ multiply-adds. Uses ‖q‖² + ‖x‖² − 2q·x so the inner loop
/// is pure multiply-add, and computes 4 queries × 2 rows at once so each loaded vector feeds
/// several accumulators (8 of them, which fit the 16 AVX registers without spilling). The
/// expansion loses a little precision to cancellation (relative 1e-6 of the norms), which can swap
/// only near-exact ties.
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
        int d = data.Columns;
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Span<float> dots = stackalloc float[8];
            for (; j + 2 <= n; j += 2)
            {
                int q = 0;
                for (; q + 4 <= count; q += 4)
                {
                    Kernel(ref queries[q * d], ref data.Data[j * d], d, dots);
                    for (int a = 0; a < 4; a++)
                    {
                        for (int b = 0; b < 2; b++)
                        {
                            output[((q + a) * n) + j + b] = Combine(queryNorms[q + a], dataNorms[j + b], dots[(a * 2) + b]);
                        }
                    }
                }

                for (; q < count; q++)
                {
                    for (int b = 0; b < 2; b++)
                    {
                        output[(q * n) + j + b] = Pair(queries, queryNorms, q, data, dataNorms, j + b);
                    }
                }
            }
        }

        for (; j < n; j++)
        {
            for (int q = 0; q < count; q++)
            {
                output[(q * n) + j] = Pair(queries, queryNorms, q, data, dataNorms, j);
            }
        }
    }

    private static float Pair(float[] queries, float[] queryNorms, int q, Matrix data, float[] dataNorms, int j)
    {
        int d = data.Columns;
        float dot = TensorPrimitives.Dot(queries.AsSpan(q * d, d), data.Row(j));
        return Combine(queryNorms[q], dataNorms[j], dot);
    }

    // Cancellation can leave a tiny negative for (near-)identical rows; a distance is never below 0.
    private static float Combine(float queryNorm, float rowNorm, float dot) => Math.Max(0f, queryNorm + rowNorm - (2 * dot));

    /// <summary>The 4 × 2 dot products of queries q..q+3 with rows j, j+1, written row-major into <paramref name="dots"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(ref float query, ref float row, int d, Span<float> dots)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        nuint stride = (nuint)d;
        nuint k = 0;
        for (; k + 8 <= stride; k += 8)
        {
            Vector256<float> r0 = Vector256.LoadUnsafe(ref row, k);
            Vector256<float> r1 = Vector256.LoadUnsafe(ref row, stride + k);
            Vector256<float> x = Vector256.LoadUnsafe(ref query, k);
            c00 = Vector256.FusedMultiplyAdd(x, r0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, r1, c01);
            x = Vector256.LoadUnsafe(ref query, stride + k);
            c10 = Vector256.FusedMultiplyAdd(x, r0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, r1, c11);
            x = Vector256.LoadUnsafe(ref query, (2 * stride) + k);
            c20 = Vector256.FusedMultiplyAdd(x, r0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, r1, c21);
            x = Vector256.LoadUnsafe(ref query, (3 * stride) + k);
            c30 = Vector256.FusedMultiplyAdd(x, r0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, r1, c31);
        }

        dots[0] = Vector256.Sum(c00);
        dots[1] = Vector256.Sum(c01);
        dots[2] = Vector256.Sum(c10);
        dots[3] = Vector256.Sum(c11);
        dots[4] = Vector256.Sum(c20);
        dots[5] = Vector256.Sum(c21);
        dots[6] = Vector256.Sum(c30);
        dots[7] = Vector256.Sum(c31);
        for (; k < stride; k++)
        {
            for (nuint a = 0; a < 4; a++)
            {
                float x = Unsafe.Add(ref query, (a * stride) + k);
                dots[(int)(a * 2)] += x * Unsafe.Add(ref row, k);
                dots[(int)(a * 2) + 1] += x * Unsafe.Add(ref row, stride + k);
            }
        }
    }
}
