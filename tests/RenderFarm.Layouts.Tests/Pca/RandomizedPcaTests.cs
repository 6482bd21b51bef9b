using RenderFarm.Core.IO;
using RenderFarm.Layouts.LinearAlgebra;
using RenderFarm.Layouts.Pca;

namespace RenderFarm.Layouts.Tests.Pca;

public sealed class RandomizedPcaTests
{
    [Fact]
    public void Fit_LowRankPlusNoise_RecoversPlantedSubspace()
    {
        const int n = 2000;
        const int d = 40;
        double[] spreads = [10, 6, 3];
        double[][] basis = Synthetic.Orthonormal(3, d, seed: 11);
        var random = new Random(12);
        var data = new Matrix(n, d);
        for (int i = 0; i < n; i++)
        {
            double[] weights = spreads.Select(s => s * Synthetic.Normal(random)).ToArray();
            for (int j = 0; j < d; j++)
            {
                double signal = 5 + (weights[0] * basis[0][j]) + (weights[1] * basis[1][j]) + (weights[2] * basis[2][j]);
                data.Data[(i * d) + j] = (float)(signal + (0.05 * Synthetic.Normal(random)));
            }
        }

        PcaModel model = RandomizedPca.Fit(data, components: 3, seed: 1);

        // The cosines of the principal angles between the spans are the singular values of the
        // 3 × 3 matrix of dot products; all near 1 means the planted plane was found.
        var overlap = new double[9];
        for (int a = 0; a < 3; a++)
        {
            double[] axis = model.Components.Row(a).ToArray().Select(x => (double)x).ToArray();
            for (int b = 0; b < 3; b++)
            {
                overlap[(a * 3) + b] = Synthetic.Dot(axis, basis[b]);
            }
        }

        (_, double[] cosines, _) = SmallSvd.Decompose(overlap, 3);
        Assert.All(cosines, c => Assert.True(c > 0.9999, $"principal angle cosine {c}"));
        Assert.True(model.ExplainedVariance[0] > model.ExplainedVariance[1] && model.ExplainedVariance[1] > model.ExplainedVariance[2]);
        for (int k = 0; k < 3; k++)
        {
            Assert.InRange(model.ExplainedVariance[k] / (spreads[k] * spreads[k]), 0.85, 1.15);
        }

        Assert.InRange(model.ExplainedVarianceRatio.Sum(), 0.99, 1.0);
    }

    [Fact]
    public void Fit_SmallData_MatchesExactCovarianceEigenDecomposition()
    {
        const int n = 300;
        const int d = 8;
        Matrix data = Correlated(n, d, seed: 5);
        double[] covariance = Covariance(data);
        (double[] values, double[] vectors) = JacobiEigen.Decompose(covariance, d);

        PcaModel model = RandomizedPca.Fit(data, components: 4, seed: 2);

        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(values[k], model.ExplainedVariance[k], values[k] * 1e-4);
            double cosine = 0;
            for (int j = 0; j < d; j++)
            {
                cosine += model.Components.Data[(k * d) + j] * vectors[(k * d) + j];
            }

            Assert.True(Math.Abs(cosine) > 0.9999, $"component {k} cosine {cosine}");
        }

