using RenderFarm.Core.IO;
using RenderFarm.Layouts.Geometry;
using RenderFarm.Layouts.Quality;

namespace RenderFarm.Layouts.Tests.Quality;

public sealed class LayoutQualityTests
{
    [Fact]
    public void Evaluate_LayoutEqualToData_TrustworthinessAndRecallAreOne()
    {
        Matrix data = Synthetic.Gaussian(400, 2, seed: 1);

        QualityReport report = LayoutQuality.Evaluate(data, data, labels: null);

        Assert.Equal(1.0, report.Trustworthiness, 1e-12);
        Assert.Equal(1.0, report.KnnRecall, 1e-12);
        Assert.Null(report.KnnAccuracy);
        Assert.Equal(400, report.SampleSize);
    }

    [Fact]
    public void Evaluate_RandomLayout_TrustworthinessAndRecallAreLow()
    {
        Matrix data = Synthetic.Gaussian(600, 10, seed: 2);
        Matrix layout = Synthetic.Gaussian(600, 2, seed: 3);

        QualityReport report = LayoutQuality.Evaluate(data, layout, labels: null);

        Assert.InRange(report.Trustworthiness, 0.4, 0.6);
        Assert.True(report.KnnRecall < 0.1);
    }

    [Fact]
    public void Evaluate_AllPoints_MatchesBruteForceSklearnFormula()
    {
        (Matrix data, Matrix layout) = NoisyProjection(200, seed: 4);

        QualityReport report = LayoutQuality.Evaluate(data, layout, labels: null, neighbors: 7);

        int[] everyone = Enumerable.Range(0, 200).ToArray();
        Assert.Equal(ReferenceTrustworthiness(data, layout, everyone, 7), report.Trustworthiness, 1e-12);
    }

    [Fact]
    public void Evaluate_Sample_MatchesBruteForceFormulaOnTheSampledPoints()
    {
        (Matrix data, Matrix layout) = NoisyProjection(300, seed: 5);

        QualityReport report = LayoutQuality.Evaluate(data, layout, labels: null, seed: 9, sampleSize: 60);

        int[] sample = Sampling.WithoutReplacement(300, 60, 9);
        Assert.Equal(60, report.SampleSize);
        Assert.Equal(ReferenceTrustworthiness(data, layout, sample, 15), report.Trustworthiness, 1e-12);
        // Keeping two of six coordinates is better than a random layout (≈ 0.5), worse than faithful.
        Assert.InRange(report.Trustworthiness, 0.6, 0.99);
    }

    [Fact]
    public void Evaluate_WideData_MatchesBruteForceSklearnFormula()
    {
        // 40 columns take the blocked dot-product path; near-exact ties aside it ranks identically.
        Matrix data = Synthetic.Gaussian(250, 40, seed: 10);
        Matrix layout = Synthetic.Gaussian(250, 2, seed: 11);
        for (int i = 0; i < 250; i++)
        {
            layout.Data[2 * i] += 3 * data.Data[40 * i];
        }

        QualityReport report = LayoutQuality.Evaluate(data, layout, labels: null, seed: 2, sampleSize: 80);

        int[] sample = Sampling.WithoutReplacement(250, 80, 2);
        Assert.Equal(ReferenceTrustworthiness(data, layout, sample, 15), report.Trustworthiness, 1e-6);
    }

    [Fact]
    public void EvaluateMany_SeveralLayouts_ScoresEachAsOnItsOwnOnOneSample()
    {
        // A faithful layout (the first two coordinates of blobs), a noisy one and a random one share one data pass.
        (Matrix data, int[] labels) = Synthetic.Blobs(4, 100, 40, 6, seed: 12);
        var faithful = new Matrix(400, 2);
        for (int i = 0; i < 400; i++)
        {
            data.Row(i)[..2].CopyTo(faithful.Row(i));
        }

        Matrix random = Synthetic.Gaussian(400, 2, seed: 13);
        Matrix[] layouts = [faithful, random];

        IReadOnlyList<QualityReport> together = LayoutQuality.EvaluateMany(data, layouts, labels, seed: 3, sampleSize: 150);

        for (int l = 0; l < layouts.Length; l++)
        {
            Assert.Equal(LayoutQuality.Evaluate(data, layouts[l], labels, seed: 3, sampleSize: 150), together[l]);
        }

        Assert.True(together[0].Trustworthiness > together[1].Trustworthiness + 0.1);
        Assert.True(together[0].KnnAccuracy > together[1].KnnAccuracy);
    }

