using RenderFarm.Core.IO;
using RenderFarm.Layouts.Clustering;

namespace RenderFarm.Layouts.Tests.Clustering;

public sealed class KMeansTests
{
    [Fact]
    public void Fit_SeparatedBlobs_RecoversThem()
    {
        (Matrix points, int[] truth) = Synthetic.Blobs(clusters: 6, perCluster: 150, columns: 5, separation: 12, seed: 1);

        KMeansResult result = KMeans.Fit(points, clusters: 6, seed: 0);

        Assert.True(Agreement.AdjustedRand(truth, result.Labels) > 0.99);
        Assert.Equal(6, result.Centroids.Rows);
    }

    [Fact]
    public void Fit_SameSeed_IsDeterministic()
    {
        (Matrix points, _) = Synthetic.Blobs(5, 200, 3, 3, seed: 2);

        KMeansResult first = KMeans.Fit(points, 5, seed: 7);
        KMeansResult second = KMeans.Fit(points, 5, seed: 7);

        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Centroids.Data, second.Centroids.Data);
        Assert.Equal(first.Inertia, second.Inertia);
    }

    [Fact]
    public void Fit_AnyResult_InertiaIsSquaredDistanceToOwnCentroidAndCentroidsAreMeans()
    {
        (Matrix points, _) = Synthetic.Blobs(4, 100, 3, 2, seed: 3);

        KMeansResult result = KMeans.Fit(points, 4, seed: 1);

        double inertia = 0;
        for (int i = 0; i < points.Rows; i++)
        {
            int c = result.Labels[i];
            for (int j = 0; j < 3; j++)
            {
                double diff = points.Data[(i * 3) + j] - result.Centroids.Data[(c * 3) + j];
                inertia += diff * diff;
            }
        }

        Assert.Equal(inertia, result.Inertia, inertia * 1e-5);
        CentroidSet means = ClusterCentroids.Compute(points, result.Labels);
        for (int i = 0; i < means.Centroids.Data.Length; i++)
        {
            Assert.Equal(means.Centroids.Data[i], result.Centroids.Data[i], 1e-4);
        }
    }

    [Fact]
    public void Fit_MoreRestarts_NeverRaisesInertia()
    {
        (Matrix points, _) = Synthetic.Blobs(8, 60, 2, 2, seed: 4);

        KMeansResult one = KMeans.Fit(points, 8, seed: 5, restarts: 1);
        KMeansResult many = KMeans.Fit(points, 8, seed: 5, restarts: 6);

        Assert.True(many.Inertia <= one.Inertia);
    }

    [Fact]
    public void Fit_AsManyClustersAsDistinctPoints_UsesEveryCluster()
    {
        var points = new Matrix(6, 1, [0, 0, 5, 5, 9, 9]);

        KMeansResult result = KMeans.Fit(points, 3, seed: 0);

        Assert.Equal(0, result.Inertia, 1e-9);
        Assert.Equal(3, result.Labels.Distinct().Count());
    }

    [Fact]
    public void Fit_ClustersAboveRows_ThrowsNamingClusters()
    {
        var exception = Assert.Throws<LayoutException>(() => KMeans.Fit(Synthetic.Gaussian(4, 2, 1), clusters: 5, seed: 0));

        Assert.Contains("clusters", exception.Message);
    }

    [Fact]
    public void Fit_ZeroRestarts_ThrowsNamingRestarts()
    {
        var exception = Assert.Throws<LayoutException>(() => KMeans.Fit(Synthetic.Gaussian(4, 2, 1), 2, 0, restarts: 0));

        Assert.Contains("restarts", exception.Message);
    }
}
