using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Alignment;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.Layouts.Quality;
using RenderFarm.TestSupport;

namespace RenderFarm.Layouts.Tests.Pipeline;

/// <summary>Sweeps and replays on 1,000 Fashion-MNIST images: each set a good layout, the motion continuous, the cache used.</summary>
public sealed class LayoutSequencesTests : IDisposable
{
    private const int Items = 1000;
    private readonly TempDirectory _dir = new();
    private readonly LayoutInput _input;
    private readonly int[] _labels;

    public LayoutSequencesTests()
    {
        Directory.CreateDirectory(_dir.File("images"));
        (Matrix pixels, _labels) = FashionMnist.First(Items);
        _input = new LayoutInput(
            pixels,
            Enumerable.Range(0, Items).Select(i => $"item{i}").ToArray(),
            _labels.Select(l => (string?)l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            "fashion-mnist-1000");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void UmapSweep_EachSetIsAGoodLayout_EachStepMovesLessThanAFreshLayout_AndASecondSweepIsCached()
    {
        LayoutResult layout = Layout("  umap:\n    seed: 1\n    pca_dims: 30\n");
        double[] values = [5, 15, 30];

        LayoutSequence sweep = LayoutSequences.Sweep(_input, layout, "n_neighbors", values, Cache);

        Assert.False(sweep.Cached);
        Assert.Equal(values.Length, sweep.Sets.Count);
        Matrix previous = layout.Coordinates;
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(Trustworthiness(sweep.Sets[i]) >= 0.9, $"n_neighbors={values[i]}: T = {Trustworthiness(sweep.Sets[i])}");

            // A layout from scratch (another seed, random start) at the same value is as far as a set may be from the one before.
            Matrix fresh = Layout($"  fresh:\n    method: umap\n    seed: 2\n    init: random\n    pca_dims: 30\n    n_neighbors: {values[i]}\n").Coordinates;
            double step = Procrustes.Align(previous, sweep.Sets[i]).RmsError;
            double jump = Procrustes.Align(previous, fresh).RmsError;
            Assert.True(step < jump, $"n_neighbors={values[i]}: the sweep moved {step:F3}, a fresh layout is {jump:F3} away");
            previous = sweep.Sets[i];
        }

        LayoutSequence again = LayoutSequences.Sweep(_input, layout, "n_neighbors", values, Cache);
        Assert.True(again.Cached);
        Assert.Equal(sweep.Sets.Select(s => s.Data), again.Sets.Select(s => s.Data));
    }

    [Fact]
    public void TsneSweep_WarmStartedWithoutExaggeration_KeepsTheLayoutGood()
    {
        LayoutResult layout = Layout("  tsne:\n    seed: 1\n    pca_dims: 30\n    n_iter: 300\n");

        LayoutSequence sweep = LayoutSequences.Sweep(_input, layout, "perplexity", [10, 40], Cache);

        Assert.All(sweep.Sets, set => Assert.True(Trustworthiness(set) >= 0.9, $"T = {Trustworthiness(set)}"));
    }

    [Fact]
    public void UmapReplay_ApproachesTheFinishedLayout_AndASecondReplayIsCached()
    {
        LayoutResult layout = Layout("  umap:\n    seed: 1\n    pca_dims: 30\n    deterministic: true\n");

        LayoutSequence replay = LayoutSequences.Replay(_input, layout, every: 100, Cache);

        // 500 epochs every 100: 100, 200, 300, 400; the finished layout itself ends the replay.
        Assert.Equal(4, replay.Sets.Count);
        double[] distances = replay.Sets.Select(s => Procrustes.Align(layout.Coordinates, s).RmsError).ToArray();
        Assert.True(distances[^1] < distances[0], $"distance to the final layout by snapshot: {string.Join(", ", distances)}");
        Assert.True(Trustworthiness(replay.Sets[^1]) >= 0.9, $"T = {Trustworthiness(replay.Sets[^1])}");

        // Aligned with scale to the final layout: no snapshot is a speck beside it.
        double finalSpread = Spread(layout.Coordinates);
        Assert.All(replay.Sets, s => Assert.InRange(Spread(s), finalSpread / 2, finalSpread * 2));

        LayoutSequence again = LayoutSequences.Replay(_input, layout, every: 100, Cache);
        Assert.True(again.Cached);
        Assert.Equal(replay.Sets.Select(s => s.Data), again.Sets.Select(s => s.Data));
    }

    [Fact]
    public void Sweep_ParameterTheMethodLacks_IsALayoutError()
    {
        LayoutResult layout = Layout("  umap:\n    seed: 1\n    pca_dims: 30\n    n_epochs: 10\n");

        var error = Assert.Throws<LayoutException>(() => LayoutSequences.Sweep(_input, layout, "perplexity", [10], Cache));

        Assert.Contains("can change n_neighbors, min_dist, spread", error.Message, StringComparison.Ordinal);
    }

    private ArtifactStore Cache => new(_dir.File("cache"));

    private LayoutResult Layout(string layouts)
    {
        Scene scene = SceneLoader.Load(_dir.Write("scene.yaml", "dataset:\n  kind: image-folder\n  path: images\nlayouts:\n" + layouts));
        return LayoutRunner.Run(_input, scene.Layouts, Cache).Single();
    }

    private double Trustworthiness(Matrix layout) =>
        LayoutQuality.Evaluate(_input.Embeddings, layout, labels: null, sampleSize: Items).Trustworthiness;

    /// <summary>Root-mean-square distance of the points from their centroid.</summary>
    private static double Spread(Matrix layout)
    {
        int n = layout.Rows, d = layout.Columns;
        var mean = new double[d];
        for (int i = 0; i < n * d; i++) mean[i % d] += layout.Data[i] / (double)n;
        double sum = 0;
        for (int i = 0; i < n * d; i++) sum += Math.Pow(layout.Data[i] - mean[i % d], 2);
        return Math.Sqrt(sum / n);
    }
}
