using RenderFarm.Core.Datasets;
using RenderFarm.Core.IO;
using RenderFarm.Core.Reports;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Pipeline;
using RenderFarm.TestSupport;

namespace RenderFarm.Embedding.Tests.Pipeline;

/// <summary>Datasets whose content is read whole at load time: IDX pixels and precomputed vectors.</summary>
public sealed class InMemoryDatasetPipelineTests : IDisposable
{
    private readonly PipelineWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Run_IdxFolderGzippedAndPlain_EmbedsNativeGrayPixels()
    {
        byte[][] train = Digits(6, seed: 1);
        byte[][] test = Digits(3, seed: 2);
        Directory.CreateDirectory(_workspace.Data);
        IdxWriter.WriteImages(_workspace.DataPath("train-images-idx3-ubyte.gz"), 28, 28, train, gzip: true);
        IdxWriter.WriteLabels(_workspace.DataPath("train-labels-idx1-ubyte.gz"), [0, 1, 2, 0, 1, 2], gzip: true);
        IdxWriter.WriteImages(_workspace.DataPath("t10k-images-idx3-ubyte"), 28, 28, test, gzip: false);
        IdxWriter.WriteLabels(_workspace.DataPath("t10k-labels-idx1-ubyte"), [2, 2, 0], gzip: false);
        Scene scene = _workspace.Scene("name: digits\ndataset: {kind: idx, path: data, class_names: [zero, one, two]}\n");

        EmbedResult result = _workspace.Run(scene);

        Matrix embeddings = _workspace.ReadEmbeddings(scene);
        Assert.Equal((9, 784), (embeddings.Rows, embeddings.Columns));
        byte[][] all = [.. train, .. test];
        for (int row = 0; row < all.Length; row++)
        {
            // Native size and grayscale: each value is the pixel byte scaled to [0,1], nothing resampled.
            Assert.Equal(all[row].Select(p => p * (1f / 255f)), embeddings.Row(row).ToArray());
        }

        CsvTable items = _workspace.ReadItems(scene);
        Assert.Equal(
            ["train/00000", "train/00001", "train/00002", "train/00003", "train/00004", "train/00005", "t10k/00000", "t10k/00001", "t10k/00002"],
            items.Records.Select(r => r.Fields[1]));
        Assert.Equal(["zero", "one", "two", "zero", "one", "two", "two", "two", "zero"], items.Records.Select(r => r.Fields[2]));
        Assert.Equal(["zero", "one", "two"], result.ClassNames);

        EmbedReport report = _workspace.ReadReport(scene);
        Assert.Equal(784, report.Dimension);
        Assert.Equal(new EmbedCounts(Listed: 9, Embedded: 9, New: 9, Cached: 0, Skipped: 0, Added: 9, Removed: 0), report.Counts);
    }

    [Fact]
    public void Run_NpyWithMetadata_PassesVectorsThroughAndSkipsNonFiniteRow()
    {
        float[] rows =
        [
            1, 0, 0, 2,
            0, 1, 0, 0,
            float.NaN, 0, 0, 0,
            0, 0, 1, 0,
            2, 0, 0, 4, // same direction as the first row: a near-duplicate
        ];
        Directory.CreateDirectory(_workspace.Data);
        NpyFile.Write(_workspace.DataPath("vectors.npy"), new Matrix(5, 4, rows));
        _workspace.WriteData("meta.csv", "id,label,image,note\na,x,thumbs/a.png,first\nb,y,,second\nc,x,,broken\nd,y,,fourth\ne,x,,fifth\n");
        Scene scene = _workspace.Scene("name: vectors\ndataset: {kind: embeddings, path: data/vectors.npy, metadata: data/meta.csv}\n");

        EmbedResult result = _workspace.Run(scene);

        Matrix embeddings = _workspace.ReadEmbeddings(scene);
        Assert.Equal((4, 4), (embeddings.Rows, embeddings.Columns));
        Assert.Equal([.. rows[..8], .. rows[12..]], embeddings.Data);
        Assert.Equal(["first", "second", "fourth", "fifth"], result.Items.Select(i => i.Metadata!["note"]));

        CsvTable items = _workspace.ReadItems(scene);
        Assert.Equal(["a", "b", "d", "e"], items.Records.Select(r => r.Fields[1]));
        Assert.Equal(["x", "y", "y", "x"], items.Records.Select(r => r.Fields[2]));
        Assert.Equal(_workspace.DataPath("thumbs/a.png"), items.Records[0].Fields[4]);

        EmbedReport report = _workspace.ReadReport(scene);
        Assert.StartsWith("precomputed", report.Embedder, StringComparison.Ordinal);
        Assert.Equal(4, report.Dimension);
        Assert.Equal(new EmbedCounts(Listed: 5, Embedded: 4, New: 4, Cached: 0, Skipped: 1, Added: 4, Removed: 0), report.Counts);
        SkippedItem skipped = Assert.Single(report.Skipped);
        Assert.Equal(("c", "non-finite"), (skipped.Id, skipped.Reason));
        NearDuplicateEntry pair = Assert.Single(report.NearDuplicates.Pairs);
        Assert.Equal(("a", "e", 1L), (pair.A, pair.B, report.NearDuplicates.PairCount));
        Assert.Equal(1f, pair.Similarity, 1e-5f);
    }

    [Fact]
    public void Run_NumericCsv_UsesEveryOtherColumnAsTheVector()
    {
        _workspace.WriteData("vectors.csv", "id,label,x,y,z\np,warm,0.5,-1,2e-1\nq,cold,3,0,-0.25\nr,warm,1,1,1\n");
        Scene scene = _workspace.Scene("name: table\ndataset: {kind: embeddings, path: data/vectors.csv}\n");

        EmbedResult result = _workspace.Run(scene);

        Matrix embeddings = _workspace.ReadEmbeddings(scene);
        Assert.Equal((3, 3), (embeddings.Rows, embeddings.Columns));
        Assert.Equal([0.5f, -1f, 0.2f, 3f, 0f, -0.25f, 1f, 1f, 1f], embeddings.Data);
        Assert.Equal(["p", "q", "r"], result.Items.Select(i => i.Id));
        Assert.Equal(["warm", "cold", "warm"], _workspace.ReadItems(scene).Records.Select(r => r.Fields[2]));
        Assert.Equal(["cold", "warm"], result.ClassNames);
        Assert.Equal(3, _workspace.ReadReport(scene).Counts.Embedded);
    }

    private static byte[][] Digits(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var pixels = new byte[28 * 28];
            random.NextBytes(pixels);
            return pixels;
        }).ToArray();
    }
}
