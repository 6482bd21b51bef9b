namespace RenderFarm.Layouts.LinearAlgebra;

/// <summary>
/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations, in double precision.
/// Used where the matrix is at most a few dozen rows (the projected matrix of randomised PCA, the
/// cross-covariance of Procrustes): Jacobi is simple, unconditionally convergent and accurate for
/// small eigenvalues, and its O(n³) sweeps are negligible at that size.
/// </summary>
internal static class JacobiEigen
{
    private const int MaxSweeps = 100;

    /// <summary>
    /// Decomposes the symmetric n × n row-major <paramref name="matrix"/> (left untouched). Returns
    /// the eigenvalues in descending order and the matching unit eigenvectors as the rows of an
    /// n × n row-major array.
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> matrix, int n)
    {
        if (matrix.Length != n * n)
        {
            throw new ArgumentException($"A {n}x{n} matrix needs {n * n} values.", nameof(matrix));
        }

        double[] a = matrix.ToArray();
        var v = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            v[(i * n) + i] = 1;
        }

        for (int sweep = 0; sweep < MaxSweeps && OffDiagonal(a, n) > 1e-30 * Math.Max(Diagonal(a, n), double.Epsilon); sweep++)
        {
            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    Rotate(a, v, n, p, q);
                }
            }
        }

        return Sorted(a, v, n);
    }

    /// <summary>Zeroes a[p,q] by the rotation of Golub &amp; Van Loan (8.4), accumulating it into v's columns.</summary>
    private static void Rotate(double[] a, double[] v, int n, int p, int q)
    {
        double apq = a[(p * n) + q];
        if (apq == 0)
        {
            return;
        }

        double theta = (a[(q * n) + q] - a[(p * n) + p]) / (2 * apq);
        // The smaller root keeps the rotation angle ≤ π/4, which is what makes the sweeps converge.
        double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        double c = 1 / Math.Sqrt((t * t) + 1);
        double s = t * c;
        for (int k = 0; k < n; k++)
        {
            double akp = a[(k * n) + p];
            double akq = a[(k * n) + q];
            a[(k * n) + p] = (c * akp) - (s * akq);
            a[(k * n) + q] = (s * akp) + (c * akq);
        }

        for (int k = 0; k < n; k++)
        {
            double apk = a[(p * n) + k];
            double aqk = a[(q * n) + k];
            a[(p * n) + k] = (c * apk) - (s * aqk);
            a[(q * n) + k] = (s * apk) + (c * aqk);
        }

        for (int k = 0; k < n; k++)
        {
            double vkp = v[(k * n) + p];
            double vkq = v[(k * n) + q];
            v[(k * n) + p] = (c * vkp) - (s * vkq);
            v[(k * n) + q] = (s * vkp) + (c * vkq);
        }
    }

    private static double OffDiagonal(double[] a, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                sum += i == j ? 0 : a[(i * n) + j] * a[(i * n) + j];
            }
        }

        return sum;
    }

    private static double Diagonal(double[] a, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += a[(i * n) + i] * a[(i * n) + i];
        }

        return sum;
    }

    private static (double[] Values, double[] Vectors) Sorted(double[] a, double[] v, int n)
    {
        int[] order = Enumerable.Range(0, n).OrderByDescending(i => a[(i * n) + i]).ThenBy(i => i).ToArray();
        var values = new double[n];
        var vectors = new double[n * n];
        for (int r = 0; r < n; r++)
        {
            int i = order[r];
            values[r] = a[(i * n) + i];
            for (int k = 0; k < n; k++)
            {
                vectors[(r * n) + k] = v[(k * n) + i];
            }
        }

        return (values, vectors);
    }
}
