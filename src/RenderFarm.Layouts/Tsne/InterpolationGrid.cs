using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// The complex size × size grid on which FIt-SNE's node charges are convolved with kernels.
/// Only the m × m corner holds nodes; the rest is zero padding, so the circular convolution of the FFT equals
/// the linear one there. Rows are y node indices, columns x node indices.
/// </summary>
/// <remarks>
/// Single precision throughout (charges, spectra, transforms): the passes over the grid are bound
/// by memory traffic, and at 768² eight double arrays (38 MB) no longer fit the 32 MB L3. Float
/// rounding (≈ 10⁻⁷ of the largest potential) is four orders below the interpolation's own error
/// (Fashion-MNIST 10k: 4.5 % RMS force error against the exact sum either way; Z to 1.4·10⁻³);
/// the energy is summed in double. Fashion-MNIST 10k: repulsion 2.55 → 2.19 s over 750 iterations.
/// </remarks>
internal sealed class InterpolationGrid
{
    /// <summary>A thread's row of the spectrum product in <see cref="Convolve"/>, transformed there.</summary>
    [ThreadStatic]
    private static float[]? lineRe;

    [ThreadStatic]
    private static float[]? lineIm;

    /// <summary>Rows per task of <see cref="Energy"/>: a task per row cost more in scheduling than the row's sum.</summary>
    private const int EnergyRowsPerTask = 32;

    private readonly int size;
    private readonly int m;

    /// <summary>
    /// Floats from one grid row to the next: a cache line more than the row, so that a column
    /// pass, which reads one cache line of every row, does not find all of them on the same cache
    /// sets (at 1,024² a row is 4 KiB: the padding took that column pass from 2.3–2.7 to 1.9–2.1 ms).
    /// </summary>
    private readonly int pitch;

    /// <summary>The m × m node charges alone (row stride m): clearing a size² array every iteration cost four times as much.</summary>
    private readonly float[] charges;

    private readonly float[] chargeRe;
    private readonly float[] chargeIm;
    private readonly float[] re;
    private readonly float[] im;
    private readonly FftPlan plan;
    private readonly ColumnTransform columns;
    private readonly (float[] Re, float[] Im)[] spectra;

    public InterpolationGrid(int size, int m)
    {
        this.size = size;
        this.m = m;
        charges = new float[m * m];
        pitch = size + ColumnTransform.Strip;
        chargeRe = new float[size * pitch];
        chargeIm = new float[size * pitch];
        re = new float[size * pitch];
        im = new float[size * pitch];
        plan = new FftPlan(size);
        columns = new ColumnTransform(plan, pitch);
        spectra = [(new float[size * pitch], new float[size * pitch]), (new float[size * pitch], new float[size * pitch])];
    }

    public int Size => size;

    /// <summary>Distance between neighbouring nodes in embedding units.</summary>
    public double Spacing { get; set; }

    /// <summary>
    /// The 2-D transform of a kernel given as a complex value per node offset (dx, dy in
    /// embedding units, both in (−m, m)·spacing), wrapped circularly. A pair of real kernels
    /// k₁ + i·k₂ transforms in one go into the spectrum that convolves real charges with both at
    /// once: the result's real part is the k₁ potential, its imaginary part the k₂ one.
    /// </summary>
    /// <remarks>
    /// Written into this grid's own pair of arrays for <paramref name="slot"/> (0 or 1), reused by
    /// every rebuild of the same size: the grid is rebuilt often while a layout expands, and fresh
    /// arrays each time (four of size² doubles, 128 MiB at 2048²) piled up as garbage between
    /// collections, pushing the 70k peak over 2 GiB.
    /// </remarks>
    public (float[] Re, float[] Im) KernelSpectrum(int slot, Func<double, double, (double Re, double Im)> kernel)
    {
        float[] kr = spectra[slot].Re;
        float[] ki = spectra[slot].Im;
        Array.Clear(kr);
        Array.Clear(ki);
        for (int a = 0; a < size; a++)
        {
            int dy = a < m ? a : a > size - m ? a - size : int.MinValue;
            for (int b = 0; b < size && dy != int.MinValue; b++)
            {
                int dx = b < m ? b : b > size - m ? b - size : int.MinValue;
                if (dx != int.MinValue)
                {
                    (double kernelRe, double kernelIm) = kernel(dx * Spacing, dy * Spacing);
                    (kr[(a * pitch) + b], ki[(a * pitch) + b]) = ((float)kernelRe, (float)kernelIm);
                }
            }
        }

        Transform2D(kr, ki, inverse: false);
        return (kr, ki);
    }

    public void Clear() => Array.Clear(charges);

    public void Add(int row, int column, double charge) => charges[(row * m) + column] += (float)charge;

    public (double Real, double Imaginary) At(int row, int column) => (re[(row * pitch) + column], im[(row * pitch) + column]);

