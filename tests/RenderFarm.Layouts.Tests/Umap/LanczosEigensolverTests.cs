using RenderFarm.Layouts.LinearAlgebra;
using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Tests.Umap;

public sealed class LanczosEigensolverTests
{
    [Fact]
    public void Largest_RandomSymmetricMatrix_MatchesDenseSolver()
    {
        const int n = 60;
        double[] dense = RandomSymmetric(n, seed: 5);
        double[] trivial = Enumerable.Repeat(1 / Math.Sqrt(n), n).ToArray();
        double[] deflated = Deflate(dense, trivial, n);
        (double[] all, _) = JacobiEigen.Decompose((double[])deflated.Clone(), n);
        double[] expected = all.OrderByDescending(v => v).Take(2).ToArray();

        (double[] values, double[][] vectors) = LanczosEigensolver.Largest(n, (x, y) => Multiply(dense, x, y, n), trivial, 2, 59, 1e-8, 3);

        Assert.Equal(expected[0], values[0], 1e-6);
        Assert.Equal(expected[1], values[1], 1e-6);
        Assert.Equal(0, vectors[0].Zip(trivial, (a, b) => a * b).Sum(), 1e-8);
    }

    private static double[] RandomSymmetric(int n, int seed)
    {
        var random = new Random(seed);
        var m = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                m[(i * n) + j] = m[(j * n) + i] = random.NextDouble() - 0.5;
            }
        }

        return m;
    }

    /// <summary>(I − uuᵀ)·M·(I − uuᵀ): the operator Lanczos effectively sees.</summary>
    private static double[] Deflate(double[] m, double[] u, int n)
    {
        var p = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                p[(i * n) + j] = (i == j ? 1 : 0) - (u[i] * u[j]);
            }
        }

        return Product(Product(p, m, n), p, n);
    }

    private static double[] Product(double[] x, double[] y, int n)
    {
        var r = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                for (int j = 0; j < n; j++)
                {
                    r[(i * n) + j] += x[(i * n) + k] * y[(k * n) + j];
                }
            }
        }

        return r;
    }

    private static void Multiply(double[] m, double[] x, double[] y, int n)
    {
        for (int i = 0; i < n; i++)
        {
            y[i] = 0;
            for (int j = 0; j < n; j++)
            {
                y[i] += m[(i * n) + j] * x[j];
            }
        }
    }
}
