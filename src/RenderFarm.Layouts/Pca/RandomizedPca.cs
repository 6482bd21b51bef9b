using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;
using RenderFarm.Layouts.LinearAlgebra;

namespace RenderFarm.Layouts.Pca;

/// <summary>
/// PCA by randomised SVD (Halko, Martinsson &amp; Tropp 2011, algorithm 4.4): project the centred
/// data onto a seeded Gaussian test block a few columns wider than asked for, sharpen that range
/// with power iterations (re-orthonormalised each half step, or the small singular directions drown
/// in rounding), then take an exact small SVD of the data projected onto the captured range.
/// Cost is a few passes of N × D × (components + oversampling) multiply-adds instead of a D × D
/// covariance decomposition.
/// </summary>
public static class RandomizedPca
{
    /// <summary>Extra test vectors beyond the components asked for: the range they catch makes the top ones accurate.</summary>
    public const int Oversampling = 10;

    /// <summary>Power iterations by default; scikit-learn uses 4 unless the rank asked for is tiny.</summary>
    public const int DefaultPowerIterations = 4;

    /// <summary>Fits <paramref name="components"/> principal axes to the rows of <paramref name="data"/>.</summary>
    /// <exception cref="LayoutException">Fewer than two rows, components outside 1..min(rows, columns), or negative powerIterations.</exception>
    public static PcaModel Fit(Matrix data, int components, int seed, int powerIterations = DefaultPowerIterations)
    {
        Validate(data, components, powerIterations);
        int n = data.Rows;
        int d = data.Columns;
        int width = Math.Min(components + Oversampling, Math.Min(n, d));
        var random = new Random(seed);
        (float[] mean, double totalVariance) = Moments(data);

        var test = new float[width * d];
        Gaussian.Fill(random, test);
        float[] range = CentredProducts.Project(data, mean, test, width);
        GramSchmidt.Orthonormalise(range, width, n, random);
        for (int i = 0; i < powerIterations; i++)
        {
            float[] back = CentredProducts.Accumulate(data, mean, range, width);
            GramSchmidt.Orthonormalise(back, width, d, random);
            range = CentredProducts.Project(data, mean, back, width);
            GramSchmidt.Orthonormalise(range, width, n, random);
        }

        // B = Qᵀ(X − 1μᵀ) is width × D; its right singular vectors are the principal axes and its
        // singular values those of the centred data restricted to the captured range.
        float[] projected = CentredProducts.Accumulate(data, mean, range, width);
        (float[] axes, double[] variance) = SmallSvd(projected, width, d, components, n, random);
        return new PcaModel(mean, new Matrix(components, d, axes), variance, totalVariance);
    }

    /// <summary>A 2-D or 3-D (or any width) PCA layout: the data projected on its top axes.</summary>
    public static Matrix Layout(Matrix data, int dimensions, int seed) => Fit(data, dimensions, seed).Transform(data);

    private static void Validate(Matrix data, int components, int powerIterations)
    {
        if (data.Rows < 2)
        {
            throw new LayoutException($"data needs at least 2 rows for PCA, got {data.Rows}.");
        }

        int limit = Math.Min(data.Rows, data.Columns);
        if (components < 1 || components > limit)
        {
            throw new LayoutException($"components must be between 1 and {limit} (the smaller of rows and columns), got {components}.");
        }

        if (powerIterations < 0)
        {
            throw new LayoutException($"powerIterations must be 0 or more, got {powerIterations}.");
        }
    }

    /// <summary>Column means and the total sample variance, summed in double over fixed chunks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (float[] Mean, double TotalVariance) Moments(Matrix data)
    {
        int n = data.Rows;
        int d = data.Columns;
        var sums = new double[d];
        for (int r = 0; r < n; r++)
        {
            ReadOnlySpan<float> row = data.Data.AsSpan(r * d, d);
            for (int c = 0; c < d; c++)
            {
                sums[c] += row[c];
            }
        }

        float[] mean = sums.Select(s => (float)(s / n)).ToArray();
        int chunks = Math.Min(16, n);
        var partial = new double[chunks];
        Parallel.For(0, chunks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            double sum = 0;
            for (int r = (int)((long)n * chunk / chunks); r < (int)((long)n * (chunk + 1) / chunks); r++)
            {
                sum += PointDistance.Squared(data.Data.AsSpan(r * d, d), mean);
            }

            partial[chunk] = sum;
        });
        return (mean, partial.Sum() / (n - 1));
    }

    /// <summary>
    /// The top right singular vectors of the small block B (width × D) from the eigenvectors of
    /// BBᵀ: v_i = Bᵀu_i / σ_i. Directions with no variance (rank-deficient data) are completed to an
    /// orthonormal set; signs are fixed so each axis's largest-magnitude entry is positive, so the
    /// axes do not flip between runs or machines.
    /// </summary>
    private static (float[] Axes, double[] Variance) SmallSvd(float[] b, int width, int d, int components, int n, Random random)
    {
        var gram = new double[width * width];
        for (int i = 0; i < width; i++)
        {
            for (int j = i; j < width; j++)
            {
                double dot = 0;
                ReadOnlySpan<float> bi = b.AsSpan(i * d, d);
                ReadOnlySpan<float> bj = b.AsSpan(j * d, d);
                for (int c = 0; c < d; c++)
                {
                    dot += (double)bi[c] * bj[c];
                }

                gram[(i * width) + j] = gram[(j * width) + i] = dot;
            }
        }

        (double[] values, double[] vectors) = JacobiEigen.Decompose(gram, width);
        var axes = new float[components * d];
        var variance = new double[components];
        double floor = Math.Max(values[0], 0) * 1e-10;
        for (int k = 0; k < components; k++)
        {
            if (values[k] <= floor || values[k] <= 0)
            {
                continue;
            }

            variance[k] = values[k] / (n - 1);
            double sigma = Math.Sqrt(values[k]);
            var axis = new double[d];
            for (int l = 0; l < width; l++)
            {
                double weight = vectors[(k * width) + l] / sigma;
                ReadOnlySpan<float> bl = b.AsSpan(l * d, d);
                for (int c = 0; c < d; c++)
                {
                    axis[c] += weight * bl[c];
                }
            }

            for (int c = 0; c < d; c++)
            {
                axes[(k * d) + c] = (float)axis[c];
            }
        }

        GramSchmidt.Orthonormalise(axes, components, d, random);
        for (int k = 0; k < components; k++)
        {
            Span<float> axis = axes.AsSpan(k * d, d);
            if (axis[TensorPrimitives.IndexOfMaxMagnitude(axis)] < 0)
            {
                TensorPrimitives.Negate(axis, axis);
            }
        }

        return (axes, variance);
    }
}
