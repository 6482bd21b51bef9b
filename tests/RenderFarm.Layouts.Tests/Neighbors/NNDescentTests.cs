using RenderFarm.Core.IO;
using RenderFarm.Layouts.Neighbors;
using RenderFarm.TestSupport;

namespace RenderFarm.Layouts.Tests.Neighbors;

public sealed class NNDescentTests
{
    [Fact]
    public void Build_FashionMnist10kEuclidean_RecallAtLeast95Percent()
    {
        (Matrix pixels, _) = FashionMnist.First(10_000);

        KnnGraph approximate = NNDescent.Build(pixels, 15, DistanceMetric.Euclidean, new NNDescentOptions { Seed = 42 });
        KnnGraph exact = ExactKnn.Build(pixels, 15, DistanceMetric.Euclidean);

        Assert.True(KnnRecall.Of(approximate, exact) >= 0.95, $"recall {KnnRecall.Of(approximate, exact):F4}");
    }

    [Fact]
    public void Build_FashionMnist3kCosine_RecallAtLeast95Percent()
    {
        (Matrix pixels, _) = FashionMnist.First(3_000);

        KnnGraph approximate = NNDescent.Build(pixels, 15, DistanceMetric.Cosine, new NNDescentOptions { Seed = 5 });
        KnnGraph exact = ExactKnn.Build(pixels, 15, DistanceMetric.Cosine);

        Assert.True(KnnRecall.Of(approximate, exact) >= 0.95, $"recall {KnnRecall.Of(approximate, exact):F4}");
    }

    [Fact]
    public void Build_LockedUpdatesMode_RecallAtLeast95Percent()
    {
        (Matrix pixels, _) = FashionMnist.First(3_000);

        KnnGraph approximate = NNDescent.Build(pixels, 10, DistanceMetric.Euclidean, new NNDescentOptions { Seed = 9, Deterministic = false });
        KnnGraph exact = ExactKnn.Build(pixels, 10, DistanceMetric.Euclidean);

        Assert.True(KnnRecall.Of(approximate, exact) >= 0.95, $"recall {KnnRecall.Of(approximate, exact):F4}");
    }

    [Fact]
    public void Build_RenumberedForLocality_RecallAtLeast95PercentInOriginalNumbering()
    {
        (Matrix pixels, _) = FashionMnist.First(3_000);
        var options = new NNDescentOptions { Seed = 4, LocalityFromPoints = 0 };

        KnnGraph approximate = NNDescent.Build(pixels, 15, DistanceMetric.Euclidean, options);
        KnnGraph exact = ExactKnn.Build(pixels, 15, DistanceMetric.Euclidean);

        Assert.True(KnnRecall.Of(approximate, exact) >= 0.95, $"recall {KnnRecall.Of(approximate, exact):F4}");
        for (int i = 0; i < pixels.Rows; i++)
        {
            Assert.DoesNotContain(i, approximate.NeighborsOf(i).ToArray());
        }
    }

    [Fact]
    public void Build_SameSeedDeterministic_IdenticalGraphs()
    {
        Matrix data = TestData.Random(3_000, 24, seed: 2);
        var options = new NNDescentOptions { Seed = 123, Deterministic = true };

        KnnGraph first = NNDescent.Build(data, 12, DistanceMetric.Euclidean, options);
        KnnGraph second = NNDescent.Build(data, 12, DistanceMetric.Euclidean, options);

        Assert.Equal(first.Indices, second.Indices);
        Assert.Equal(first.Distances, second.Distances);
    }

    [Fact]
    public void Build_Always_SortedFullRowsWithoutSelf()
    {
        Matrix data = TestData.Random(1_500, 8, seed: 4);

        KnnGraph graph = NNDescent.Build(data, 7, DistanceMetric.Euclidean, new NNDescentOptions { Seed = 1 });

        for (int i = 0; i < data.Rows; i++)
        {
            ReadOnlySpan<int> neighbors = graph.NeighborsOf(i);
            ReadOnlySpan<float> distances = graph.DistancesOf(i);
            Assert.DoesNotContain(i, neighbors.ToArray());
            Assert.DoesNotContain(-1, neighbors.ToArray());
            Assert.Equal(7, neighbors.ToArray().Distinct().Count());
            for (int j = 1; j < distances.Length; j++)
            {
                Assert.True(distances[j - 1] <= distances[j]);
            }
        }
    }

    [Fact]
    public void Build_ManyDuplicateRowsAndConstantColumns_FindsZeroDistanceNeighbours()
    {
        // 400 copies of one point defeat every hyperplane split; the trees must still terminate.
        Matrix data = TestData.Random(1_000, 16, seed: 8);
        for (int i = 0; i < data.Rows; i++)
        {
            data.Row(i)[3] = 1f;
            if (i % 5 < 2)
            {
                TestData.Duplicate(data, 0, i);
            }
        }

        KnnGraph graph = NNDescent.Build(data, 10, DistanceMetric.Euclidean, new NNDescentOptions { Seed = 3 });

        for (int i = 0; i < data.Rows; i += 5)
        {
            Assert.DoesNotContain(i, graph.NeighborsOf(i).ToArray());
            Assert.All(graph.DistancesOf(i).ToArray(), d => Assert.Equal(0f, d));
        }
    }

    [Fact]
    public void Build_AllRowsIdentical_FillsEveryRow()
    {
        var data = new Matrix(200, 3, [.. Enumerable.Repeat(1f, 600)]);

        KnnGraph graph = NNDescent.Build(data, 5, DistanceMetric.Cosine, new NNDescentOptions { Seed = 1 });

        for (int i = 0; i < data.Rows; i++)
        {
            Assert.DoesNotContain(i, graph.NeighborsOf(i).ToArray());
            Assert.DoesNotContain(-1, graph.NeighborsOf(i).ToArray());
        }
    }

    [Fact]
    public void Build_TwoPoints_EachIsTheOthersNeighbour()
    {
        var data = new Matrix(2, 2, [0f, 0f, 3f, 4f]);

        KnnGraph graph = NNDescent.Build(data, 1, DistanceMetric.Euclidean, new NNDescentOptions());

        Assert.Equal([1, 0], graph.Indices);
        Assert.Equal([5f, 5f], graph.Distances);
    }

    [Fact]
    public void Build_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => NNDescent.Build(TestData.Random(2_000, 4, seed: 1), 5, DistanceMetric.Euclidean, new NNDescentOptions(), cancel.Token));
    }

    [Fact]
    public void Build_LargeK_MatchesExactOnSmallData()
    {
        // 2 × 65 candidates per list puts the join's buffers on the heap instead of the stack.
        Matrix data = TestData.Random(80, 6, seed: 12);
        var options = new NNDescentOptions { Seed = 2, SampleRate = 1, MaxIterations = 1 };

        KnnGraph approximate = NNDescent.Build(data, 65, DistanceMetric.Euclidean, options);

        Assert.True(KnnRecall.Of(approximate, ExactKnn.Build(data, 65, DistanceMetric.Euclidean)) >= 0.95);
    }

    [Fact]
    public void Build_OptionsOutOfRange_ThrowsLayoutException()
    {
        Matrix data = TestData.Random(50, 4, seed: 1);

        Assert.Throws<LayoutException>(() => NNDescent.Build(data, 5, DistanceMetric.Euclidean, new NNDescentOptions { SampleRate = 0 }));
        Assert.Throws<LayoutException>(() => NNDescent.Build(data, 5, DistanceMetric.Euclidean, new NNDescentOptions { LeafSize = 1 }));
    }
}
