using System.Numerics.Tensors;

namespace RenderFarm.Embedding.Analysis;

/// <summary>
/// The top principal directions of a sample of rows, by simultaneous (block power) iteration with
/// Gram-Schmidt: the first direction converges to the top principal axis, the rest span the next
/// ones. Good enough to order and prune candidate pairs; layouts use a full randomised PCA instead.
/// </summary>
internal static class PrincipalDirections
{
    private const int SampleRows = 4000;
    private const int Iterations = 8;

    /// <summary>Returns <paramref name="count"/> orthonormal directions of length <paramref name="d"/>, row-major.</summary>
    public static float[] Compute(float[] data, int n, int d, int count, int seed)
    {
        var random = new Random(seed);
        int[] rows = n <= SampleRows ? Enumerable.Range(0, n).ToArray() : random.GetItems(Enumerable.Range(0, n).ToArray(), SampleRows);
        float[] centred = Centred(data, rows, d);
        int s = rows.Length;

        var basis = new float[count * d];
        for (int i = 0; i < basis.Length; i++)
        {
            basis[i] = (float)(random.NextDouble() - 0.5);
        }

        Orthonormalise(basis, count, d);
        var scores = new float[s * count];
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            // scores = X · Vᵀ, then V = Xᵀ · scores: one step of power iteration for every direction.
            Parallel.For(0, s, r =>
            {
                ReadOnlySpan<float> row = centred.AsSpan(r * d, d);
                for (int k = 0; k < count; k++)
                {
                    scores[(r * count) + k] = TensorPrimitives.Dot(row, basis.AsSpan(k * d, d));
                }
            });
            Parallel.For(0, count, k =>
            {
                Span<float> direction = basis.AsSpan(k * d, d);
                direction.Clear();
                for (int r = 0; r < s; r++)
                {
                    TensorPrimitives.MultiplyAdd(centred.AsSpan(r * d, d), scores[(r * count) + k], direction, direction);
                }
            });
            Orthonormalise(basis, count, d);
        }

        return basis;
    }

    private static float[] Centred(float[] data, int[] rows, int d)
    {
        var mean = new float[d];
        foreach (int r in rows)
        {
            TensorPrimitives.Add(mean, data.AsSpan(r * d, d), mean);
        }

        TensorPrimitives.Divide(mean, rows.Length, mean);
        var centred = new float[rows.Length * d];
        for (int i = 0; i < rows.Length; i++)
        {
            TensorPrimitives.Subtract(data.AsSpan(rows[i] * d, d), mean, centred.AsSpan(i * d, d));
        }

        return centred;
    }

    /// <summary>
    /// Modified Gram-Schmidt, in order, so the first direction stays the plain power iterate. A
    /// direction that collapses (the sample spans fewer dimensions) is replaced by an axis that
    /// keeps a good share of its length outside the span so far.
    /// </summary>
    /// <remarks>
    /// The directions must be orthonormal to working precision, not roughly: the pair search's
    /// pruning is exact only because projecting onto them never lengthens a distance. When an
    /// iterate lies almost wholly in the span so far, one pass leaves mostly rounding error, itself
    /// largely inside the span; so a second pass follows ("twice is enough"), and a vector that the
    /// second pass still shrinks by half was rounding error, i.e. collapsed.
    /// </remarks>
    private static void Orthonormalise(float[] basis, int count, int d)
    {
        for (int k = 0; k < count; k++)
        {
            Span<float> v = basis.AsSpan(k * d, d);
            RemoveProjections(basis, k, d, v);
            float once = TensorPrimitives.Norm(v);
            RemoveProjections(basis, k, d, v);
            float norm = TensorPrimitives.Norm(v);
            if (norm <= 1e-6f || norm < 0.5f * once)
            {
                norm = SpareAxis(basis, k, d, v);
            }

            TensorPrimitives.Divide(v, norm, v);
        }
    }

    private static void RemoveProjections(float[] basis, int k, int d, Span<float> v)
    {
        for (int j = 0; j < k; j++)
        {
            ReadOnlySpan<float> previous = basis.AsSpan(j * d, d);
            TensorPrimitives.MultiplyAdd(previous, -TensorPrimitives.Dot(v, previous), v, v);
        }
    }

    private static float SpareAxis(float[] basis, int k, int d, Span<float> target)
    {
        // The squared lengths the axes keep outside a k-dimensional span average (d − k) / d, so some
        // axis reaches that; any axis keeping half its squared length is as good numerically. Taking
        // the first that suffices matters: a sample of a few rows collapses nearly every direction in
        // every iteration, and scanning all d axes each time cost seconds at d = 3072.
        float enough = MathF.Sqrt(Math.Min(0.5f, (float)(d - k) / d));
        var candidate = new float[d];
        float best = 0;
        for (int axis = 0; axis < d && best < enough; axis++)
        {
            Array.Clear(candidate);
            candidate[axis] = 1;
            RemoveProjections(basis, k, d, candidate);
            float norm = TensorPrimitives.Norm(candidate);
            if (norm > best)
            {
                best = norm;
                candidate.CopyTo(target);
            }
        }

        return best;
    }
}
