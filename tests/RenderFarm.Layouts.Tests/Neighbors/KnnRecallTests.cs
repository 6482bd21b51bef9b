using RenderFarm.Layouts.Neighbors;

namespace RenderFarm.Layouts.Tests.Neighbors;

public sealed class KnnRecallTests
{
    private static readonly KnnGraph Exact = new(2, 2, [1, 2, 0, 2], [1f, 2f, 1f, 3f], DistanceMetric.Euclidean);

    [Fact]
    public void Of_SameGraph_IsOne()
    {
        Assert.Equal(1.0, KnnRecall.Of(Exact, Exact));
    }

    [Fact]
    public void Of_OneOfFourFound_IsAQuarter()
    {
        var approximate = new KnnGraph(2, 2, [2, 3, 3, -1], [2f, 5f, 4f, float.PositiveInfinity], DistanceMetric.Euclidean);

        Assert.Equal(0.25, KnnRecall.Of(approximate, Exact));
    }

    [Fact]
    public void Of_DifferentPointCounts_Throws()
    {
        var other = new KnnGraph(1, 2, [1, 2], [1f, 2f], DistanceMetric.Euclidean);

        Assert.Throws<ArgumentException>(() => KnnRecall.Of(other, Exact));
    }
}
