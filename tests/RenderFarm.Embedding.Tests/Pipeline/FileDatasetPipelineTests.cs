using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Datasets;
using RenderFarm.Core.IO;
using RenderFarm.Core.Reports;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Pipeline;
using SkiaSharp;

namespace RenderFarm.Embedding.Tests.Pipeline;

/// <summary>Image folders and CSV manifests, from scene file to embeddings.npy, items.csv and report.json.</summary>
public sealed class FileDatasetPipelineTests : IDisposable
{
    private readonly PipelineWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Run_ImageFolder_WritesOneRowPerImageWithClassLabels()
    {
        _workspace.WriteData("cats/1.png", SampleImages.Png(1));
        _workspace.WriteData("cats/2.jpg", SampleImages.Jpeg(2));
        _workspace.WriteData("cats/persian/3.png", SampleImages.Png(3));
        _workspace.WriteData("dogs/4.jpeg", SampleImages.Jpeg(4));
        _workspace.WriteData("dogs/5.png", SampleImages.Png(5));
        _workspace.WriteData("dogs/notes.txt", "not an image extension");
        Scene scene = _workspace.Scene("name: pets\ndataset: {kind: image-folder, path: data}\n");

        EmbedResult result = _workspace.Run(scene);

        string[] ids = ["cats/1.png", "cats/2.jpg", "cats/persian/3.png", "dogs/4.jpeg", "dogs/5.png"];
        Matrix embeddings = _workspace.ReadEmbeddings(scene);
        Assert.Equal((5, 32 * 32 * 3), (embeddings.Rows, embeddings.Columns));
        Assert.Equal(result.Vectors.Data, embeddings.Data);

        CsvTable items = _workspace.ReadItems(scene);
        Assert.Equal(["index", "id", "label", "content_hash", "source"], items.Header);
        Assert.Equal(["0", "1", "2", "3", "4"], items.Records.Select(r => r.Fields[0]));
        Assert.Equal(ids, items.Records.Select(r => r.Fields[1]));
        Assert.Equal(["cats", "cats", "cats", "dogs", "dogs"], items.Records.Select(r => r.Fields[2]));
        Assert.Equal(ids.Select(id => ContentHash.Of(File.ReadAllBytes(_workspace.DataPath(id))).ToString()), items.Records.Select(r => r.Fields[3]));
        Assert.Equal(ids.Select(_workspace.DataPath), items.Records.Select(r => r.Fields[4]));
        Assert.Equal(["cats", "dogs"], result.ClassNames);

        EmbedReport report = _workspace.ReadReport(scene);
        Assert.Equal("pets", report.Scene);
        Assert.Equal(3072, report.Dimension);
        Assert.Equal(new EmbedCounts(Listed: 6, Embedded: 5, New: 5, Cached: 0, Skipped: 1, Added: 5, Removed: 0), report.Counts);
        SkippedItem skipped = Assert.Single(report.Skipped);
        Assert.Equal(("dogs/notes.txt", "not-an-image"), (skipped.Id, skipped.Reason));
    }

    [Fact]
    public void Run_SolidRedImage_EmbedsAsRedPixelsScaledToOne()
    {
        _workspace.WriteData("red.png", SampleImages.Solid(new SKColor(255, 0, 0)));
        Scene scene = _workspace.Scene("dataset: {kind: image-folder, path: data}\nembedder: {kind: pixels, size: 4}\n");

        EmbedResult result = _workspace.Run(scene);

        float[] vector = result.Vectors.Row(0).ToArray();
        Assert.Equal(4 * 4 * 3, vector.Length);
        for (int i = 0; i < vector.Length; i += 3)
        {
            Assert.Equal(1f, vector[i], 0.005f);
            Assert.Equal(0f, vector[i + 1], 0.005f);
            Assert.Equal(0f, vector[i + 2], 0.005f);
        }
    }

    [Fact]
    public void Run_CsvManifest_KeepsMetadataAndSkipsMissingFileWithItsLine()
    {
        _workspace.WriteData("img/a.png", SampleImages.Png(1));
        _workspace.WriteData("img/b.jpg", SampleImages.Jpeg(2));
        _workspace.WriteData(
            "manifest.csv",
            "path,label,caption\nimg/a.png,red,\"first, with a comma\"\nimg/gone.png,blue,never written\nimg/b.jpg,blue,second\n");
        Scene scene = _workspace.Scene("name: manifest\ndataset: {kind: csv, path: data/manifest.csv}\n");

        EmbedResult result = _workspace.Run(scene);

        Assert.Equal(["img/a.png", "img/b.jpg"], result.Items.Select(i => i.Id));
        Assert.Equal(["red", "blue"], result.Items.Select(i => i.Label));
        Assert.Equal(["first, with a comma", "second"], result.Items.Select(i => i.Metadata!["caption"]));
        Assert.Equal(["blue", "red"], result.ClassNames);

        Matrix embeddings = _workspace.ReadEmbeddings(scene);
        Assert.Equal((2, 3072), (embeddings.Rows, embeddings.Columns));
        CsvTable items = _workspace.ReadItems(scene);
        Assert.Equal(["img/a.png", "img/b.jpg"], items.Records.Select(r => r.Fields[1]));
        Assert.Equal(["red", "blue"], items.Records.Select(r => r.Fields[2]));

        EmbedReport report = _workspace.ReadReport(scene);
        Assert.Equal(new EmbedCounts(Listed: 3, Embedded: 2, New: 2, Cached: 0, Skipped: 1, Added: 2, Removed: 0), report.Counts);
        SkippedItem skipped = Assert.Single(report.Skipped);
        Assert.Equal("missing-file", skipped.Reason);
        Assert.Equal(_workspace.DataPath("img/gone.png"), skipped.Path);
        Assert.Contains("manifest.csv:3", skipped.Detail, StringComparison.Ordinal);
    }
}
