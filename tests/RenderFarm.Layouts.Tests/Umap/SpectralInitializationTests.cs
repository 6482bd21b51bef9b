using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Tests.Umap;

public sealed class SpectralInitializationTests
{
    [Fact]
    public void Compute_CompleteGraph_FallsBackWithoutNaN()
    {
        // Every non-trivial eigenvalue of a complete graph is the same, so Lanczos finds one direction only.
        const int n = 8;
        int[] rowStart = Enumerable.Range(0, n + 1).Select(r => r * (n - 1)).ToArray();
        int[] columns = Enumerable.Range(0, n).SelectMany(r => Enumerable.Range(0, n).Where(c => c != r)).ToArray();
        var graph = new SparseGraph(n, n, rowStart, columns, Enumerable.Repeat(1f, columns.Length).ToArray());

        float[] layout = SpectralInitialization.Compute(graph, 2, seed: 1);

        Assert.Equal(n * 2, layout.Length);
        Assert.DoesNotContain(layout, c => !float.IsFinite(c));
    }

    [Fact]
    public void Compute_FashionMnistGraph_SeparatesClasses()
    {
        // The initial layout alone should already put same-class images together more often than chance (0.1).
        var knn = FashionMnistLayouts.FitGraph;
        (float[] rho, float[] sigma) = SmoothKnnDistances.Compute(knn, 14, 15, localConnectivity: true, selfCounted: true);
        SparseGraph graph = FuzzySimplicialSet.Build(knn, 14, rho, sigma);

        float[] layout = SpectralInitialization.Compute(graph, 2, seed: 1);

        double accuracy = LayoutQuality.KnnAccuracy(layout, 2, FashionMnistLayouts.Labels, 10);
        Assert.True(accuracy >= 0.4, $"10-NN accuracy of the spectral layout = {accuracy:F3}");
    }
}
