using System.Numerics.Tensors;

namespace RenderFarm.Layouts.LinearAlgebra;

/// <summary>Orthonormalises the rows of a row-major block by modified Gram-Schmidt.</summary>
internal static class GramSchmidt
{
    /// <summary>
    /// Makes the <paramref name="count"/> rows of length <paramref name="length"/> orthonormal, in
    /// order. Each row is projected out twice ("twice is enough"): one pass of modified Gram-Schmidt
    /// in float loses orthogonality when an iterate lies mostly in the span so far, as power
    /// iterations of rank-deficient data make them. A row that the passes leave as rounding error
    /// (the data spans fewer dimensions than rows asked for) is replaced by a fresh random direction,
    /// so the block always stays a full orthonormal basis.
    /// </summary>
    public static void Orthonormalise(float[] rows, int count, int length, Random random)
    {
        for (int k = 0; k < count; k++)
        {
            Span<float> v = rows.AsSpan(k * length, length);
            float original = TensorPrimitives.Norm(v);
            for (int attempt = 0; ; attempt++)
            {
                RemoveProjections(rows, k, length, v);
                RemoveProjections(rows, k, length, v);
                float norm = TensorPrimitives.Norm(v);
                if (norm > 1e-4f * original && norm > 0 && float.IsFinite(norm))
                {
                    TensorPrimitives.Divide(v, norm, v);
                    break;
                }

                if (attempt > 8)
                {
                    throw new InvalidOperationException($"Cannot find a direction orthogonal to {k} others in {length} dimensions.");
                }

                Gaussian.Fill(random, v);
                original = TensorPrimitives.Norm(v);
            }
        }
    }

    private static void RemoveProjections(float[] rows, int k, int length, Span<float> v)
    {
        for (int j = 0; j < k; j++)
        {
            ReadOnlySpan<float> previous = rows.AsSpan(j * length, length);
            TensorPrimitives.MultiplyAdd(previous, -TensorPrimitives.Dot(v, previous), v, v);
        }
    }
}
