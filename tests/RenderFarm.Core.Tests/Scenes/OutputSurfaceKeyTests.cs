using RenderFarm.Core.Scenes;
using RenderFarm.TestSupport;

namespace RenderFarm.Core.Tests.Scenes;

/// <summary>An output's <c>surface:</c> key: terrain only, a boolean, bad values named at their line.</summary>
public sealed class OutputSurfaceKeyTests : IDisposable
{
    /// <summary>Five lines, so an output's entry name is on line 7 and its first key on line 8.</summary>
    private const string Prefix = "dataset:\n  kind: image-folder\n  path: images\nlayouts:\n  umap: {}\noutputs:\n";

    private readonly TempDirectory _dir = new();

    public OutputSurfaceKeyTests()
    {
        Directory.CreateDirectory(_dir.File("images"));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_Surface_OnForTerrainImagesAndVideos_OffByDefault()
    {
        Scene scene = Load("  poster:\n    style: terrain\n    surface: true\n  plain:\n    kind: image\n    style: terrain\n"
            + "  movie:\n    style: terrain\n    surface: true\n    timeline:\n      - orbit: {seconds: 1, degrees: 90}\n");

        Assert.Equal([true, false, true], scene.Outputs.Select(o => o.Surface));
    }

    [Theory]
    [InlineData("  poster:\n    style: points\n    surface: true\n", 9, "only for style terrain")]
    [InlineData("  poster:\n    surface: false\n", 8, "only for style terrain")]
    [InlineData("  poster:\n    style: terrain\n    surface: 128\n", 9, "true or false")]
    public void Load_BadSurface_NamesKeyLineAndProblem(string outputs, int line, string problem)
    {
        var error = Assert.Throws<SceneException>(() => Load(outputs));

        Assert.Equal(("outputs.poster.surface", line), (error.Key, error.Line));
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"{_dir.File("s.yaml")}:{line}:", error.Message);
    }

    private Scene Load(string outputs) => SceneLoader.Load(_dir.Write("s.yaml", Prefix + outputs));
}
