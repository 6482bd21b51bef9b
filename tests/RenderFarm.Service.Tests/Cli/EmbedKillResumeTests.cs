using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Datasets;
using RenderFarm.Core.IO;
using RenderFarm.Core.Reports;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Embedders;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Cli;

/// <summary>
/// Kills a real embed process with SIGKILL after it wrote its first cache chunk, then checks that
/// nothing it left is torn and that the next run resumes from it to the same result as a clean run.
/// </summary>
public sealed class EmbedKillResumeTests : IDisposable
{
    // Embedding 4,000 images of 256×256 takes seconds on two cores, while the first 100-item chunk
    // appears after a few percent of that: the kill lands with most of the run still to do.
    private const int ImageCount = 4000;
    private const int ImageSide = 256;
    private const int FlushItems = 100;
    private const string SceneName = "killed";

    // Only against hangs: the test normally takes a small fraction of this.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Embed_KilledAfterFirstChunk_ResumesToTheCleanRunsEmbeddings()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        PngFolder.Write(_dir.File("images"), ImageCount, ImageSide, classes: 4);
        // The exact near-duplicate search would add seconds to each of three runs and is not under test.
        string scene = _dir.Write("scene.yaml", $"""
            name: {SceneName}
            dataset:
              kind: image-folder
              path: images
            embedder:
              kind: pixels
              size: 32
            near_duplicates:
              enabled: false
            """);
        string output = _dir.File("out");
        string cache = _dir.File("cache");

        await KillAfterFirstChunkAsync(scene, output, cache, deadline.Token);
        AssertNoPartialOutputs(Path.Combine(output, SceneName));
        int verified = VerifyCache(scene, cache);

        EmbedCounts resumed = await EmbedAsync(scene, output, cache, deadline.Token);
        Assert.Equal(verified, resumed.Cached);
        Assert.True(resumed.Cached > 0, "nothing was resumed from the cache");
        Assert.Equal(ImageCount, resumed.New + resumed.Cached);
        Assert.Equal(0, resumed.Skipped);

        string cleanOutput = _dir.File("clean-out");
        EmbedCounts clean = await EmbedAsync(scene, cleanOutput, _dir.File("clean-cache"), deadline.Token);
        Assert.Equal((ImageCount, 0), (clean.New, clean.Cached));
        Matrix resumedVectors = NpyFile.Read(Path.Combine(output, SceneName, "embeddings.npy"));
        Matrix cleanVectors = NpyFile.Read(Path.Combine(cleanOutput, SceneName, "embeddings.npy"));
        Assert.Equal((cleanVectors.Rows, cleanVectors.Columns), (resumedVectors.Rows, resumedVectors.Columns));
        Assert.True(cleanVectors.Data.AsSpan().SequenceEqual(resumedVectors.Data), "the resumed run's embeddings differ from a clean run's");
        Assert.Equal(File.ReadAllText(Path.Combine(cleanOutput, SceneName, "items.csv")), File.ReadAllText(Path.Combine(output, SceneName, "items.csv")));
    }

    private static async Task KillAfterFirstChunkAsync(string scene, string output, string cache, CancellationToken deadline)
    {
        var environment = new Dictionary<string, string>
        {
            ["RENDERFARM_CACHE_FLUSH_ITEMS"] = FlushItems.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CI"] = "1",
        };
        using RenderfarmProcess child = RenderfarmProcess.Start(environment, "embed", scene, "--output", output, "--cache", cache);
        string embeddings = Path.Combine(cache, "embeddings");
        try
        {
            while (!child.HasExited && !HasChunk(embeddings))
            {
                await Task.Delay(10, deadline);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no cache chunk appeared within {Deadline.TotalSeconds} s; the program printed:\n{child.Output}");
        }

        string tooSmall = $"raise {nameof(ImageCount)} or {nameof(ImageSide)} so the run outlasts the kill";
        Assert.False(child.HasExited, $"the run ended (exit {(child.HasExited ? child.ExitCode : 0)}) before it could be killed: {tooSmall}.\n{child.Output}");
        await child.KillAsync();
        Assert.False(File.Exists(Path.Combine(output, SceneName, "report.json")), $"the run finished before the kill: {tooSmall}.\n{child.Output}");
    }

    private static bool HasChunk(string embeddings) =>
        Directory.Exists(embeddings) && Directory.EnumerateFiles(embeddings, "*.chunk", SearchOption.AllDirectories).Any();

    /// <summary>Outputs are written atomically at the end: after a kill each is absent or whole.</summary>
    private static void AssertNoPartialOutputs(string folder)
    {
        string npy = Path.Combine(folder, "embeddings.npy");
        if (File.Exists(npy))
        {
            Assert.Equal(ImageCount, NpyFile.Read(npy).Rows);
        }

        string items = Path.Combine(folder, "items.csv");
        if (File.Exists(items))
        {
            string text = File.ReadAllText(items);
            Assert.EndsWith("\n", text);
            Assert.Equal(ImageCount + 1, text.Count(c => c == '\n'));
        }
    }

    /// <summary>Loads the killed run's cache as the program would; returns how many vectors it holds.</summary>
    private static int VerifyCache(string scene, string cache)
    {
        Scene loaded = SceneLoader.Load(scene);
        using IImageEmbedder embedder = EmbedderFactory.Create(loaded.Embedder, DatasetLoader.Load(loaded.Dataset));
        string[] onDisk = Directory.GetFiles(Path.Combine(cache, "embeddings"), "*.chunk", SearchOption.AllDirectories);

        EmbeddingIndex index = EmbeddingStore.Open(cache, embedder.CacheKey, embedder.Dimension).Load();

        Assert.Empty(index.CorruptChunks);
        Assert.Equal(onDisk.Order(StringComparer.Ordinal), index.ChunkPaths.Order(StringComparer.Ordinal));
        Assert.InRange(index.Count, 1, ImageCount);
        return index.Count;
    }

    private static async Task<EmbedCounts> EmbedAsync(string scene, string output, string cache, CancellationToken deadline)
    {
        CliRun run = await Task.Run(() => CliRun.Of("embed", scene, "--output", output, "--cache", cache), deadline).WaitAsync(deadline);
        Assert.True(run.ExitCode == 0, run.ToString());
        return EmbedReport.Read(Path.Combine(output, SceneName, "report.json")).Counts;
    }
}
