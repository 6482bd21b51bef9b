using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// A complex FFT of one length, 2ᵖ or 3·2ᵖ. Allowing the factor 3 lets the interpolation grid
/// grow in steps of 4/3 and 3/2 instead of doubling: a 2-D grid of 1,536² where 2,048² would
/// otherwise be needed does 44 % of the work. A 3·2ᵖ transform is one radix-3 decimation-in-time
/// step over three radix-2 transforms of the interleaved thirds (<see cref="Fft"/>). The thirds
/// are copied out straight into bit-reversed order, so the radix-2 transforms skip their own
/// permutation pass, and the radix-3 step runs four outputs at a time: together they made a
/// 768-point transform 1.6 times as costly per point as a 1,024-point one before, about as costly after.
/// </summary>
internal sealed class FftPlan
{
    /// <summary>√3 / 2, the imaginary part of the cube roots of unity.</summary>
    public const float HalfRootThree = 0.86602540378443864676f;

    [ThreadStatic]
    private static float[]? scratchRe;

    [ThreadStatic]
    private static float[]? scratchIm;

    private readonly (float[] Cos, float[] Sin, int[] Swaps) radix2;

    /// <summary>cos, sin of 2π·k/n and 2π·2k/n for k &lt; n/3: the twiddles of the radix-3 step.</summary>
    private readonly float[] cos1 = [];
    private readonly float[] sin1 = [];
    private readonly float[] cos2 = [];
    private readonly float[] sin2 = [];

    /// <summary>Bit reversal of each index below n/3: where the radix-2 transforms of the thirds expect it.</summary>
    private readonly int[] reversed = [];

