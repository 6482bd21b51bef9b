using RenderFarm.Service.Tests.Cli;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Renders;

/// <summary>One real `renderfarm render` of the small scene (lavapipe + ffmpeg), shared by the tests that inspect its files.</summary>
public sealed class RenderedSmallScene : IDisposable
{
    private readonly TempDirectory _dir = new();

    public RenderedSmallScene()
    {
        ScenePath = RenderScenes.Write(_dir);
        Run = CliRun.Of("render", ScenePath, "--output", _dir.File("out"), "--cache", _dir.File("cache"));
        string sceneFolder = _dir.File("out/small");
        RunFolder = Directory.Exists(sceneFolder)
            ? Directory.GetDirectories(sceneFolder).Where(d => System.IO.File.Exists(Path.Combine(d, "manifest.json"))).SingleOrDefault() ?? ""
            : "";
    }

    public string ScenePath { get; }

    internal CliRun Run { get; }

    /// <summary>output/small/&lt;run&gt;/, or "" when the render wrote no manifest.</summary>
    public string RunFolder { get; }

    public string File(string name) => Path.Combine(RunFolder, name);

    public void Dispose() => _dir.Dispose();
}
