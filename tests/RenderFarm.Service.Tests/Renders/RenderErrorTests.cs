using RenderFarm.Core.Scenes;
using RenderFarm.Service.Renders;
using RenderFarm.Service.Tests.Cli;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Renders;

public sealed class RenderErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("layout: umpa", "outputs.poster.layout", "did you mean 'umap'")]
    [InlineData("size: [321, 180]", "outputs.poster.size", "even")]
    public void Render_BadOutput_ExitsTwoNamingTheLine_BeforeWritingAnything(string badLine, string key, string problem)
    {
        string good = badLine.StartsWith("layout", StringComparison.Ordinal) ? "size: [320, 180]" : "layout: umap";
        string scene = RenderScenes.Write(_dir, $"""
            outputs:
              poster:
                kind: video
                {good}
                {badLine}
                timeline:
                  - hold: {"{"}seconds: 1{"}"}
            """);
        int line = File.ReadAllLines(scene).ToList().FindIndex(l => l.Contains(badLine, StringComparison.Ordinal)) + 1;

        CliRun run = CliRun.Of("render", scene, "--output", _dir.File("out"), "--cache", _dir.File("cache"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.True(run.Error.StartsWith($"error: {scene}:{line}:", StringComparison.Ordinal), $"expected line {line}: {run}");
        Assert.Contains(key, run.Error, StringComparison.Ordinal);
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("out")), "nothing may be written before the checks pass");
    }

    [Fact]
    public void Render_SweepStep_IsRefusedAtItsLineAsNotSupportedYet()
    {
        string scene = RenderScenes.Write(_dir, """
            outputs:
              movie:
                layout: umap
                size: [320, 180]
                timeline:
                  - sweep: {layout: umap, parameter: n_neighbors, values: [5, 10], seconds_each: 1}
            """);

        CliRun run = CliRun.Of("render", scene, "--output", _dir.File("out"), "--cache", _dir.File("cache"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("not supported by render yet", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("out")));
    }

    [Fact]
    public void Render_UnknownOnlyName_IsAUserErrorListingTheOutputs()
    {
        string scene = RenderScenes.Write(_dir);

        CliRun run = CliRun.Of("render", scene, "--only", "postr", "--output", _dir.File("out"), "--cache", _dir.File("cache"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("has no output 'postr' (it has poster, terrain, transition)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderOutput_CancelledWhileEncoding_LeavesNoFileAtTheFinalPath()
    {
        string scene = RenderScenes.Write(_dir);
        var options = new RenderOptions { OutputRoot = _dir.File("out"), CacheRoot = _dir.File("cache"), Only = ["transition"] };
        using RenderRun run = RenderRun.Start(scene, options);
        run.OpenDevice();
        run.Embed(null, CancellationToken.None);
        run.ComputeLayouts(null, CancellationToken.None);
        run.BuildThumbnails(null, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        // Frames are under way (ffmpeg has started and holds a temp file) when the render is cancelled.
        var cancelAtFrame5 = new InlineProgress(p => { if (p.Done == 5) cancel.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.RenderOutputAsync(run.Plan.Outputs[0], cancelAtFrame5, cancel.Token));

        string folder = run.Folder!.Path;
        Assert.False(File.Exists(Path.Combine(folder, "transition.mp4")));
        Assert.Empty(Directory.GetFiles(folder));
    }

    private sealed class InlineProgress(Action<RenderProgress> report) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => report(value);
    }
}
