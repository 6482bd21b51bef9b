using RenderFarm.Core.IO;
using RenderFarm.Layouts.Clustering;

namespace RenderFarm.Layouts.Tests.Clustering;

public sealed class SilhouetteTests
{
    [Fact]
    public void Score_SmallData_MatchesBruteForceReference()
    {
        Matrix points = Synthetic.Gaussian(120, 3, seed: 1);
        var random = new Random(2);
        int[] labels = Enumerable.Range(0, 120).Select(i => i == 0 ? 3 : random.Next(3)).ToArray();

        SilhouetteResult result = Silhouette.Score(points, labels, seed: 0);

        Assert.True(result.Exact);
        Assert.Equal(120, result.SampleSize);
        Assert.Equal(Reference(points, labels), result.Score, 1e-6);
    }

    [Fact]
    public void Score_SeparatedBlobs_IsHigh()
    {
        (Matrix points, int[] labels) = Synthetic.Blobs(4, 100, 2, 20, seed: 3);

        Assert.True(Silhouette.Score(points, labels, seed: 0).Score > 0.8);
    }

    [Fact]
    public void Score_LargeData_SampleEstimatesExactScore()
    {
        (Matrix points, int[] labels) = Synthetic.Blobs(5, 600, 2, 2.5, seed: 4);
        double exact = Silhouette.Score(points, labels, seed: 0, exactLimit: 10_000).Score;

        SilhouetteResult sampled = Silhouette.Score(points, labels, seed: 1, exactLimit: 1000, sampleSize: 800);

        Assert.False(sampled.Exact);
        Assert.Equal(800, sampled.SampleSize);
        Assert.InRange(sampled.Score, exact - 0.05, exact + 0.05);
    }

    [Fact]
    public void Score_OneCluster_ThrowsNamingLabels()
    {
        var exception = Assert.Throws<LayoutException>(() => Silhouette.Score(Synthetic.Gaussian(10, 2, 1), new int[10], 0));

        Assert.Contains("labels", exception.Message);
    }

    /// <summary>The textbook definition, in double, one point at a time.</summary>
    private static double Reference(Matrix points, int[] labels)
    {
        int n = points.Rows;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var sums = new Dictionary<int, (double Sum, int Count)>();
            for (int j = 0; j < n; j++)
            {
                if (j != i)
                {
                    (double sum, int count) = sums.GetValueOrDefault(labels[j]);
                    sums[labels[j]] = (sum + Synthetic.Distance(points, i, j), count + 1);
                }
            }

            if (!sums.TryGetValue(labels[i], out var own))
            {
                continue;
            }

            double a = own.Sum / own.Count;
            double b = sums.Where(p => p.Key != labels[i]).Min(p => p.Value.Sum / p.Value.Count);
            total += (b - a) / Math.Max(a, b);
        }

        return total / n;
    }
}
