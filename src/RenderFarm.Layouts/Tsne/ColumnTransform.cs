using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// FFTs down the columns of a square row-major grid without transposing it: a strip of
/// <see cref="Strip"/> neighbouring columns (one cache line of each row) is copied into contiguous
/// rows of a per-thread scratch, transformed there, and copied back. A whole-grid transpose before
/// and after cost a third of an iteration at 10,000 points; the strips touch each cache line once
/// each way, and a pass can read fewer rows than it writes (zero padding) or write fewer than it
/// reads (only the rows that are read back).
/// </summary>
internal sealed class ColumnTransform(FftPlan plan)
{
    /// <summary>Sixteen floats: one 64-byte cache line of each row.</summary>
    public const int Strip = 16;

    /// <summary>
    /// Floats between the scratch rows beyond the row length: with power-of-two lengths the sixteen
    /// rows (and their imaginary parts) would otherwise start a multiple of 8 KiB apart, on the
    /// same cache sets, and the copies in and out evict one another.
    /// </summary>
    private const int Padding = 16;

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
        if (real.Length != size * size || imaginary.Length != size * size || columns > size || rowsIn > size || rowsOut > size)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), $"A column pass over {columns} columns, {rowsIn} rows in, {rowsOut} out does not fit a {size}² grid.");
        }

        int strips = (columns + Strip - 1) / Strip;
        Parallel.For(0, strips, strip =>
        {
            int first = strip * Strip, width = Math.Min(Strip, size - first);
            int pitch = size + Padding;
            float[] sr = scratchRe is { } a && a.Length >= Strip * pitch ? a : scratchRe = new float[Strip * pitch];
            float[] si = scratchIm is { } b && b.Length >= Strip * pitch ? b : scratchIm = new float[Strip * pitch];
            Gather(real, imaginary, sr, si, first, width, size, rowsIn);
            for (int j = 0; j < width; j++)
            {
                plan.Transform(sr, si, j * (size + Padding), inverse);
            }

            Scatter(sr, si, real, imaginary, first, width, size, rowsOut);
        });
    }

    /// <summary>Copies the strip's columns into scratch rows; refs, as the index arithmetic defeats bounds-check removal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gather(float[] real, float[] imaginary, float[] sr, float[] si, int first, int width, int size, int rows)
    {
        CheckStrip(real, imaginary, sr, si, first, width, size, rows);
        int pitch = size + Padding;
        ref float re = ref MemoryMarshal.GetArrayDataReference(real);
        ref float im = ref MemoryMarshal.GetArrayDataReference(imaginary);
        ref float outRe = ref MemoryMarshal.GetArrayDataReference(sr);
        ref float outIm = ref MemoryMarshal.GetArrayDataReference(si);
        for (int row = 0; row < rows; row++)
        {
            int source = (row * size) + first;
            for (int j = 0; j < width; j++)
            {
                Unsafe.Add(ref outRe, (j * pitch) + row) = Unsafe.Add(ref re, source + j);
                Unsafe.Add(ref outIm, (j * pitch) + row) = Unsafe.Add(ref im, source + j);
            }
        }

        for (int j = 0; j < width && rows < size; j++)
        {
            Array.Clear(sr, (j * pitch) + rows, size - rows);
            Array.Clear(si, (j * pitch) + rows, size - rows);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scatter(float[] sr, float[] si, float[] real, float[] imaginary, int first, int width, int size, int rows)
    {
        CheckStrip(real, imaginary, sr, si, first, width, size, rows);
        int pitch = size + Padding;
        ref float re = ref MemoryMarshal.GetArrayDataReference(real);
        ref float im = ref MemoryMarshal.GetArrayDataReference(imaginary);
        ref float fromRe = ref MemoryMarshal.GetArrayDataReference(sr);
        ref float fromIm = ref MemoryMarshal.GetArrayDataReference(si);
        for (int row = 0; row < rows; row++)
        {
            int target = (row * size) + first;
            for (int j = 0; j < width; j++)
            {
                Unsafe.Add(ref re, target + j) = Unsafe.Add(ref fromRe, (j * pitch) + row);
                Unsafe.Add(ref im, target + j) = Unsafe.Add(ref fromIm, (j * pitch) + row);
            }
        }
    }

    /// <summary>The bounds the unchecked copies rely on: the strip inside the grid, the scratch holding width rows of size.</summary>
    private static void CheckStrip(float[] real, float[] imaginary, float[] sr, float[] si, int first, int width, int size, int rows)
    {
        if (first < 0 || width < 0 || first + width > size || rows > size || real.Length < size * size || imaginary.Length < size * size
            || sr.Length < width * (size + Padding) || si.Length < width * (size + Padding))
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"A strip of {width} columns from {first}, {rows} rows, does not fit a {size}² grid and its scratch.");
        }
    }
}
