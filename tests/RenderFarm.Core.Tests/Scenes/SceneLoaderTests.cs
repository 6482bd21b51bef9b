using RenderFarm.Core.Scenes;
using RenderFarm.TestSupport;

namespace RenderFarm.Core.Tests.Scenes;

public sealed class SceneLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SceneLoaderTests()
    {
        Directory.CreateDirectory(_dir.File("images"));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_ValidYaml_ResolvesPathsAndDefaults()
    {
        string path = _dir.Write("good.yaml", "dataset:\n  kind: image-folder\n  path: images\n  limit: 10\n");

        Scene scene = SceneLoader.Load(path);

        Assert.Equal("good", scene.Name);
        Assert.Equal(DatasetKind.ImageFolder, scene.Dataset.Kind);
        Assert.Equal(_dir.File("images"), scene.Dataset.Path);
        Assert.Equal(10, scene.Dataset.Limit);
        Assert.Equal(EmbedderKind.Pixels, scene.Embedder.Kind);
        Assert.Equal(0.98, scene.NearDuplicates.Threshold);
    }

    [Fact]
    public void Load_Json_IsAcceptedWithLineNumbers()
    {
        string path = _dir.Write("scene.json", "{\n  \"name\": \"j\",\n  \"dataset\": {\"kind\": \"image-folder\", \"path\": \"images\"},\n  \"embedder\": {\"kind\": \"pixels\", \"size\": \"big\"}\n}\n");

        var error = Assert.Throws<SceneException>(() => SceneLoader.Load(path));

        Assert.Equal(4, error.Line);
        Assert.Equal("embedder.size", error.Key);
        Assert.Contains("expected an integer, got 'big'", error.Message);
        Assert.StartsWith($"{path}:4:", error.Message);
    }

    [Fact]
    public void Load_UnknownKey_NamesLineKeyAndSuggestion()
    {
        string path = _dir.Write("typo.yaml", "name: t\ndataset:\n  kind: image-folder\n  path: images\n  limt: 5\n");

        var error = Assert.Throws<SceneException>(() => SceneLoader.Load(path));

        Assert.Equal(5, error.Line);
        Assert.Equal("dataset.limt", error.Key);
        Assert.Contains("did you mean 'limit'", error.Message);
    }

    [Fact]
    public void Load_UnknownTopLevelKey_IsRejected()
    {
        string path = _dir.Write("top.yaml", "dataset:\n  kind: image-folder\n  path: images\nrenders: {}\n");

        var error = Assert.Throws<SceneException>(() => SceneLoader.Load(path));

        Assert.Equal(4, error.Line);
        Assert.Equal("renders", error.Key);
        Assert.Contains("unknown key at the top level", error.Message);
    }

    [Theory]
    [InlineData("  limit: -3\n", "dataset.limit", "must be at least 1")]
    [InlineData("  stratify: maybe\n", "dataset.stratify", "expected true or false")]
    [InlineData("  class_names: cats\n", "dataset.class_names", "expected a list")]
    [InlineData("  kind: folder\n", "dataset.kind", "'folder' is not one of")]
    public void Load_WrongType_NamesKey(string line, string key, string problem)
    {
        string yaml = "dataset:\n  path: images\n" + (line.Contains("kind") ? line : "  kind: image-folder\n" + line);
        string path = _dir.Write("wrong.yaml", yaml);

        var error = Assert.Throws<SceneException>(() => SceneLoader.Load(path));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message);
        Assert.True(error.Line >= 2);
    }

    [Fact]
    public void Load_MissingDatasetPath_NamesLineAndPath()
    {
        string path = _dir.Write("missing.yaml", "dataset:\n  kind: idx\n  path: nowhere/fashion\n");

        var error = Assert.Throws<SceneException>(() => SceneLoader.Load(path));

        Assert.Equal(3, error.Line);
        Assert.Equal("dataset.path", error.Key);
        Assert.Contains("nowhere/fashion' does not exist", error.Message);
    }

    [Fact]
    public void Load_MissingModel_IsAnErrorBeforeAnythingRuns()
    {
        string path = _dir.Write("onnx.yaml", "dataset:\n  kind: image-folder\n  path: images\nembedder:\n  kind: onnx\n  model: clip.onnx\n");

        var error = Assert.Throws<SceneException>(() => SceneLoader.Load(path));

        Assert.Equal("embedder.model", error.Key);
        Assert.Equal(6, error.Line);
        Assert.Contains("clip.onnx' does not exist", error.Message);
    }

    [Fact]
    public void Load_PixelKeyOnOnnxEmbedder_IsRejected()
    {
        _dir.Write("m.onnx", "x");
        string path = _dir.Write("mixed.yaml", "dataset:\n  kind: image-folder\n  path: images\nembedder:\n  kind: onnx\n  model: m.onnx\n  color: rgb\n");

        var error = Assert.Throws<SceneException>(() => SceneLoader.Load(path));

        Assert.Equal("embedder.color", error.Key);
    }

    [Fact]
    public void Load_BrokenYaml_ReportsTheLine()
    {
        string path = _dir.Write("broken.yaml", "dataset:\n  kind: idx\n  path: [unclosed\n");

        var error = Assert.Throws<SceneException>(() => SceneLoader.Load(path));

        Assert.Contains("not valid YAML or JSON", error.Message);
        Assert.True(error.Line >= 3);
    }

    [Fact]
    public void Load_NoDataset_IsAnError()
    {
        string path = _dir.Write("empty-ish.yaml", "name: x\n");

        var error = Assert.Throws<SceneException>(() => SceneLoader.Load(path));

        Assert.Equal("dataset", error.Key);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    [InlineData("has space")]
    public void Load_NameThatIsNotAFolderName_IsRejected(string name)
    {
        string path = _dir.Write("n.yaml", $"name: \"{name}\"\ndataset:\n  kind: image-folder\n  path: images\n");

        var error = Assert.Throws<SceneException>(() => SceneLoader.Load(path));

        Assert.Equal("name", error.Key);
    }

    [Fact]
    public void Load_PrecomputedEmbedderOnImages_IsRejected()
    {
        string path = _dir.Write("p.yaml", "dataset:\n  kind: image-folder\n  path: images\nembedder:\n  kind: precomputed\n");

        var error = Assert.Throws<SceneException>(() => SceneLoader.Load(path));

        Assert.Equal("embedder.kind", error.Key);
        Assert.Contains("needs an embeddings dataset", error.Message);
    }

    [Fact]
    public void Load_DuplicateKey_IsRejected()
    {
        string path = _dir.Write("dup.yaml", "dataset:\n  kind: image-folder\n  path: images\n  kind: csv\n");

        var error = Assert.Throws<SceneException>(() => SceneLoader.Load(path));

        Assert.Contains("appears twice", error.Message);
        Assert.Equal(4, error.Line);
    }
}
