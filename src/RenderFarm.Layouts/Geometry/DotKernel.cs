using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Geometry;

/// <summary>
/// Dot products between a block of query rows and a block of reference rows, written into a tile:
/// the inner loop of exact k-NN, of the sampled quality metrics' and terrain's distance blocks, and
/// of PCA's projections. Where 512-bit vectors are native, every product takes the wider path in
/// DotKernel.Wide.cs (or, for rows narrower than 64, the outer-product path of DotKernel.Narrow.cs) instead; otherwise the 2 × 4 micro-kernel keeps eight independent accumulators (enough to
/// hide FMA latency, and they fit the 16 AVX registers without spilling) and loads each query and
/// reference vector once per step for four and two products respectively; the references stay in
/// L1 while the queries stream from L2.
/// Every product, whichever kernel computes it, runs the same operation sequence (one vector
/// accumulator, then the same horizontal sum and scalar tail), so identical rows give bit-identical
/// dot products and duplicates tie exactly, to be broken by index. The kernels are marked
/// AggressiveOptimization because they are entered few times but loop long: tier-0 code would run
/// most of the first search.
/// </summary>
internal static partial class DotKernel
{
    /// <summary>tile[q * refCount + r] = row(queryStart + q) · row(refStart + r), both rows of one matrix.</summary>
    public static void Tile(ReadOnlySpan<float> data, int columns, int queryStart, int queryCount, int refStart, int refCount, Span<float> tile) =>
        Tile(data.Slice(queryStart * columns, queryCount * columns), queryCount, data.Slice(refStart * columns, refCount * columns), refCount, columns, tile, refCount);

    /// <summary>
    /// output[q · stride + r] = queries_q · references_r for <paramref name="queryCount"/> query rows and
    /// <paramref name="refCount"/> reference rows, all <paramref name="columns"/> wide and contiguous.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(ReadOnlySpan<float> queries, int queryCount, ReadOnlySpan<float> references, int refCount, int columns, Span<float> output, int stride)
    {
        if (Vector512.IsHardwareAccelerated && columns < NarrowColumns)
        {
            TileNarrow(queries, queryCount, references, refCount, columns, output, stride);
            return;
        }

        // The block kernel by vector width (a constant to the JIT); tails go through Dot, which picks the same width.
        bool wide = Vector512.IsHardwareAccelerated;
        int queryStep = wide ? 4 : 2;
        int r = 0;
        for (; r + 4 <= refCount; r += 4)
        {
            int q = 0;
            for (; q + queryStep <= queryCount; q += queryStep)
            {
                ReadOnlySpan<float> block = queries.Slice(q * columns, queryStep * columns);
                ReadOnlySpan<float> four = references.Slice(r * columns, 4 * columns);
                Span<float> target = output.Slice((q * stride) + r);
                if (wide)
                {
                    Dot4x4(block, four, columns, target, stride);
                }
                else
                {
                    Dot2x4(block, four, columns, target, stride);
                }
            }

            for (; q < queryCount; q++)
            {
                for (int j = 0; j < 4; j++)
                {
                    output[(q * stride) + r + j] = Dot(queries.Slice(q * columns, columns), references.Slice((r + j) * columns, columns));
                }
            }
        }

        for (; r < refCount; r++)
        {
            for (int q = 0; q < queryCount; q++)
            {
                output[(q * stride) + r] = Dot(queries.Slice(q * columns, columns), references.Slice(r * columns, columns));
            }
        }
    }

    public static float Dot(ReadOnlySpan<float> data, int columns, int a, int b) =>
        Dot(data.Slice(a * columns, columns), data.Slice(b * columns, columns));

    /// <summary>x · y for equally long spans.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(ReadOnlySpan<float> first, ReadOnlySpan<float> second)
    {
        if (Vector512.IsHardwareAccelerated && first.Length < NarrowColumns)
        {
            return DotNarrow(first, second);
        }

        if (Vector512.IsHardwareAccelerated)
        {
            return DotWide(first, second);
        }

        int columns = first.Length;
        ref float x = ref MemoryMarshal.GetReference(first);
        ref float y = ref MemoryMarshal.GetReference(second[..columns]);
        int width = Vector256<float>.Count;
        int vectorEnd = columns - (columns % width);
        Vector256<float> acc = Vector256<float>.Zero;
        for (int c = 0; c < vectorEnd; c += width)
        {
            acc = Vector256.MultiplyAddEstimate(Load(ref x, c), Load(ref y, c), acc);
        }

        return Finish(acc, ref x, ref y, vectorEnd, columns);
    }

