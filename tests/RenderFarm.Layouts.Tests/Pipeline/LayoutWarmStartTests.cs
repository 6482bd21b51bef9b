using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Alignment;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.TestSupport;
using Xunit.Abstractions;

namespace RenderFarm.Layouts.Tests.Pipeline;

/// <summary>
/// A re-render of a grown dataset started from the previous run's layouts (kept in a run folder
/// and read back): Fashion-MNIST images 0–899 first, then 20–949 (20 removed, 50 added).
/// </summary>
public sealed class LayoutWarmStartTests(ITestOutputHelper output) : IDisposable
{
    private const int Removed = 20;
    private const int Added = 50;
    private readonly TempDirectory _dir = NewDirectory();
    private readonly (Matrix Pixels, int[] Labels) _images = FashionMnist.First(950);

    public void Dispose() => _dir.Dispose();

    [Theory]
    // Deterministic: with threads, how two edge blocks interleave changes the cold run's shift (2.6–5.9 %) from run to run.
    [InlineData("umap", "    n_epochs: 200\n    deterministic: true\n")]
    [InlineData("tsne", "    n_iter: 300\n")]
    public void Rerender_WithAddedAndRemovedItems_KeepsTheOldPositionsAndPlacesTheNewOnesAmongTheirClass(string method, string parameters)
    {
        var cache = new ArtifactStore(_dir.File("cache"));
        LayoutInput before = Input(0, 900);
        LayoutInput after = Input(Removed, 900 + Added);
        LayoutResult first = Assert.Single(LayoutRunner.Run(before, Layouts(method, parameters, seed: 1), cache));
        IReadOnlyDictionary<string, PreviousLayout> kept = Keep("run-1", before, first);

        LayoutResult warm = Assert.Single(LayoutRunner.Run(after, Layouts(method, parameters, seed: 1), cache, previous: kept));
        LayoutResult cold = Assert.Single(LayoutRunner.Run(after, Layouts(method, parameters, seed: 7), cache));

        Assert.Equal(after.Ids.Count, warm.Coordinates.Rows);
        Assert.Equal(new WarmStartSummary("run-1", false, 900 - Removed, Added, Removed, warm.WarmStart!.MeanShift), warm.WarmStart);
        double warmShift = Shift(first, warm, alignFirst: false);
        double coldShift = Shift(first, cold, alignFirst: true);
        Assert.True(warmShift < 0.03, $"warm start moved kept items by {warmShift:P1} of the layout's extent");
        Assert.True(warmShift < coldShift / 2, $"warm {warmShift:P1} vs cold with another seed {coldShift:P1}");
        Assert.Equal(Math.Round(warmShift, 5), warm.WarmStart.MeanShift, 4);
        Assert.True(warm.Metrics.Trustworthiness >= cold.Metrics.Trustworthiness - 0.02, $"T warm {warm.Metrics.Trustworthiness} vs cold {cold.Metrics.Trustworthiness}");
        double accuracy = AddedAccuracy(warm.Coordinates, after);
        output.WriteLine($"{method}: shift warm {warmShift:P2}, cold (seed 7, aligned) {coldShift:P2}; T warm {warm.Metrics.Trustworthiness}, cold {cold.Metrics.Trustworthiness}; added 10-NN accuracy {accuracy:F2}");
        Assert.True(accuracy >= 0.6, $"10-NN accuracy of the added items among the kept ones = {accuracy:F2}");
    }

    [Fact]
    public void Rerender_OfAnUnchangedDataset_ReusesThePreviousCoordinates()
    {
        var cache = new ArtifactStore(_dir.File("cache"));
        LayoutInput items = Input(0, 900);
        LayoutResult first = Assert.Single(LayoutRunner.Run(items, Layouts("umap", "    n_epochs: 200\n", seed: 1), cache));

        // Another cache, as on another machine: the coordinates come from the run folder.
        LayoutResult again = Assert.Single(LayoutRunner.Run(items, Layouts("umap", "    n_epochs: 200\n", seed: 1), new ArtifactStore(_dir.File("cache2")), previous: Keep("run-1", items, first)));

        Assert.Equal(first.Coordinates.Data, again.Coordinates.Data);
        Assert.Equal(first.Key, again.Key);
        Assert.True(again.WarmStart!.Reused);
    }

    [Fact]
    public void Rerender_WithWarmStartNone_IsTheColdLayout()
    {
        var cache = new ArtifactStore(_dir.File("cache"));
        LayoutInput before = Input(0, 900);
        LayoutInput after = Input(Removed, 900 + Added);
        LayoutResult first = Assert.Single(LayoutRunner.Run(before, Layouts("umap", "    n_epochs: 200\n", seed: 1), cache));
        LayoutResult cold = Assert.Single(LayoutRunner.Run(after, Layouts("umap", "    n_epochs: 200\n", seed: 1), cache));

        LayoutResult none = Assert.Single(LayoutRunner.Run(after, Layouts("umap", "    n_epochs: 200\n    warm_start: none\n", seed: 1), cache, previous: Keep("run-1", before, first)));

        Assert.Null(none.WarmStart);
        Assert.Equal(cold.Key, none.Key);
        Assert.Equal(cold.Coordinates.Data, none.Coordinates.Data);
    }

