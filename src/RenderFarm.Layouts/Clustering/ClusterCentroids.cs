using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Clustering;

/// <summary>Where to put a cluster's label on a layout: the mean of its points in layout space.</summary>
public static class ClusterCentroids
{
    /// <summary>
    /// Means of the rows of <paramref name="points"/> per label 0..max(label). Negative labels
    /// (noise, unassigned) are left out.
    /// </summary>
    /// <exception cref="LayoutException">labels has a different length than points has rows.</exception>
    public static CentroidSet Compute(Matrix points, int[] labels)
    {
        if (labels.Length != points.Rows)
        {
            throw new LayoutException($"labels has {labels.Length} entries for {points.Rows} points.");
        }

        int d = points.Columns;
        int clusters = labels.Length == 0 ? 0 : Math.Max(0, labels.Max() + 1);
        var sums = new double[clusters * d];
        var counts = new int[clusters];
        for (int i = 0; i < labels.Length; i++)
        {
            int c = labels[i];
            if (c < 0)
            {
                continue;
            }

            counts[c]++;
            ReadOnlySpan<float> row = points.Row(i);
            for (int j = 0; j < d; j++)
            {
                sums[(c * d) + j] += row[j];
            }
        }

        var centroids = new Matrix(clusters, d);
        for (int c = 0; c < clusters; c++)
        {
            for (int j = 0; counts[c] > 0 && j < d; j++)
            {
                centroids.Data[(c * d) + j] = (float)(sums[(c * d) + j] / counts[c]);
            }
        }

        return new CentroidSet(centroids, counts);
    }
}
