using RenderFarm.Core.Reports;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Pipeline;
using RenderFarm.TestSupport;

namespace RenderFarm.Embedding.Tests.Pipeline;

/// <summary>A cancelled run leaves whole files or none, and the next run resumes from the cache chunks it did write.</summary>
public sealed class CancellationPipelineTests : IDisposable
{
    private readonly PipelineWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Run_CancelledAfterFirstBatch_WritesNoOutputsAndNextRunResumesFromCache()
    {
        const int Total = 5000;
        byte[][] digits = RandomDigits(Total);
        Directory.CreateDirectory(_workspace.Data);
        IdxWriter.WriteImages(_workspace.DataPath("train-images-idx3-ubyte"), 28, 28, digits, gzip: false);
        Scene scene = _workspace.Scene("name: big\ndataset: {kind: idx, path: data}\n");
        // Pixel batches are 1,024 items, so 5,000 make five; chunks of 500 make the first batch's work durable.
        EmbedOptions options = _workspace.Options with { CacheFlushEvery = 500 };
        using var cancel = new CancellationTokenSource();
        var progress = new CallbackProgress(p =>
        {
            if (p.Stage == "embed" && p.Done > 0)
            {
                cancel.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => _workspace.Run(scene, progress, cancel.Token, options));

        Assert.False(File.Exists(_workspace.Output(scene, EmbedOutputs.EmbeddingsFile)));
        Assert.False(File.Exists(_workspace.Output(scene, EmbedOutputs.ItemsFile)));
        Assert.False(File.Exists(_workspace.Output(scene, EmbedOutputs.ReportFile)));
        Assert.Empty(_workspace.TempFiles());
        Assert.NotEmpty(_workspace.ChunkFiles());

        EmbedResult resumed = _workspace.Run(scene, options: options);

        EmbedCounts counts = _workspace.ReadReport(scene).Counts;
        Assert.InRange(counts.Cached, 1, Total - 1);
        Assert.Equal(Total, counts.New + counts.Cached);
        Assert.Equal(Total, _workspace.ReadEmbeddings(scene).Rows);
        foreach (int row in new[] { 0, 1023, 1024, Total - 1 })
        {
            Assert.Equal(digits[row].Select(p => p * (1f / 255f)), resumed.Vectors.Row(row).ToArray());
        }
    }

    [Fact]
    public void Run_RerunCancelledAtStart_LeavesPreviousOutputsUntouched()
    {
        for (int i = 0; i < 4; i++)
        {
            _workspace.WriteData($"{i}.png", SampleImages.Png(i, size: 8));
        }

        Scene scene = _workspace.Scene("name: kept\ndataset: {kind: image-folder, path: data}\n");
        _workspace.Run(scene);
        string[] outputs = [EmbedOutputs.EmbeddingsFile, EmbedOutputs.ItemsFile, EmbedOutputs.ReportFile];
        byte[][] before = outputs.Select(f => File.ReadAllBytes(_workspace.Output(scene, f))).ToArray();
        _workspace.WriteData("4.png", SampleImages.Png(4, size: 8));
        using var cancel = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => _workspace.Run(scene, new CallbackProgress(_ => cancel.Cancel()), cancel.Token));

        Assert.Equal(before, outputs.Select(f => File.ReadAllBytes(_workspace.Output(scene, f))));
        Assert.Empty(_workspace.TempFiles());
    }

    private static byte[][] RandomDigits(int count)
    {
        var random = new Random(11);
        var digits = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            digits[i] = new byte[28 * 28];
            random.NextBytes(digits[i]);
        }

        return digits;
    }
}
