using RenderFarm.Layouts.LinearAlgebra;

namespace RenderFarm.Layouts.Umap;

/// <summary>
/// The largest eigenpairs of a sparse symmetric operator by Lanczos iteration with full
/// re-orthogonalisation (every new basis vector is orthogonalised twice against all previous ones
/// and against the deflated vectors), so no ghost copies of converged eigenvalues appear. The
/// tridiagonal projection is diagonalised every few steps and the iteration stops once the
/// wanted Ritz pairs' residuals fall below the tolerance, or when the basis is full.
/// </summary>
internal static class LanczosEigensolver
{
    private const int CheckEvery = 20;

    /// <summary>
    /// Returns the <paramref name="count"/> algebraically largest eigenpairs of the n × n operator
    /// <paramref name="multiply"/> (y = M·x, both length n) restricted to the complement of the unit
    /// vector <paramref name="deflate"/>: eigenvalues descending, and eigenvectors as an array of
    /// <paramref name="count"/> unit vectors of length n.
    /// </summary>
    public static (double[] Values, double[][] Vectors) Largest(
        int n, Action<double[], double[]> multiply, double[] deflate, int count, int maxBasis, double tolerance, ulong seed)
    {
        // The deflated space has n − 1 dimensions; a Krylov basis cannot be larger.
        int limit = Math.Min(maxBasis, n - 1);
        var basis = new List<double[]>();
        var alpha = new List<double>();
        var beta = new List<double>();
        double[] q = StartVector(n, deflate, seed);
        var w = new double[n];
        for (int j = 0; j < limit; j++)
        {
            basis.Add(q);
            multiply(q, w);
            double a = Dot(q, w);
            alpha.Add(a);
            Reorthogonalise(w, basis, deflate);
            double b = Math.Sqrt(Dot(w, w));
            bool exhausted = b < 1e-12;
            bool last = exhausted || j == limit - 1;
            if (last || ((j + 1) % CheckEvery == 0 && j + 1 >= count))
            {
                (double[] values, double[] ritz) = SolveTridiagonal(alpha, beta);
                int m = alpha.Count;
                int[] top = TopIndices(values, Math.Min(count, m));
                bool converged = top.Length == count && top.All(c => Math.Abs(b * ritz[((m - 1) * m) + c]) < tolerance);
                if (last || converged)
                {
                    return (top.Select(c => values[c]).ToArray(), top.Select(c => RitzVector(basis, ritz, m, c, n)).ToArray());
                }
            }

            beta.Add(b);
            q = new double[n];
            for (int i = 0; i < n; i++)
            {
                q[i] = w[i] / b;
            }
        }

        throw new InvalidOperationException("Lanczos needs at least two dimensions.");
    }

    /// <summary>A seeded random unit vector orthogonal to the deflated one (a fixed start like all-ones can miss symmetric eigenvectors).</summary>
    private static double[] StartVector(int n, double[] deflate, ulong seed)
    {
        var random = new FastRandom(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = random.NextDouble() - 0.5;
        }

        Project(v, deflate);
        Normalise(v);
        return v;
    }

    /// <summary>Two passes of classical Gram–Schmidt ("twice is enough") against the deflated vector and the basis.</summary>
    private static void Reorthogonalise(double[] w, List<double[]> basis, double[] deflate)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            Project(w, deflate);
            foreach (double[] v in basis)
            {
                Project(w, v);
            }
        }
    }

    /// <summary>Eigen-decomposition of the Lanczos tridiagonal T (diagonal alpha, off-diagonal beta).</summary>
    private static (double[] Values, double[] Vectors) SolveTridiagonal(List<double> alpha, List<double> beta)
    {
        int m = alpha.Count;
        var t = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            t[(i * m) + i] = alpha[i];
            if (i + 1 < m)
            {
                t[(i * m) + i + 1] = beta[i];
                t[((i + 1) * m) + i] = beta[i];
            }
        }

        return JacobiEigen.Decompose(t, m);
    }

    private static int[] TopIndices(double[] values, int count) =>
        Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).Take(count).ToArray();

    /// <summary>Ritz vector y = Q·s for the tridiagonal eigenvector in row c.</summary>
    private static double[] RitzVector(List<double[]> basis, double[] ritz, int m, int c, int n)
    {
        var y = new double[n];
        for (int k = 0; k < m; k++)
        {
            double s = ritz[(c * m) + k];
            double[] v = basis[k];
            for (int i = 0; i < n; i++)
            {
                y[i] += s * v[i];
            }
        }

        Normalise(y);
        return y;
    }

    private static void Project(double[] w, double[] unit)
    {
        double d = Dot(w, unit);
        for (int i = 0; i < w.Length; i++)
        {
            w[i] -= d * unit[i];
        }
    }

    private static void Normalise(double[] v)
    {
        double norm = Math.Sqrt(Dot(v, v));
        for (int i = 0; i < v.Length; i++)
        {
            v[i] /= norm;
        }
    }

    private static double Dot(double[] x, double[] y) => System.Numerics.Tensors.TensorPrimitives.Dot<double>(x, y);
}
