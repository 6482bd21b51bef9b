using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Clustering;

/// <summary>
/// k-means: greedy k-means++ seeding, then Lloyd iterations (parallel assignment, centroid update),
/// repeated from several seeds keeping the clustering with the lowest inertia. Deterministic for a
/// seed whatever the thread count.
/// </summary>
public static class KMeans
{
    /// <summary>Clusters the rows of <paramref name="data"/> into <paramref name="clusters"/> groups.</summary>
    /// <exception cref="LayoutException">clusters outside 1..rows, restarts or maxIterations below 1.</exception>
    public static KMeansResult Fit(Matrix data, int clusters, int seed, int restarts = 4, int maxIterations = 300)
    {
        if (clusters < 1 || clusters > data.Rows)
        {
            throw new LayoutException($"clusters must be between 1 and the {data.Rows} rows, got {clusters}.");
        }

        if (restarts < 1)
        {
            throw new LayoutException($"restarts must be at least 1, got {restarts}.");
        }

        if (maxIterations < 1)
        {
            throw new LayoutException($"maxIterations must be at least 1, got {maxIterations}.");
        }

        var master = new Random(seed);
        KMeansResult? best = null;
        for (int r = 0; r < restarts; r++)
        {
            KMeansResult candidate = Run(data, clusters, new Random(master.Next()), maxIterations);
            if (best is null || candidate.Inertia < best.Inertia)
            {
                best = candidate;
            }
        }

        return best!;
    }

    private static KMeansResult Run(Matrix data, int k, Random random, int maxIterations)
    {
        int n = data.Rows;
        int d = data.Columns;
        float[] centroids = KMeansPlusPlus.Seed(data, k, random);
        var labels = new int[n];
        Array.Fill(labels, -1);
        var distances = new float[n];
        int iterations = 0;
        Assignment assignment = Assign(data, centroids, k, labels, distances);
        while (iterations < maxIterations)
        {
            iterations++;
            Update(data, centroids, assignment, distances, k);
            assignment = Assign(data, centroids, k, labels, distances);
            if (assignment.Changed == 0)
            {
                break;
            }
        }

        return new KMeansResult(labels, new Matrix(k, d, centroids), assignment.Inertia, iterations);
    }

    /// <summary>Per-cluster sums and counts of the rows assigned, and how many labels moved.</summary>
    private sealed record Assignment(double[] Sums, long[] Counts, double Inertia, int Changed);

    private static Assignment Assign(Matrix data, float[] centroids, int k, int[] labels, float[] distances)
    {
        int n = data.Rows;
        int d = data.Columns;
        int chunks = Chunks.For(n);
        var sums = new double[chunks][];
        var counts = new long[chunks][];
        var inertia = new double[chunks];
        var changed = new int[chunks];
        Parallel.For(0, chunks, chunk =>
        {
            (int start, int end) = Chunks.Range(chunk, chunks, n);
            var sum = new double[k * d];
            var count = new long[k];
            for (int i = start; i < end; i++)
            {
                ReadOnlySpan<float> row = data.Data.AsSpan(i * d, d);
                int best = 0;
                float bestDistance = float.PositiveInfinity;
                for (int c = 0; c < k; c++)
                {
                    float distance = PointDistance.Squared(row, centroids.AsSpan(c * d, d));
                    if (distance < bestDistance)
                    {
                        bestDistance = distance;
                        best = c;
                    }
                }

                changed[chunk] += labels[i] == best ? 0 : 1;
                labels[i] = best;
                distances[i] = bestDistance;
                inertia[chunk] += bestDistance;
                count[best]++;
                for (int j = 0; j < d; j++)
                {
                    sum[(best * d) + j] += row[j];
                }
            }

            sums[chunk] = sum;
            counts[chunk] = count;
        });

        for (int chunk = 1; chunk < chunks; chunk++)
        {
            for (int j = 0; j < sums[0].Length; j++)
            {
                sums[0][j] += sums[chunk][j];
            }

            for (int c = 0; c < k; c++)
            {
                counts[0][c] += counts[chunk][c];
            }
        }

        return new Assignment(sums[0], counts[0], inertia.Sum(), changed.Sum());
    }

    /// <summary>
    /// Moves each centroid to the mean of its rows. A cluster left empty takes the row farthest from
    /// its own centroid (as scikit-learn does), which both revives the cluster and lowers inertia.
    /// </summary>
    private static void Update(Matrix data, float[] centroids, Assignment assignment, float[] distances, int k)
    {
        int d = data.Columns;
        // Sorting every row is only worth it in the rare iteration that empties a cluster.
        int[] farthest = assignment.Counts.Contains(0)
            ? Enumerable.Range(0, data.Rows).OrderByDescending(i => distances[i]).ThenBy(i => i).Take(k).ToArray()
            : [];
        int spare = 0;
        for (int c = 0; c < k; c++)
        {
            if (assignment.Counts[c] == 0)
            {
                data.Row(farthest[spare++]).CopyTo(centroids.AsSpan(c * d, d));
                continue;
            }

            for (int j = 0; j < d; j++)
            {
                centroids[(c * d) + j] = (float)(assignment.Sums[(c * d) + j] / assignment.Counts[c]);
            }
        }
    }
}
