using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// Radix-2 butterflies run on <see cref="Lanes"/> transforms at once: row r of the scratch holds
/// element r of sixteen sequences side by side (a strip of sixteen grid columns), so every
/// butterfly is two whole-vector operations with one broadcast twiddle. Transformed one column at a
/// time, the same work needed a scalar transpose in and out, a bit-reversal pass and three scalar
/// stages per column (stages shorter than a vector); here the bit reversal is the order the rows
/// are copied in, and no stage is scalar.
/// </summary>
internal static class StripFft
{
    /// <summary>Sequences per strip: one 64-byte cache line of floats per grid row.</summary>
    public const int Lanes = 16;

    /// <summary>
    /// Rows whose early stages run block by block: 64 rows of a strip (8 KiB each of real and
    /// imaginary parts) stay in L1 through six stages, where a 1,024-row strip (128 KiB) streams
    /// from L2 in every pair of stages.
    /// </summary>
    private const int BlockRows = 64;

    /// <summary>
    /// The butterfly stages over rows [first, first + n) of the scratch (n a power of two, rows
    /// already in bit-reversed order), with twiddles laid out as <see cref="Fft.Twiddles"/> makes them.
    /// Stages run in fused pairs (radix 4): the scratch outgrows L1, and each stage streams all of it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Butterflies(float[] re, float[] im, int first, int n, float[] cos, float[] sin, bool inverse)
    {
        if (first < 0 || n < 1 || (long)(first + n) * Lanes > re.Length || (long)(first + n) * Lanes > im.Length || cos.Length < n - 1 || sin.Length < n - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"A strip transform of {n} rows from {first} does not fit the scratch or the twiddles.");
        }

