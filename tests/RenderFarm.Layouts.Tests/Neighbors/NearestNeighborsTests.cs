using RenderFarm.Core.IO;
using RenderFarm.Layouts.Neighbors;
using RenderFarm.TestSupport;

namespace RenderFarm.Layouts.Tests.Neighbors;

public sealed class NearestNeighborsTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public void Build_KNotBelowN_ThrowsNamingNeighbors(int k)
    {
        var error = Assert.Throws<LayoutException>(() => NearestNeighbors.Build(TestData.Random(10, 3, seed: 1), k, DistanceMetric.Euclidean, 0, true));

        Assert.Contains("n_neighbors (k) must be less than the number of points N", error.Message);
    }

    [Fact]
    public void Build_KBelowOne_Throws()
    {
        var error = Assert.Throws<LayoutException>(() => NearestNeighbors.Build(TestData.Random(10, 3, seed: 1), 0, DistanceMetric.Euclidean, 0, true));

        Assert.Contains("n_neighbors (k) must be at least 1", error.Message);
    }

    [Fact]
    public void Build_OnePoint_Throws()
    {
        var error = Assert.Throws<LayoutException>(() => NearestNeighbors.Build(TestData.Random(1, 3, seed: 1), 1, DistanceMetric.Euclidean, 0, true));

        Assert.Contains("at least 2 points", error.Message);
    }

    [Fact]
    public void Build_NonFiniteRows_ListsTheFirstRows()
    {
        Matrix data = TestData.Random(100, 9, seed: 1);
        int[] bad = [3, 8, 20, 21, 50, 60, 99];
        foreach (int row in bad)
        {
            data.Row(row)[row % 9] = row % 2 == 0 ? float.NaN : float.NegativeInfinity;
        }

        var error = Assert.Throws<LayoutException>(() => NearestNeighbors.Build(data, 5, DistanceMetric.Cosine, 0, true));

        Assert.Contains("rows 3, 8, 20, 21, 50 and 2 more", error.Message);
    }

    [Fact]
    public void Build_SmallData_IsExact()
    {
        Matrix data = TestData.Random(500, 12, seed: 6);

        KnnGraph graph = NearestNeighbors.Build(data, 8, DistanceMetric.Cosine, 0, true);

        Assert.Equal(1.0, KnnRecall.Of(graph, ExactKnn.Build(data, 8, DistanceMetric.Cosine)));
    }

    [Fact]
    public void UsesExact_BySize_SmallOrCheapOnly()
    {
        Assert.True(NearestNeighbors.UsesExact(4_000, 10_000));
        Assert.True(NearestNeighbors.UsesExact(100_000, 2));
        Assert.False(NearestNeighbors.UsesExact(70_000, 784));
    }

    [Fact]
    public void Build_FashionMnistAboveExactLimit_RecallAtLeast95Percent()
    {
        (Matrix pixels, _) = FashionMnist.First(6_000);
        Assert.False(NearestNeighbors.UsesExact(pixels.Rows, pixels.Columns));

        KnnGraph graph = NearestNeighbors.Build(pixels, 15, DistanceMetric.Euclidean, 7, false);

        Assert.True(KnnRecall.Of(graph, ExactKnn.Build(pixels, 15, DistanceMetric.Euclidean)) >= 0.95);
    }
}
