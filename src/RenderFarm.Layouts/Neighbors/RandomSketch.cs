using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace RenderFarm.Layouts.Neighbors;

/// <summary>
/// A Johnson–Lindenstrauss sketch: rows multiplied by a random ±1/√m matrix, which keeps distances
/// (and so the "which of two points is nearer" question a tree split asks) roughly intact in m
/// dimensions. Trees built on the sketch read m floats per point per level instead of D, and the whole
/// sketch fits in cache; that made tree building, which is memory-bound on wide data, many times cheaper.
/// NN-descent still measures true distances, so the sketch only affects the starting guesses.
/// </summary>
internal static class RandomSketch
{
    /// <summary>Sketch width; below twice this many columns the rows are used as they are.</summary>
    public const int Width = 128;

    public static (float[] Rows, int Columns) ForTrees(float[] rows, int n, int columns, ulong seed)
    {
        if (columns <= 2 * Width)
        {
            return (rows, columns);
        }

        // Stored one projection per row so each output value is one contiguous SIMD dot product.
        var projections = new float[Width * columns];
        float scale = 1f / MathF.Sqrt(Width);
        var random = new SplitMix64(seed);
        for (int i = 0; i < projections.Length; i++)
        {
            projections[i] = (random.Next() & 1) == 0 ? scale : -scale;
        }

        var sketch = new float[n * Width];
        Parallel.For(0, n, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (point) =>
        {
            ReadOnlySpan<float> row = rows.AsSpan(point * columns, columns);
            Span<float> target = sketch.AsSpan(point * Width, Width);
            for (int m = 0; m < Width; m++)
            {
                target[m] = TensorPrimitives.Dot(row, projections.AsSpan(m * columns, columns));
            }
        });

        return (sketch, Width);
    }
}