    [Fact]
    public void Rerender_FromOtherParameters_StartsCold()
    {
        var cache = new ArtifactStore(_dir.File("cache"));
        LayoutInput before = Input(0, 900);
        LayoutResult first = Assert.Single(LayoutRunner.Run(before, Layouts("umap", "    n_epochs: 200\n", seed: 1), cache));

        LayoutResult changed = Assert.Single(LayoutRunner.Run(Input(Removed, 900 + Added), Layouts("umap", "    n_epochs: 200\n    min_dist: 0.5\n", seed: 1), cache, previous: Keep("run-1", before, first)));

        Assert.Null(changed.WarmStart);
        Assert.DoesNotContain("warm_from", changed.Key, StringComparison.Ordinal);
    }

    private static TempDirectory NewDirectory()
    {
        var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("images"));
        return dir;
    }

    /// <summary>Images [<paramref name="from"/>, <paramref name="to"/>) with ids fm{index} and a key naming exactly those rows.</summary>
    private LayoutInput Input(int from, int to)
    {
        int columns = _images.Pixels.Columns;
        var rows = new Matrix(to - from, columns, _images.Pixels.Data.AsSpan(from * columns, (to - from) * columns).ToArray());
        string[] names = Enumerable.Range(0, 10).Select(c => $"class{c}").ToArray();
        return new LayoutInput(
            rows,
            Enumerable.Range(from, to - from).Select(i => $"fm{i}").ToArray(),
            _images.Labels[from..to].Select(l => (string?)names[l]).ToArray(),
            names,
            $"fashion-mnist[{from}..{to})");
    }

    private IReadOnlyList<LayoutSpec> Layouts(string method, string parameters, int seed) =>
        SceneLoader.Load(_dir.Write($"scene-{Guid.NewGuid():N}.yaml", $"dataset:\n  kind: image-folder\n  path: images\nlayouts:\n  {method}:\n    seed: {seed}\n{parameters}")).Layouts;

    /// <summary>Writes the layout as a run folder keeps it and reads it back, as the next run does.</summary>
    private IReadOnlyDictionary<string, PreviousLayout> Keep(string run, LayoutInput input, LayoutResult result)
    {
        string folder = LayoutOutputs.Write(_dir.File(run), input, [result]);
        return LayoutOutputs.ReadPrevious(folder, run);
    }

    /// <summary>Mean distance the items of both runs moved, over the first layout's extent; the second layout first aligned to the first on them when asked.</summary>
    private static double Shift(LayoutResult first, LayoutResult second, bool alignFirst)
    {
        int common = 900 - Removed;
        var reference = new Matrix(common, 2, first.Coordinates.Data.AsSpan(Removed * 2, common * 2).ToArray());
        var moving = new Matrix(common, 2, second.Coordinates.Data.AsSpan(0, common * 2).ToArray());
        if (alignFirst)
        {
            moving = Procrustes.Align(reference, moving).Aligned;
        }

        double extent = Math.Max(Extent(first.Coordinates, 0), Extent(first.Coordinates, 1));
        double sum = 0;
        for (int i = 0; i < common; i++)
        {
            sum += Math.Sqrt(Math.Pow(reference.Row(i)[0] - moving.Row(i)[0], 2) + Math.Pow(reference.Row(i)[1] - moving.Row(i)[1], 2));
        }

        return sum / common / extent;
    }

    private static double Extent(Matrix points, int axis)
    {
        var values = Enumerable.Range(0, points.Rows).Select(i => points.Row(i)[axis]).ToArray();
        return values.Max() - values.Min();
    }

    /// <summary>Share of the added items whose label is the majority among their 10 nearest kept items in the layout.</summary>
    private static double AddedAccuracy(Matrix layout, LayoutInput input)
    {
        int kept = input.Ids.Count - Added;
        int right = 0;
        for (int a = kept; a < input.Ids.Count; a++)
        {
            string? majority = Enumerable.Range(0, kept)
                .OrderBy(k => Math.Pow(layout.Row(k)[0] - layout.Row(a)[0], 2) + Math.Pow(layout.Row(k)[1] - layout.Row(a)[1], 2))
                .Take(10)
                .GroupBy(k => input.Labels[k])
                .OrderByDescending(g => g.Count())
                .First().Key;
            right += majority == input.Labels[a] ? 1 : 0;
        }

        return right / (double)Added;
    }
}
