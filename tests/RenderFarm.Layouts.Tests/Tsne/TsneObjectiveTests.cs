using RenderFarm.Core.IO;
using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Layouts.Tests.Tsne;

public sealed class TsneObjectiveTests
{
    /// <summary>
    /// The KL divergence the callback reports comes from two code paths (the 2-D joint one sums its
    /// log terms in a pass of its own; 3-D sums them beside the gradient): both must equal
    /// KL(P‖Q) = Σ pᵢⱼ·log(pᵢⱼ/qᵢⱼ) computed here from its definition over every pair.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Gradient_WithKl_EqualsTheDefinition(int dims)
    {
        (Matrix points, _) = Synthetic.Blobs(3, 50, 6, 3, seed: 4);
        SparseAffinities p = TsneAffinities.Joint(points, new TsneOptions { Perplexity = 10, Dims = dims });
        var random = new Random(9);
        double[] y = Enumerable.Range(0, points.Rows * dims).Select(_ => Synthetic.Normal(random) * 3).ToArray();
        var objective = new TsneObjective(p, new ExactRepulsion(dims), dims);

        double? reported = objective.Gradient(y, exaggeration: 12, new double[y.Length], withKl: true);

        Assert.NotNull(reported);
        Assert.Equal(Definition(p, y, dims), reported.Value, 1e-9);
    }

    private static double Definition(SparseAffinities p, double[] y, int dims)
    {
        int n = p.Rows;
        double Kernel(int i, int j)
        {
            double d2 = 0;
            for (int d = 0; d < dims; d++)
            {
                double diff = y[(i * dims) + d] - y[(j * dims) + d];
                d2 += diff * diff;
            }

            return 1 / (1 + d2);
        }

        double z = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                z += i == j ? 0 : Kernel(i, j);
            }
        }

        double kl = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double pij = p.At(i, j);
                kl += pij > 0 ? pij * Math.Log(pij / (Kernel(i, j) / z)) : 0;
            }
        }

        return kl;
    }
}
