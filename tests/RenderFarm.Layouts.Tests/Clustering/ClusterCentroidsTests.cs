using RenderFarm.Core.IO;
using RenderFarm.Layouts.Clustering;

namespace RenderFarm.Layouts.Tests.Clustering;

public sealed class ClusterCentroidsTests
{
    [Fact]
    public void Compute_LabelledPoints_AveragesEachLabelAndSkipsNoise()
    {
        var points = new Matrix(5, 2, [0, 0, 2, 2, 10, 10, 12, 14, 99, 99]);

        CentroidSet result = ClusterCentroids.Compute(points, [0, 0, 2, 2, -1]);

        Assert.Equal([1, 1, 0, 0, 11, 12], result.Centroids.Data);
        Assert.Equal([2, 0, 2], result.Counts);
    }

    [Fact]
    public void Compute_WrongLabelCount_ThrowsNamingLabels()
    {
        var exception = Assert.Throws<LayoutException>(() => ClusterCentroids.Compute(new Matrix(3, 2), [0, 1]));

        Assert.Contains("labels", exception.Message);
    }
}
