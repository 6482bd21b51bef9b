using RenderFarm.Layouts.LinearAlgebra;

namespace RenderFarm.Layouts.Tests.LinearAlgebra;

public sealed class JacobiEigenTests
{
    [Fact]
    public void Decompose_RandomSymmetric_ReconstructsMatrixWithOrthonormalVectors()
    {
        const int n = 12;
        var random = new Random(3);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                a[(i * n) + j] = a[(j * n) + i] = Synthetic.Normal(random);
            }
        }

        (double[] values, double[] vectors) = JacobiEigen.Decompose(a, n);

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double rebuilt = 0;
                double gram = 0;
                for (int k = 0; k < n; k++)
                {
                    rebuilt += vectors[(k * n) + i] * values[k] * vectors[(k * n) + j];
                    gram += vectors[(i * n) + k] * vectors[(j * n) + k];
                }

                Assert.Equal(a[(i * n) + j], rebuilt, 1e-10);
                Assert.Equal(i == j ? 1 : 0, gram, 1e-10);
            }
        }

        Assert.True(values.Zip(values.Skip(1), (x, y) => x >= y).All(b => b));
    }

    [Fact]
    public void Decompose_Diagonal_ReturnsSortedDiagonal()
    {
        (double[] values, _) = JacobiEigen.Decompose([1, 0, 0, 0, 5, 0, 0, 0, 3], 3);

        Assert.Equal([5, 3, 1], values);
    }
}