        Assert.Equal(values.Sum(), model.TotalVariance, values.Sum() * 1e-5);
    }

    [Fact]
    public void Transform_TrainingData_HasExplainedVarianceAndZeroMeanPerColumn()
    {
        Matrix data = Correlated(500, 6, seed: 8);
        PcaModel model = RandomizedPca.Fit(data, components: 3, seed: 0);

        Matrix scores = model.Transform(data);

        Assert.Equal(500, scores.Rows);
        Assert.Equal(3, scores.Columns);
        for (int k = 0; k < 3; k++)
        {
            double[] column = Enumerable.Range(0, 500).Select(i => (double)scores.Data[(i * 3) + k]).ToArray();
            double mean = column.Average();
            double variance = column.Sum(x => (x - mean) * (x - mean)) / 499;
            Assert.Equal(0, mean, 1e-3);
            Assert.Equal(model.ExplainedVariance[k], variance, model.ExplainedVariance[k] * 1e-3);
        }
    }

    [Fact]
    public void Fit_SameSeed_GivesIdenticalComponents()
    {
        Matrix data = Correlated(400, 10, seed: 9);

        PcaModel first = RandomizedPca.Fit(data, 3, seed: 4);
        PcaModel second = RandomizedPca.Fit(data, 3, seed: 4);

        Assert.Equal(first.Components.Data, second.Components.Data);
    }

    [Fact]
    public void Fit_RankDeficientData_ReturnsOrthonormalAxesAndZeroVariance()
    {
        double[][] basis = Synthetic.Orthonormal(2, 6, seed: 1);
        var random = new Random(2);
        var data = new Matrix(100, 6);
        for (int i = 0; i < 100; i++)
        {
            double a = Synthetic.Normal(random);
            double b = Synthetic.Normal(random);
            for (int j = 0; j < 6; j++)
            {
                data.Data[(i * 6) + j] = (float)((a * basis[0][j]) + (b * basis[1][j]));
            }
        }

        PcaModel model = RandomizedPca.Fit(data, components: 4, seed: 3);

        for (int a = 0; a < 4; a++)
        {
            for (int b = 0; b < 4; b++)
            {
                double dot = 0;
                for (int j = 0; j < 6; j++)
                {
                    dot += model.Components.Data[(a * 6) + j] * model.Components.Data[(b * 6) + j];
                }

                Assert.Equal(a == b ? 1 : 0, dot, 1e-4);
            }
        }

        Assert.True(model.ExplainedVariance[2] < 1e-6 * model.ExplainedVariance[0]);
    }

    [Fact]
    public void Fit_FashionMnist_FiftyComponentsExplainMostVariance()
    {
        (Matrix pixels, _) = RenderFarm.TestSupport.FashionMnist.First(2000);

        PcaModel model = RandomizedPca.Fit(pixels, components: 50, seed: 0);

        // Fashion-MNIST is famously low-rank: the top 50 axes carry roughly 85% of the variance.
        Assert.InRange(model.ExplainedVarianceRatio.Sum(), 0.78, 0.92);
        Assert.True(model.ExplainedVarianceRatio[0] > 0.2);
    }

    [Fact]
    public void Fit_ComponentsAboveColumns_ThrowsNamingComponents()
    {
        var exception = Assert.Throws<LayoutException>(() => RandomizedPca.Fit(Synthetic.Gaussian(20, 3, 1), components: 4, seed: 0));

        Assert.Contains("components", exception.Message);
    }

    [Fact]
    public void Transform_WrongWidth_ThrowsNamingData()
    {
        PcaModel model = RandomizedPca.Fit(Synthetic.Gaussian(20, 3, 1), 2, 0);

        var exception = Assert.Throws<LayoutException>(() => model.Transform(Synthetic.Gaussian(5, 4, 1)));

        Assert.Contains("data", exception.Message);
    }

    private static Matrix Correlated(int n, int d, int seed)
    {
        // Gaussian data through a random mixing matrix, with distinct scales, so the covariance has
        // well-separated eigenvalues.
        Matrix raw = Synthetic.Gaussian(n, d, seed);
        var random = new Random(seed + 100);
        double[] mix = Enumerable.Range(0, d * d).Select(_ => Synthetic.Normal(random)).ToArray();
        var data = new Matrix(n, d);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double sum = 1;
                for (int k = 0; k < d; k++)
                {
                    sum += raw.Data[(i * d) + k] * (k + 1) * mix[(k * d) + j];
                }

                data.Data[(i * d) + j] = (float)sum;
            }
        }

        return data;
    }

    private static double[] Covariance(Matrix data)
    {
        int n = data.Rows;
        int d = data.Columns;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                mean[j] += data.Data[(i * d) + j] / (double)n;
            }
        }

        var covariance = new double[d * d];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < d; a++)
            {
                for (int b = 0; b < d; b++)
                {
                    covariance[(a * d) + b] += (data.Data[(i * d) + a] - mean[a]) * (data.Data[(i * d) + b] - mean[b]) / (n - 1);
                }
            }
        }

        return covariance;
    }
}
