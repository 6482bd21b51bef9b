using RenderFarm.Core.IO;
using RenderFarm.Layouts.Neighbors;

namespace RenderFarm.Layouts.Tests.Neighbors;

public sealed class ExactKnnTests
{
    [Theory]
    [InlineData(DistanceMetric.Euclidean)]
    [InlineData(DistanceMetric.Cosine)]
    public void Build_RandomDataWithDuplicates_MatchesDoublePrecisionBruteForce(DistanceMetric metric)
    {
        // 13 columns exercise the scalar tail after the 8-wide SIMD steps; 203 rows leave ragged blocks.
        Matrix data = TestData.Random(203, 13, seed: 7);
        TestData.Duplicate(data, 5, 17);
        TestData.Duplicate(data, 5, 140);
        TestData.Duplicate(data, 3, 202);
        const int k = 9;

        KnnGraph graph = ExactKnn.Build(data, k, metric);
        (int Index, double Distance)[][] truth = BruteForceKnn.AllSorted(data, metric);

        for (int i = 0; i < data.Rows; i++)
        {
            for (int j = 0; j < k; j++)
            {
                Assert.Equal(truth[i][j].Distance, graph.DistancesOf(i)[j], 1e-4);
            }

            // Where the k-th and (k+1)-th distances are clearly apart, the neighbour set is unambiguous.
            if (truth[i][k].Distance - truth[i][k - 1].Distance > 1e-4)
            {
                Assert.Equal(truth[i].Take(k).Select(e => e.Index).Order(), graph.NeighborsOf(i).ToArray().Order());
            }
        }
    }

    [Fact]
    public void Build_DuplicateRows_FindEachOtherAtZeroInIndexOrder()
    {
        Matrix data = TestData.Random(40, 10, seed: 3);
        TestData.Duplicate(data, 20, 4);
        TestData.Duplicate(data, 20, 31);

        KnnGraph graph = ExactKnn.Build(data, 2, DistanceMetric.Euclidean);

        Assert.Equal([20, 31], graph.NeighborsOf(4).ToArray());
        Assert.Equal([4, 31], graph.NeighborsOf(20).ToArray());
        Assert.Equal([4, 20], graph.NeighborsOf(31).ToArray());
        Assert.Equal([0f, 0f], graph.DistancesOf(31).ToArray());
    }

    [Theory]
    [InlineData(DistanceMetric.Euclidean)]
    [InlineData(DistanceMetric.Cosine)]
    public void Build_AllRowsIdentical_ExcludesSelfByIndex(DistanceMetric metric)
    {
        var data = new Matrix(12, 5, [.. Enumerable.Repeat(0.25f, 60)]);

        KnnGraph graph = ExactKnn.Build(data, 11, metric);

        for (int i = 0; i < data.Rows; i++)
        {
            Assert.Equal(Enumerable.Range(0, 12).Where(j => j != i), graph.NeighborsOf(i).ToArray());
            Assert.All(graph.DistancesOf(i).ToArray(), d => Assert.Equal(0f, d, 1e-6f));
        }
    }

    [Fact]
    public void Build_ConstantColumns_MatchesBruteForce()
    {
        Matrix data = TestData.Random(64, 6, seed: 11);
        for (int i = 0; i < data.Rows; i++)
        {
            data.Row(i)[0] = 3f;
            data.Row(i)[4] = -1f;
        }

        KnnGraph graph = ExactKnn.Build(data, 3, DistanceMetric.Euclidean);
        (int Index, double Distance)[][] truth = BruteForceKnn.AllSorted(data, DistanceMetric.Euclidean);

        for (int i = 0; i < data.Rows; i++)
        {
            Assert.Equal(truth[i][2].Distance, graph.DistancesOf(i)[2], 1e-4);
        }
    }

    [Fact]
    public void Build_SeveralReferenceBlocksEachWay_MatchesBruteForce()
    {
        // 700 rows: 11 query blocks (the last ragged), each meeting the rows after it in several
        // reference blocks, so most pairs reach the lower row's heap by the transposed offer.
        Matrix data = TestData.Random(700, 9, seed: 5);
        TestData.Duplicate(data, 3, 650);
        TestData.Duplicate(data, 690, 10);
        const int k = 12;

        KnnGraph graph = ExactKnn.Build(data, k, DistanceMetric.Euclidean);
        (int Index, double Distance)[][] truth = BruteForceKnn.AllSorted(data, DistanceMetric.Euclidean);

        for (int i = 0; i < data.Rows; i++)
        {
            Assert.Equal(truth[i].Take(k).Select(e => e.Distance), graph.DistancesOf(i).ToArray().Select(d => (double)d), (a, b) => Math.Abs(a - b) < 1e-4);
            if (truth[i][k].Distance - truth[i][k - 1].Distance > 1e-4)
            {
                Assert.Equal(truth[i].Take(k).Select(e => e.Index).Order(), graph.NeighborsOf(i).ToArray().Order());
            }
        }

        Assert.Equal([650], graph.NeighborsOf(3)[..1].ToArray());
        Assert.Equal([10], graph.NeighborsOf(690)[..1].ToArray());
    }

    /// <summary>
    /// Limits found in local windows only drop offers that cannot be among the k nearest: the graph
    /// equals the unlimited search's exactly, ties included (lattice rows tie at many distances, so
    /// some fall exactly on a limit), for narrow and wide rows.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(50)]
    [InlineData(70)]
    public void Build_WithScoreLimits_SameGraphAsWithout(int columns)
    {
        var random = new Random(columns);
        var data = new Matrix(1500, columns);
        for (int i = 0; i < data.Rows; i++)
        {
            for (int c = 0; c < columns; c++)
            {
                data.Row(i)[c] = columns == 3 ? (i * (c + 2)) % (5 + c) : (float)random.NextDouble();
            }
        }

        TestData.Duplicate(data, 7, 1400);

        KnnGraph plain = ExactKnn.Build(data, 40, DistanceMetric.Euclidean);
        KnnGraph limited = ExactKnn.Build(data, 40, DistanceMetric.Euclidean, useLimits: true, seed: 9, CancellationToken.None);

        Assert.Equal(plain.Indices, limited.Indices);
        Assert.Equal(plain.Distances, limited.Distances);
    }

    [Fact]
    public void Build_ManyTies_SameGraphEveryRun()
    {
        // Rows on a coarse lattice tie at many distances; which thread offers a pair first must not
        // decide which of the tied rows a heap keeps.
        var data = new Matrix(900, 3);
        for (int i = 0; i < data.Rows; i++)
        {
            data.Row(i)[0] = i % 7;
            data.Row(i)[1] = (i / 7) % 5;
            data.Row(i)[2] = i % 3;
        }

        KnnGraph first = ExactKnn.Build(data, 20, DistanceMetric.Euclidean);
        for (int run = 0; run < 3; run++)
        {
            KnnGraph again = ExactKnn.Build(data, 20, DistanceMetric.Euclidean);
            Assert.Equal(first.Indices, again.Indices);
            Assert.Equal(first.Distances, again.Distances);
        }
    }

    [Fact]
    public void Build_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ExactKnn.Build(TestData.Random(300, 4, seed: 1), 5, DistanceMetric.Euclidean, cancel.Token));
    }
}
