using System.Numerics.Tensors;

namespace RenderFarm.Embedding.Analysis;

/// <summary>
/// The top principal directions of a sample of rows, by power iteration with deflation. Good
/// enough to order and prune candidate pairs; layouts use a full randomised PCA instead.
/// </summary>
internal static class PrincipalDirections
{
    private const int SampleRows = 4000;
    private const int Iterations = 15;

    /// <summary>Returns <paramref name="count"/> orthonormal directions of length <paramref name="d"/>, row-major.</summary>
    public static float[] Compute(float[] data, int n, int d, int count, int seed)
    {
        var random = new Random(seed);
        int[] rows = n <= SampleRows ? Enumerable.Range(0, n).ToArray() : random.GetItems(Enumerable.Range(0, n).ToArray(), SampleRows);
        var mean = new float[d];
        foreach (int r in rows)
        {
            TensorPrimitives.Add(mean, data.AsSpan(r * d, d), mean);
        }

        TensorPrimitives.Divide(mean, rows.Length, mean);
        var centred = new float[rows.Length * d];
        for (int s = 0; s < rows.Length; s++)
        {
            TensorPrimitives.Subtract(data.AsSpan(rows[s] * d, d), mean, centred.AsSpan(s * d, d));
        }

        var basis = new float[count * d];
        var scores = new float[rows.Length];
        var next = new float[d];
        for (int k = 0; k < count; k++)
        {
            Span<float> v = basis.AsSpan(k * d, d);
            for (int i = 0; i < d; i++)
            {
                v[i] = (float)(random.NextDouble() - 0.5);
            }

            for (int iteration = 0; iteration < Iterations; iteration++)
            {
                for (int s = 0; s < rows.Length; s++)
                {
                    scores[s] = TensorPrimitives.Dot(centred.AsSpan(s * d, d), v);
                }

                Array.Clear(next);
                for (int s = 0; s < rows.Length; s++)
                {
                    TensorPrimitives.MultiplyAdd(centred.AsSpan(s * d, d), scores[s], next, next);
                }

                for (int j = 0; j < k; j++)
                {
                    ReadOnlySpan<float> previous = basis.AsSpan(j * d, d);
                    TensorPrimitives.MultiplyAdd(previous, -TensorPrimitives.Dot(next, previous), next, next);
                }

                float norm = TensorPrimitives.Norm(next);
                if (norm <= 1e-6f)
                {
                    // The sample spans fewer than `count` directions: complete the basis with the
                    // first axis that is not already in its span.
                    norm = CompleteWithAxis(basis, k, d, next);
                }

                TensorPrimitives.Divide(next, norm, v);
            }
        }

        return basis;
    }

    private static float CompleteWithAxis(float[] basis, int k, int d, float[] next)
    {
        // Some axis keeps at least √((d − k) / d) of its length outside a k-dimensional span: take the best.
        var candidate = new float[d];
        float best = 0;
        for (int axis = 0; axis < d; axis++)
        {
            Array.Clear(candidate);
            candidate[axis] = 1;
            for (int j = 0; j < k; j++)
            {
                ReadOnlySpan<float> previous = basis.AsSpan(j * d, d);
                TensorPrimitives.MultiplyAdd(previous, -TensorPrimitives.Dot(candidate, previous), candidate, candidate);
            }

            float norm = TensorPrimitives.Norm(candidate);
            if (norm > best)
            {
                best = norm;
                candidate.CopyTo(next, 0);
            }
        }

        return best;
    }
}
