using RenderFarm.Core.IO;
using RenderFarm.Layouts.LinearAlgebra;
using RenderFarm.Layouts.Pca;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// Starting coordinates (N × dims, row-major). PCA and random starts are tiny (standard deviation
/// 1e-4, openTSNE's scale): with all points close, every pair interacts at w ≈ 1 and early
/// exaggeration can gather clusters before any distance is frozen in.
/// </summary>
internal static class TsneInitialization
{
    public const double Scale = 1e-4;

    public static double[] Create(Matrix data, TsneOptions options)
    {
        int dims = options.Dims;
        switch (options.Init)
        {
            case TsneInit.Given:
                return Array.ConvertAll(options.InitialCoordinates!, c => (double)c);
            case TsneInit.Random:
                var noise = new float[data.Rows * dims];
                Gaussian.Fill(new Random(options.Seed), noise);
                return Array.ConvertAll(noise, c => c * Scale);
            default:
                return Pca(data, dims, options.Seed);
        }
    }

    /// <summary>The PCA projection, centred, scaled so the first component has standard deviation <see cref="Scale"/>.</summary>
    private static double[] Pca(Matrix data, int dims, int seed)
    {
        int components = Math.Min(dims, data.Columns);
        Matrix projected = RandomizedPca.Layout(data, components, seed);
        int n = data.Rows;
        var y = new double[n * dims];
        var mean = new double[components];
        for (int i = 0; i < n; i++)
        {
            for (int d = 0; d < components; d++)
            {
                mean[d] += projected.Data[(i * components) + d] / n;
            }
        }

        double variance = 0;
        for (int i = 0; i < n; i++)
        {
            double c = projected.Data[i * components] - mean[0];
            variance += c * c / n;
        }

        // A degenerate first component (all points equal) leaves nothing to scale by.
        double factor = variance > 0 ? Scale / Math.Sqrt(variance) : 0;
        for (int i = 0; i < n; i++)
        {
            for (int d = 0; d < components; d++)
            {
                y[(i * dims) + d] = (projected.Data[(i * components) + d] - mean[d]) * factor;
            }
        }

        return y;
    }
}
