using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Pca;

/// <summary>
/// The two products randomised PCA needs, against the centred data X − 1μᵀ without materialising
/// it (a centred copy of 70,000 × 784 floats would double the memory): the mean is folded in
/// afterwards as a rank-one correction. Blocks of vectors are stored as rows (L × length) so every
/// inner loop is a contiguous span.
/// </summary>
internal static class CentredProducts
{
    private const int RowChunk = 256;

    // A fixed number of partial sums, merged in order, keeps the result identical however many
    // threads run: PCA must repeat exactly for a seed.
    private const int SumChunks = 16;

    /// <summary>result[l, r] = (x_r − μ) · basis_l, i.e. (X − 1μᵀ)·Bᵀ stored transposed (L × N).</summary>
    public static float[] Project(Matrix data, float[] mean, float[] basis, int count)
    {
        int n = data.Rows;
        int d = data.Columns;
        var offsets = new float[count];
        for (int l = 0; l < count; l++)
        {
            offsets[l] = TensorPrimitives.Dot(mean, basis.AsSpan(l * d, d));
        }

        var result = new float[count * n];
        Parallel.For(0, (n + RowChunk - 1) / RowChunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            int start = chunk * RowChunk;
            int rows = Math.Min(n, start + RowChunk) - start;
            DotKernel.Tile(basis.AsSpan(0, count * d), count, data.Data.AsSpan(start * d, rows * d), rows, d, result.AsSpan(start), n);
            for (int l = 0; l < count; l++)
            {
                Span<float> target = result.AsSpan((l * n) + start, rows);
                TensorPrimitives.Subtract(target, offsets[l], target);
            }
        });
        return result;
    }

    /// <summary>result_l = Σ_r weights[l, r]·(x_r − μ), i.e. (X − 1μᵀ)ᵀ·W stored transposed (L × D).</summary>
    public static float[] Accumulate(Matrix data, float[] mean, float[] weights, int count)
    {
        int n = data.Rows;
        int d = data.Columns;
        int chunks = Math.Min(SumChunks, n);
        var partials = new float[chunks][];
        Parallel.For(0, chunks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            var partial = new float[count * d];
            int start = (int)((long)n * chunk / chunks);
            int end = (int)((long)n * (chunk + 1) / chunks);
            int r = start;
            for (; r + 4 <= end; r += 4)
            {
                ReadOnlySpan<float> four = data.Data.AsSpan(r * d, 4 * d);
                for (int l = 0; l < count; l++)
                {
                    AddFourRows(partial.AsSpan(l * d, d), four, weights.AsSpan((l * n) + r, 4));
                }
            }

            for (; r < end; r++)
            {
                ReadOnlySpan<float> row = data.Data.AsSpan(r * d, d);
                for (int l = 0; l < count; l++)
                {
                    Span<float> target = partial.AsSpan(l * d, d);
                    TensorPrimitives.MultiplyAdd(row, weights[(l * n) + r], target, target);
                }
            }

            partials[chunk] = partial;
        });

        float[] result = partials[0];
        for (int chunk = 1; chunk < chunks; chunk++)
        {
            TensorPrimitives.Add(result, partials[chunk], result);
        }

        for (int l = 0; l < count; l++)
        {
            float weightSum = TensorPrimitives.Sum(weights.AsSpan(l * n, n));
            Span<float> target = result.AsSpan(l * d, d);
            TensorPrimitives.MultiplyAdd(mean, -weightSum, target, target);
        }

        return result;
    }

    /// <summary>
    /// target += Σ_a weights[a]·rows_a over 4 contiguous rows: one load and store of the target
    /// per four multiply-adds instead of per one, since the L × D targets live in L2, not L1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddFourRows(Span<float> target, ReadOnlySpan<float> rows, ReadOnlySpan<float> weights)
    {
        int d = target.Length;
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float t = ref MemoryMarshal.GetReference(target);
            ref float x = ref MemoryMarshal.GetReference(rows);
            Vector256<float> w0 = Vector256.Create(weights[0]);
            Vector256<float> w1 = Vector256.Create(weights[1]);
            Vector256<float> w2 = Vector256.Create(weights[2]);
            Vector256<float> w3 = Vector256.Create(weights[3]);
            nuint width = (nuint)d;
            for (; k + 8 <= d; k += 8)
            {
                nuint at = (nuint)k;
                Vector256<float> sum = Vector256.LoadUnsafe(ref t, at);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, at), w0, sum);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, width + at), w1, sum);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, (2 * width) + at), w2, sum);
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref x, (3 * width) + at), w3, sum);
                sum.StoreUnsafe(ref t, at);
            }
        }

        for (; k < d; k++)
        {
            target[k] += (weights[0] * rows[k]) + (weights[1] * rows[d + k]) + (weights[2] * rows[(2 * d) + k]) + (weights[3] * rows[(3 * d) + k]);
        }
    }
}
