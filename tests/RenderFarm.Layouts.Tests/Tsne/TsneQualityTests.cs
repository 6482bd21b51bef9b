using RenderFarm.Core.IO;
using RenderFarm.Layouts.Quality;
using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Layouts.Tests.Tsne;

public sealed class TsneQualityTests
{
    [Fact]
    public void Fit_FashionMnist2D_TrustworthinessAtLeast097AndAccuracyAtLeast075()
    {
        QualityReport report = Score(TsneFashionMnist.Layout2D, 2);

        Assert.True(report.Trustworthiness >= 0.97, $"T(15) = {report.Trustworthiness:F4}");
        Assert.True(report.KnnAccuracy >= 0.75, $"10-NN accuracy = {report.KnnAccuracy:F4}");
    }

    [Fact]
    public void Fit_FashionMnist3D_TrustworthinessAtLeast095()
    {
        float[] layout = TsneLayout.Fit(TsneFashionMnist.Data, new TsneOptions { Dims = 3 });

        QualityReport report = Score(layout, 3);
        Assert.True(report.Trustworthiness >= 0.95, $"T(15) = {report.Trustworthiness:F4}");
        Assert.True(report.KnnAccuracy >= 0.70, $"10-NN accuracy = {report.KnnAccuracy:F4}");
    }

    [Fact]
    public void Fit_RandomInit_KeepsClasses()
    {
        (Matrix points, int[] labels) = Synthetic.Blobs(5, 100, 20, 4, seed: 9);

        float[] layout = TsneLayout.Fit(points, new TsneOptions { Init = TsneInit.Random, Iterations = 300 });

        QualityReport report = LayoutQuality.Evaluate(points, new Matrix(points.Rows, 2, layout), labels);
        Assert.True(report.KnnAccuracy >= 0.99, $"10-NN accuracy = {report.KnnAccuracy:F4}");
    }

    internal static QualityReport Score(float[] layout, int dims) =>
        LayoutQuality.Evaluate(TsneFashionMnist.Data, new Matrix(TsneFashionMnist.FitCount, dims, layout), TsneFashionMnist.Labels);
}
