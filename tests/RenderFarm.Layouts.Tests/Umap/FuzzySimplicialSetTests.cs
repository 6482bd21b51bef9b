using RenderFarm.Layouts.Neighbors;
using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Tests.Umap;

public sealed class FuzzySimplicialSetTests
{
    [Fact]
    public void Union_OneWayAndTwoWayEdges_CombinesByProbabilisticOr()
    {
        // 0 → 1 (0.5), 1 → 0 (0.4), 2 → 0 (0.3): the 0–1 pair combines, the 0–2 pair is one-way.
        var directed = new SparseGraph(3, 3, [0, 1, 2, 3], [1, 0, 0], [0.5f, 0.4f, 0.3f]);

        SparseGraph union = FuzzySimplicialSet.Union(directed);

        Assert.Equal([1, 2], union.ColumnsOf(0).ToArray());
        Assert.Equal(0.5f + 0.4f - 0.2f, union.ValuesOf(0)[0], 1e-6f);
        Assert.Equal(0.3f, union.ValuesOf(0)[1]);
        Assert.Equal([0], union.ColumnsOf(2).ToArray());
    }

    [Fact]
    public void Build_FashionMnistGraph_SymmetricSortedWeightsInUnitInterval()
    {
        KnnGraph knn = FashionMnistLayouts.FitGraph;
        (float[] rho, float[] sigma) = SmoothKnnDistances.Compute(knn, 14, 15, localConnectivity: true, selfCounted: true);

        SparseGraph graph = FuzzySimplicialSet.Build(knn, 14, rho, sigma);

        var weights = new Dictionary<(int, int), float>();
        for (int i = 0; i < graph.RowCount; i++)
        {
            ReadOnlySpan<int> cols = graph.ColumnsOf(i);
            for (int e = 0; e < cols.Length; e++)
            {
                Assert.True(e == 0 || cols[e] > cols[e - 1], "columns not sorted and unique");
                Assert.NotEqual(i, cols[e]);
                Assert.InRange(graph.ValuesOf(i)[e], float.Epsilon, 1f);
                weights[(i, cols[e])] = graph.ValuesOf(i)[e];
            }
        }

        Assert.All(weights, w => Assert.Equal(w.Value, weights[(w.Key.Item2, w.Key.Item1)]));
    }

    [Fact]
    public void WithoutWeightsBelow_Threshold_DropsLightEdges()
    {
        var graph = new SparseGraph(2, 2, [0, 1, 2], [1, 0], [0.01f, 0.9f]);

        SparseGraph pruned = graph.WithoutWeightsBelow(0.9f / 50);

        Assert.Equal(1, pruned.EdgeCount);
        Assert.Equal([0], pruned.ColumnsOf(1).ToArray());
    }
}
