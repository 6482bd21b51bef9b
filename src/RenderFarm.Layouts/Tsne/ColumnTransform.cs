using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// FFTs down the columns of a square row-major grid (rows <c>pitch</c> floats apart) without
/// transposing it: a strip of <see cref="Strip"/> neighbouring columns (one cache line of each row)
/// is copied row by row into a per-thread scratch, in the order the butterflies want
/// (<see cref="FftPlan.InputOrder"/>), transformed sixteen columns at once (<see cref="StripFft"/>)
/// and copied back. A pass can read fewer rows than it writes (zero padding) or write fewer than it
/// reads (only the rows that are read back).
/// </summary>
internal sealed class ColumnTransform(FftPlan plan, int pitch)
{
    /// <summary>Sixteen floats: one 64-byte cache line of each row.</summary>
    public const int Strip = StripFft.Lanes;

    [ThreadStatic]
    private static float[]? scratchRe;

    [ThreadStatic]
    private static float[]? scratchIm;

    /// <summary>
    /// Transforms columns [0, <paramref name="columns"/>) (rounded up to whole strips, within the
    /// grid) of which rows [0, <paramref name="rowsIn"/>) hold data and the rest are taken as zero;
    /// rows [0, <paramref name="rowsOut"/>) of the result are written back.
    /// </summary>
    public void Pass(float[] real, float[] imaginary, int columns, int rowsIn, int rowsOut, bool inverse)
    {
        int size = plan.Length;
        if (real.Length != size * pitch || imaginary.Length != size * pitch || pitch < size || columns > size || rowsIn > size || rowsOut > size || size % Strip != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), $"A column pass over {columns} columns, {rowsIn} rows in, {rowsOut} out does not fit a {size}² grid of whole strips.");
        }

        int strips = (columns + Strip - 1) / Strip;
        Parallel.For(0, strips, strip =>
        {
            int first = strip * Strip;
            (float[] sr, float[] si) = Scratch(size);
            Gather(real, imaginary, sr, si, first, size, rowsIn);
            TransformAndStore(sr, si, real, imaginary, first, rowsOut, inverse);
        });
    }

    /// <summary>This thread's scratch for a strip of the given length.</summary>
    private static (float[] Re, float[] Im) Scratch(int size)
    {
        int length = Strip * StripFft.ScratchRows(size);
        float[] sr = scratchRe is { } a && a.Length >= length ? a : scratchRe = new float[length];
        float[] si = scratchIm is { } b && b.Length >= length ? b : scratchIm = new float[length];
        return (sr, si);
    }

    /// <summary>The butterflies over a gathered strip, and rows [0, rowsOut) of the result into the grid.</summary>
    private void TransformAndStore(float[] sr, float[] si, float[] real, float[] imaginary, int first, int rowsOut, bool inverse)
    {
        int size = plan.Length;
        (float[] cos, float[] sin) = plan.Radix2Twiddles;
        if (plan.Third == 0)
        {
            StripFft.Butterflies(sr, si, 0, size, cos, sin, inverse);
            Scatter(sr, si, real, imaginary, first, size, rowsOut);
            return;
        }

        for (int third = 0; third < 3; third++)
        {
            StripFft.Butterflies(sr, si, third * plan.Third, plan.Third, cos, sin, inverse);
        }

        CombineThirds(sr, si, real, imaginary, first, rowsOut, inverse);
    }

    /// <summary>Grid rows [0, rows) of the strip into scratch rows at their <see cref="FftPlan.InputOrder"/>; the rest zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Gather(float[] real, float[] imaginary, float[] sr, float[] si, int first, int size, int rows)
    {
        int[] order = plan.InputOrder;
        CheckStrip(real, imaginary, sr, si, first, size);
        ref float re = ref MemoryMarshal.GetArrayDataReference(real);
        ref float im = ref MemoryMarshal.GetArrayDataReference(imaginary);
        ref float outRe = ref MemoryMarshal.GetArrayDataReference(sr);
        ref float outIm = ref MemoryMarshal.GetArrayDataReference(si);
        for (int row = 0; row < size; row++)
        {
            nuint target = (nuint)(StripFft.Row(order[row]) * Strip);
            for (int lane = 0; lane < Strip; lane += Vector256<float>.Count)
            {
                nuint source = (nuint)((row * pitch) + first + lane), to = target + (nuint)lane;
                bool inside = row < rows;
                (inside ? Vector256.LoadUnsafe(ref re, source) : Vector256<float>.Zero).StoreUnsafe(ref outRe, to);
                (inside ? Vector256.LoadUnsafe(ref im, source) : Vector256<float>.Zero).StoreUnsafe(ref outIm, to);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scatter(float[] sr, float[] si, float[] real, float[] imaginary, int first, int size, int rows)
    {
        CheckStrip(real, imaginary, sr, si, first, size);
        ref float re = ref MemoryMarshal.GetArrayDataReference(real);
        ref float im = ref MemoryMarshal.GetArrayDataReference(imaginary);
        ref float fromRe = ref MemoryMarshal.GetArrayDataReference(sr);
        ref float fromIm = ref MemoryMarshal.GetArrayDataReference(si);
        for (int row = 0; row < rows; row++)
        {
            for (int lane = 0; lane < Strip; lane += Vector256<float>.Count)
            {
                nuint source = (nuint)((StripFft.Row(row) * Strip) + lane), target = (nuint)((row * pitch) + first + lane);
                Vector256.LoadUnsafe(ref fromRe, source).StoreUnsafe(ref re, target);
                Vector256.LoadUnsafe(ref fromIm, source).StoreUnsafe(ref im, target);
            }
        }
    }

    /// <summary>
    /// The radix-3 step of a 3·2ᵖ transform across the strip (as <see cref="FftPlan"/>'s Combine
    /// does along a row), written straight to the grid rows below <paramref name="rowsOut"/>:
    /// X[k + q·n/3] = F₀[k] + ω^q·t₁ + ω^{2q}·t₂ with t₁ = W^k·F₁[k], t₂ = W^{2k}·F₂[k].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CombineThirds(float[] sr, float[] si, float[] real, float[] imaginary, int first, int rowsOut, bool inverse)
    {
        int size = plan.Length, third = plan.Third;
        CheckStrip(real, imaginary, sr, si, first, size);
        (float[] cos1, float[] sin1, float[] cos2, float[] sin2) = plan.Radix3Twiddles;
        float sign = inverse ? 1 : -1;
        var rotation = Vector256.Create(sign * FftPlan.HalfRootThree);
        ref float fr = ref MemoryMarshal.GetArrayDataReference(sr);
        ref float fi = ref MemoryMarshal.GetArrayDataReference(si);
        ref float re = ref MemoryMarshal.GetArrayDataReference(real);
        ref float im = ref MemoryMarshal.GetArrayDataReference(imaginary);
        for (int k = 0; k < third && k < rowsOut; k++)
        {
            var w1r = Vector256.Create(cos1[k]);
            var w1i = Vector256.Create(sign * sin1[k]);
            var w2r = Vector256.Create(cos2[k]);
            var w2i = Vector256.Create(sign * sin2[k]);
            for (int lane = 0; lane < Strip; lane += Vector256<float>.Count)
            {
                nuint f0 = (nuint)((StripFft.Row(k) * Strip) + lane);
                nuint f1 = (nuint)((StripFft.Row(third + k) * Strip) + lane);
                nuint f2 = (nuint)((StripFft.Row((2 * third) + k) * Strip) + lane);
                var x = FftStages.Radix3(
                    (Vector256.LoadUnsafe(ref fr, f0), Vector256.LoadUnsafe(ref fi, f0)),
                    (Vector256.LoadUnsafe(ref fr, f1), Vector256.LoadUnsafe(ref fi, f1)),
                    (Vector256.LoadUnsafe(ref fr, f2), Vector256.LoadUnsafe(ref fi, f2)),
                    (w1r, w1i),
                    (w2r, w2i),
                    rotation);
                nuint row0 = (nuint)((k * pitch) + first + lane), step = (nuint)(third * pitch);
                x.X0r.StoreUnsafe(ref re, row0);
                x.X0i.StoreUnsafe(ref im, row0);
                if (k + third < rowsOut)
                {
                    x.X1r.StoreUnsafe(ref re, row0 + step);
                    x.X1i.StoreUnsafe(ref im, row0 + step);
                }

                if (k + (2 * third) < rowsOut)
                {
                    x.X2r.StoreUnsafe(ref re, row0 + (2 * step));
                    x.X2i.StoreUnsafe(ref im, row0 + (2 * step));
                }
            }
        }
    }

    /// <summary>The bounds the unchecked copies rely on: the strip inside the grid, the scratch holding size rows of a strip.</summary>
    private void CheckStrip(float[] real, float[] imaginary, float[] sr, float[] si, int first, int size)
    {
        if (first < 0 || first + Strip > size || real.Length < size * pitch || imaginary.Length < size * pitch
            || sr.Length < Strip * StripFft.ScratchRows(size) || si.Length < Strip * StripFft.ScratchRows(size))
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"A strip of {Strip} columns from {first} does not fit a {size}² grid and its scratch.");
        }
    }
}