    /// <summary>
    /// Transforms the charges once; every <see cref="Convolve"/> after starts from that spectrum.
    /// The charges are real, so their spectrum is Hermitian, Q̂(−k) = conj Q̂(k): two charge rows
    /// go through one complex row transform (one as the real part, one as the imaginary), and only
    /// the columns up to size/2 are transformed; the other half is read off as conjugates. That is
    /// half the work of a complex transform.
    /// </summary>
    public void TransformCharges()
    {
        Parallel.For(0, (m + 1) / 2, pair =>
        {
            int a = 2 * pair * pitch, b = a + pitch;
            Array.Copy(charges, 2 * pair * m, chargeRe, a, m);
            Array.Clear(chargeRe, a + m, size - m);
            if (2 * pair + 1 < m)
            {
                Array.Copy(charges, ((2 * pair) + 1) * m, chargeIm, a, m);
                Array.Clear(chargeIm, a + m, size - m);
            }
            else
            {
                Array.Clear(chargeIm, a, size);
            }

            plan.Transform(chargeRe, chargeIm, a, inverse: false);
            SplitRowPair(a, b);
        });
        columns.Pass(chargeRe, chargeIm, (size / 2) + 1, rowsIn: m, rowsOut: size, inverse: false);
    }

    /// <summary>
    /// Z = FFT(x + i·y) of real rows x, y into X = (Z[k] + conj Z[−k]) / 2 in row <paramref name="a"/>
    /// and Y = (Z[k] − conj Z[−k]) / 2i in row <paramref name="b"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SplitRowPair(int a, int b)
    {
        for (int k = 0; k <= size / 2; k++)
        {
            int j = (size - k) % size;
            float zr = chargeRe[a + k], zi = chargeIm[a + k], wr = chargeRe[a + j], wi = chargeIm[a + j];
            float xr = 0.5f * (zr + wr), xi = 0.5f * (zi - wi);
            float yr = 0.5f * (zi + wi), yi = -0.5f * (zr - wr);
            chargeRe[a + k] = xr;
            chargeIm[a + k] = xi;
            chargeRe[a + j] = xr;
            chargeIm[a + j] = -xi;
            chargeRe[b + k] = yr;
            chargeIm[b + k] = yi;
            chargeRe[b + j] = yr;
            chargeIm[b + j] = -yi;
        }
    }

    /// <summary>
    /// Σ over nodes of charge × potential under the kernel whose (real, even) spectrum is given,
    /// by Parseval: (1/size²)·Σ |Q̂|²·K̂ over the transformed charges. The charges sit only where
    /// the circular convolution equals the linear one, so this is the linear convolution's energy.
    /// Both factors are even in k, so the columns past size/2 (never transformed) mirror those
    /// before it: each inner column counts twice.
    /// </summary>
    public double Energy((float[] Re, float[] Im) spectrum)
    {
        int blocks = (size + EnergyRowsPerTask - 1) / EnergyRowsPerTask;
        var partial = new double[blocks];
        Parallel.For(0, blocks, block =>
        {
            double sum = 0;
            for (int row = block * EnergyRowsPerTask, end = Math.Min(size, row + EnergyRowsPerTask); row < end; row++)
            {
                sum += RowEnergy(row * pitch, spectrum.Re);
            }

            partial[block] = sum;
        });
        return partial.Sum() / ((double)size * size);
    }

    /// <summary>
    /// One row's Σ |Q̂|²·K̂ over columns [0, size/2], inner columns twice: products in float, sums
    /// in double, eight columns at a time. The terms barely cancel (|Q̂|² ≥ 0, and the Cauchy
    /// spectrum is positive but for a few hundred small values: at 768², −4 against +3·10⁵ in all),
    /// so float products keep the sum to about 10⁻⁷.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double RowEnergy(int c, float[] kernel)
    {
        int half = size / 2;
        if (c < 0 || c + size > chargeRe.Length || chargeIm.Length != chargeRe.Length || kernel.Length != chargeRe.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(c), $"Row offset {c} does not fit a {size}² grid.");
        }

