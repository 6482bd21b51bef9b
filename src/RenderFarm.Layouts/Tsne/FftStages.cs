using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// The butterfly stages of <see cref="Fft"/>'s radix-2 transform on bit-reversed data, written
/// out for speed: the first three inside one pair of vectors per eight elements (or, without
/// vectors, the first two fused without multiplications), later ones vectorised, in pairs where
/// two stages fit. Each takes refs r and m to the first real and imaginary elements, and
/// twiddles as <see cref="Fft.Twiddles"/> lays them out.
/// </summary>
internal static class FftStages
{
    /// <summary>
    /// The stages of half 1 and 2 fused, one group of four at a time: their twiddles are 1 and
    /// ±i, so they need no multiplications, and as separate scalar stages they cost as much as
    /// several vectorised ones.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FirstTwo(ref float r, ref float m, int n, float sign)
    {
        for (int g = 0; g < n; g += 4)
        {
            ref float r0 = ref Unsafe.Add(ref r, g);
            ref float m0 = ref Unsafe.Add(ref m, g);
            float x0r = r0, x0i = m0;
            float x1r = Unsafe.Add(ref r0, 1), x1i = Unsafe.Add(ref m0, 1);
            float x2r = Unsafe.Add(ref r0, 2), x2i = Unsafe.Add(ref m0, 2);
            float x3r = Unsafe.Add(ref r0, 3), x3i = Unsafe.Add(ref m0, 3);

            // Stage half = 1: sums and differences of neighbours.
            float a0r = x0r + x1r, a0i = x0i + x1i, b0r = x0r - x1r, b0i = x0i - x1i;
            float a1r = x2r + x3r, a1i = x2i + x3i, b1r = x2r - x3r, b1i = x2i - x3i;

            // Stage half = 2: twiddle 1 for a, i·sign for b (e^{sign·iπ/2}).
            float tr = -sign * b1i, ti = sign * b1r;
            r0 = a0r + a1r;
            m0 = a0i + a1i;
            Unsafe.Add(ref r0, 2) = a0r - a1r;
            Unsafe.Add(ref m0, 2) = a0i - a1i;
            Unsafe.Add(ref r0, 1) = b0r + tr;
            Unsafe.Add(ref m0, 1) = b0i + ti;
            Unsafe.Add(ref r0, 3) = b0r - tr;
            Unsafe.Add(ref m0, 3) = b0i - ti;
        }
    }

    /// <summary>
    /// The stages of half 1, 2 and 4 on each group of eight elements in one pair of vectors: each
    /// stage pairs lanes by two constant shuffles and multiplies the second of each pair by a
    /// per-lane twiddle (±1, ±i, the eighth roots of unity), so no element leaves its register
    /// between the three. Scalar, these stages cost as much as all the vectorised ones together.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FirstThree(ref float r, ref float m, int n, float sign)
    {
        const float Root = 0.70710678118654752f;

        // Lane l of stage h: a = x[l with bit h cleared], b = x[l with bit h set], out = a + W·b.
        var w1r = Vector256.Create(1f, -1f, 1f, -1f, 1f, -1f, 1f, -1f);
        var w2r = Vector256.Create(1f, 0f, -1f, 0f, 1f, 0f, -1f, 0f);
        var w2i = Vector256.Create(0f, sign, 0f, -sign, 0f, sign, 0f, -sign);
        var w3r = Vector256.Create(1f, Root, 0f, -Root, -1f, -Root, 0f, Root);
        var w3i = Vector256.Create(0f, sign * Root, sign, sign * Root, 0f, -sign * Root, -sign, -sign * Root);
        for (int g = 0; g + Vector256<float>.Count <= n; g += Vector256<float>.Count)
        {
            nuint at = (nuint)g;
            var xr = Vector256.LoadUnsafe(ref r, at);
            var xi = Vector256.LoadUnsafe(ref m, at);

            // Half 1: twiddle ±1 only.
            var ar = Vector256.Shuffle(xr, Vector256.Create(0, 0, 2, 2, 4, 4, 6, 6));
            var ai = Vector256.Shuffle(xi, Vector256.Create(0, 0, 2, 2, 4, 4, 6, 6));
            xr = ar + (w1r * Vector256.Shuffle(xr, Vector256.Create(1, 1, 3, 3, 5, 5, 7, 7)));
            xi = ai + (w1r * Vector256.Shuffle(xi, Vector256.Create(1, 1, 3, 3, 5, 5, 7, 7)));

            // Half 2: twiddles ±1, ±i.
            (xr, xi) = Twiddled(
                Vector256.Shuffle(xr, Vector256.Create(0, 1, 0, 1, 4, 5, 4, 5)),
                Vector256.Shuffle(xi, Vector256.Create(0, 1, 0, 1, 4, 5, 4, 5)),
                Vector256.Shuffle(xr, Vector256.Create(2, 3, 2, 3, 6, 7, 6, 7)),
                Vector256.Shuffle(xi, Vector256.Create(2, 3, 2, 3, 6, 7, 6, 7)),
                w2r,
                w2i);

            // Half 4: the eighth roots of unity.
            (xr, xi) = Twiddled(
                Vector256.Shuffle(xr, Vector256.Create(0, 1, 2, 3, 0, 1, 2, 3)),
                Vector256.Shuffle(xi, Vector256.Create(0, 1, 2, 3, 0, 1, 2, 3)),
                Vector256.Shuffle(xr, Vector256.Create(4, 5, 6, 7, 4, 5, 6, 7)),
                Vector256.Shuffle(xi, Vector256.Create(4, 5, 6, 7, 4, 5, 6, 7)),
                w3r,
                w3i);
            xr.StoreUnsafe(ref r, at);
            xi.StoreUnsafe(ref m, at);
        }
    }

