using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;

namespace RenderFarm.Layouts.Clustering;

/// <summary>
/// Greedy k-means++ seeding (Arthur &amp; Vassilvitskii 2007, with scikit-learn's greedy variant):
/// each new centre is the best, by resulting potential, of 2 + ⌊ln k⌋ candidates drawn with
/// probability proportional to their squared distance from the centres so far. Spreading the
/// seeds this way makes Lloyd's iterations start near a good optimum.
/// </summary>
internal static class KMeansPlusPlus
{
    public static float[] Seed(Matrix data, int k, Random random)
    {
        int n = data.Rows;
        int d = data.Columns;
        var centroids = new float[k * d];
        int first = random.Next(n);
        data.Row(first).CopyTo(centroids.AsSpan(0, d));
        float[] closest = SquaredDistancesTo(data, data.Row(first).ToArray());
        int trials = 2 + (int)Math.Log(k);
        for (int c = 1; c < k; c++)
        {
            double potential = Sum(closest);
            float[]? bestClosest = null;
            double bestPotential = double.PositiveInfinity;
            int bestIndex = 0;
            for (int t = 0; t < trials; t++)
            {
                int candidate = potential > 0 ? Draw(closest, potential, random) : random.Next(n);
                float[] toCandidate = SquaredDistancesTo(data, data.Row(candidate).ToArray());
                for (int i = 0; i < n; i++)
                {
                    toCandidate[i] = Math.Min(toCandidate[i], closest[i]);
                }

                double candidatePotential = Sum(toCandidate);
                if (candidatePotential < bestPotential)
                {
                    bestPotential = candidatePotential;
                    bestClosest = toCandidate;
                    bestIndex = candidate;
                }
            }

            data.Row(bestIndex).CopyTo(centroids.AsSpan(c * d, d));
            closest = bestClosest!;
        }

        return centroids;
    }

    private static int Draw(float[] weights, double total, Random random)
    {
        double target = random.NextDouble() * total;
        double running = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            running += weights[i];
            if (running > target && weights[i] > 0)
            {
                return i;
            }
        }

        // Rounding left the target just past the end: the last point with weight is as good a draw.
        return Array.FindLastIndex(weights, w => w > 0);
    }

    private static float[] SquaredDistancesTo(Matrix data, float[] point)
    {
        var result = new float[data.Rows];
        Parallel.For(0, Chunks.For(data.Rows), chunk =>
        {
            (int start, int end) = Chunks.Range(chunk, Chunks.For(data.Rows), data.Rows);
            for (int i = start; i < end; i++)
            {
                result[i] = PointDistance.Squared(data.Row(i), point);
            }
        });
        return result;
    }

    private static double Sum(float[] values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += v;
        }

        return sum;
    }
}
