using RenderFarm.Core.IO;
using RenderFarm.Layouts.Quality;
using RenderFarm.Layouts.Tsne;

namespace RenderFarm.Layouts.Tests.Tsne;

public sealed class TsneBehaviourTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Fit_DeterministicSameSeed_IdenticalOutput(int dims)
    {
        (Matrix points, _) = Synthetic.Blobs(4, 60, 10, 4, seed: 1);
        var options = new TsneOptions { Dims = dims, Deterministic = true, Seed = 5, Iterations = 100, EarlyExaggerationIterations = 50 };

        float[] first = TsneLayout.Fit(points, options);
        float[] second = TsneLayout.Fit(points, options);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Fit_CallbackReturnsFalse_StopsAtThatIteration()
    {
        (Matrix points, _) = Synthetic.Blobs(3, 40, 5, 4, seed: 2);
        int calls = 0;
        float[]? seen = null;

        float[] layout = TsneLayout.Fit(points, new TsneOptions { Perplexity = 10 }, (iteration, coordinates, kl) =>
        {
            calls = iteration;
            seen = coordinates.ToArray();
            return iteration < 7;
        });

        Assert.Equal(7, calls);
        Assert.Equal(seen, layout);
    }

    [Fact]
    public void Fit_Callback_KlDivergenceEveryIntervalAndFallsAfterExaggeration()
    {
        (Matrix points, _) = Synthetic.Blobs(4, 50, 10, 4, seed: 3);
        var kl = new Dictionary<int, double>();
        int calls = 0;

        TsneLayout.Fit(points, new TsneOptions { Perplexity = 10, Iterations = 200 }, (iteration, _, value) =>
        {
            calls++;
            if (value is double v)
            {
                kl[iteration] = v;
            }

            return true;
        });

        Assert.Equal(450, calls);
        Assert.Equal(Enumerable.Range(1, 9).Select(k => k * TsneOptimizer.KlInterval), kl.Keys.Order());
        Assert.True(kl[450] < kl[300], $"KL {kl[300]:F3} → {kl[450]:F3}");
        Assert.True(kl.Values.All(v => double.IsFinite(v) && v > 0));
    }

    [Fact]
    public void Fit_WarmStartFromFinishedLayout_StaysClose()
    {
        float[] finished = TsneFashionMnist.Layout2D;
        var options = new TsneOptions { Init = TsneInit.Given, InitialCoordinates = finished, EarlyExaggerationIterations = 0, Iterations = 100 };

        float[] refined = TsneLayout.Fit(TsneFashionMnist.Data, options);

        QualityReport before = TsneQualityTests.Score(finished, 2);
        QualityReport after = TsneQualityTests.Score(refined, 2);
        Assert.True(after.Trustworthiness >= before.Trustworthiness - 0.005, $"T {before.Trustworthiness:F4} → {after.Trustworthiness:F4}");
        Assert.True(SharedNeighbours(finished, refined, 15) >= 0.8, $"shared 15-NN {SharedNeighbours(finished, refined, 15):F3}");
    }

    /// <summary>Mean share of each point's 15 layout neighbours kept between two layouts: position-free closeness.</summary>
    private static double SharedNeighbours(float[] a, float[] b, int k)
    {
        int n = a.Length / 2;
        double shared = 0;
        for (int i = 0; i < n; i++)
        {
            shared += Nearest(a, i, k).Intersect(Nearest(b, i, k)).Count();
        }

        return shared / (n * k);
    }

    private static IEnumerable<int> Nearest(float[] y, int i, int k) =>
        Enumerable.Range(0, y.Length / 2).Where(j => j != i)
            .OrderBy(j => Math.Pow(y[2 * i] - y[2 * j], 2) + Math.Pow(y[(2 * i) + 1] - y[(2 * j) + 1], 2))
            .Take(k);
}
