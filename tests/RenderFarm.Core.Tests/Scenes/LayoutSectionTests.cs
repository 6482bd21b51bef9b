using RenderFarm.Core.Scenes;
using RenderFarm.TestSupport;

namespace RenderFarm.Core.Tests.Scenes;

public sealed class LayoutSectionTests : IDisposable
{
    private const string Dataset = "dataset:\n  kind: image-folder\n  path: images\n";
    private readonly TempDirectory _dir = new();

    public LayoutSectionTests()
    {
        Directory.CreateDirectory(_dir.File("images"));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_NamedEntries_MethodFromTheNameAndDefaults()
    {
        Scene scene = Load("layouts:\n  umap: {}\n  flat:\n    method: pca\n    dims: 3\n  grid:\n    source: umap\n");

        Assert.Equal(["umap", "flat", "grid"], scene.Layouts.Select(l => l.Name));
        Assert.Equal([LayoutMethod.Umap, LayoutMethod.Pca, LayoutMethod.Grid], scene.Layouts.Select(l => l.Method));
        LayoutSpec umap = scene.Layouts[0];
        Assert.Equal((2, 15, 0.1, 1.0, (LayoutInit?)null), (umap.Dims, umap.NNeighbors, umap.MinDist, umap.Spread, umap.Init));
        Assert.Equal(3, scene.Layouts[1].Dims);
        Assert.Equal("umap", scene.Layouts[2].Source);
    }

    [Fact]
    public void Load_Tsne_DefaultsAsOpenTsne()
    {
        Scene scene = Load("layouts:\n  tsne:\n    perplexity: 50\n");

        LayoutSpec tsne = Assert.Single(scene.Layouts);
        Assert.Equal(LayoutMethod.Tsne, tsne.Method);
        Assert.Equal((50.0, 12.0, 250, 500, (double?)null), (tsne.Perplexity, tsne.Exaggeration, tsne.ExaggerationIterations, tsne.Iterations, tsne.LearningRate));
    }

    [Fact]
    public void Load_KeyLocations_AreKeptForLaterErrors()
    {
        Scene scene = Load("layouts:\n  umap:\n    n_neighbors: 30\n");

        SceneLocation location = scene.Layouts[0].LocationOf("n_neighbors");

        Assert.Equal((6, "layouts.umap.n_neighbors"), (location.Line, location.Key));
        Assert.StartsWith($"{_dir.File("s.yaml")}:6:", location.Error("too big").Message);
        Assert.Equal(5, scene.Layouts[0].LocationOf("seed").Line);
    }

    [Theory]
    [InlineData("layouts:\n  mine: {}\n", "layouts.mine", "say which method")]
    [InlineData("layouts:\n  grid: {}\n", "layouts.grid", "needs source")]
    [InlineData("layouts:\n  grid:\n    source: nowhere\n", "layouts.grid.source", "'nowhere' is not another layout")]
    [InlineData("layouts:\n  umap:\n    dims: 3\n  grid:\n    source: umap\n", "layouts.grid.source", "'umap' is 3-D")]
    [InlineData("layouts:\n  umap:\n    dims: 4\n", "layouts.umap.dims", "between 2 and 3")]
    [InlineData("layouts:\n  pca:\n    n_neighbors: 5\n", "layouts.pca.n_neighbors", "unknown key")]
    [InlineData("layouts:\n  umap:\n    min_dist: 2\n", "layouts.umap.min_dist", "must not exceed spread")]
    [InlineData("layouts:\n  umap:\n    n_neighbors: 1\n", "layouts.umap.n_neighbors", "between 2 and 1000")]
    [InlineData("layouts:\n  umap:\n    init: magic\n", "layouts.umap.init", "'magic' is not one of")]
    [InlineData("layouts:\n  a:\n    method: umap\n    align_to: b\n  b:\n    method: umap\n    align_to: a\n", "layouts.a.align_to", "cycle")]
    [InlineData("layouts:\n  umap:\n    dims: 3\n  p:\n    method: pca\n    align_to: umap\n", "layouts.p.align_to", "alignment needs equal dims")]
    [InlineData("layouts:\n  umap: 5\n", "layouts.umap", "expected a mapping")]
    [InlineData("layouts:\n  tsne:\n    init: spectral\n", "layouts.tsne.init", "t-SNE starts from pca or random")]
    [InlineData("layouts:\n  tsne:\n    n_neighbors: 5\n", "layouts.tsne.n_neighbors", "unknown key")]
    public void Load_BadLayout_NamesKeyAndProblem(string layouts, string key, string problem)
    {
        var error = Assert.Throws<SceneException>(() => Load(layouts));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message);
        Assert.True(error.Line >= 4, $"line {error.Line}");
    }

    [Fact]
    public void KeysByMethod_TogetherAreTheDocumentedLayoutKeys()
    {
        var union = LayoutSectionReader.KeysByMethod.Values.SelectMany(k => k).Distinct().Order();

        Assert.Equal(SceneKeys.Layout.Order(), union);
    }

    private Scene Load(string layouts) => SceneLoader.Load(_dir.Write("s.yaml", Dataset + layouts));
}
