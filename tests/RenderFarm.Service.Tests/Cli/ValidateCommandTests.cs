using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Cli;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Validate_SmallScene_PrintsDatasetClassesEmbedderAndWritesNothing()
    {
        string scene = TestScenes.WriteTiny(_dir);
        string output = _dir.File("out");
        string cache = _dir.File("cache");

        CliRun run = CliRun.Of("validate", scene, "--output", output, "--cache", cache);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("scene tiny", run.Out);
        Assert.Contains("valid", run.Out);
        Assert.Contains("dataset: IDX: 60 images", run.Out);
        Assert.Contains("classes: cat (20), dog (20), fish (20)", run.Out);
        Assert.Contains("embedder: pixels 8x8 grayscale (64 dimensions)", run.Out);
        Assert.Contains("0 of 60 items already embedded", run.Out);
        Assert.Empty(run.Error);
        // validate only reads: neither the scene's output folder nor an empty cache may appear.
        Assert.False(Directory.Exists(Path.Combine(output, "tiny")), run.ToString());
        Assert.False(Directory.Exists(cache), "validate created the cache folder");
    }

    [Fact]
    public void Validate_AfterEmbed_CountsCachedItems()
    {
        string scene = TestScenes.WriteTiny(_dir);
        string[] paths = ["--output", _dir.File("out"), "--cache", _dir.File("cache")];
        Assert.Equal(0, CliRun.Of(["embed", scene, .. paths]).ExitCode);

        CliRun run = CliRun.Of(["validate", scene, .. paths]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("60 of 60 items already embedded; 0 to embed", run.Out);
    }

    [Fact]
    public void Validate_ShippedSmallScene_Reports500PerClass()
    {
        string scene = Path.Combine(RepositoryRoot.Path, "scenes", "fashion-mnist-small.yaml");

        CliRun run = CliRun.Of("validate", scene, "--output", _dir.File("out"), "--cache", _dir.File("cache"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("scene fashion-mnist-small", run.Out);
        Assert.Contains("sample of 5,000", run.Out);
        string classes = Assert.Single(run.OutLines, l => l.StartsWith("classes: ", StringComparison.Ordinal));
        string[] counts = classes["classes: ".Length..].Split(", ");
        Assert.Equal(10, counts.Length);
        Assert.All(counts, c => Assert.EndsWith(" (500)", c));
        Assert.Contains("0 of 5,000 items already embedded", run.Out);
    }
}
