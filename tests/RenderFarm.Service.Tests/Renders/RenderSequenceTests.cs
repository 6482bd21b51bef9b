using System.Text.Json;
using RenderFarm.Core.Scenes;
using RenderFarm.Encoding.Probing;
using RenderFarm.Service.Tests.Cli;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Renders;

/// <summary>A video of the small scene that sweeps UMAP's n_neighbors and replays its optimisation, rendered twice.</summary>
public sealed class RenderSequenceTests : IDisposable
{
    private const string Outputs = """
        outputs:
          evolution:
            layout: umap
            size: [160, 96]
            fps: 10
            preset: ultrafast
            timeline:
              - sweep: {layout: umap, parameter: n_neighbors, values: [5, 15, 30], seconds_each: 0.3}
              - replay: {layout: umap, every: 100, seconds: 0.5}
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Render_SweepAndReplay_WritesEveryFrame_ListsTheSequences_AndReadsThemFromTheCacheTheSecondTime()
    {
        string scenePath = RenderScenes.Write(_dir, Outputs);

        CliRun first = Render(scenePath);
        Assert.True(first.ExitCode == 0, first.ToString());
        string firstFolder = RunFolders().Single();
        var video = (VideoOutputSpec)SceneLoader.Load(scenePath).Outputs.Single();
        VideoProbeResult probe = await VideoProbe.ProbeAsync(Path.Combine(firstFolder, "evolution.mp4"), countFrames: true);
        Assert.Equal(video.FrameCount, probe.FrameCount);

        // 500 epochs (UMAP's default below 10,000 items) every 100: snapshots 100 … 400, the layout itself ends the replay.
        Dictionary<string, (int Count, bool Cached)> sequences = Sequences(firstFolder);
        Assert.Equal((3, false), sequences["umap.n_neighbors=5,15,30"]);
        Assert.Equal((4, false), sequences["umap.replay/100"]);

        CliRun second = Render(scenePath);
        Assert.True(second.ExitCode == 0, second.ToString());
        string secondFolder = RunFolders().Single(f => f != firstFolder);
        Assert.All(Sequences(secondFolder).Values, s => Assert.True(s.Cached, "a re-render computed a sequence again"));
    }

    private CliRun Render(string scenePath) =>
        CliRun.Of("render", scenePath, "--output", _dir.File("out"), "--cache", _dir.File("cache"));

    private string[] RunFolders() => RenderedSmallScene.RunFoldersIn(_dir.File("out/small")).ToArray();

    private static Dictionary<string, (int Count, bool Cached)> Sequences(string runFolder)
    {
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "manifest.json")));
        return manifest.RootElement.GetProperty("inputs").GetProperty("sequences").EnumerateArray().ToDictionary(
            s => s.GetProperty("name").GetString()!,
            s => (s.GetProperty("count").GetInt32(), s.GetProperty("cached").GetBoolean()));
    }
}
