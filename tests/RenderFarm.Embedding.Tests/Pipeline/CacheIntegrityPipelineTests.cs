using RenderFarm.Core.Reports;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Pipeline;

namespace RenderFarm.Embedding.Tests.Pipeline;

/// <summary>
/// The cache is only a cache: a damaged chunk is detected, dropped and re-embedded, never served;
/// temp files of dead writers are swept, those of live ones kept.
/// </summary>
public sealed class CacheIntegrityPipelineTests : IDisposable
{
    private const int Count = 12;
    private readonly PipelineWorkspace _workspace = new();
    private readonly Scene _scene;
    private readonly float[] _first;

    public CacheIntegrityPipelineTests()
    {
        for (int i = 0; i < Count; i++)
        {
            _workspace.WriteData($"{i:D2}.png", SampleImages.Png(i, size: 8));
        }

        _scene = _workspace.Scene("name: cached\ndataset: {kind: image-folder, path: data}\nembedder: {kind: pixels, size: 8}\n");
        _first = _workspace.Run(_scene).Vectors.Data;
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Run_ChunkWithFlippedByte_ReportsItAndReembedsTheSameVectors()
    {
        string chunk = _workspace.SingleChunk();
        byte[] original = File.ReadAllBytes(chunk);
        byte[] damaged = (byte[])original.Clone();
        damaged[damaged.Length / 2] ^= 0x10;
        File.WriteAllBytes(chunk, damaged);

        AssertDamageRecovered(chunk, original);
    }

    [Fact]
    public void Run_TruncatedChunk_ReportsItAndReembedsTheSameVectors()
    {
        string chunk = _workspace.SingleChunk();
        byte[] original = File.ReadAllBytes(chunk);
        File.WriteAllBytes(chunk, original[..(original.Length * 2 / 3)]);

        AssertDamageRecovered(chunk, original);
    }

    [Fact]
    public void Run_StaleTempFileInCache_DeletesItAndKeepsAFreshOne()
    {
        string store = Path.GetDirectoryName(_workspace.SingleChunk())!;
        string stale = Path.Combine(store, ".x.chunk.tmp-abc");
        string fresh = Path.Combine(store, ".y.chunk.tmp-def");
        File.WriteAllBytes(stale, [1, 2, 3]);
        File.WriteAllBytes(fresh, [4, 5, 6]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - TimeSpan.FromHours(2));

        _workspace.Run(_scene);

        Assert.False(File.Exists(stale), "a temp file two hours old belongs to a dead writer");
        Assert.True(File.Exists(fresh), "a fresh temp file may belong to a writer that is still running");
        Assert.Equal(Count, _workspace.ReadReport(_scene).Counts.Cached);
    }

    [Fact]
    public void Run_Finished_LeavesNoTempFiles()
    {
        _workspace.WriteData("new.png", SampleImages.Png(99, size: 8));
        _workspace.Run(_scene);

        Assert.Empty(_workspace.TempFiles());
        Assert.True(File.Exists(_workspace.Output(_scene, EmbedOutputs.ReportFile)));
    }

    private void AssertDamageRecovered(string chunk, byte[] original)
    {
        EmbedResult result = _workspace.Run(_scene);

        EmbedReport report = _workspace.ReadReport(_scene);
        Assert.Equal([Path.GetFileName(chunk)], report.CorruptCacheChunks);
        Assert.Equal((Count, 0), (report.Counts.New, report.Counts.Cached));
        Assert.Equal(_first, result.Vectors.Data);

        // Chunks are named by their checksum, so the re-embedded chunk takes the damaged one's name:
        // what must be gone is the damaged content.
        Assert.Equal(original, File.ReadAllBytes(_workspace.SingleChunk()));

        _workspace.Run(_scene);
        EmbedReport next = _workspace.ReadReport(_scene);
        Assert.Empty(next.CorruptCacheChunks);
        Assert.Equal((0, Count), (next.Counts.New, next.Counts.Cached));
    }
}
