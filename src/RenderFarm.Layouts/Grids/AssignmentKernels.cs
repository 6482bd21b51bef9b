using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Grids;

/// <summary>
/// The SIMD sweeps that dominate Jonker–Volgenant's running time, in 512-bit form where the CPU
/// has it and 256-bit form otherwise. Arrays given to <see cref="Relax"/> and <see cref="IndexOfEqual"/>
/// are padded to a multiple of <see cref="Padding"/> so that no sweep needs a scalar tail.
/// </summary>
internal static class AssignmentKernels
{
    /// <summary>Doubles per 512-bit vector; padded lengths are multiples of it.</summary>
    public const int Padding = 8;

    public static int PaddedLength(int length) => (length + Padding - 1) / Padding * Padding;

    /// <summary>
    /// distance[j] = min(distance[j], shift + cost[j] − price[j]), recording <paramref name="row"/>
    /// as predecessor where it improves; returns the new minimum distance. A price of −∞ yields a
    /// candidate of +∞, which is how finished and padding columns are excluded without branches.
    /// </summary>
    public static double Relax(Span<double> distance, Span<long> predecessor, ReadOnlySpan<double> cost, ReadOnlySpan<double> price, double shift, long row)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var d = MemoryMarshal.Cast<double, Vector512<double>>(distance);
            var p = MemoryMarshal.Cast<long, Vector512<long>>(predecessor);
            var c = MemoryMarshal.Cast<double, Vector512<double>>(cost);
            var v = MemoryMarshal.Cast<double, Vector512<double>>(price);
            var (s, r, m) = (Vector512.Create(shift), Vector512.Create(row), Vector512.Create(double.PositiveInfinity));
            for (var k = 0; k < d.Length; k++)
            {
                var candidate = s + c[k] - v[k];
                var better = Vector512.LessThan(candidate, d[k]);
                var updated = Vector512.ConditionalSelect(better, candidate, d[k]);
                d[k] = updated;
                p[k] = Vector512.ConditionalSelect(better.AsInt64(), r, p[k]);
                m = Vector512.Min(m, updated);
            }

