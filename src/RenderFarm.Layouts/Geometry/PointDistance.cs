using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Geometry;

/// <summary>
/// Euclidean distance between two rows. Layout rows are 2-D or 3-D, where a vectorised call costs
/// more than the arithmetic; those widths take a scalar path, wider rows the SIMD one.
/// </summary>
/// <remarks>
/// The wide path is ours rather than TensorPrimitives.Distance: that package ships without
/// precompiled code, so a fresh process runs its generic vector code unoptimised until tiered
/// compilation catches up — five times slower for the first few hundred thousand calls (≈ 0.25 CPU-s
/// of a 10k t-SNE's neighbour search). This method is compiled optimised from its first call.
/// </remarks>
internal static class PointDistance
{
    public static float Euclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => MathF.Sqrt(Squared(a, b));

    public static float Squared(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        switch (a.Length)
        {
            case 2:
                {
                    float x = a[0] - b[0];
                    float y = a[1] - b[1];
                    return (x * x) + (y * y);
                }

            case 3:
                {
                    float x = a[0] - b[0];
                    float y = a[1] - b[1];
                    float z = a[2] - b[2];
                    return (x * x) + (y * y) + (z * z);
                }

            default:
                return SquaredWide(a, b);
        }
    }

    /// <summary>Σ (aᵢ − bᵢ)² with two vector accumulators (one would wait on its own latency), 512-bit first where native, then 256-bit, then scalar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float SquaredWide(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int length = a.Length;
        ref float x = ref MemoryMarshal.GetReference(a);
        ref float y = ref MemoryMarshal.GetReference(b[..length]);
        int width = Vector256<float>.Count;
        int c = 0;
        float sum = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            int wide = Vector512<float>.Count;
            Vector512<float> first = default, second = default;
            for (; c + (2 * wide) <= length; c += 2 * wide)
            {
                Vector512<float> d0 = Vector512.LoadUnsafe(ref x, (nuint)c) - Vector512.LoadUnsafe(ref y, (nuint)c);
                Vector512<float> d1 = Vector512.LoadUnsafe(ref x, (nuint)(c + wide)) - Vector512.LoadUnsafe(ref y, (nuint)(c + wide));
                first = Vector512.MultiplyAddEstimate(d0, d0, first);
                second = Vector512.MultiplyAddEstimate(d1, d1, second);
            }

            sum = Vector512.Sum(first + second);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> first = default, second = default;
            for (; c + (2 * width) <= length; c += 2 * width)
            {
                Vector256<float> d0 = Vector256.LoadUnsafe(ref x, (nuint)c) - Vector256.LoadUnsafe(ref y, (nuint)c);
                Vector256<float> d1 = Vector256.LoadUnsafe(ref x, (nuint)(c + width)) - Vector256.LoadUnsafe(ref y, (nuint)(c + width));
                first = Vector256.MultiplyAddEstimate(d0, d0, first);
                second = Vector256.MultiplyAddEstimate(d1, d1, second);
            }

            for (; c + width <= length; c += width)
            {
                Vector256<float> d = Vector256.LoadUnsafe(ref x, (nuint)c) - Vector256.LoadUnsafe(ref y, (nuint)c);
                first = Vector256.MultiplyAddEstimate(d, d, first);
            }

            sum += Vector256.Sum(first + second);
        }

        for (; c < length; c++)
        {
            float d = Unsafe.Add(ref x, c) - Unsafe.Add(ref y, c);
            sum += d * d;
        }

        return sum;
    }
}
