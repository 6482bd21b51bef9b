using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Pca;

/// <summary>
/// A fitted PCA: the data mean, the principal axes as the unit rows of <see cref="Components"/>
/// (components × dimensions, largest variance first) and the variance each axis explains.
/// </summary>
public sealed class PcaModel
{
    internal PcaModel(float[] mean, Matrix components, double[] explainedVariance, double totalVariance)
    {
        Mean = mean;
        Components = components;
        ExplainedVariance = explainedVariance;
        TotalVariance = totalVariance;
        ExplainedVarianceRatio = explainedVariance.Select(v => totalVariance > 0 ? v / totalVariance : 0).ToArray();
    }

    /// <summary>The column means subtracted before projecting.</summary>
    public float[] Mean { get; }

    /// <summary>Principal axes, one unit row each, in descending order of explained variance.</summary>
    public Matrix Components { get; }

    /// <summary>Variance of the data along each axis (sample variance, divided by N − 1 as scikit-learn does).</summary>
    public double[] ExplainedVariance { get; }

    /// <summary><see cref="ExplainedVariance"/> as a share of <see cref="TotalVariance"/>.</summary>
    public double[] ExplainedVarianceRatio { get; }

    /// <summary>The sum of the per-column sample variances: what all axes together would explain.</summary>
    public double TotalVariance { get; }

    /// <summary>Projects rows onto the axes: an N × components matrix of coordinates.</summary>
    /// <exception cref="LayoutException">The data has a different number of columns than the fit.</exception>
    public Matrix Transform(Matrix data)
    {
        int d = Mean.Length;
        if (data.Columns != d)
        {
            throw new LayoutException($"data has {data.Columns} columns but the PCA was fitted on {d}.");
        }

        int k = Components.Rows;
        float[] axes = Components.Data;
        var offsets = new float[k];
        for (int c = 0; c < k; c++)
        {
            offsets[c] = TensorPrimitives.Dot(Mean, axes.AsSpan(c * d, d));
        }

        var result = new Matrix(data.Rows, k);
        Parallel.For(0, (data.Rows + 255) / 256, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            int end = Math.Min(data.Rows, (chunk + 1) * 256);
            for (int r = chunk * 256; r < end; r++)
            {
                ReadOnlySpan<float> row = data.Data.AsSpan(r * d, d);
                for (int c = 0; c < k; c++)
                {
                    result.Data[(r * k) + c] = DotKernel.Dot(row, axes.AsSpan(c * d, d)) - offsets[c];
                }
            }
        });
        return result;
    }
}
