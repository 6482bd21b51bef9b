using System.Text.Json;
using RenderFarm.Core.Scenes;
using RenderFarm.TestSupport;

namespace RenderFarm.Core.Tests.Scenes;

public sealed class ShippedScenesTests
{
    private static readonly string ScenesFolder = Path.Combine(RepositoryRoot.Path, "scenes");

    [Fact]
    public void Schema_ListsExactlyTheKeysTheLoaderAccepts()
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(ScenesFolder, "scene.schema.json")));
        JsonElement root = schema.RootElement;

        foreach ((string section, IReadOnlyList<string> keys) in SceneKeys.BySection)
        {
            JsonElement node = section.Length == 0 ? root : root.GetProperty("$defs").GetProperty(section);
            string[] schemaKeys = node.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToArray();
            Assert.Equal(keys.Order().ToArray(), schemaKeys);
            Assert.False(node.GetProperty("additionalProperties").GetBoolean());
        }
    }

    [Theory]
    [InlineData("fashion-mnist.yaml", null)]
    [InlineData("fashion-mnist-small.yaml", 5000)]
    public void ShippedScene_Loads(string file, int? limit)
    {
        Scene scene = SceneLoader.Load(Path.Combine(ScenesFolder, file));

        Assert.Equal(DatasetKind.Idx, scene.Dataset.Kind);
        Assert.Equal(10, scene.Dataset.ClassNames!.Count);
        Assert.Equal(limit, scene.Dataset.Limit);
    }

    [Fact]
    public void DefaultScene_HasAGridPosterAndATenSecondTransition()
    {
        Scene scene = SceneLoader.Load(Path.Combine(ScenesFolder, "fashion-mnist.yaml"));

        var poster = Assert.IsType<ImageOutputSpec>(scene.Outputs.Single(o => o.Name == "poster"));
        var transition = Assert.IsType<VideoOutputSpec>(scene.Outputs.Single(o => o.Name == "transition"));
        Assert.Equal((OutputStyle.GridMosaic, "grid"), (poster.Style, poster.Layout));
        OutputChecks.Check(poster, 70_000, 10);
        Assert.Equal((1920, 1080, 300), (transition.Width, transition.Height, transition.FrameCount));
        Assert.Equal(["tsne", "grid"], transition.Timeline.OfType<MorphStep>().Select(m => m.To));
        Assert.Equal("umap", scene.Layouts.Single(l => l.Name == "tsne").AlignTo);
        Assert.Equal("poster: image 8192×8192, grid-mosaic of 'grid' → poster.png", poster.Summary);
        Assert.Equal("transition: video 1920×1080, sprites of 'umap' → transition.mp4; 10 s at 30 fps = 300 frames (hold, morph, hold, morph, hold), crf 20, veryfast", transition.Summary);
    }
}
