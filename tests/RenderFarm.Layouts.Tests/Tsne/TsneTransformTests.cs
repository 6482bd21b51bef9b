using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Layouts.Tests.Tsne;

public sealed class TsneTransformTests
{
    [Fact]
    public void Transform_HeldOutImages_LandAmongTheirClass()
    {
        float[] added = TsneLayout.Transform(TsneFashionMnist.Data, TsneFashionMnist.Layout2D, TsneFashionMnist.HeldOut, new TsneOptions());

        // Classify each added point by its 10 nearest fitted points in the layout.
        double accuracy = Umap.LayoutQuality.KnnAccuracy(added, TsneFashionMnist.HeldOutLabels, TsneFashionMnist.Layout2D, TsneFashionMnist.Labels, 2, 10);
        Assert.Equal(TsneFashionMnist.HeldOutCount * 2, added.Length);
        Assert.True(accuracy >= 0.7, $"10-NN accuracy of added points = {accuracy:F3}");
    }

    [Fact]
    public void Transform_HeldOutImages_StayNearTheirDataNeighbours()
    {
        float[] fitted = TsneFashionMnist.Layout2D;
        float[] added = TsneLayout.Transform(TsneFashionMnist.Data, fitted, TsneFashionMnist.HeldOut, new TsneOptions());

        // Each added point should be closer to its nearest data neighbour's position than a typical fitted point pair is.
        SparseAffinities p = TsneAffinities.ToReference(TsneFashionMnist.Data, TsneFashionMnist.HeldOut, 5, RenderFarm.Layouts.Neighbors.DistanceMetric.Euclidean);
        var ratios = new List<double>();
        var random = new Random(1);
        for (int i = 0; i < p.Rows; i++)
        {
            int nearest = p.ColumnsOf(i)[p.ValuesOf(i).IndexOf(p.ValuesOf(i).ToArray().Max())];
            int other = random.Next(fitted.Length / 2);
            ratios.Add(Distance(added, i, fitted, nearest) / Math.Max(1e-6, Distance(fitted, other, fitted, nearest)));
        }

        ratios.Sort();
        Assert.True(ratios[ratios.Count / 2] < 0.1, $"median distance to nearest neighbour / to a random point = {ratios[ratios.Count / 2]:F3}");
    }

    private static double Distance(float[] a, int i, float[] b, int j) =>
        Math.Sqrt(Math.Pow(a[2 * i] - b[2 * j], 2) + Math.Pow(a[(2 * i) + 1] - b[(2 * j) + 1], 2));
}
