namespace RenderFarm.Layouts.LinearAlgebra;

/// <summary>SVD of a tiny square matrix through the Jacobi eigen-decomposition of MᵀM.</summary>
internal static class SmallSvd
{
    /// <summary>
    /// M = U·diag(σ)·Vᵀ for a d × d row-major M, σ descending. U and V are returned as row-major
    /// arrays whose columns are the singular vectors. Left vectors of zero singular values (a
    /// degenerate, e.g. collinear, layout) are completed to an orthonormal basis, as any choice is
    /// optimal there.
    /// </summary>
    public static (double[] U, double[] Sigma, double[] V) Decompose(double[] m, int d)
    {
        var gram = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                for (int k = 0; k < d; k++)
                {
                    gram[(i * d) + j] += m[(k * d) + i] * m[(k * d) + j];
                }
            }
        }

        (double[] values, double[] vectors) = JacobiEigen.Decompose(gram, d);
        var u = new double[d * d];
        var v = new double[d * d];
        var sigma = new double[d];
        var have = new List<double[]>();
        double floor = Math.Sqrt(Math.Max(values[0], 0)) * 1e-12;
        for (int c = 0; c < d; c++)
        {
            sigma[c] = Math.Sqrt(Math.Max(values[c], 0));
            for (int k = 0; k < d; k++)
            {
                v[(k * d) + c] = vectors[(c * d) + k];
            }
        }

        for (int c = 0; c < d; c++)
        {
            double[] column = new double[d];
            if (sigma[c] > floor && sigma[c] > 0)
            {
                for (int i = 0; i < d; i++)
                {
                    for (int k = 0; k < d; k++)
                    {
                        column[i] += m[(i * d) + k] * vectors[(c * d) + k];
                    }

                    column[i] /= sigma[c];
                }
            }
            else
            {
                sigma[c] = 0;
                column = Complement(have, d);
            }

            have.Add(column);
            for (int i = 0; i < d; i++)
            {
                u[(i * d) + c] = column[i];
            }
        }

        return (u, sigma, v);
    }

    /// <summary>The coordinate axis with most length outside the span so far, made orthonormal to it.</summary>
    private static double[] Complement(List<double[]> have, int d)
    {
        double[] best = new double[d];
        double bestNorm = -1;
        for (int axis = 0; axis < d; axis++)
        {
            var candidate = new double[d];
            candidate[axis] = 1;
            foreach (double[] h in have)
            {
                double dot = candidate.Zip(h, (a, b) => a * b).Sum();
                for (int i = 0; i < d; i++)
                {
                    candidate[i] -= dot * h[i];
                }
            }

            double norm = Math.Sqrt(candidate.Sum(x => x * x));
            if (norm > bestNorm)
            {
                bestNorm = norm;
                best = candidate;
            }
        }

        return best.Select(x => x / bestNorm).ToArray();
    }
}
