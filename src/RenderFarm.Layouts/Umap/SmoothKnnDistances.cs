using RenderFarm.Layouts.Neighbors;

namespace RenderFarm.Layouts.Umap;

/// <summary>
/// Step 1 of UMAP: a local metric per point. rho[i] is the distance to the nearest neighbour (so
/// the nearest neighbour always gets membership 1: local connectivity 1), and sigma[i] is found by
/// binary search so that Σ_j exp(−(d_ij − rho_i)/sigma_i) = log2(k) over the point's neighbours.
/// </summary>
internal static class SmoothKnnDistances
{
    /// <summary>Binary-search steps; 64 halvings exhaust double precision long before the end.</summary>
    private const int Iterations = 64;

    /// <summary>Stop once the sum is this close to the target.</summary>
    private const double Tolerance = 1e-5;

    /// <summary>
    /// Floor for sigma as a fraction of the mean neighbour distance, so a point whose neighbours
    /// all sit at rho does not get a vanishing bandwidth (and infinite gradients later).
    /// </summary>
    private const double MinKDistScale = 1e-3;

    /// <summary>
    /// Computes rho and sigma (each of length N) from the first <paramref name="columns"/> neighbours
    /// of every row of <paramref name="graph"/> (N × K, self excluded, padding −1/+∞ skipped).
    /// </summary>
    /// <param name="nNeighbors">k as umap counts it (self included): the target sum is log2(k).</param>
    /// <param name="localConnectivity">True: rho = nearest non-zero distance (fit). False: rho = 0 (transform, as umap).</param>
    /// <param name="selfCounted">
    /// True when the point itself is one of the k (fit): it then contributes a zero distance to the
    /// mean used by the sigma floor, matching umap's rows that start with self.
    /// </param>
    public static (float[] Rho, float[] Sigma) Compute(KnnGraph graph, int columns, int nNeighbors, bool localConnectivity, bool selfCounted)
    {
        int n = graph.Count;
        var rho = new float[n];
        var sigma = new float[n];
        double target = Math.Log2(nNeighbors);
        double globalMean = GlobalMeanDistance(graph, columns);
        Parallel.For(0, n, i =>
        {
            ReadOnlySpan<float> distances = graph.DistancesOf(i)[..columns];
            ReadOnlySpan<int> indices = graph.NeighborsOf(i)[..columns];
            double rhoI = localConnectivity ? NearestNonZero(distances, indices) : 0.0;
            double sigmaI = SearchSigma(distances, indices, rhoI, target);

            // umap's floor: relative to this point's own mean distance when it has a positive rho,
            // otherwise to the mean over all points (its own distances may all be zero).
            double mean = rhoI > 0 ? RowMean(distances, indices, selfCounted) : globalMean;
            sigma[i] = (float)Math.Max(sigmaI, MinKDistScale * mean);
            rho[i] = (float)rhoI;
        });
        return (rho, sigma);
    }

    private static double NearestNonZero(ReadOnlySpan<float> distances, ReadOnlySpan<int> indices)
    {
        for (int j = 0; j < distances.Length; j++)
        {
            if (indices[j] >= 0 && distances[j] > 0)
            {
                return distances[j];
            }
        }

        return 0.0;
    }

    /// <summary>Bisection (doubling while unbounded above) on sigma: the sum grows with sigma.</summary>
    private static double SearchSigma(ReadOnlySpan<float> distances, ReadOnlySpan<int> indices, double rho, double target)
    {
        double lo = 0.0, hi = double.PositiveInfinity, mid = 1.0;
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            double sum = 0.0;
            for (int j = 0; j < distances.Length; j++)
            {
                if (indices[j] < 0)
                {
                    continue;
                }

                double d = distances[j] - rho;
                sum += d > 0 ? Math.Exp(-d / mid) : 1.0;
            }

            if (Math.Abs(sum - target) < Tolerance)
            {
                break;
            }

            if (sum > target)
            {
                hi = mid;
                mid = (lo + hi) / 2.0;
            }
            else
            {
                lo = mid;
                mid = double.IsPositiveInfinity(hi) ? mid * 2.0 : (lo + hi) / 2.0;
            }
        }

        return mid;
    }

    private static double RowMean(ReadOnlySpan<float> distances, ReadOnlySpan<int> indices, bool selfCounted)
    {
        double sum = 0.0;
        int count = selfCounted ? 1 : 0;
        for (int j = 0; j < distances.Length; j++)
        {
            if (indices[j] >= 0)
            {
                sum += distances[j];
                count++;
            }
        }

        return count == 0 ? 0.0 : sum / count;
    }

    private static double GlobalMeanDistance(KnnGraph graph, int columns)
    {
        double sum = 0.0;
        long count = 0;
        for (int i = 0; i < graph.Count; i++)
        {
            ReadOnlySpan<int> indices = graph.NeighborsOf(i)[..columns];
            ReadOnlySpan<float> distances = graph.DistancesOf(i)[..columns];
            for (int j = 0; j < columns; j++)
            {
                if (indices[j] >= 0)
                {
                    sum += distances[j];
                    count++;
                }
            }
        }

        return count == 0 ? 0.0 : sum / count;
    }
}
