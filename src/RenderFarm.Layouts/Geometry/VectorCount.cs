using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Geometry;

/// <summary>
/// Counts of values below or equal to a threshold, eight lanes at a time. A rank is such a count,
/// and the sampled trustworthiness needs up to k of them per point over rows of N distances: a
/// vector compare and a population count per eight values keeps that a small share of the cost.
/// </summary>
internal static class VectorCount
{
    public static int Less(ReadOnlySpan<float> values, float threshold) => Count(values, threshold, equal: false);

    public static int Equal(ReadOnlySpan<float> values, float threshold) => Count(values, threshold, equal: true);

    private static int Count(ReadOnlySpan<float> values, float threshold, bool equal)
    {
        int count = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float start = ref MemoryMarshal.GetReference(values);
            Vector256<float> limit = Vector256.Create(threshold);
            for (; i + 8 <= values.Length; i += 8)
            {
                Vector256<float> x = Vector256.LoadUnsafe(ref start, (nuint)i);
                Vector256<float> hit = equal ? Vector256.Equals(x, limit) : Vector256.LessThan(x, limit);
                count += BitOperations.PopCount(hit.ExtractMostSignificantBits());
            }
        }

        for (; i < values.Length; i++)
        {
            count += (equal ? values[i] == threshold : values[i] < threshold) ? 1 : 0;
        }

        return count;
    }
}
