using RenderFarm.Layouts.Neighbors;

namespace RenderFarm.Layouts.Tests.Neighbors;

public sealed class KnnGraphTests
{
    [Fact]
    public void Constructor_WrongLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => new KnnGraph(3, 2, new int[5], new float[6], DistanceMetric.Euclidean));
    }

    [Fact]
    public void NeighborsOf_ReturnsTheRow()
    {
        var graph = new KnnGraph(2, 2, [1, -1, 0, -1], [0.5f, float.PositiveInfinity, 0.5f, float.PositiveInfinity], DistanceMetric.Euclidean);

        Assert.Equal([0, -1], graph.NeighborsOf(1).ToArray());
        Assert.Equal(0.5f, graph.DistancesOf(1)[0]);
    }
}