        ref float qr = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(chargeRe), c);
        ref float qi = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(chargeIm), c);
        ref float kr = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(kernel), c);
        var inner = Vector256<double>.Zero;
        int k = 1;
        for (; k + Vector256<float>.Count <= half; k += Vector256<float>.Count)
        {
            var r = Vector256.LoadUnsafe(ref qr, (nuint)k);
            var i = Vector256.LoadUnsafe(ref qi, (nuint)k);
            (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(((r * r) + (i * i)) * Vector256.LoadUnsafe(ref kr, (nuint)k));
            inner += lower + upper;
        }

        double tail = 0;
        for (; k < half; k++)
        {
            tail += EnergyTerm(ref qr, ref qi, ref kr, k);
        }

        return (2 * (Vector256.Sum(inner) + tail)) + EnergyTerm(ref qr, ref qi, ref kr, 0) + EnergyTerm(ref qr, ref qi, ref kr, half);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float EnergyTerm(ref float qr, ref float qi, ref float kr, int k) =>
        ((Unsafe.Add(ref qr, k) * Unsafe.Add(ref qr, k)) + (Unsafe.Add(ref qi, k) * Unsafe.Add(ref qi, k))) * Unsafe.Add(ref kr, k);

    /// <summary>
    /// The potentials of the transformed charges under the kernel whose spectrum is given, read back with <see cref="At"/>.
    /// Each row's product of spectra is formed in a per-thread row, transformed there and only its
    /// first columns (those the column pass reads) stored: at 1,024² the grid's arrays are 8 MiB
    /// each, and a separate multiply pass wrote two of them in full only for the row transforms
    /// to read and write them again.
    /// </summary>
    public void Convolve((float[] Re, float[] Im) spectrum)
    {
        float scale = (float)(1.0 / ((double)size * size));
        int kept = Math.Min(size, (m + ColumnTransform.Strip - 1) / ColumnTransform.Strip * ColumnTransform.Strip);
        Parallel.For(0, size, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            float[] lr = lineRe is { } a && a.Length == size ? a : lineRe = new float[size];
            float[] li = lineIm is { } b && b.Length == size ? b : lineIm = new float[size];
            int c = row * pitch;
            SpectrumProduct(c, ((size - row) % size) * pitch, spectrum, scale, lr, li);
            plan.Transform(lr, li, 0, inverse: true);
            Array.Copy(lr, 0, re, c, kept);
            Array.Copy(li, 0, im, c, kept);
        });

        // Only the m × m corner is read back: the first m columns' first m rows.
        columns.Pass(re, im, m, rowsIn: size, rowsOut: m, inverse: true);
    }

    /// <summary>
    /// Row c of Q̂·K̂·scale into lr/li. Past size/2 the charge spectrum is the conjugate of its
    /// mirror image Q̂(−row, −k), read from row <paramref name="mirror"/>. Written with refs after
    /// one bounds check, the first half four at a time: indexed, the checks cost as much as the products.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SpectrumProduct(int c, int mirror, (float[] Re, float[] Im) spectrum, float scale, float[] lr, float[] li)
    {
        int half = size / 2;
        if (c < 0 || mirror < 0 || c + size > chargeRe.Length || mirror + size > chargeRe.Length || chargeIm.Length != chargeRe.Length
            || spectrum.Re.Length != chargeRe.Length || spectrum.Im.Length != chargeRe.Length || lr.Length < size || li.Length < size)
        {
            throw new ArgumentOutOfRangeException(nameof(c), $"Row {c / size} or its mirror does not fit a {size}² grid.");
        }

        ref float qr = ref MemoryMarshal.GetArrayDataReference(chargeRe);
        ref float qi = ref MemoryMarshal.GetArrayDataReference(chargeIm);
        ref float kr = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(spectrum.Re), c);
        ref float ki = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(spectrum.Im), c);
        ref float outR = ref MemoryMarshal.GetArrayDataReference(lr);
        ref float outI = ref MemoryMarshal.GetArrayDataReference(li);
        ref float rowR = ref Unsafe.Add(ref qr, c);
        ref float rowI = ref Unsafe.Add(ref qi, c);
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var scales = Vector256.Create(scale);
            for (; k + Vector256<float>.Count <= half + 1; k += Vector256<float>.Count)
            {
                nuint at = (nuint)k;
                var ar = Vector256.LoadUnsafe(ref rowR, at);
                var ai = Vector256.LoadUnsafe(ref rowI, at);
                var br = Vector256.LoadUnsafe(ref kr, at);
                var bi = Vector256.LoadUnsafe(ref ki, at);
                (((ar * br) - (ai * bi)) * scales).StoreUnsafe(ref outR, at);
                (((ar * bi) + (ai * br)) * scales).StoreUnsafe(ref outI, at);
            }
        }

        for (; k <= half; k++)
        {
            float ar = Unsafe.Add(ref rowR, k), ai = Unsafe.Add(ref rowI, k), br = Unsafe.Add(ref kr, k), bi = Unsafe.Add(ref ki, k);
            Unsafe.Add(ref outR, k) = ((ar * br) - (ai * bi)) * scale;
            Unsafe.Add(ref outI, k) = ((ar * bi) + (ai * br)) * scale;
        }

        ref float mirrorR = ref Unsafe.Add(ref qr, mirror + size);
        ref float mirrorI = ref Unsafe.Add(ref qi, mirror + size);
        for (; k < size; k++)
        {
            float ar = Unsafe.Subtract(ref mirrorR, k), ai = -Unsafe.Subtract(ref mirrorI, k), br = Unsafe.Add(ref kr, k), bi = Unsafe.Add(ref ki, k);
            Unsafe.Add(ref outR, k) = ((ar * br) - (ai * bi)) * scale;
            Unsafe.Add(ref outI, k) = ((ar * bi) + (ai * br)) * scale;
        }
    }

    /// <summary>A general complex 2-D transform (kernels): every row, then every column.</summary>
    private void Transform2D(float[] real, float[] imaginary, bool inverse)
    {
        Parallel.For(0, size, row => plan.Transform(real, imaginary, row * pitch, inverse));
        columns.Pass(real, imaginary, size, rowsIn: size, rowsOut: size, inverse);
    }
}
