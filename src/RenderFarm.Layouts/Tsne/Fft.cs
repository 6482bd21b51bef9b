using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// In-place iterative radix-2 complex FFT on split real/imaginary float arrays (see
/// <see cref="InterpolationGrid"/> for why single precision). Only powers of two are
/// needed: the interpolation grid is zero-padded to the next power of two anyway, since the
/// convolution it computes must not wrap around.
/// </summary>
internal static class Fft
{
    /// <summary>
    /// Forward (e^{−2πi·jk/n}) or, with <paramref name="inverse"/>, unscaled inverse transform of
    /// re/im[offset, offset + n), with <paramref name="twiddles"/> from <see cref="Twiddles"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transform(float[] re, float[] im, int offset, int n, bool inverse, (float[] Cos, float[] Sin, int[] Swaps) twiddles)
    {
        if (offset < 0 || n < 1 || offset + n > re.Length || offset + n > im.Length || twiddles.Cos.Length != Math.Max(1, n - 1))
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"An FFT of {n} at {offset} does not fit the arrays, or the twiddles are for another length.");
        }

        // Refs instead of indexing: the butterfly indices defeat the JIT's bounds-check removal,
        // and the checks cost as much as the arithmetic.
        ref float r = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(re), offset);
        ref float m = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(im), offset);
        BitReverse(ref r, ref m, twiddles.Swaps);
        Butterflies(ref r, ref m, n, inverse, twiddles);
    }

    /// <summary>
    /// <see cref="Transform"/> of data already in bit-reversed order, as a caller that permutes
    /// anyway (<see cref="FftPlan"/>'s radix-3 split) leaves it: the butterfly stages only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransformBitReversed(float[] re, float[] im, int offset, int n, bool inverse, (float[] Cos, float[] Sin, int[] Swaps) twiddles)
    {
        if (offset < 0 || n < 1 || offset + n > re.Length || offset + n > im.Length || twiddles.Cos.Length != Math.Max(1, n - 1))
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"An FFT of {n} at {offset} does not fit the arrays, or the twiddles are for another length.");
        }

        Butterflies(
            ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(re), offset),
            ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(im), offset),
            n,
            inverse,
            twiddles);
    }

    /// <summary>Index j's bit reversal for every j &lt; n (a power of two), as a table.</summary>
    public static int[] BitReversal(int n)
    {
        var reversed = new int[n];
        for (int i = 0; i < n; i++)
        {
            reversed[i] = i;
        }

        int[] swaps = Swaps(n);
        for (int s = 0; s < swaps.Length; s += 2)
        {
            (reversed[swaps[s]], reversed[swaps[s + 1]]) = (swaps[s + 1], swaps[s]);
        }

        return reversed;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Butterflies(ref float r, ref float m, int n, bool inverse, (float[] Cos, float[] Sin, int[] Swaps) twiddles)
    {
        ref float cos = ref MemoryMarshal.GetArrayDataReference(twiddles.Cos);
        ref float sin = ref MemoryMarshal.GetArrayDataReference(twiddles.Sin);
        float sign = inverse ? 1 : -1;
        int firstHalf = 1;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            FftStages.FirstThree(ref r, ref m, n, sign);
            firstHalf = Vector256<float>.Count;
        }
        else if (n >= 4)
        {
            FftStages.FirstTwo(ref r, ref m, n, sign);
            firstHalf = 4;
        }

        for (int half = firstHalf; half < n; half <<= 1)
        {
            // Stage twiddles e^{−2πi·j/(2·half)} sit contiguously at [half − 1, 2·half − 1).
            ref float wc = ref Unsafe.Add(ref cos, half - 1);
            ref float ws = ref Unsafe.Add(ref sin, half - 1);
            if (Vector256.IsHardwareAccelerated && half >= Vector256<float>.Count && 4 * half <= n)
            {
                FftStages.Pair(ref r, ref m, ref cos, ref sin, n, half, sign);
                half <<= 1;
                continue;
            }

            if (Vector256.IsHardwareAccelerated && half >= Vector256<float>.Count)
            {
                FftStages.Single(ref r, ref m, ref wc, ref ws, n, half, sign);
                continue;
            }

            for (int start = 0; start < n; start += 2 * half)
            {
                for (int j = 0; j < half; j++)
                {
                    float wr = Unsafe.Add(ref wc, j);
                    float wi = sign * Unsafe.Add(ref ws, j);
                    ref float ar = ref Unsafe.Add(ref r, start + j);
                    ref float ai = ref Unsafe.Add(ref m, start + j);
                    ref float br = ref Unsafe.Add(ref r, start + j + half);
                    ref float bi = ref Unsafe.Add(ref m, start + j + half);
                    float tr = (wr * br) - (wi * bi);
                    float ti = (wr * bi) + (wi * br);
                    br = ar - tr;
                    bi = ai - ti;
                    ar += tr;
                    ai += ti;
                }
            }
        }
    }

    /// <summary>
    /// cos and sin of 2π·j/(2·half) for every stage half = 1, 2, 4 … n/2, stage after stage
    /// (n − 1 entries), and the index pairs the bit-reversal permutation swaps, listed flat.
    /// </summary>
    public static (float[] Cos, float[] Sin, int[] Swaps) Twiddles(int n)
    {
        if (n < 1 || (n & (n - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"FFT length must be a power of two, got {n}.");
        }

        var cos = new float[Math.Max(1, n - 1)];
        var sin = new float[cos.Length];
        for (int half = 1; half < n; half <<= 1)
        {
            for (int j = 0; j < half; j++)
            {
                // In double, rounded once: float angles would put each twiddle's error into every butterfly using it.
                double angle = Math.PI * j / half;
                cos[half - 1 + j] = (float)Math.Cos(angle);
                sin[half - 1 + j] = (float)Math.Sin(angle);
            }
        }

        return (cos, sin, Swaps(n));
    }

    /// <summary>The smallest power of two at least <paramref name="n"/>.</summary>
    public static int NextPowerOfTwo(int n)
    {
        int p = 1;
        while (p < n)
        {
            p <<= 1;
        }

        return p;
    }

    /// <summary>Pairs (i, j), i &lt; j, with j the bit reversal of i: a table, as the bit-twiddling loop branches unpredictably.</summary>
    private static int[] Swaps(int n)
    {
        var pairs = new List<int>();
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                pairs.Add(i);
                pairs.Add(j);
            }
        }

        return [.. pairs];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BitReverse(ref float re, ref float im, int[] swaps)
    {
        for (int s = 0; s < swaps.Length; s += 2)
        {
            int i = swaps[s], j = swaps[s + 1];
            (Unsafe.Add(ref re, i), Unsafe.Add(ref re, j)) = (Unsafe.Add(ref re, j), Unsafe.Add(ref re, i));
            (Unsafe.Add(ref im, i), Unsafe.Add(ref im, j)) = (Unsafe.Add(ref im, j), Unsafe.Add(ref im, i));
        }
    }
}
