using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Tests.Umap;

public sealed class LanczosEigensolverTests
{
    [Fact]
    public void Decompose_SymmetricMatrix_ReconstructsEigenpairs()
    {
        double[] matrix = [4, 1, 2, 1, 3, 0.5, 2, 0.5, 1];
        double[] copy = (double[])matrix.Clone();

        (double[] values, double[] vectors) = JacobiEigen.Decompose(copy, 3);

        for (int c = 0; c < 3; c++)
        {
            for (int r = 0; r < 3; r++)
            {
                double av = (matrix[r * 3] * vectors[c]) + (matrix[(r * 3) + 1] * vectors[3 + c]) + (matrix[(r * 3) + 2] * vectors[6 + c]);
                Assert.Equal(values[c] * vectors[(r * 3) + c], av, 1e-9);
            }
        }
    }

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
