using RenderFarm.Core.IO;
using RenderFarm.Layouts.Terrain;

namespace RenderFarm.Layouts.Tests.Terrain;

public sealed class TerrainHeightTests
{
    [Fact]
    public void Exact_SmallData_MatchesBruteForceMeans()
    {
        Matrix points = Synthetic.Gaussian(150, 5, seed: 1);

        TerrainResult result = TerrainHeight.Exact(points);

        double[] reference = BruteForce(points);
        for (int i = 0; i < points.Rows; i++)
        {
            Assert.Equal(reference[i], result.MeanDistances[i], reference[i] * 1e-5);
        }

        Assert.True(result.Exact);
        Assert.Equal(0, result.ErrorBound);
    }

    [Fact]
    public void Exact_PointsWithOutlier_OutlierIsTopAndHeightsSpanUnitRange()
    {
        Matrix points = Synthetic.Gaussian(100, 2, seed: 2);
        points.Data[0] = 50;
        points.Data[1] = 50;

        TerrainResult result = TerrainHeight.Exact(points);

        Assert.Equal(1f, result.Heights[0]);
        Assert.Equal(0f, result.Heights.Min());
        Assert.All(result.Heights, h => Assert.InRange(h, 0f, 1f));
    }

    [Fact]
    public void Estimate_LargerData_EveryPointWithinStatedBounds()
    {
        (Matrix points, _) = Synthetic.Blobs(3, 1000, 2, 4, seed: 3);
        TerrainResult exact = TerrainHeight.Exact(points);

        TerrainResult estimate = TerrainHeight.Estimate(points, references: 300, seed: 4, confidence: 0.99);

        Assert.False(estimate.Exact);
        Assert.Equal(300, estimate.References);
        Assert.True(estimate.ErrorBound > 0);
        double worst = 0;
        for (int i = 0; i < points.Rows; i++)
        {
            double error = Math.Abs(estimate.MeanDistances[i] - exact.MeanDistances[i]);
            worst = Math.Max(worst, error);
            Assert.True(error <= estimate.ErrorBound, $"point {i}: error {error} > bound {estimate.ErrorBound}");
            Assert.True(Math.Abs(estimate.Heights[i] - exact.Heights[i]) <= estimate.HeightErrorBound);
        }

        // Hoeffding is worst-case: the errors actually seen are well inside it.
        Assert.True(worst < estimate.ErrorBound / 2, $"worst {worst} vs bound {estimate.ErrorBound}");
    }

    [Fact]
    public void Exact_WideData_MatchesBruteForceMeans()
    {
        // 96 columns take the blocked dot-product path (with a partial last block of references).
        Matrix points = Synthetic.Gaussian(150, 96, seed: 6);

        TerrainResult result = TerrainHeight.Exact(points);

        double[] reference = BruteForce(points);
        for (int i = 0; i < points.Rows; i++)
        {
            Assert.Equal(reference[i], result.MeanDistances[i], reference[i] * 1e-4);
        }
    }

    [Fact]
    public void Estimate_WideData_EveryPointWithinStatedBounds()
    {
        (Matrix points, _) = Synthetic.Blobs(3, 400, 64, 4, seed: 7);
        TerrainResult exact = TerrainHeight.Exact(points);

        TerrainResult estimate = TerrainHeight.Estimate(points, references: 200, seed: 8, confidence: 0.99);

        for (int i = 0; i < points.Rows; i++)
        {
            double error = Math.Abs(estimate.MeanDistances[i] - exact.MeanDistances[i]);
            Assert.True(error <= estimate.ErrorBound, $"point {i}: error {error} > bound {estimate.ErrorBound}");
            Assert.True(Math.Abs(estimate.Heights[i] - exact.Heights[i]) <= estimate.HeightErrorBound);
        }
    }

    [Fact]
    public void Compute_AboveExactLimit_EstimatesAndSaysSo()
    {
        Matrix points = Synthetic.Gaussian(500, 3, seed: 5);

        TerrainResult result = TerrainHeight.Compute(points, seed: 1, exactLimit: 100, references: 50);

        Assert.False(result.Exact);
        Assert.Equal(50, result.References);
        Assert.Equal(0.95, result.Confidence);
    }

    [Fact]
    public void Estimate_ZeroReferences_ThrowsNamingReferences()
    {
        var exception = Assert.Throws<LayoutException>(() => TerrainHeight.Estimate(Synthetic.Gaussian(10, 2, 1), references: 0, seed: 0));

        Assert.Contains("references", exception.Message);
    }

    [Fact]
    public void Exact_SinglePoint_ThrowsNamingPoints()
    {
        var exception = Assert.Throws<LayoutException>(() => TerrainHeight.Exact(new Matrix(1, 2)));

        Assert.Contains("points", exception.Message);
    }

    private static double[] BruteForce(Matrix points)
    {
        int n = points.Rows;
        var means = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                means[i] += i == j ? 0 : Synthetic.Distance(points, i, j) / (n - 1);
            }
        }

        return means;
    }
}
