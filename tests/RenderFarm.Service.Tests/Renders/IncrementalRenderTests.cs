using RenderFarm.Core.Colors;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.Service.Renders;
using RenderFarm.TestSupport;
using SkiaSharp;

namespace RenderFarm.Service.Tests.Renders;

/// <summary>
/// Three renders of a scene whose IDX dataset grows from 300 Fashion-MNIST images to 320, then
/// shrinks to 310: each run keeps its layouts, starts from the previous run's (what <c>latest</c>
/// points at), says what changed, and its <c>highlight: new</c> posters (points, thresholded sprites, a grid mosaic) single out the added items.
/// </summary>
public sealed class IncrementalRenderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Rerenders_StartFromTheLatestRun_RecordTheChanges_AndHighlightOnlyTheNewItems()
    {
        string dataset = _dir.File("fashion");
        string scene = WriteScene(dataset);
        WriteIdx(dataset, 300);
        Rendered first = await Render(scene);

        Assert.True(File.Exists(Path.Combine(first.Folder.Path, "layouts", "umap.csv")));
        Assert.Contains(first.Manifest.LayoutFiles!, f => f.File == Path.Combine("layouts", "umap.npy") && f.Output == "umap");
        Assert.Contains(first.Manifest.LayoutFiles!, f => f.File == Path.Combine("layouts", LayoutOutputs.ReportFile));
        Assert.Null(first.Manifest.Inputs.Changes);
        Assert.All(first.Manifest.Inputs.Layouts, l => Assert.Null(l.WarmStart));
        Assert.DoesNotContain(ItemColors.Accent, first.Colors);
        Assert.Equal(0, AccentPixels(first));
        Assert.Equal(0, AccentPixels(first, "thumbnails.png"));
        Assert.Equal(0, AccentPixels(first, "mosaic.png"));

        WriteIdx(dataset, 320);
        Rendered grown = await Render(scene);

        Assert.Equal((first.Folder.RunId, 20, 300, 0), Counts(grown.Manifest.Inputs.Changes));
        WarmStartSummary umap = grown.Manifest.Inputs.Layouts.Single(l => l.Name == "umap").WarmStart!;
        Assert.Equal((first.Folder.RunId, false, 300, 20, 0), (umap.Run, umap.Reused, umap.Kept, umap.Added, umap.Removed));
        Assert.True(umap.MeanShift < 0.05, $"kept items moved by {umap.MeanShift:P1} of the layout's extent");
        var added = grown.Ids.Except(first.Ids).ToHashSet();
        Assert.Equal(20, added.Count);
        for (int i = 0; i < grown.Ids.Count; i++)
        {
            Assert.Equal(added.Contains(grown.Ids[i]), grown.Colors[i] == ItemColors.Accent);
            Assert.True(added.Contains(grown.Ids[i]) || grown.Colors[i].A == ItemColors.FadedAlpha, $"item {i} is not faded");
        }

        Assert.True(AccentPixels(grown) > 20, "the poster shows no highlighted item");
        Assert.True(AccentPixels(grown, "thumbnails.png") > 20, "no thumbnail is tinted");
        Assert.True(AccentPixels(grown, "mosaic.png") > 20, "no mosaic tile has a border");

        WriteIdx(dataset, 310);
        Rendered shrunk = await Render(scene);

        Assert.Equal((grown.Folder.RunId, 0, 310, 10), Counts(shrunk.Manifest.Inputs.Changes));
        Assert.Equal(310, ReadLayout(shrunk, "umap").Ids.Count);
        Assert.Equal(310, ReadLayout(shrunk, "grid").Ids.Count);
        Assert.Equal(0, AccentPixels(shrunk));
        Assert.Equal(0, AccentPixels(shrunk, "thumbnails.png"));
        Assert.Equal(0, AccentPixels(shrunk, "mosaic.png"));
    }

    [Fact]
    public async Task Rerender_OfAnUnchangedDataset_ReusesTheLayoutsAndDrawsTheSamePoster()
    {
        string dataset = _dir.File("fashion");
        string scene = WriteScene(dataset);
        WriteIdx(dataset, 300);
        Rendered first = await Render(scene);
        Rendered again = await Render(scene);

        Assert.Equal((first.Folder.RunId, 0, 300, 0), Counts(again.Manifest.Inputs.Changes));
        Assert.True(again.Manifest.Inputs.Layouts.Single(l => l.Name == "umap").WarmStart!.Reused);
        Assert.Equal(ReadLayout(first, "umap").Coordinates.Data, ReadLayout(again, "umap").Coordinates.Data);
        Assert.Equal(first.Manifest.Files.Select(f => f.Sha256), again.Manifest.Files.Select(f => f.Sha256));
    }

    private sealed record Rendered(RenderManifest Manifest, RunFolder Folder, Rgba8[] Colors, IReadOnlyList<string> Ids);

    /// <summary>A render as the service's finalise job ends one: the run folder, then latest pointed at it.</summary>
    private async Task<Rendered> Render(string scene)
    {
        using RenderRun run = RenderRun.Start(scene, new RenderOptions { OutputRoot = _dir.File("out"), CacheRoot = _dir.File("cache") });
        run.OpenDevice();
        run.Embed(null, CancellationToken.None);
        LayoutSet layouts = run.ComputeLayouts(null, CancellationToken.None);
        run.BuildThumbnails(null, CancellationToken.None);
        foreach (Core.Scenes.OutputSpec output in run.Plan.Outputs)
        {
            await run.RenderOutputAsync(output, null, CancellationToken.None);
        }

        RenderManifest manifest = run.WriteManifest();
        LatestPointer.Update(run.Folder!);
        return new Rendered(manifest, run.Folder!, ItemColors.For(run.Plan.Outputs[0], layouts, layouts["umap"], run.Plan.Scene.Render.Background), layouts.Input.Ids);
    }

    private static (string, int, int, int) Counts(ItemChanges? changes) =>
        changes is null ? ("none", 0, 0, 0) : (changes.PreviousRun, changes.New, changes.Kept, changes.Removed);

    private static PreviousLayout ReadLayout(Rendered run, string name) =>
        LayoutOutputs.ReadPrevious(Path.Combine(run.Folder.Path, LayoutOutputs.Folder), run.Folder.RunId)[name];

    /// <summary>Pixels of a poster in (about) the accent colour.</summary>
    private static int AccentPixels(Rendered run, string file = "poster.png")
    {
        using SKBitmap bitmap = SKBitmap.Decode(Path.Combine(run.Folder.Path, file));
        int count = 0;
        foreach (SKColor pixel in bitmap.Pixels)
        {
            count += Math.Abs(pixel.Red - ItemColors.Accent.R) < 40 && Math.Abs(pixel.Green - ItemColors.Accent.G) < 40 && Math.Abs(pixel.Blue - ItemColors.Accent.B) < 40 ? 1 : 0;
        }

        return count;
    }

    private string WriteScene(string dataset) => _dir.Write("growing.yaml", $"""
        name: growing
        dataset:
          kind: idx
          path: {dataset}
        layouts:
          umap: {"{"}n_neighbors: 10, seed: 1{"}"}
          grid: {"{"}source: umap{"}"}
        outputs:
          poster:
            layout: umap
            style: points
            item_size: 6
            size: [256, 256]
            highlight: new
          thumbnails:
            kind: image
            layout: umap
            item_size: 10
            size: [256, 256]
            highlight: new
          mosaic:
            kind: image
            layout: grid
            style: grid-mosaic
            size: [256, 256]
            highlight: new
        """);

    /// <summary>The first <paramref name="count"/> Fashion-MNIST images as an IDX pair: a larger count keeps the earlier ones, like a growing dataset.</summary>
    private static void WriteIdx(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        (RenderFarm.Core.IO.Matrix pixels, int[] labels) = FashionMnist.First(count);
        byte[][] images = Enumerable.Range(0, count).Select(i => pixels.Row(i).ToArray().Select(p => (byte)Math.Round(p * 255)).ToArray()).ToArray();
        IdxWriter.WriteImages(Path.Combine(folder, "train-images-idx3-ubyte"), 28, 28, images, gzip: false);
        IdxWriter.WriteLabels(Path.Combine(folder, "train-labels-idx1-ubyte"), labels.Select(l => (byte)l).ToArray(), gzip: false);
    }
}
