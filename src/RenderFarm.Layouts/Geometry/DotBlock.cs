using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Geometry;

/// <summary>
/// All dot products between a block of query rows and a block of data rows, the inner loop of
/// wide-data distances and of PCA's projections. 4 queries × 2 rows are computed at once so each
/// loaded vector feeds several accumulators (8 of them, which fit the 16 AVX registers without
/// spilling); the 2 rows stay in L1 while the queries stream from L2.
/// </summary>
internal static class DotBlock
{
    /// <summary>
    /// output[q·stride + j] = queries_q · rows_j for <paramref name="count"/> query rows and
    /// <paramref name="rowCount"/> data rows, all <paramref name="d"/> wide and contiguous.
    /// </summary>
    public static void Compute(ReadOnlySpan<float> queries, int count, ReadOnlySpan<float> rows, int rowCount, int d, Span<float> output, int stride)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated && d >= 8)
        {
            Span<float> dots = stackalloc float[8];
            ref float queryStart = ref MemoryMarshal.GetReference(queries);
            ref float rowStart = ref MemoryMarshal.GetReference(rows);
            for (; j + 2 <= rowCount; j += 2)
            {
                int q = 0;
                for (; q + 4 <= count; q += 4)
                {
                    Kernel(ref Unsafe.Add(ref queryStart, q * d), ref Unsafe.Add(ref rowStart, j * d), d, dots);
                    for (int a = 0; a < 4; a++)
                    {
                        output[((q + a) * stride) + j] = dots[a * 2];
                        output[((q + a) * stride) + j + 1] = dots[(a * 2) + 1];
                    }
                }

                for (; q < count; q++)
                {
                    output[(q * stride) + j] = TensorPrimitives.Dot(queries.Slice(q * d, d), rows.Slice(j * d, d));
                    output[(q * stride) + j + 1] = TensorPrimitives.Dot(queries.Slice(q * d, d), rows.Slice((j + 1) * d, d));
                }
            }
        }

        for (; j < rowCount; j++)
        {
            for (int q = 0; q < count; q++)
            {
                output[(q * stride) + j] = TensorPrimitives.Dot(queries.Slice(q * d, d), rows.Slice(j * d, d));
            }
        }
    }

    /// <summary>The 4 × 2 dot products of 4 queries with 2 rows, written row-major into <paramref name="dots"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(ref float query, ref float row, int d, Span<float> dots)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        nuint width = (nuint)d;
        nuint k = 0;
        for (; k + 8 <= width; k += 8)
        {
            Vector256<float> r0 = Vector256.LoadUnsafe(ref row, k);
            Vector256<float> r1 = Vector256.LoadUnsafe(ref row, width + k);
            Vector256<float> x = Vector256.LoadUnsafe(ref query, k);
            c00 = Vector256.FusedMultiplyAdd(x, r0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, r1, c01);
            x = Vector256.LoadUnsafe(ref query, width + k);
            c10 = Vector256.FusedMultiplyAdd(x, r0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, r1, c11);
            x = Vector256.LoadUnsafe(ref query, (2 * width) + k);
            c20 = Vector256.FusedMultiplyAdd(x, r0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, r1, c21);
            x = Vector256.LoadUnsafe(ref query, (3 * width) + k);
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
        for (; k < width; k++)
        {
            for (nuint a = 0; a < 4; a++)
            {
                float x = Unsafe.Add(ref query, (a * width) + k);
                dots[(int)(a * 2)] += x * Unsafe.Add(ref row, k);
                dots[(int)(a * 2) + 1] += x * Unsafe.Add(ref row, width + k);
            }
        }
    }
}