    [Fact]
    public void Evaluate_SeparatedLabelledBlobs_ClassifierAccuracyNearOne()
    {
        (Matrix points, int[] labels) = Synthetic.Blobs(5, 200, 2, 15, seed: 6);

        QualityReport report = LayoutQuality.Evaluate(points, points, labels, sampleSize: 500);

        Assert.True(report.KnnAccuracy > 0.99, $"accuracy {report.KnnAccuracy}");
        Assert.Equal(500, report.SampleSize);
    }

    [Fact]
    public void Evaluate_RandomLabels_ClassifierAccuracyNearChance()
    {
        Matrix points = Synthetic.Gaussian(1000, 2, seed: 7);
        var random = new Random(8);
        int[] labels = Enumerable.Range(0, 1000).Select(_ => random.Next(4)).ToArray();

        QualityReport report = LayoutQuality.Evaluate(points, points, labels);

        Assert.InRange(report.KnnAccuracy!.Value, 0.15, 0.35);
    }

    [Fact]
    public void Evaluate_NeighborsNotBelowHalf_ThrowsNamingNeighbors()
    {
        Matrix data = Synthetic.Gaussian(20, 3, seed: 1);

        var exception = Assert.Throws<LayoutException>(() => LayoutQuality.Evaluate(data, data, null, neighbors: 10));

        Assert.Contains("neighbors", exception.Message);
    }

    [Fact]
    public void Evaluate_LayoutOfOtherPoints_ThrowsNamingLayout()
    {
        var exception = Assert.Throws<LayoutException>(() => LayoutQuality.Evaluate(Synthetic.Gaussian(20, 3, 1), Synthetic.Gaussian(21, 2, 1), null));

        Assert.Contains("layout", exception.Message);
    }

    /// <summary>Data in 6-D whose layout keeps two coordinates and adds noise: moderately trustworthy.</summary>
    private static (Matrix Data, Matrix Layout) NoisyProjection(int n, int seed)
    {
        Matrix data = Synthetic.Gaussian(n, 6, seed);
        Matrix noise = Synthetic.Gaussian(n, 2, seed + 1, scale: 0.3);
        var layout = new Matrix(n, 2);
        for (int i = 0; i < n; i++)
        {
            layout.Data[2 * i] = data.Data[6 * i] + noise.Data[2 * i];
            layout.Data[(2 * i) + 1] = data.Data[(6 * i) + 1] + noise.Data[(2 * i) + 1];
        }

        return (data, layout);
    }

    /// <summary>
    /// sklearn.manifold.trustworthiness written out: full distance matrices in double, self at
    /// infinity, argsort per row, inverse ranks starting at 1, penalties for layout neighbours
    /// ranked beyond k, summed over the given points and normalised with the full N.
    /// </summary>
    private static double ReferenceTrustworthiness(Matrix data, Matrix layout, int[] points, int k)
    {
        int n = data.Rows;
        double penalty = 0;
        foreach (int i in points)
        {
            int[] dataOrder = Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => Synthetic.Distance(data, i, j)).ThenBy(j => j).ToArray();
            var rank = new int[n];
            for (int r = 0; r < dataOrder.Length; r++)
            {
                rank[dataOrder[r]] = r + 1;
            }

            IEnumerable<int> layoutNeighbours = Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => Synthetic.Distance(layout, i, j)).ThenBy(j => j).Take(k);
            penalty += layoutNeighbours.Sum(j => Math.Max(0, rank[j] - k));
        }

        return 1.0 - (penalty * 2.0 / (points.Length * k * ((2.0 * n) - (3.0 * k) - 1.0)));
    }
}