        ref float r = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(re), first * Lanes);
        ref float m = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(im), first * Lanes);
        ref float c = ref MemoryMarshal.GetArrayDataReference(cos);
        ref float s = ref MemoryMarshal.GetArrayDataReference(sin);
        float sign = inverse ? 1 : -1;
        if (n <= BlockRows)
        {
            Stages(ref r, ref m, ref c, ref s, n, 1, n, sign);
            return;
        }

        // The stages that stay within blocks of BlockRows rows finish block by block, in L1.
        for (int block = 0; block < n; block += BlockRows)
        {
            Stages(ref Unsafe.Add(ref r, block * Lanes), ref Unsafe.Add(ref m, block * Lanes), ref c, ref s, BlockRows, 1, BlockRows, sign);
        }

        Stages(ref r, ref m, ref c, ref s, n, BlockRows, n, sign);
    }

    /// <summary>The stages of half [from, until) over n rows, in pairs, the last alone if the count is odd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Stages(ref float r, ref float m, ref float cos, ref float sin, int n, int from, int until, float sign)
    {
        int half = from;
        for (; 4 * half <= until; half <<= 2)
        {
            PairOfStages(ref r, ref m, ref cos, ref sin, n, half, sign);
        }

        if (half < until)
        {
            LastStage(ref r, ref m, ref cos, ref sin, n, half, sign);
        }
    }

    /// <summary>Stages half and 2·half together: rows (j, j + h, j + 2h, j + 3h) loaded once, stored once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PairOfStages(ref float r, ref float m, ref float cos, ref float sin, int n, int half, float sign)
    {
        for (int j = 0; j < half; j++)
        {
            var w1 = Twiddle(ref cos, ref sin, half - 1 + j, sign);
            var w2 = Twiddle(ref cos, ref sin, (2 * half) - 1 + j, sign);
            var w3 = Twiddle(ref cos, ref sin, (3 * half) - 1 + j, sign);
            for (int start = j; start < n; start += 4 * half)
            {
                nuint a = (nuint)(start * Lanes), stride = (nuint)(half * Lanes);
                Radix4(ref r, ref m, a, stride, w1, w2, w3);
                Radix4(ref r, ref m, a + (nuint)Vector256<float>.Count, stride, w1, w2, w3);
            }
        }
    }

    /// <summary>A stage left over when the stage count is odd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LastStage(ref float r, ref float m, ref float cos, ref float sin, int n, int half, float sign)
    {
        for (int j = 0; j < half; j++)
        {
            var (wr, wi) = Twiddle(ref cos, ref sin, half - 1 + j, sign);
            for (int start = j; start < n; start += 2 * half)
            {
                for (int lane = 0; lane < Lanes; lane += Vector256<float>.Count)
                {
                    nuint a = (nuint)((start * Lanes) + lane), b = a + (nuint)(half * Lanes);
                    var ar = Vector256.LoadUnsafe(ref r, a);
                    var ai = Vector256.LoadUnsafe(ref m, a);
                    var br = Vector256.LoadUnsafe(ref r, b);
                    var bi = Vector256.LoadUnsafe(ref m, b);
                    var tr = (wr * br) - (wi * bi);
                    var ti = (wr * bi) + (wi * br);
                    (ar + tr).StoreUnsafe(ref r, a);
                    (ai + ti).StoreUnsafe(ref m, a);
                    (ar - tr).StoreUnsafe(ref r, b);
                    (ai - ti).StoreUnsafe(ref m, b);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Re, Vector256<float> Im) Twiddle(ref float cos, ref float sin, int index, float sign) =>
        (Vector256.Create(Unsafe.Add(ref cos, index)), Vector256.Create(sign * Unsafe.Add(ref sin, index)));

    /// <summary>Eight lanes of rows a, a + stride, a + 2·stride, a + 3·stride through two stages (as <see cref="FftStages.Pair"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Radix4(
        ref float r,
        ref float m,
        nuint a,
        nuint stride,
        (Vector256<float> Re, Vector256<float> Im) w1,
        (Vector256<float> Re, Vector256<float> Im) w2,
        (Vector256<float> Re, Vector256<float> Im) w3)
    {
        nuint b = a + stride, c = b + stride, d = c + stride;
        var ar = Vector256.LoadUnsafe(ref r, a);
        var ai = Vector256.LoadUnsafe(ref m, a);
        var br = Vector256.LoadUnsafe(ref r, b);
        var bi = Vector256.LoadUnsafe(ref m, b);
        var cr = Vector256.LoadUnsafe(ref r, c);
        var ci = Vector256.LoadUnsafe(ref m, c);
        var dr = Vector256.LoadUnsafe(ref r, d);
        var di = Vector256.LoadUnsafe(ref m, d);

        // First stage: (a, b) and (c, d), both with W₁.
        var tr = (w1.Re * br) - (w1.Im * bi);
        var ti = (w1.Re * bi) + (w1.Im * br);
        var a2r = ar + tr;
        var a2i = ai + ti;
        var b2r = ar - tr;
        var b2i = ai - ti;
        tr = (w1.Re * dr) - (w1.Im * di);
        ti = (w1.Re * di) + (w1.Im * dr);
        var c2r = cr + tr;
        var c2i = ci + ti;
        var d2r = cr - tr;
        var d2i = ci - ti;

        // Second stage: (a, c) with W₂, (b, d) with W₃.
        tr = (w2.Re * c2r) - (w2.Im * c2i);
        ti = (w2.Re * c2i) + (w2.Im * c2r);
        (a2r + tr).StoreUnsafe(ref r, a);
        (a2i + ti).StoreUnsafe(ref m, a);
        (a2r - tr).StoreUnsafe(ref r, c);
        (a2i - ti).StoreUnsafe(ref m, c);
        tr = (w3.Re * d2r) - (w3.Im * d2i);
        ti = (w3.Re * d2i) + (w3.Im * d2r);
        (b2r + tr).StoreUnsafe(ref r, b);
        (b2i + ti).StoreUnsafe(ref m, b);
        (b2r - tr).StoreUnsafe(ref r, d);
        (b2i - ti).StoreUnsafe(ref m, d);
    }
}
