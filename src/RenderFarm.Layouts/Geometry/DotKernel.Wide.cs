using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Geometry;

/// <summary>
/// The 512-bit path, taken by every product wherever <see cref="Vector512.IsHardwareAccelerated"/>
/// (so identical rows still give identical bits). Its micro-kernel is 4 queries × 4 references:
/// sixteen accumulators and eight loads per sixteen fused multiply-adds, where the 256-bit 2 × 4
/// kernel loads six vectors per eight half-width ones. On this machine's AVX-512 cores (two
/// 512-bit FMA pipes) that is the difference between the loads and the arithmetic setting the pace:
/// Fashion-MNIST 10k × 784, the exact search's tiles 0.90 → 0.65 CPU-s (45 → 60 G multiply-adds a second per core).
/// </summary>
internal static partial class DotKernel
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float DotWide(ReadOnlySpan<float> first, ReadOnlySpan<float> second)
    {
        int columns = first.Length;
        ref float x = ref MemoryMarshal.GetReference(first);
        ref float y = ref MemoryMarshal.GetReference(second[..columns]);
        int width = Vector512<float>.Count;
        int vectorEnd = columns - (columns % width);
        Vector512<float> acc = Vector512<float>.Zero;
        for (int c = 0; c < vectorEnd; c += width)
        {
            acc = Vector512.MultiplyAddEstimate(LoadWide(ref x, c), LoadWide(ref y, c), acc);
        }

        return FinishWide(acc, ref x, ref y, vectorEnd, columns);
    }

    /// <summary><see cref="DotMany"/> on the 512-bit path: four scattered rows at a time against row a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotManyWide(ReadOnlySpan<float> data, int columns, int a, ReadOnlySpan<int> others, Span<float> dots)
    {
        ref float start = ref MemoryMarshal.GetReference(data);
        ref float x = ref Unsafe.Add(ref start, a * columns);
        int width = Vector512<float>.Count;
        int vectorEnd = columns - (columns % width);
        int j = 0;
        for (; j + 4 <= others.Length; j += 4)
        {
            ref float y0 = ref Unsafe.Add(ref start, others[j] * columns);
            ref float y1 = ref Unsafe.Add(ref start, others[j + 1] * columns);
            ref float y2 = ref Unsafe.Add(ref start, others[j + 2] * columns);
            ref float y3 = ref Unsafe.Add(ref start, others[j + 3] * columns);
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int c = 0; c < vectorEnd; c += width)
            {
                Vector512<float> v = LoadWide(ref x, c);
                a0 = Vector512.MultiplyAddEstimate(v, LoadWide(ref y0, c), a0);
                a1 = Vector512.MultiplyAddEstimate(v, LoadWide(ref y1, c), a1);
                a2 = Vector512.MultiplyAddEstimate(v, LoadWide(ref y2, c), a2);
                a3 = Vector512.MultiplyAddEstimate(v, LoadWide(ref y3, c), a3);
            }

            dots[j] = FinishWide(a0, ref x, ref y0, vectorEnd, columns);
            dots[j + 1] = FinishWide(a1, ref x, ref y1, vectorEnd, columns);
            dots[j + 2] = FinishWide(a2, ref x, ref y2, vectorEnd, columns);
            dots[j + 3] = FinishWide(a3, ref x, ref y3, vectorEnd, columns);
        }

        for (; j < others.Length; j++)
        {
            dots[j] = DotWide(data.Slice(a * columns, columns), data.Slice(others[j] * columns, columns));
        }
    }

    /// <summary>The 4 × 4 products of four consecutive query rows with four consecutive reference rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x4(ReadOnlySpan<float> queries, ReadOnlySpan<float> references, int columns, Span<float> tile, int stride)
    {
        if (queries.Length < 4 * columns || references.Length < 4 * columns || tile.Length < (3 * stride) + 4)
        {
            throw new ArgumentException($"A 4 × 4 block of {columns}-wide rows does not fit the spans given.", nameof(tile));
        }

        ref float q0 = ref MemoryMarshal.GetReference(queries);
        ref float q1 = ref Unsafe.Add(ref q0, columns);
        ref float q2 = ref Unsafe.Add(ref q1, columns);
        ref float q3 = ref Unsafe.Add(ref q2, columns);
        ref float r0 = ref MemoryMarshal.GetReference(references);
        ref float r1 = ref Unsafe.Add(ref r0, columns);
        ref float r2 = ref Unsafe.Add(ref r1, columns);
        ref float r3 = ref Unsafe.Add(ref r2, columns);
        int width = Vector512<float>.Count;
        int vectorEnd = columns - (columns % width);
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        for (int c = 0; c < vectorEnd; c += width)
        {
            Vector512<float> x0 = LoadWide(ref q0, c), x1 = LoadWide(ref q1, c), x2 = LoadWide(ref q2, c), x3 = LoadWide(ref q3, c);
            Vector512<float> y = LoadWide(ref r0, c);
            a00 = Vector512.MultiplyAddEstimate(x0, y, a00);
            a10 = Vector512.MultiplyAddEstimate(x1, y, a10);
            a20 = Vector512.MultiplyAddEstimate(x2, y, a20);
            a30 = Vector512.MultiplyAddEstimate(x3, y, a30);
            y = LoadWide(ref r1, c);
            a01 = Vector512.MultiplyAddEstimate(x0, y, a01);
            a11 = Vector512.MultiplyAddEstimate(x1, y, a11);
            a21 = Vector512.MultiplyAddEstimate(x2, y, a21);
            a31 = Vector512.MultiplyAddEstimate(x3, y, a31);
            y = LoadWide(ref r2, c);
            a02 = Vector512.MultiplyAddEstimate(x0, y, a02);
            a12 = Vector512.MultiplyAddEstimate(x1, y, a12);
            a22 = Vector512.MultiplyAddEstimate(x2, y, a22);
            a32 = Vector512.MultiplyAddEstimate(x3, y, a32);
            y = LoadWide(ref r3, c);
            a03 = Vector512.MultiplyAddEstimate(x0, y, a03);
            a13 = Vector512.MultiplyAddEstimate(x1, y, a13);
            a23 = Vector512.MultiplyAddEstimate(x2, y, a23);
            a33 = Vector512.MultiplyAddEstimate(x3, y, a33);
        }

        Store(tile, 0, FinishWide(a00, ref q0, ref r0, vectorEnd, columns), FinishWide(a01, ref q0, ref r1, vectorEnd, columns), FinishWide(a02, ref q0, ref r2, vectorEnd, columns), FinishWide(a03, ref q0, ref r3, vectorEnd, columns));
        Store(tile, stride, FinishWide(a10, ref q1, ref r0, vectorEnd, columns), FinishWide(a11, ref q1, ref r1, vectorEnd, columns), FinishWide(a12, ref q1, ref r2, vectorEnd, columns), FinishWide(a13, ref q1, ref r3, vectorEnd, columns));
        Store(tile, 2 * stride, FinishWide(a20, ref q2, ref r0, vectorEnd, columns), FinishWide(a21, ref q2, ref r1, vectorEnd, columns), FinishWide(a22, ref q2, ref r2, vectorEnd, columns), FinishWide(a23, ref q2, ref r3, vectorEnd, columns));
        Store(tile, 3 * stride, FinishWide(a30, ref q3, ref r0, vectorEnd, columns), FinishWide(a31, ref q3, ref r1, vectorEnd, columns), FinishWide(a32, ref q3, ref r2, vectorEnd, columns), FinishWide(a33, ref q3, ref r3, vectorEnd, columns));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<float> tile, int at, float a, float b, float c, float d)
    {
        tile[at] = a;
        tile[at + 1] = b;
        tile[at + 2] = c;
        tile[at + 3] = d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LoadWide(ref float row, int offset) => Vector512.LoadUnsafe(ref row, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float FinishWide(Vector512<float> acc, ref float x, ref float y, int from, int columns)
    {
        float sum = Vector512.Sum(acc);
        for (int c = from; c < columns; c++)
        {
            sum += Unsafe.Add(ref x, c) * Unsafe.Add(ref y, c);
        }

        return sum;
    }
}