    /// <summary>dots[j] = row(a) · row(others[j]) for scattered rows, four at a time so row a is loaded once per four products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DotMany(ReadOnlySpan<float> data, int columns, int a, ReadOnlySpan<int> others, Span<float> dots)
    {
        if (Vector512.IsHardwareAccelerated && columns < NarrowColumns)
        {
            for (int o = 0; o < others.Length; o++)
            {
                dots[o] = DotNarrow(data.Slice(a * columns, columns), data.Slice(others[o] * columns, columns));
            }

            return;
        }

        if (Vector512.IsHardwareAccelerated)
        {
            DotManyWide(data, columns, a, others, dots);
            return;
        }

        ref float start = ref MemoryMarshal.GetReference(data);
        ref float x = ref Unsafe.Add(ref start, a * columns);
        int width = Vector256<float>.Count;
        int vectorEnd = columns - (columns % width);
        int j = 0;
        for (; j + 4 <= others.Length; j += 4)
        {
            ref float y0 = ref Unsafe.Add(ref start, others[j] * columns);
            ref float y1 = ref Unsafe.Add(ref start, others[j + 1] * columns);
            ref float y2 = ref Unsafe.Add(ref start, others[j + 2] * columns);
            ref float y3 = ref Unsafe.Add(ref start, others[j + 3] * columns);
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int c = 0; c < vectorEnd; c += width)
            {
                Vector256<float> v = Load(ref x, c);
                a0 = Vector256.MultiplyAddEstimate(v, Load(ref y0, c), a0);
                a1 = Vector256.MultiplyAddEstimate(v, Load(ref y1, c), a1);
                a2 = Vector256.MultiplyAddEstimate(v, Load(ref y2, c), a2);
                a3 = Vector256.MultiplyAddEstimate(v, Load(ref y3, c), a3);
            }

            dots[j] = Finish(a0, ref x, ref y0, vectorEnd, columns);
            dots[j + 1] = Finish(a1, ref x, ref y1, vectorEnd, columns);
            dots[j + 2] = Finish(a2, ref x, ref y2, vectorEnd, columns);
            dots[j + 3] = Finish(a3, ref x, ref y3, vectorEnd, columns);
        }

        for (; j < others.Length; j++)
        {
            dots[j] = Dot(data, columns, a, others[j]);
        }
    }

    /// <summary>The 2 × 4 products of two consecutive query rows with four consecutive reference rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot2x4(ReadOnlySpan<float> queries, ReadOnlySpan<float> references, int columns, Span<float> tile, int stride)
    {
        ref float q0 = ref MemoryMarshal.GetReference(queries);
        ref float q1 = ref Unsafe.Add(ref q0, columns);
        ref float r0 = ref MemoryMarshal.GetReference(references);
        ref float r1 = ref Unsafe.Add(ref r0, columns);
        ref float r2 = ref Unsafe.Add(ref r1, columns);
        ref float r3 = ref Unsafe.Add(ref r2, columns);
        int width = Vector256<float>.Count;
        int vectorEnd = columns - (columns % width);
        Vector256<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector256<float> a10 = default, a11 = default, a12 = default, a13 = default;
        for (int c = 0; c < vectorEnd; c += width)
        {
            Vector256<float> x0 = Load(ref q0, c);
            Vector256<float> x1 = Load(ref q1, c);
            Vector256<float> y = Load(ref r0, c);
            a00 = Vector256.MultiplyAddEstimate(x0, y, a00);
            a10 = Vector256.MultiplyAddEstimate(x1, y, a10);
            y = Load(ref r1, c);
            a01 = Vector256.MultiplyAddEstimate(x0, y, a01);
            a11 = Vector256.MultiplyAddEstimate(x1, y, a11);
            y = Load(ref r2, c);
            a02 = Vector256.MultiplyAddEstimate(x0, y, a02);
            a12 = Vector256.MultiplyAddEstimate(x1, y, a12);
            y = Load(ref r3, c);
            a03 = Vector256.MultiplyAddEstimate(x0, y, a03);
            a13 = Vector256.MultiplyAddEstimate(x1, y, a13);
        }

        tile[0] = Finish(a00, ref q0, ref r0, vectorEnd, columns);
        tile[1] = Finish(a01, ref q0, ref r1, vectorEnd, columns);
        tile[2] = Finish(a02, ref q0, ref r2, vectorEnd, columns);
        tile[3] = Finish(a03, ref q0, ref r3, vectorEnd, columns);
        tile[stride] = Finish(a10, ref q1, ref r0, vectorEnd, columns);
        tile[stride + 1] = Finish(a11, ref q1, ref r1, vectorEnd, columns);
        tile[stride + 2] = Finish(a12, ref q1, ref r2, vectorEnd, columns);
        tile[stride + 3] = Finish(a13, ref q1, ref r3, vectorEnd, columns);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(ref float row, int offset) => Vector256.LoadUnsafe(ref row, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Finish(Vector256<float> acc, ref float x, ref float y, int from, int columns)
    {
        float sum = Vector256.Sum(acc);
        for (int c = from; c < columns; c++)
        {
            sum += Unsafe.Add(ref x, c) * Unsafe.Add(ref y, c);
        }

        return sum;
    }
}