    public FftPlan(int length)
    {
        if (!IsSupported(length))
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"FFT length must be 2^p or 3·2^p, got {length}.");
        }

        Length = length;
        bool three = length % 3 == 0;
        Third = three ? length / 3 : 0;
        radix2 = Fft.Twiddles(three ? Third : length);
        InputOrder = InputOrderOf(length, Third);
        if (three)
        {
            cos1 = new float[Third];
            sin1 = new float[Third];
            cos2 = new float[Third];
            sin2 = new float[Third];
            reversed = Fft.BitReversal(Third);
            for (int k = 0; k < Third; k++)
            {
                double angle = 2 * Math.PI * k / length;
                (double s1, double c1) = Math.SinCos(angle);
                (double s2, double c2) = Math.SinCos(2 * angle);
                (sin1[k], cos1[k], sin2[k], cos2[k]) = ((float)s1, (float)c1, (float)s2, (float)c2);
            }
        }
    }

    public int Length { get; }

    /// <summary>n/3 when the length has the factor 3, else 0.</summary>
    public int Third { get; }

    /// <summary>
    /// Where element j of the input sits before the radix-2 butterflies: at its bit reversal, or
    /// with the factor 3, at the bit reversal of j / 3 within third j mod 3 (the strip transform
    /// of <see cref="ColumnTransform"/> copies rows straight into this order).
    /// </summary>
    public int[] InputOrder { get; }

    /// <summary>The radix-2 twiddles of the power-of-two part (<see cref="Fft.Twiddles"/>'s layout).</summary>
    public (float[] Cos, float[] Sin) Radix2Twiddles => (radix2.Cos, radix2.Sin);

    /// <summary>cos, sin of 2π·k/n and of 2π·2k/n for k &lt; n/3 (empty without the factor 3).</summary>
    public (float[] Cos1, float[] Sin1, float[] Cos2, float[] Sin2) Radix3Twiddles => (cos1, sin1, cos2, sin2);

    public static bool IsSupported(int length)
    {
        int odd = length % 3 == 0 ? length / 3 : length;
        return odd >= 1 && (odd & (odd - 1)) == 0;
    }

    private static int[] InputOrderOf(int length, int third)
    {
        int[] reversed = Fft.BitReversal(third > 0 ? third : length);
        var order = new int[length];
        for (int j = 0; j < length; j++)
        {
            order[j] = third > 0 ? ((j % 3) * third) + reversed[j / 3] : reversed[j];
        }

        return order;
    }

    /// <summary>The smallest supported length at least <paramref name="n"/>.</summary>
    public static int GoodLength(int n)
    {
        int power = Fft.NextPowerOfTwo(n);
        int withThree = 3 * Fft.NextPowerOfTwo((n + 2) / 3);
        return Math.Min(power, withThree);
    }

    /// <summary>
    /// Forward (e^{−2πi·jk/n}) or, with <paramref name="inverse"/>, unscaled inverse transform of
    /// re/im[offset, offset + n) in place. Safe to call from several threads at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Transform(float[] re, float[] im, int offset, bool inverse)
    {
        if (Third == 0)
        {
            Fft.Transform(re, im, offset, Length, inverse, radix2);
            return;
        }

        if (offset < 0 || offset + Length > re.Length || offset + Length > im.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"An FFT of {Length} at {offset} does not fit the arrays.");
        }

        int third = Third;
        float[] sr = scratchRe is { } a && a.Length >= Length ? a : scratchRe = new float[Length];
        float[] si = scratchIm is { } b && b.Length >= Length ? b : scratchIm = new float[Length];

        // Thirds x[3j + r] side by side, each in bit-reversed order, then transformed on its own.
        for (int j = 0; j < third; j++)
        {
            int t = reversed[j], source = offset + (3 * j);
            sr[t] = re[source];
            si[t] = im[source];
            sr[third + t] = re[source + 1];
            si[third + t] = im[source + 1];
            sr[(2 * third) + t] = re[source + 2];
            si[(2 * third) + t] = im[source + 2];
        }

        for (int r = 0; r < 3; r++)
        {
            Fft.TransformBitReversed(sr, si, r * third, third, inverse, radix2);
        }

        Combine(sr, si, re, im, offset, inverse);
    }

    /// <summary>
    /// X[k + q·n/3] = F₀[k] + ω^q·t₁ + ω^{2q}·t₂ with t₁ = W^k·F₁[k], t₂ = W^{2k}·F₂[k]; written
    /// with s = t₁ + t₂ and d = t₁ − t₂, the two non-trivial outputs are −s/2 ± iσ(√3/2)·d.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Combine(float[] sr, float[] si, float[] re, float[] im, int offset, bool inverse)
    {
        int third = Third;
        float sign = inverse ? 1 : -1;
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            k = CombineVectors(sr, si, re, im, offset, sign);
        }

        for (; k < third; k++)
        {
            float w1r = cos1[k], w1i = sign * sin1[k], w2r = cos2[k], w2i = sign * sin2[k];
            float f0r = sr[k], f0i = si[k];
            float f1r = sr[third + k], f1i = si[third + k];
            float f2r = sr[(2 * third) + k], f2i = si[(2 * third) + k];
            float t1r = (w1r * f1r) - (w1i * f1i), t1i = (w1r * f1i) + (w1i * f1r);
            float t2r = (w2r * f2r) - (w2i * f2i), t2i = (w2r * f2i) + (w2i * f2r);
            float sumR = t1r + t2r, sumI = t1i + t2i;

            // iσ(√3/2)·d as a real and an imaginary part.
            float rotR = -sign * HalfRootThree * (t1i - t2i), rotI = sign * HalfRootThree * (t1r - t2r);
            float midR = f0r - (0.5f * sumR), midI = f0i - (0.5f * sumI);
            re[offset + k] = f0r + sumR;
            im[offset + k] = f0i + sumI;
            re[offset + third + k] = midR + rotR;
            im[offset + third + k] = midI + rotI;
            re[offset + (2 * third) + k] = midR - rotR;
            im[offset + (2 * third) + k] = midI - rotI;
        }
    }

    /// <summary><see cref="Combine"/> four outputs at a time over whole vectors; returns where the scalar tail starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CombineVectors(float[] sr, float[] si, float[] re, float[] im, int offset, float sign)
    {
        int third = Third;
        int width = Vector256<float>.Count;
        if (offset < 0 || offset + Length > re.Length || offset + Length > im.Length || sr.Length < Length || si.Length < Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"An FFT of {Length} at {offset} does not fit the arrays.");
        }

        // Refs instead of indexing, as in Fft: the offsets by thirds defeat bounds-check removal.
        ref float c1 = ref MemoryMarshal.GetArrayDataReference(cos1);
        ref float s1 = ref MemoryMarshal.GetArrayDataReference(sin1);
        ref float c2 = ref MemoryMarshal.GetArrayDataReference(cos2);
        ref float s2 = ref MemoryMarshal.GetArrayDataReference(sin2);
        ref float fr = ref MemoryMarshal.GetArrayDataReference(sr);
        ref float fi = ref MemoryMarshal.GetArrayDataReference(si);
        ref float outR = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(re), offset);
        ref float outI = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(im), offset);
        var signs = Vector256.Create(sign);
        var rotation = Vector256.Create(sign * HalfRootThree);
        nuint t1 = (nuint)third, t2 = (nuint)(2 * third);
        int k = 0;
        for (; k + width <= third; k += width)
        {
            nuint i = (nuint)k;
            var w1r = Vector256.LoadUnsafe(ref c1, i);
            var w1i = Vector256.LoadUnsafe(ref s1, i) * signs;
            var w2r = Vector256.LoadUnsafe(ref c2, i);
            var w2i = Vector256.LoadUnsafe(ref s2, i) * signs;
            var x = FftStages.Radix3(
                (Vector256.LoadUnsafe(ref fr, i), Vector256.LoadUnsafe(ref fi, i)),
                (Vector256.LoadUnsafe(ref fr, i + t1), Vector256.LoadUnsafe(ref fi, i + t1)),
                (Vector256.LoadUnsafe(ref fr, i + t2), Vector256.LoadUnsafe(ref fi, i + t2)),
                (w1r, w1i),
                (w2r, w2i),
                rotation);
            x.X0r.StoreUnsafe(ref outR, i);
            x.X0i.StoreUnsafe(ref outI, i);
            x.X1r.StoreUnsafe(ref outR, i + t1);
            x.X1i.StoreUnsafe(ref outI, i + t1);
            x.X2r.StoreUnsafe(ref outR, i + t2);
            x.X2i.StoreUnsafe(ref outI, i + t2);
        }

        return k;
    }
}
