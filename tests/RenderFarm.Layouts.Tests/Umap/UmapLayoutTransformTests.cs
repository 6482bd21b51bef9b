using RenderFarm.Layouts.Neighbors;
using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Tests.Umap;

public sealed class UmapLayoutTransformTests
{
    [Fact]
    public void Transform_HeldOutImages_LandAmongTheirClass()
    {
        KnnGraph toFitted = BruteForceKnn.Build(FashionMnistLayouts.HeldOut, FashionMnistLayouts.Data, FashionMnistLayouts.K);

        float[] placed = UmapLayout.Transform(toFitted, FashionMnistLayouts.Layout2D, new UmapOptions());

        Assert.Equal(FashionMnistLayouts.HeldOutCount * 2, placed.Length);
        double accuracy = LayoutQuality.KnnAccuracy(
            placed, FashionMnistLayouts.HeldOutLabels, FashionMnistLayouts.Layout2D, FashionMnistLayouts.Labels, 2, 10);
        Assert.True(accuracy >= 0.65, $"10-NN accuracy of transformed points = {accuracy:F3}");
    }

    [Fact]
    public void Transform_IndexOutsideTheFit_Throws()
    {
        var graph = new KnnGraph(1, 2, [0, 99], [1f, 2f], DistanceMetric.Euclidean);
        float[] fitted = new float[10 * 2];

        var error = Assert.Throws<LayoutException>(() => UmapLayout.Transform(graph, fitted, new UmapOptions { NNeighbors = 3 }));

        Assert.Contains("outside the fitted layout", error.Message);
    }
}
