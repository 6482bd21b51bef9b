using RenderFarm.Layouts.Neighbors;
using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Layouts.Tests.Tsne;

public sealed class TsneNeighborsTests
{
    [Fact]
    public void FromProjectedCandidates_FashionMnist_RecallAtLeast095WithTrueSortedDistances()
    {
        const int k = 90;
        var data = TsneFashionMnist.Data;
        KnnGraph exact = ExactKnn.Build(data, k, DistanceMetric.Euclidean);

        KnnGraph approximate = TsneNeighbors.FromProjectedCandidates(data, k, seed: 42, deterministic: true, CancellationToken.None);

        double recall = KnnRecall.Of(approximate, exact);
        Assert.True(recall >= 0.95, $"recall {recall:F4}");
        for (int i = 0; i < data.Rows; i++)
        {
            ReadOnlySpan<int> neighbors = approximate.NeighborsOf(i);
            ReadOnlySpan<float> distances = approximate.DistancesOf(i);
            Assert.DoesNotContain(i, neighbors.ToArray());
            for (int j = 0; j < k; j++)
            {
                float direct = System.Numerics.Tensors.TensorPrimitives.Distance(data.Row(i), data.Row(neighbors[j]));
                Assert.Equal(direct, distances[j], direct * 1e-5f);
                Assert.True(j == 0 || distances[j - 1] <= distances[j], $"row {i} not in ascending order at {j}");
            }
        }
    }
}
