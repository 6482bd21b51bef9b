using System.Numerics.Tensors;
using RenderFarm.Core.IO;
using RenderFarm.Embedding.Analysis;

namespace RenderFarm.Embedding.Tests.Analysis;

/// <summary>The pruned search must find exactly the pairs that comparing every pair finds.</summary>
public sealed class NearDuplicateFinderTests
{
    // Brute-force similarities this close to a threshold could round either way in float; the data
    // is seeded, and Unambiguous checks it has none, so set equality is a fair demand.
    private const double Ambiguous = 1e-5;

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.98)]
    [InlineData(0.999)]
    public void Find_GaussianDataWithPlantedCopies_MatchesBruteForce(double threshold)
    {
        Matrix vectors = GaussianWithCopies(2000, 64, copies: 30, seed: 3);
        List<(int A, int B, double Similarity)> expected = Unambiguous(BruteForce(vectors, threshold - Ambiguous), threshold);
        Assert.NotEmpty(expected);

        (long count, List<NearDuplicatePair> pairs) = NearDuplicateFinder.Find(vectors, threshold, maxPairs: 10_000);

        Assert.Equal(expected.Count, count);
        Assert.Equal(expected.Select(p => (p.A, p.B)).Order(), pairs.Select(p => (p.A, p.B)).Order());
        Assert.All(pairs, p => Assert.True(p.A < p.B, $"pair ({p.A}, {p.B}) is not ordered"));
        var exact = expected.ToDictionary(p => (p.A, p.B), p => p.Similarity);
        Assert.All(pairs, p => Assert.Equal(exact[(p.A, p.B)], p.Similarity, 1e-5));
    }

    [Fact]
    public void Find_DifferentThresholds_FindDifferentNumbersOfPlantedPairs()
    {
        // Guards the test data: the noise levels must spread the copies across the thresholds.
        Matrix vectors = GaussianWithCopies(2000, 64, copies: 30, seed: 3);

        long[] counts = [.. new[] { 0.9, 0.98, 0.999 }.Select(t => NearDuplicateFinder.Find(vectors, t, 0).Count)];

        Assert.True(counts[0] > counts[1] && counts[1] > counts[2] && counts[2] > 0, string.Join(", ", counts));
    }

    [Fact]
    public void Find_MorePairsThanMaxPairs_ListsTheMostSimilarFirstAndCountsAll()
    {
        Matrix vectors = GaussianWithCopies(2000, 64, copies: 30, seed: 3);
        List<(int A, int B, double Similarity)> expected = BruteForce(vectors, 0.9);

        (long count, List<NearDuplicatePair> pairs) = NearDuplicateFinder.Find(vectors, 0.9, maxPairs: 5);

        Assert.Equal(expected.Count, count);
        Assert.Equal(5, pairs.Count);
        Assert.Equal(pairs.OrderByDescending(p => p.Similarity).ToList(), pairs);
        Assert.Equal(
            expected.OrderByDescending(p => p.Similarity).Take(5).Select(p => (p.A, p.B)),
            pairs.Select(p => (p.A, p.B)));
    }

    [Fact]
    public void Find_ZeroVectors_AreNeverDuplicatesAndDoNotCrash()
    {
        var vectors = new Matrix(4, 16);
        vectors.Row(1)[3] = 1;
        vectors.Row(3)[3] = 2;

        (long count, List<NearDuplicatePair> pairs) = NearDuplicateFinder.Find(vectors, 0.9, 10);

        Assert.Equal(1, count);
        Assert.Equal(new NearDuplicatePair(1, 3, 1f), Assert.Single(pairs));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Find_FewerThanTwoRows_FindsNothing(int rows)
    {
        (long count, List<NearDuplicatePair> pairs) = NearDuplicateFinder.Find(new Matrix(rows, 8), 0.5, 10);

        Assert.Equal(0, count);
        Assert.Empty(pairs);
    }

    [Fact]
    public void Find_ThreeDimensions_MatchesBruteForce()
    {
        // Fewer dimensions than one SIMD block of projections: the padding must not invent or hide pairs.
        Matrix vectors = GaussianWithCopies(200, 3, copies: 10, seed: 9);
        List<(int A, int B, double Similarity)> expected = Unambiguous(BruteForce(vectors, 0.995 - Ambiguous), 0.995);

        (long count, List<NearDuplicatePair> pairs) = NearDuplicateFinder.Find(vectors, 0.995, maxPairs: 100_000);

        Assert.True(expected.Count > 10, $"only {expected.Count} pairs: the test needs crowded 3-d directions");
        Assert.Equal(expected.Count, count);
        Assert.Equal(expected.Select(p => (p.A, p.B)).Order(), pairs.Select(p => (p.A, p.B)).Order());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(12)]
    public void Find_FewHighDimensionalRows_MatchesBruteForce(int rows)
    {
        // A handful of images as 32x32 RGB pixels: far fewer rows than dimensions, so the sample
        // spans only a few directions and the rest of the projection basis must be made up.
        var random = new Random(rows);
        var vectors = new Matrix(2 * rows, 3072);
        for (int i = 0; i < rows * 3072; i++)
        {
            vectors.Data[i] = (float)random.NextDouble();
        }

        for (int c = 0; c < rows; c++)
        {
            Span<float> copy = vectors.Row(rows + c);
            vectors.Row(c).CopyTo(copy);
            for (int k = 0; k < 3072; k++)
            {
                copy[k] += (0.05f + (0.05f * c)) * Gaussian(random);
            }
        }

        // Thresholds just under each planted pair's similarity: the pruning radius then has no room to spare.
        List<(int A, int B, double Similarity)> similar = BruteForce(vectors, 0.8 - 1e-3);
        double[] thresholds = [.. similar.Where(p => p.Similarity >= 0.8).Select(p => p.Similarity - 1e-4)];
        Assert.NotEmpty(thresholds);
        foreach (double threshold in thresholds)
        {
            List<(int A, int B, double Similarity)> expected = Unambiguous(similar, threshold);

            (long count, List<NearDuplicatePair> pairs) = NearDuplicateFinder.Find(vectors, threshold, maxPairs: 1000);

            Assert.Equal(expected.Select(p => (p.A, p.B)).Order(), pairs.Select(p => (p.A, p.B)).Order());
            Assert.Equal(expected.Count, count);
        }
    }

    [Fact]
    public void Find_RowsSpanningThreeOfManyDimensions_MatchesBruteForce()
    {
        // Like flat-colour swatches as pixel vectors: 3,072 dimensions, but every row a mix of three
        // directions, so all pair differences lie in the few directions the data really spans.
        Matrix flat = GaussianWithCopies(200, 3, copies: 10, seed: 9);
        var random = new Random(4);
        float[][] axes = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 3072).Select(_ => Gaussian(random)).ToArray())];
        var vectors = new Matrix(flat.Rows, 3072);
        for (int i = 0; i < flat.Rows; i++)
        {
            for (int a = 0; a < 3; a++)
            {
                TensorPrimitives.MultiplyAdd(axes[a], flat.Row(i)[a], vectors.Row(i), vectors.Row(i));
            }
        }

        List<(int A, int B, double Similarity)> expected = Unambiguous(BruteForce(vectors, 0.995 - Ambiguous), 0.995);

        (long count, List<NearDuplicatePair> pairs) = NearDuplicateFinder.Find(vectors, 0.995, maxPairs: 100_000);

        Assert.Equal(expected.Select(p => (p.A, p.B)).Order(), pairs.Select(p => (p.A, p.B)).Order());
        Assert.Equal(expected.Count, count);
    }

    /// <summary>
    /// Standard normal rows, then <paramref name="copies"/> extra rows that copy earlier ones plus noise
    /// of growing strength, so their similarities spread from about 0.99995 down to about 0.85.
    /// </summary>
    internal static Matrix GaussianWithCopies(int rows, int dimension, int copies, int seed)
    {
        var random = new Random(seed);
        var matrix = new Matrix(rows + copies, dimension);
        for (int i = 0; i < rows * dimension; i++)
        {
            matrix.Data[i] = Gaussian(random);
        }

        for (int c = 0; c < copies; c++)
        {
            int source = (c * 61) % rows;
            float noise = 0.01f + (0.02f * c);
            Span<float> copy = matrix.Row(rows + c);
            matrix.Row(source).CopyTo(copy);
            for (int k = 0; k < dimension; k++)
            {
                copy[k] += noise * Gaussian(random);
            }
        }

        return matrix;
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    /// <summary>The pairs at or above the threshold, after checking that none lies close enough to it to round either way.</summary>
    private static List<(int A, int B, double Similarity)> Unambiguous(List<(int A, int B, double Similarity)> candidates, double threshold)
    {
        Assert.DoesNotContain(candidates, p => Math.Abs(p.Similarity - threshold) < Ambiguous);
        return candidates.Where(p => p.Similarity >= threshold).ToList();
    }

    /// <summary>Every pair, in double precision.</summary>
    private static List<(int A, int B, double Similarity)> BruteForce(Matrix vectors, double threshold)
    {
        int n = vectors.Rows;
        int d = vectors.Columns;
        var unit = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            double norm = Math.Sqrt(vectors.Row(i).ToArray().Sum(v => (double)v * v));
            for (int k = 0; k < d; k++)
            {
                unit[(i * d) + k] = norm > 0 ? vectors.Row(i)[k] / norm : 0;
            }
        }

        var pairs = new List<(int, int, double)>();
        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b++)
            {
                double dot = 0;
                for (int k = 0; k < d; k++)
                {
                    dot += unit[(a * d) + k] * unit[(b * d) + k];
                }

                if (dot >= threshold)
                {
                    pairs.Add((a, b, dot));
                }
            }
        }

        return pairs;
    }
}