            return Min(Vector256.Min(m.GetLower(), m.GetUpper()));
        }
        else
        {
            var d = MemoryMarshal.Cast<double, Vector256<double>>(distance);
            var p = MemoryMarshal.Cast<long, Vector256<long>>(predecessor);
            var c = MemoryMarshal.Cast<double, Vector256<double>>(cost);
            var v = MemoryMarshal.Cast<double, Vector256<double>>(price);
            var (s, r, m) = (Vector256.Create(shift), Vector256.Create(row), Vector256.Create(double.PositiveInfinity));
            for (var k = 0; k < d.Length; k++)
            {
                var candidate = s + c[k] - v[k];
                var better = Vector256.LessThan(candidate, d[k]);
                var updated = Vector256.ConditionalSelect(better, candidate, d[k]);
                d[k] = updated;
                p[k] = Vector256.ConditionalSelect(better.AsInt64(), r, p[k]);
                m = Vector256.Min(m, updated);
            }

            return Min(m);
        }
    }

    /// <summary>
    /// <see cref="Relax"/> for squared distances from (<paramref name="x"/>, <paramref name="y"/>) to
    /// the targets, computed in the same sweep: one pass over memory instead of writing a cost row
    /// and reading it back. The arithmetic matches <see cref="SquaredDistanceCosts.FillRow"/>.
    /// </summary>
    public static double RelaxSquaredDistance(Span<double> distance, Span<long> predecessor, ReadOnlySpan<double> targetX, ReadOnlySpan<double> targetY, ReadOnlySpan<double> price, double x, double y, double shift, long row)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var d = MemoryMarshal.Cast<double, Vector512<double>>(distance);
            var p = MemoryMarshal.Cast<long, Vector512<long>>(predecessor);
            var tx = MemoryMarshal.Cast<double, Vector512<double>>(targetX);
            var ty = MemoryMarshal.Cast<double, Vector512<double>>(targetY);
            var v = MemoryMarshal.Cast<double, Vector512<double>>(price);
            var (sx, sy) = (Vector512.Create(x), Vector512.Create(y));
            var (s, r, m) = (Vector512.Create(shift), Vector512.Create(row), Vector512.Create(double.PositiveInfinity));
            for (var k = 0; k < d.Length; k++)
            {
                var (dx, dy) = (tx[k] - sx, ty[k] - sy);
                var candidate = s + (dx * dx + dy * dy) - v[k];
                var better = Vector512.LessThan(candidate, d[k]);
                var updated = Vector512.ConditionalSelect(better, candidate, d[k]);
                d[k] = updated;
                p[k] = Vector512.ConditionalSelect(better.AsInt64(), r, p[k]);
                m = Vector512.Min(m, updated);
            }

            return Min(Vector256.Min(m.GetLower(), m.GetUpper()));
        }
        else
        {
            var d = MemoryMarshal.Cast<double, Vector256<double>>(distance);
            var p = MemoryMarshal.Cast<long, Vector256<long>>(predecessor);
            var tx = MemoryMarshal.Cast<double, Vector256<double>>(targetX);
            var ty = MemoryMarshal.Cast<double, Vector256<double>>(targetY);
            var v = MemoryMarshal.Cast<double, Vector256<double>>(price);
            var (sx, sy) = (Vector256.Create(x), Vector256.Create(y));
            var (s, r, m) = (Vector256.Create(shift), Vector256.Create(row), Vector256.Create(double.PositiveInfinity));
            for (var k = 0; k < d.Length; k++)
            {
                var (dx, dy) = (tx[k] - sx, ty[k] - sy);
                var candidate = s + (dx * dx + dy * dy) - v[k];
                var better = Vector256.LessThan(candidate, d[k]);
                var updated = Vector256.ConditionalSelect(better, candidate, d[k]);
                d[k] = updated;
                p[k] = Vector256.ConditionalSelect(better.AsInt64(), r, p[k]);
                m = Vector256.Min(m, updated);
            }

            return Min(m);
        }
    }

    /// <summary>The first index at or after <paramref name="start"/> holding exactly <paramref name="value"/>, or −1.</summary>
    public static int IndexOfEqual(ReadOnlySpan<double> values, double value, int start)
    {
        var block = start / Padding * Padding;
        var target = Vector512.Create(value);
        for (; block < values.Length; block += Padding)
        {
            var bits = Vector512.Equals(Vector512.Create(values[block..]), target).ExtractMostSignificantBits();
            bits &= block < start ? ~((1UL << (start - block)) - 1) : ulong.MaxValue;
            if (bits != 0)
            {
                return block + System.Numerics.BitOperations.TrailingZeroCount(bits);
            }
        }

        return -1;
    }

    /// <summary>The two smallest of a[j] − b[j] over the spans (equal lengths) and where they are; indices −1 when absent.</summary>
    public static (double Best, int BestIndex, double Second, int SecondIndex) TwoSmallestDifferences(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var top = new TopTwo();
        var vectorEnd = a.Length - a.Length % Vector256<double>.Count;
        if (vectorEnd > 0)
        {
            var best = Vector256.Create(double.PositiveInfinity);
            var second = best;
            var bestIndex = Vector256.Create(-1L);
            var secondIndex = bestIndex;
            var index = Vector256<long>.Indices;
            var step = Vector256.Create((long)Vector256<double>.Count);
            for (var j = 0; j < vectorEnd; j += Vector256<double>.Count, index += step)
            {
                var reduced = Vector256.Create(a[j..]) - Vector256.Create(b[j..]);
                var belowBest = Vector256.LessThan(reduced, best);
                var belowSecond = Vector256.LessThan(reduced, second);
                second = Vector256.ConditionalSelect(belowBest, best, Vector256.ConditionalSelect(belowSecond, reduced, second));
                secondIndex = Vector256.ConditionalSelect(belowBest.AsInt64(), bestIndex, Vector256.ConditionalSelect(belowSecond.AsInt64(), index, secondIndex));
                best = Vector256.ConditionalSelect(belowBest, reduced, best);
                bestIndex = Vector256.ConditionalSelect(belowBest.AsInt64(), index, bestIndex);
            }

            for (var lane = 0; lane < Vector256<double>.Count; lane++)
            {
                top.Offer(best[lane], (int)bestIndex[lane]);
                top.Offer(second[lane], (int)secondIndex[lane]);
            }
        }

        for (var j = vectorEnd; j < a.Length; j++)
        {
            top.Offer(a[j] - b[j], j);
        }

        return (top.Best, top.BestIndex, top.Second, top.SecondIndex);
    }

    private static double Min(Vector256<double> m) => Math.Min(Math.Min(m[0], m[1]), Math.Min(m[2], m[3]));
}