    /// <summary>a + W·b, lane by lane (the shuffles stay at the call: constant indices compile to one permute).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Re, Vector256<float> Im) Twiddled(
        Vector256<float> ar,
        Vector256<float> ai,
        Vector256<float> br,
        Vector256<float> bi,
        Vector256<float> wr,
        Vector256<float> wi) =>
        (ar + ((wr * br) - (wi * bi)), ai + ((wr * bi) + (wi * br)));

    /// <summary>
    /// The stages of half h and 2h fused, four butterflies wide: each group of four elements
    /// (j, j + h, j + 2h, j + 3h) is loaded once, goes through both stages in registers and is
    /// stored once, where two separate stages load and store every element twice. The arithmetic
    /// is the same; the memory traffic, which bounded the separate stages, is halved.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pair(ref float r, ref float m, ref float cos, ref float sin, int n, int half, float sign)
    {
        var signs = Vector256.Create(sign);
        int width = Vector256<float>.Count;
        ref float c1 = ref Unsafe.Add(ref cos, half - 1);
        ref float s1 = ref Unsafe.Add(ref sin, half - 1);
        ref float c2 = ref Unsafe.Add(ref cos, (2 * half) - 1);
        ref float s2 = ref Unsafe.Add(ref sin, (2 * half) - 1);
        for (int start = 0; start < n; start += 4 * half)
        {
            for (int j = 0; j < half; j += width)
            {
                nuint t = (nuint)j, th = (nuint)(j + half);
                var w1r = Vector256.LoadUnsafe(ref c1, t);
                var w1i = Vector256.LoadUnsafe(ref s1, t) * signs;
                var w2r = Vector256.LoadUnsafe(ref c2, t);
                var w2i = Vector256.LoadUnsafe(ref s2, t) * signs;
                var w3r = Vector256.LoadUnsafe(ref c2, th);
                var w3i = Vector256.LoadUnsafe(ref s2, th) * signs;
                Radix4(ref r, ref m, (nuint)(start + j), (nuint)half, (w1r, w1i), (w2r, w2i), (w3r, w3i));
            }
        }
    }

    /// <summary>One butterfly stage four at a time, for stages whose halves are at least a vector long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Single(ref float r, ref float m, ref float wc, ref float ws, int n, int half, float sign)
    {
        var signs = Vector256.Create(sign);
        int width = Vector256<float>.Count;
        for (int start = 0; start < n; start += 2 * half)
        {
            for (int j = 0; j < half; j += width)
            {
                var wr = Vector256.LoadUnsafe(ref wc, (nuint)j);
                var wi = Vector256.LoadUnsafe(ref ws, (nuint)j) * signs;
                Radix2(ref r, ref m, (nuint)(start + j), (nuint)(start + j + half), wr, wi);
            }
        }
    }

    /// <summary>
    /// Eight lanes of elements a, a + stride, a + 2·stride, a + 3·stride through two stages: (a, b)
    /// and (c, d) with W₁, then (a, c) with W₂ and (b, d) with W₃. <see cref="Pair"/> runs it along
    /// a row (stride = half), <see cref="StripFft"/> down a strip (stride = half rows).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Radix4(
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

    /// <summary>
    /// The radix-3 step on eight lanes: with t₁ = W₁·F₁, t₂ = W₂·F₂, s = t₁ + t₂ and d = t₁ − t₂,
    /// X₀ = F₀ + s and X₁,₂ = F₀ − s/2 ± iσ(√3/2)·d, σ·√3/2 given as <paramref name="rotation"/>.
    /// <see cref="FftPlan"/> runs it along a row, <see cref="ColumnTransform"/> down a strip.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<float> X0r, Vector256<float> X0i, Vector256<float> X1r, Vector256<float> X1i, Vector256<float> X2r, Vector256<float> X2i) Radix3(
        (Vector256<float> Re, Vector256<float> Im) f0,
        (Vector256<float> Re, Vector256<float> Im) f1,
        (Vector256<float> Re, Vector256<float> Im) f2,
        (Vector256<float> Re, Vector256<float> Im) w1,
        (Vector256<float> Re, Vector256<float> Im) w2,
        Vector256<float> rotation)
    {
        var t1r = (w1.Re * f1.Re) - (w1.Im * f1.Im);
        var t1i = (w1.Re * f1.Im) + (w1.Im * f1.Re);
        var t2r = (w2.Re * f2.Re) - (w2.Im * f2.Im);
        var t2i = (w2.Re * f2.Im) + (w2.Im * f2.Re);
        var sumR = t1r + t2r;
        var sumI = t1i + t2i;
        var rotR = -rotation * (t1i - t2i);
        var rotI = rotation * (t1r - t2r);
        var half = Vector256.Create(0.5f);
        var midR = f0.Re - (half * sumR);
        var midI = f0.Im - (half * sumI);
        return (f0.Re + sumR, f0.Im + sumI, midR + rotR, midI + rotI, midR - rotR, midI - rotI);
    }

    /// <summary>One butterfly on eight lanes: (a, b) → (a + W·b, a − W·b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Radix2(ref float r, ref float m, nuint a, nuint b, Vector256<float> wr, Vector256<float> wi)
    {
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
