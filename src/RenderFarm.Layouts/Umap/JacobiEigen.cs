namespace RenderFarm.Layouts.Umap;

/// <summary>
/// Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations. Used on the
/// Lanczos tridiagonal (at most a few hundred rows), where its robustness with clustered
/// eigenvalues matters more than speed.
/// </summary>
internal static class JacobiEigen
{
    private const int MaxSweeps = 50;

    /// <summary>
    /// Decomposes the m × m row-major symmetric <paramref name="matrix"/> (destroyed). Returns the m
    /// eigenvalues and the m × m row-major eigenvector matrix whose column c belongs to eigenvalue c.
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(double[] matrix, int m)
    {
        var vectors = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            vectors[(i * m) + i] = 1.0;
        }

        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            if (OffDiagonalNorm(matrix, m) < 1e-22 * Math.Max(1.0, DiagonalNorm(matrix, m)))
            {
                break;
            }

            for (int p = 0; p < m - 1; p++)
            {
                for (int q = p + 1; q < m; q++)
                {
                    Rotate(matrix, vectors, m, p, q);
                }
            }
        }

        var values = new double[m];
        for (int i = 0; i < m; i++)
        {
            values[i] = matrix[(i * m) + i];
        }

        return (values, vectors);
    }

    /// <summary>Zeroes entry (p, q) with the rotation that diagonalises the 2 × 2 block of p and q.</summary>
    private static void Rotate(double[] a, double[] v, int m, int p, int q)
    {
        double apq = a[(p * m) + q];
        if (Math.Abs(apq) < 1e-300)
        {
            return;
        }

        double theta = (a[(q * m) + q] - a[(p * m) + p]) / (2.0 * apq);
        double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1.0));
        if (theta == 0)
        {
            t = 1.0;
        }

        double c = 1.0 / Math.Sqrt((t * t) + 1.0), s = t * c;
        for (int k = 0; k < m; k++)
        {
            double akp = a[(k * m) + p], akq = a[(k * m) + q];
            a[(k * m) + p] = (c * akp) - (s * akq);
            a[(k * m) + q] = (s * akp) + (c * akq);
        }

        for (int k = 0; k < m; k++)
        {
            double apk = a[(p * m) + k], aqk = a[(q * m) + k];
            a[(p * m) + k] = (c * apk) - (s * aqk);
            a[(q * m) + k] = (s * apk) + (c * aqk);
        }

        for (int k = 0; k < m; k++)
        {
            double vkp = v[(k * m) + p], vkq = v[(k * m) + q];
            v[(k * m) + p] = (c * vkp) - (s * vkq);
            v[(k * m) + q] = (s * vkp) + (c * vkq);
        }
    }

    private static double OffDiagonalNorm(double[] a, int m)
    {
        double sum = 0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                if (i != j)
                {
                    sum += a[(i * m) + j] * a[(i * m) + j];
                }
            }
        }

        return sum;
    }

    private static double DiagonalNorm(double[] a, int m)
    {
        double sum = 0;
        for (int i = 0; i < m; i++)
        {
            sum += a[(i * m) + i] * a[(i * m) + i];
        }

        return sum;
    }
}
