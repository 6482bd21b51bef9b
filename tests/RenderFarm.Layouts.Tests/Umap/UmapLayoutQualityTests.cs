using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Tests.Umap;

public sealed class UmapLayoutQualityTests
{
    [Fact]
    public void Fit_FashionMnist2D_TrustworthinessAtLeast095()
    {
        double t = LayoutQuality.Trustworthiness(FashionMnistLayouts.Data, FashionMnistLayouts.Layout2D, 2, 15, 1000);

        Assert.True(t >= 0.95, $"T(15) = {t:F3}");
    }

    [Fact]
    public void Fit_FashionMnist2D_KnnAccuracyAtLeast070()
    {
        double accuracy = LayoutQuality.KnnAccuracy(FashionMnistLayouts.Layout2D, 2, FashionMnistLayouts.Labels, 10);

        Assert.True(accuracy >= 0.70, $"10-NN accuracy = {accuracy:F3}");
    }

    [Fact]
    public void Fit_FashionMnist3D_KeepsNeighboursAndClasses()
    {
        float[] layout = UmapLayout.Fit(FashionMnistLayouts.FitGraph, new UmapOptions { Dims = 3 });

        Assert.Equal(FashionMnistLayouts.FitCount * 3, layout.Length);
        double t = LayoutQuality.Trustworthiness(FashionMnistLayouts.Data, layout, 3, 15, 1000);
        double accuracy = LayoutQuality.KnnAccuracy(layout, 3, FashionMnistLayouts.Labels, 10);
        Assert.True(t >= 0.95, $"T(15) = {t:F3}");
        Assert.True(accuracy >= 0.70, $"10-NN accuracy = {accuracy:F3}");
    }

    [Theory]
    [InlineData(UmapInit.Pca)]
    [InlineData(UmapInit.Random)]
    public void Fit_OtherInitialisations_KeepClasses(UmapInit init)
    {
        var options = new UmapOptions { Init = init, Epochs = 200 };

        float[] layout = UmapLayout.Fit(FashionMnistLayouts.FitGraph, options, data: FashionMnistLayouts.Data);

        double accuracy = LayoutQuality.KnnAccuracy(layout, 2, FashionMnistLayouts.Labels, 10);
        Assert.True(accuracy >= 0.70, $"10-NN accuracy = {accuracy:F3}");
    }
}
