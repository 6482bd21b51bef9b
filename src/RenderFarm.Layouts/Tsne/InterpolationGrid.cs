namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// The complex size × size grid on which FIt-SNE's node charges are convolved with kernels.
/// Only the m × m corner holds nodes; the rest is zero padding, so the circular convolution of the FFT equals
/// the linear one there. Rows are y node indices, columns x node indices.
/// </summary>
internal sealed class InterpolationGrid
{
    private readonly int size;
    private readonly int m;
    private readonly double[] charges;
    private readonly double[] chargeRe;
    private readonly double[] chargeIm;
    private readonly double[] re;
    private readonly double[] im;
    private readonly FftPlan plan;
    private readonly (double[] Re, double[] Im)[] spectra;

    public InterpolationGrid(int size, int m)
    {
        this.size = size;
        this.m = m;
        charges = new double[size * size];
        chargeRe = new double[size * size];
        chargeIm = new double[size * size];
        re = new double[size * size];
        im = new double[size * size];
        plan = new FftPlan(size);
        spectra = [(new double[size * size], new double[size * size]), (new double[size * size], new double[size * size])];
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
    public (double[] Re, double[] Im) KernelSpectrum(int slot, Func<double, double, (double Re, double Im)> kernel)
    {
        double[] kr = spectra[slot].Re;
        double[] ki = spectra[slot].Im;
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
                    (kr[(a * size) + b], ki[(a * size) + b]) = kernel(dx * Spacing, dy * Spacing);
                }
            }
        }

        Transform2D(kr, ki, inverse: false, size);
        return (kr, ki);
    }

    public void Clear() => Array.Clear(charges);

    public void Add(int row, int column, double charge) => charges[(row * size) + column] += charge;

    public (double Real, double Imaginary) At(int row, int column) => (re[(row * size) + column], im[(row * size) + column]);

    /// <summary>Transforms the charges once; every <see cref="Convolve"/> after starts from that spectrum.</summary>
    public void TransformCharges()
    {
        Array.Copy(charges, chargeRe, charges.Length);
        Array.Clear(chargeIm);
        Transform2D(chargeRe, chargeIm, inverse: false, m);
    }

    /// <summary>
    /// Σ over nodes of charge × potential under the kernel whose (real, even) spectrum is given,
    /// by Parseval: (1/size²)·Σ |Q̂|²·K̂ over the transformed charges. The charges sit only where
    /// the circular convolution equals the linear one, so this is the linear convolution's energy.
    /// </summary>
    public double Energy((double[] Re, double[] Im) spectrum)
    {
        var partial = new double[size];
        Parallel.For(0, size, row =>
        {
            double sum = 0;
            for (int c = row * size, end = c + size; c < end; c++)
            {
                sum += ((chargeRe[c] * chargeRe[c]) + (chargeIm[c] * chargeIm[c])) * spectrum.Re[c];
            }

            partial[row] = sum;
        });
        return partial.Sum() / ((double)size * size);
    }

    /// <summary>The potentials of the transformed charges under the kernel whose spectrum is given, read back with <see cref="At"/>.</summary>
    public void Convolve((double[] Re, double[] Im) spectrum)
    {
        double scale = 1.0 / ((double)size * size);
        Parallel.For(0, size, row =>
        {
            for (int c = row * size, end = c + size; c < end; c++)
            {
                double ar = chargeRe[c], ai = chargeIm[c], br = spectrum.Re[c], bi = spectrum.Im[c];
                re[c] = ((ar * br) - (ai * bi)) * scale;
                im[c] = ((ar * bi) + (ai * br)) * scale;
            }
        });

        // Only the first m rows are read back.
        Transform2D(re, im, inverse: true, m);
    }

    /// <summary>
    /// Forward: rows, transpose, rows; the spectrum stays transposed, which is harmless since the
    /// kernel's went through the same steps. Inverse: rows, transpose back, rows. Transposing keeps
    /// every FFT on contiguous memory (a strided column FFT misses cache on every element).
    /// <paramref name="liveRows"/> limits the outer row passes to the rows that hold (or will be
    /// read as) data.
    /// </summary>
    private void Transform2D(double[] real, double[] imaginary, bool inverse, int liveRows)
    {
        Parallel.For(0, inverse ? size : liveRows, row => plan.Transform(real, imaginary, row * size, inverse));
        Transpose(real);
        Transpose(imaginary);
        Parallel.For(0, inverse ? liveRows : size, row => plan.Transform(real, imaginary, row * size, inverse));
    }

    /// <summary>In-place transpose of the square grid, in tiles so both sides stay in cache.</summary>
    private void Transpose(double[] values)
    {
        const int tile = 16;
        int tiles = (size + tile - 1) / tile;
        Parallel.For(0, tiles, bi =>
        {
            for (int bj = bi; bj < tiles; bj++)
            {
                for (int i = bi * tile; i < Math.Min(size, (bi + 1) * tile); i++)
                {
                    for (int j = Math.Max(bj * tile, i + 1); j < Math.Min(size, (bj + 1) * tile); j++)
                    {
                        (values[(i * size) + j], values[(j * size) + i]) = (values[(j * size) + i], values[(i * size) + j]);
                    }
                }
            }
        });
    }
}
