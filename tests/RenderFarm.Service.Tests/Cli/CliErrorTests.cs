using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Cli;

public sealed class CliErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public CliErrorTests()
    {
        Directory.CreateDirectory(_dir.File("images"));
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("validate", "dataset:\n  kind: image-folder\n  path: images\n  limt: 3\n", 4, "dataset.limt", "did you mean 'limit'")]
    [InlineData("embed", "dataset:\n  kind: image-folder\n  path: images\n  limit: many\n", 4, "dataset.limit", "expected an integer, got 'many'")]
    [InlineData("validate", "name: x\ndataset:\n  kind: image-folder\n  path: nowhere\n", 4, "dataset.path", "does not exist")]
    [InlineData("embed", "name: x\ndataset:\n  kind: image-folder\n  path: nowhere\n", 4, "dataset.path", "does not exist")]
    public void Run_SceneError_ExitsTwoWithOneParagraphNamingLineAndKey(string command, string yaml, int line, string key, string problem)
    {
        string scene = _dir.Write("scene.yaml", yaml);

        CliRun run = CliRun.Of(command, scene, "--output", _dir.File("out"), "--cache", _dir.File("cache"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith($"error: {scene}:{line}:", run.Error);
        Assert.Contains($": {key}: ", run.Error);
        Assert.Contains(problem, run.Error);
        AssertOneParagraph(run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Empty(run.Out);
        Assert.False(Directory.Exists(_dir.File("out")), "a failed run created the output folder");
    }

    [Fact]
    public void Run_SceneErrorVerbose_PrintsStackTrace()
    {
        string scene = _dir.Write("scene.yaml", "dataset:\n  kind: image-folder\n  path: nowhere\n");

        CliRun run = CliRun.Of("validate", scene, "--verbose", "--output", _dir.File("out"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith($"error: {scene}:3:", run.Error);
        Assert.Contains("SceneException", run.Error);
        Assert.Contains("   at ", run.Error);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("embed")]
    public void Run_MissingSceneFile_ExitsTwoNamingPath(string command)
    {
        string missing = _dir.File("no-such-scene.yaml");

        CliRun run = CliRun.Of(command, missing, "--output", _dir.File("out"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains(missing, run.Error);
        AssertOneParagraph(run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Run_NoArguments_ExitsNonZeroWithUsage()
    {
        CliRun run = CliRun.Of();

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out + run.Error);
        Assert.Contains("validate", run.Out + run.Error);
        Assert.Contains("embed", run.Out + run.Error);
    }

    [Fact]
    public void Run_UnknownCommand_ExitsNonZeroWithUsage()
    {
        CliRun run = CliRun.Of("frobnicate", "scene.yaml");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("frobnicate", run.Error);
        Assert.Contains("Usage:", run.Out + run.Error);
    }

    [Fact]
    public void Run_CommandWithoutScene_ExitsNonZeroWithUsage()
    {
        CliRun run = CliRun.Of("embed");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out + run.Error);
    }

    /// <summary>One paragraph: text with no blank line inside, so a person reads one message.</summary>
    private static void AssertOneParagraph(string text)
    {
        string trimmed = text.TrimEnd();
        Assert.NotEmpty(trimmed);
        Assert.DoesNotContain("\n\n", trimmed.Replace("\r", "", StringComparison.Ordinal));
    }
}
