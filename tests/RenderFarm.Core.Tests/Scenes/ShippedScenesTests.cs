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
}
