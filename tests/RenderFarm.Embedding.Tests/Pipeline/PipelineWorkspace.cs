using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Reports;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Pipeline;
using RenderFarm.TestSupport;

namespace RenderFarm.Embedding.Tests.Pipeline;

/// <summary>
/// A scratch folder laid out like a real setup: the dataset under data/, scene files beside it,
/// outputs under out/ and the cache under cache/. Scenes go through <see cref="SceneLoader"/>, so
/// the tests exercise the same path as the command line.
/// </summary>
internal sealed class PipelineWorkspace : IDisposable
{
    private readonly TempDirectory _temp = new("renderfarm-pipeline");

    public string Root => _temp.Path;

    public string Data => _temp.File("data");

    public string OutputRoot => _temp.File("out");

    public string CacheRoot => _temp.File("cache");

    /// <summary>
    /// Flushing by count only: with the default 2-second interval a slow machine could split a run's
    /// vectors over several chunks, and the cache tests need to know which chunk holds what.
    /// </summary>
    public EmbedOptions Options => new(OutputRoot, CacheRoot) { CacheFlushInterval = TimeSpan.FromHours(1) };

    /// <summary>Writes a file under data/; returns its full path.</summary>
    public string WriteData(string relative, byte[] bytes) => _temp.Write(Path.Combine("data", relative), bytes);

    public string WriteData(string relative, string text) => _temp.Write(Path.Combine("data", relative), text);

    public string DataPath(string relative) => Path.Combine(Data, relative);

    /// <summary>Writes a scene file into the workspace root and loads it.</summary>
    public Scene Scene(string yaml, string file = "scene.yaml")
    {
        _temp.Write(file, yaml);
        return SceneLoader.Load(_temp.File(file));
    }

    public EmbedResult Run(Scene scene, IProgress<EmbedProgress>? progress = null, CancellationToken cancellation = default, EmbedOptions? options = null) =>
        EmbeddingPipeline.Run(scene, options ?? Options, progress, cancellation);

    public string Output(Scene scene, string file) => Path.Combine(OutputRoot, scene.Name, file);

    public Matrix ReadEmbeddings(Scene scene) => NpyFile.Read(Output(scene, EmbedOutputs.EmbeddingsFile));

    public CsvTable ReadItems(Scene scene) => CsvTable.Load(Output(scene, EmbedOutputs.ItemsFile));

    public EmbedReport ReadReport(Scene scene) => EmbedReport.Read(Output(scene, EmbedOutputs.ReportFile));

    /// <summary>Every cache chunk of every embedder.</summary>
    public string[] ChunkFiles()
    {
        string embeddings = Path.Combine(CacheRoot, "embeddings");
        return Directory.Exists(embeddings) ? Directory.GetFiles(embeddings, "*.chunk", SearchOption.AllDirectories) : [];
    }

    /// <summary>The one cache chunk a small run writes (the tests rely on there being exactly one).</summary>
    public string SingleChunk() => Assert.Single(ChunkFiles());

    /// <summary>Files anywhere under out/ and cache/ that an atomic writer left behind.</summary>
    public string[] TempFiles() =>
        new[] { OutputRoot, CacheRoot }
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*", SearchOption.AllDirectories))
            .Where(AtomicFile.IsTempFile)
            .ToArray();

    public void Dispose() => _temp.Dispose();
}
