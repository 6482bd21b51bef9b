using System.Numerics.Tensors;
using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Umap;

/// <summary>
/// umap's "pca" initialisation: the data projected on its leading principal axes, found by
/// subspace iteration on the centred data (never forming the D × D covariance, which would cost
/// N·D² for image-sized D). Returns N × dims, row-major.
/// </summary>
internal static class PcaInitialization
{
    private const int Iterations = 30;

    public static double[] Compute(Matrix data, int dims, ulong seed)
    {
        int n = data.Rows, columns = data.Columns;
        float[] mean = ColumnMeans(data);
        var random = new FastRandom(seed);
        var axes = new float[dims][];
        for (int d = 0; d < dims; d++)
        {
            axes[d] = Enumerable.Range(0, columns).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        }

        Orthonormalise(axes);
        var scores = new float[dims][];
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            // One power step on the covariance: axes ← Xcᵀ·(Xc·axes), then re-orthonormalise.
            for (int d = 0; d < dims; d++)
            {
                scores[d] = Project(data, mean, axes[d]);
                axes[d] = BackProject(data, mean, scores[d]);
            }

            Orthonormalise(axes);
        }

        var result = new double[n * dims];
        for (int d = 0; d < dims; d++)
        {
            float[] projection = Project(data, mean, axes[d]);
            for (int i = 0; i < n; i++)
            {
                result[(i * dims) + d] = projection[i];
            }
        }

        return result;
    }

    private static float[] ColumnMeans(Matrix data)
    {
        var mean = new float[data.Columns];
        for (int i = 0; i < data.Rows; i++)
        {
            TensorPrimitives.Add(mean, data.Row(i), mean);
        }

        TensorPrimitives.Divide(mean, Math.Max(1, data.Rows), mean);
        return mean;
    }

    /// <summary>Xc·axis (length N), with Xc = X − mean, computed as X·axis − mean·axis.</summary>
    private static float[] Project(Matrix data, float[] mean, float[] axis)
    {
        float offset = TensorPrimitives.Dot(mean, axis);
        var scores = new float[data.Rows];
        Parallel.For(0, data.Rows, i => scores[i] = TensorPrimitives.Dot(data.Row(i), axis) - offset);
        return scores;
    }

    /// <summary>Xcᵀ·scores (length D); the mean term vanishes only if scores sum to 0, so it is kept.</summary>
    private static float[] BackProject(Matrix data, float[] mean, float[] scores)
    {
        var axis = new float[data.Columns];
        float total = 0;
        for (int i = 0; i < data.Rows; i++)
        {
            TensorPrimitives.MultiplyAdd(data.Row(i), scores[i], axis, axis);
            total += scores[i];
        }

        TensorPrimitives.MultiplyAdd(mean, -total, axis, axis);
        return axis;
    }

    /// <summary>Gram–Schmidt; a degenerate axis (constant data) is left as zeros.</summary>
    private static void Orthonormalise(float[][] axes)
    {
        for (int d = 0; d < axes.Length; d++)
        {
            for (int e = 0; e < d; e++)
            {
                TensorPrimitives.MultiplyAdd(axes[e], -TensorPrimitives.Dot(axes[d], axes[e]), axes[d], axes[d]);
            }

            float norm = TensorPrimitives.Norm(axes[d]);
            if (norm > 0)
            {
                TensorPrimitives.Divide(axes[d], norm, axes[d]);
            }
        }
    }
}
