using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Geometry;

/// <summary>
/// Rows narrower than <see cref="NarrowColumns"/> (principal components, small embeddings) on the
/// 512-bit path: the dot-product form would spend more on each product's horizontal sum and scalar
/// tail than on its few vector steps (50 columns: three 16-wide steps, a 16-lane sum, two scalar
/// products). Here the references of a tile are packed into panels of 16 columns-major, and each
/// accumulator lane holds one product: lane l of query q adds q[c]·ref[l][c] for c = 0, 1, … as a
/// chain of fused multiply-adds, the same chain the scalar <see cref="DotNarrow"/> runs, so every
/// path still gives the same bits. No horizontal sums, and the products leave as whole rows.
/// </summary>
internal static partial class DotKernel
{
    /// <summary>Rows narrower than this take the outer-product path where 512-bit vectors are native.</summary>
    public const int NarrowColumns = 64;

    private const int Lanes = 16;

    /// <summary>A thread's packed reference panels.</summary>
    [ThreadStatic]
    private static float[]? panels;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TileNarrow(ReadOnlySpan<float> queries, int queryCount, ReadOnlySpan<float> references, int refCount, int columns, Span<float> output, int stride)
    {
        int panelCount = (refCount + Lanes - 1) / Lanes;
        int needed = panelCount * Lanes * columns;
        float[] packed = panels is { } p && p.Length >= needed ? p : panels = new float[Math.Max(needed, Lanes * NarrowColumns * 16)];
        for (int panel = 0; panel < panelCount; panel++)
        {
            for (int l = 0; l < Lanes; l++)
            {
                int r = (panel * Lanes) + l;
                for (int c = 0; c < columns; c++)
                {
                    packed[(((panel * columns) + c) * Lanes) + l] = r < refCount ? references[(r * columns) + c] : 0f;
                }
            }
        }

        Span<float> lanes = stackalloc float[Lanes];
        for (int panel = 0; panel < panelCount; panel++)
        {
            int first = panel * Lanes, width = Math.Min(Lanes, refCount - first);
            ref float panelStart = ref packed[panel * columns * Lanes];
            int q = 0;
            for (; q + 4 <= queryCount; q += 4)
            {
                (Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3) = Panel4(queries.Slice(q * columns, 4 * columns), ref panelStart, columns);
                Write(a0, output, (q * stride) + first, width, lanes);
                Write(a1, output, ((q + 1) * stride) + first, width, lanes);
                Write(a2, output, ((q + 2) * stride) + first, width, lanes);
                Write(a3, output, ((q + 3) * stride) + first, width, lanes);
            }

            for (; q < queryCount; q++)
            {
                Vector512<float> acc = Vector512<float>.Zero;
                for (int c = 0; c < columns; c++)
                {
                    acc = Vector512.FusedMultiplyAdd(Vector512.Create(queries[(q * columns) + c]), Vector512.LoadUnsafe(ref panelStart, (nuint)(c * Lanes)), acc);
                }

                Write(acc, output, (q * stride) + first, width, lanes);
            }
        }
    }

    /// <summary>Four queries against one panel of 16 references: four accumulators, one panel load per column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (Vector512<float>, Vector512<float>, Vector512<float>, Vector512<float>) Panel4(ReadOnlySpan<float> queries, ref float panel, int columns)
    {
        ref float q0 = ref MemoryMarshal.GetReference(queries[..(4 * columns)]);
        ref float q1 = ref Unsafe.Add(ref q0, columns);
        ref float q2 = ref Unsafe.Add(ref q1, columns);
        ref float q3 = ref Unsafe.Add(ref q2, columns);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (int c = 0; c < columns; c++)
        {
            Vector512<float> y = Vector512.LoadUnsafe(ref panel, (nuint)(c * Lanes));
            a0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q0, c)), y, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q1, c)), y, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q2, c)), y, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref q3, c)), y, a3);
        }

        return (a0, a1, a2, a3);
    }

    /// <summary>The first <paramref name="width"/> lanes of a product row into output[at ..].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(Vector512<float> products, Span<float> output, int at, int width, Span<float> lanes)
    {
        if (width == Lanes)
        {
            products.CopyTo(output.Slice(at, Lanes));
            return;
        }

        products.CopyTo(lanes);
        lanes[..width].CopyTo(output.Slice(at, width));
    }

    /// <summary>One product as the panels' lanes compute it: a chain of fused multiply-adds from column 0 on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float DotNarrow(ReadOnlySpan<float> first, ReadOnlySpan<float> second)
    {
        second = second[..first.Length];
        float acc = 0;
        for (int c = 0; c < first.Length; c++)
        {
            acc = MathF.FusedMultiplyAdd(first[c], second[c], acc);
        }

        return acc;
    }
}
