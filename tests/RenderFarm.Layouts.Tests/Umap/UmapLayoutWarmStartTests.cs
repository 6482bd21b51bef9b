using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Tests.Umap;

public sealed class UmapLayoutWarmStartTests
{
    [Fact]
    public void Fit_GivenCoordinates_PointsStayNearWhereTheyWere()
    {
        float[] start = FashionMnistLayouts.Layout2D;
        // A refinement of a finished layout, so a quarter of the learning rate (as umap's transform
        // uses): at the full rate the first epochs shake a converged layout noticeably.
        var options = new UmapOptions { Init = UmapInit.Given, InitialCoordinates = start, Epochs = 20, LearningRate = 0.25f };

        float[] refined = UmapLayout.Fit(FashionMnistLayouts.FitGraph, options);

        double displacement = MeanDistance(start, refined);
        double spread = MeanDistance(start, Centroid(start));
        Assert.True(displacement < 0.1 * spread, $"mean displacement {displacement:F3} vs spread {spread:F3}");
        double accuracy = LayoutQuality.KnnAccuracy(refined, 2, FashionMnistLayouts.Labels, 10);
        Assert.True(accuracy >= 0.70, $"10-NN accuracy after refinement = {accuracy:F3}");
    }

    private static double MeanDistance(float[] a, float[] b)
    {
        double sum = 0;
        int n = a.Length / 2;
        for (int i = 0; i < n; i++)
        {
            int j = b.Length == 2 ? 0 : i;
            sum += Math.Sqrt(Math.Pow(a[2 * i] - b[2 * j], 2) + Math.Pow(a[(2 * i) + 1] - b[(2 * j) + 1], 2));
        }

        return sum / n;
    }

    private static float[] Centroid(float[] layout)
    {
        int n = layout.Length / 2;
        return [layout.Where((_, i) => i % 2 == 0).Sum() / n, layout.Where((_, i) => i % 2 == 1).Sum() / n];
    }
}
