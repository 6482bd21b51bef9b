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
        Run = Render();
        string sceneFolder = _dir.File("out/small");
        RunFolder = Directory.Exists(sceneFolder)
            ? RunFoldersIn(sceneFolder).SingleOrDefault(d => System.IO.File.Exists(Path.Combine(d, "manifest.json"))) ?? ""
            : "";
    }

    public string ScenePath { get; }

    internal CliRun Run { get; }

    /// <summary>output/small/&lt;run&gt;/, or "" when the render wrote no manifest.</summary>
    public string RunFolder { get; }

    public string File(string name) => Path.Combine(RunFolder, name);

    /// <summary>Renders the scene (or the outputs named) again into the same output root and cache.</summary>
    internal CliRun Render(params string[] extra) =>
        CliRun.Of(["render", ScenePath, "--output", _dir.File("out"), "--cache", _dir.File("cache"), .. extra]);

    /// <summary>Every run folder of the scene, oldest first (run ids start with their UTC time).</summary>
    public string[] RunFolders() => RunFoldersIn(_dir.File("out/small")).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The run folders of a scene folder, without the <c>latest</c> link to one of them.</summary>
    internal static IEnumerable<string> RunFoldersIn(string sceneFolder) =>
        Directory.GetDirectories(sceneFolder).Where(d => new DirectoryInfo(d).LinkTarget is null);

    public void Dispose() => _dir.Dispose();
}
