using RenderFarm.Layouts.Neighbors;
using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Tests.Umap;

public sealed class SmoothKnnDistancesTests
{
    private static readonly KnnGraph Graph = new(
        3, 3, [1, 2, -1, 0, 2, -1, 1, 0, -1], [1f, 2f, float.PositiveInfinity, 1f, 1.5f, float.PositiveInfinity, 1.5f, 2f, float.PositiveInfinity], DistanceMetric.Euclidean);

    [Fact]
    public void Compute_LocalConnectivity_RhoIsNearestDistance()
    {
        (float[] rho, _) = SmoothKnnDistances.Compute(Graph, 3, 3, localConnectivity: true, selfCounted: true);

        Assert.Equal([1f, 1f, 1.5f], rho);
    }

    [Fact]
    public void Compute_Sigma_MembershipsSumToLog2K()
    {
        var graph = new KnnGraph(1, 4, [1, 2, 3, 4], [0.5f, 1f, 1.5f, 3f], DistanceMetric.Euclidean);

        (float[] rho, float[] sigma) = SmoothKnnDistances.Compute(graph, 4, 5, localConnectivity: true, selfCounted: true);

        double sum = graph.DistancesOf(0).ToArray().Sum(d => Math.Exp(-Math.Max(0, d - rho[0]) / sigma[0]));
        Assert.Equal(Math.Log2(5), sum, 1e-4);
    }

    [Fact]
    public void Compute_AllNeighboursAtRho_SigmaFlooredAboveZero()
    {
        var graph = new KnnGraph(1, 3, [1, 2, 3], [1f, 1f, 1f], DistanceMetric.Euclidean);

        (_, float[] sigma) = SmoothKnnDistances.Compute(graph, 3, 4, localConnectivity: true, selfCounted: true);

        Assert.True(sigma[0] >= 1e-3 * 0.75f);
    }

    [Fact]
    public void Compute_NoLocalConnectivity_RhoZero()
    {
        (float[] rho, _) = SmoothKnnDistances.Compute(Graph, 3, 3, localConnectivity: false, selfCounted: false);

        Assert.All(rho, r => Assert.Equal(0f, r));
    }
}
