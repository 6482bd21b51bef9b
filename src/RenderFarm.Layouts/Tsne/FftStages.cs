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
                nuint ia = (nuint)(start + j), ib = ia + (nuint)half, ic = ib + (nuint)half, id = ic + (nuint)half;
                var ar = Vector256.LoadUnsafe(ref r, ia);
                var ai = Vector256.LoadUnsafe(ref m, ia);
                var br = Vector256.LoadUnsafe(ref r, ib);
                var bi = Vector256.LoadUnsafe(ref m, ib);
                var cr = Vector256.LoadUnsafe(ref r, ic);
                var ci = Vector256.LoadUnsafe(ref m, ic);
                var dr = Vector256.LoadUnsafe(ref r, id);
                var di = Vector256.LoadUnsafe(ref m, id);

                // Stage h: (a, b) and (c, d), both with the twiddle W₁.
                var tr = (w1r * br) - (w1i * bi);
                var ti = (w1r * bi) + (w1i * br);
                var a2r = ar + tr;
                var a2i = ai + ti;
                var b2r = ar - tr;
                var b2i = ai - ti;
                tr = (w1r * dr) - (w1i * di);
                ti = (w1r * di) + (w1i * dr);
                var c2r = cr + tr;
                var c2i = ci + ti;
                var d2r = cr - tr;
                var d2i = ci - ti;

                // Stage 2h: (a, c) with W₂ at j, (b, d) with W₃ at j + h.
                tr = (w2r * c2r) - (w2i * c2i);
                ti = (w2r * c2i) + (w2i * c2r);
                (a2r + tr).StoreUnsafe(ref r, ia);
                (a2i + ti).StoreUnsafe(ref m, ia);
                (a2r - tr).StoreUnsafe(ref r, ic);
                (a2i - ti).StoreUnsafe(ref m, ic);
                tr = (w3r * d2r) - (w3i * d2i);
                ti = (w3r * d2i) + (w3i * d2r);
                (b2r + tr).StoreUnsafe(ref r, ib);
                (b2i + ti).StoreUnsafe(ref m, ib);
                (b2r - tr).StoreUnsafe(ref r, id);
                (b2i - ti).StoreUnsafe(ref m, id);
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
                nuint a = (nuint)(start + j), b = (nuint)(start + j + half);
                var ar = Vector256.LoadUnsafe(ref r, a);
                var ai = Vector256.LoadUnsafe(ref m, a);
                var br = Vector256.LoadUnsafe(ref r, b);
                var bi = Vector256.LoadUnsafe(ref m, b);
                var tr = (wr * br) - (wi * bi);
                var ti = (wr * bi) + (wi * br);
                (ar - tr).StoreUnsafe(ref r, b);
                (ai - ti).StoreUnsafe(ref m, b);
                (ar + tr).StoreUnsafe(ref r, a);
                (ai + ti).StoreUnsafe(ref m, a);
            }
        }
    }
}
