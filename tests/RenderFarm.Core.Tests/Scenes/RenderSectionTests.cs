using RenderFarm.Core.Colors;
using RenderFarm.Core.Scenes;
using RenderFarm.TestSupport;

namespace RenderFarm.Core.Tests.Scenes;

public sealed class RenderSectionTests : IDisposable
{
    private const string Dataset = "dataset:\n  kind: image-folder\n  path: images\n";
    private readonly TempDirectory _dir = new();

    public RenderSectionTests()
    {
        Directory.CreateDirectory(_dir.File("images"));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_NoSection_Defaults()
    {
        Scene scene = Load("");

        Assert.Equal(("auto", (int?)null, 4, RenderSpec.DefaultBackground), (scene.Render.Device, scene.Render.CellSize, scene.Render.Msaa, scene.Render.Background));
        Assert.Equal(64, scene.Render.CellSizeFor(scene.Dataset));
    }

    [Fact]
    public void Load_Values_AreKept()
    {
        Scene scene = Load("render:\n  device: llvmpipe\n  cell_size: 48\n  background: \"#FFFFFF80\"\n  msaa: 1\n");

        Assert.Equal(("llvmpipe", 48, 1, new Rgba8(255, 255, 255, 0x80)), (scene.Render.Device, scene.Render.CellSizeFor(scene.Dataset), scene.Render.Msaa, scene.Render.Background));
        Assert.Equal(7, scene.Render.LocationOf("background").Line);
    }

    [Theory]
    [InlineData("render:\n  msaa: 2\n", "render.msaa", "must be 1 (off) or 4")]
    [InlineData("render:\n  cell_size: 8\n", "render.cell_size", "between 16 and 256")]
    [InlineData("render:\n  background: white\n", "render.background", "in quotes")]
    [InlineData("render:\n  devise: auto\n", "render.devise", "did you mean 'device'")]
    public void Load_BadValue_NamesKey(string section, string key, string problem)
    {
        var error = Assert.Throws<SceneException>(() => Load(section));

        Assert.Equal((key, 5), (error.Key, error.Line));
        Assert.Contains(problem, error.Message);
    }

    private Scene Load(string section) => SceneLoader.Load(_dir.Write("s.yaml", Dataset + section));
}
