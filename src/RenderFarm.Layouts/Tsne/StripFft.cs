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
    /// Where logical row <paramref name="row"/> sits in the scratch: one spare row after every
    /// <see cref="BlockRows"/>. The later stages walk rows BlockRows apart, and at 64 B a row those
    /// were exactly 4 KiB apart, all on the same L1 sets, evicting one another.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Row(int row) => row + (row / BlockRows);

    /// <summary>Scratch rows a transform of n rows needs.</summary>
    public static int ScratchRows(int n) => Row(n);

    /// <summary>
    /// The butterfly stages over rows [first, first + n) of the scratch (n a power of two, rows
    /// already in bit-reversed order), with twiddles laid out as <see cref="Fft.Twiddles"/> makes them.
    /// Stages run in fused pairs (radix 4), the early ones block by block and the later ones residue
    /// class by residue class, so that a 1,024-row strip (128 KiB) passes through L1 twice, not five times.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Butterflies(float[] re, float[] im, int first, int n, float[] cos, float[] sin, bool inverse)
    {
        if (first < 0 || n < 1 || (n > BlockRows && first % BlockRows != 0) || (long)(Row(first + n - 1) + 1) * Lanes > re.Length
            || (long)(Row(first + n - 1) + 1) * Lanes > im.Length || cos.Length < n - 1 || sin.Length < n - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"A strip transform of {n} rows from {first} does not fit the scratch or the twiddles.");
        }

        // Segments of up to BlockRows rows never straddle a spare row (n divides BlockRows, first is a
        // multiple of n); longer ones start on a block, so offsets from first map as rows from 0 do.
        ref float r = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(re), Row(first) * Lanes);
        ref float m = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(im), Row(first) * Lanes);
        ref float c = ref MemoryMarshal.GetArrayDataReference(cos);
        ref float s = ref MemoryMarshal.GetArrayDataReference(sin);
        float sign = inverse ? 1 : -1;
        if (n <= BlockRows)
        {
            Stages(ref r, ref m, ref c, ref s, n, sign);
            return;
        }

        // The stages that stay within blocks of BlockRows rows finish block by block, in L1.
        for (int block = 0; block < n; block += BlockRows)
        {
            Stages(ref Unsafe.Add(ref r, Row(block) * Lanes), ref Unsafe.Add(ref m, Row(block) * Lanes), ref c, ref s, BlockRows, sign);
        }

        // The later stages pair rows BlockRows or more apart: rows of one residue mod BlockRows only
        // ever meet each other, so each residue class goes through all of those stages while its
        // n / BlockRows rows are in L1, instead of every stage pair streaming the strip from L2.
        for (int residue = 0; residue < BlockRows; residue++)
        {
            UpperStages(ref r, ref m, ref c, ref s, n, residue, sign);
        }
    }

    /// <summary>The stages of half ≥ <see cref="BlockRows"/> on the rows ≡ <paramref name="residue"/> (mod BlockRows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UpperStages(ref float r, ref float m, ref float cos, ref float sin, int n, int residue, float sign)
    {
        int half = BlockRows;
        for (; 4 * half <= n; half <<= 2)
        {
            for (int j = residue; j < half; j += BlockRows)
            {
                RadixFourColumn(ref r, ref m, ref cos, ref sin, n, half, j, sign);
            }
        }

        for (int j = residue; half < n && j < half; j += BlockRows)
        {
            RadixTwoColumn(ref r, ref m, ref cos, ref sin, n, half, j, sign);
        }
    }

    /// <summary>Every stage of an n-row transform (n ≤ BlockRows), in pairs, the last alone if the count is odd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Stages(ref float r, ref float m, ref float cos, ref float sin, int n, float sign)
    {
        int half = 1;
        for (; 4 * half <= n; half <<= 2)
        {
            PairOfStages(ref r, ref m, ref cos, ref sin, n, half, sign);
        }

        if (half < n)
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
            RadixFourColumn(ref r, ref m, ref cos, ref sin, n, half, j, sign);
        }
    }

    /// <summary>A stage left over when the stage count is odd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LastStage(ref float r, ref float m, ref float cos, ref float sin, int n, int half, float sign)
    {
        for (int j = 0; j < half; j++)
        {
            RadixTwoColumn(ref r, ref m, ref cos, ref sin, n, half, j, sign);
        }
    }

    /// <summary>Stages half and 2·half for the butterflies at offset j of every group: one set of twiddles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RadixFourColumn(ref float r, ref float m, ref float cos, ref float sin, int n, int half, int j, float sign)
    {
        var w1 = Twiddle(ref cos, ref sin, half - 1 + j, sign);
        var w2 = Twiddle(ref cos, ref sin, (2 * half) - 1 + j, sign);
        var w3 = Twiddle(ref cos, ref sin, (3 * half) - 1 + j, sign);
        // Row() is the identity below BlockRows, where blocks run these; above, half is a multiple of it.
        nuint stride = (nuint)(Row(half) * Lanes), step = (nuint)(Row(4 * half) * Lanes);
        nuint a = (nuint)(Row(j) * Lanes);
        for (int start = j; start < n; start += 4 * half, a += step)
        {
            FftStages.Radix4(ref r, ref m, a, stride, w1, w2, w3);
            FftStages.Radix4(ref r, ref m, a + (nuint)Vector256<float>.Count, stride, w1, w2, w3);
        }
    }

    /// <summary>Stage half for the butterflies at offset j of every group.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RadixTwoColumn(ref float r, ref float m, ref float cos, ref float sin, int n, int half, int j, float sign)
    {
        var (wr, wi) = Twiddle(ref cos, ref sin, half - 1 + j, sign);
        nuint row = (nuint)(Row(j) * Lanes), step = (nuint)(Row(2 * half) * Lanes), stride = (nuint)(Row(half) * Lanes);
        for (int start = j; start < n; start += 2 * half, row += step)
        {
            for (int lane = 0; lane < Lanes; lane += Vector256<float>.Count)
            {
                FftStages.Radix2(ref r, ref m, row + (nuint)lane, row + (nuint)lane + stride, wr, wi);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Re, Vector256<float> Im) Twiddle(ref float cos, ref float sin, int index, float sign) =>
        (Vector256.Create(Unsafe.Add(ref cos, index)), Vector256.Create(sign * Unsafe.Add(ref sin, index)));
}
