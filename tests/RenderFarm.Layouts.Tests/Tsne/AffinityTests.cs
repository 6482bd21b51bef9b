using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Layouts.Tests.Tsne;

public sealed class AffinityTests
{
    [Theory]
    [InlineData(5.0)]
    [InlineData(30.0)]
    public void Row_RandomDistances_HitsTargetEntropy(double perplexity)
    {
        var random = new Random(7);
        int k = (int)(3 * perplexity);
        float[] distances = Enumerable.Range(0, k).Select(_ => (float)(1 + (10 * random.NextDouble()))).Order().ToArray();
        int[] neighbors = Enumerable.Range(1, k).ToArray();
        var p = new double[k];

        PerplexityCalibration.Row(distances, neighbors, Math.Log(perplexity), p);

        double entropy = -p.Where(v => v > 0).Sum(v => v * Math.Log(v));
        Assert.Equal(Math.Log(perplexity), entropy, 1e-4);
        Assert.Equal(1, p.Sum(), 1e-12);
    }

    [Fact]
    public void Joint_Blobs_SymmetricAndSumsToOne()
    {
        (var points, _) = Synthetic.Blobs(4, 50, 10, 5, seed: 2);

        SparseAffinities p = TsneAffinities.Joint(points, new TsneOptions { Perplexity = 10 });

        Assert.Equal(1, p.Values.Sum(), 1e-9);
        for (int i = 0; i < p.Rows; i++)
        {
            ReadOnlySpan<int> columns = p.ColumnsOf(i);
            ReadOnlySpan<double> values = p.ValuesOf(i);
            for (int e = 0; e < columns.Length; e++)
            {
                Assert.NotEqual(i, columns[e]);
                Assert.Equal(values[e], p.At(columns[e], i), 1e-15);
            }
        }
    }

    /// <summary>
    /// Against the dense (P + Pᵀ)/(2N) of random neighbour lists with padding (−1) and mutual
    /// neighbours: every stored entry equals the dense one, rows are in strictly ascending column
    /// order, and every non-zero of the dense matrix is stored.
    /// </summary>
    [Fact]
    public void Symmetrise_RandomNeighbourLists_EqualsDenseSum()
    {
        const int n = 40, k = 6;
        var random = new Random(11);
        var neighbors = new int[n * k];
        var conditional = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            int[] chosen = Enumerable.Range(0, n).Where(j => j != i).OrderBy(_ => random.Next()).Take(k).ToArray();
            for (int e = 0; e < k; e++)
            {
                bool padded = i % 7 == 0 && e >= k - 2;
                neighbors[(i * k) + e] = padded ? -1 : chosen[e];
                conditional[(i * k) + e] = padded ? 0 : random.NextDouble();
            }
        }

        var dense = new double[n, n];
        for (int e = 0; e < neighbors.Length; e++)
        {
            if (neighbors[e] >= 0)
            {
                dense[e / k, neighbors[e]] += conditional[e] / (2.0 * n);
                dense[neighbors[e], e / k] += conditional[e] / (2.0 * n);
            }
        }

        SparseAffinities p = SparseAffinities.Symmetrise(neighbors, conditional, k);

        int stored = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<int> columns = p.ColumnsOf(i);
            for (int e = 0; e < columns.Length; e++)
            {
                Assert.True(e == 0 || columns[e] > columns[e - 1], $"row {i} is not in ascending column order");
                Assert.Equal(dense[i, columns[e]], p.ValuesOf(i)[e], 1e-15);
            }

            stored += columns.Length;
        }

        Assert.Equal(dense.Cast<double>().Count(v => v > 0), stored);
    }

    [Fact]
    public void ToReference_NewPoints_RowsSumToOne()
    {
        (var points, _) = Synthetic.Blobs(3, 40, 5, 5, seed: 3);
        (var extra, _) = Synthetic.Blobs(3, 5, 5, 5, seed: 3);

        SparseAffinities p = TsneAffinities.ToReference(points, extra, 5, RenderFarm.Layouts.Neighbors.DistanceMetric.Euclidean);

        Assert.Equal(extra.Rows, p.Rows);
        for (int i = 0; i < p.Rows; i++)
        {
            Assert.Equal(1, p.ValuesOf(i).ToArray().Sum(), 1e-9);
        }
    }
}
