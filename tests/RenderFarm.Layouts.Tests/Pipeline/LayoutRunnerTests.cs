using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.TestSupport;

namespace RenderFarm.Layouts.Tests.Pipeline;

/// <summary>The layout stage end to end on labelled blobs: quality, grids, alignment, cache, and errors that name the scene line.</summary>
public sealed class LayoutRunnerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly LayoutInput _input;

    public LayoutRunnerTests()
    {
        Directory.CreateDirectory(_dir.File("images"));
        (Matrix points, int[] labels) = Synthetic.Blobs(clusters: 4, perCluster: 150, columns: 20, separation: 8, seed: 3);
        string[] names = ["a", "b", "c", "d"];
        _input = new LayoutInput(
            points,
            Enumerable.Range(0, points.Rows).Select(i => $"item{i}").ToArray(),
            labels.Select(l => (string?)names[l]).ToArray(),
            names,
            "blobs-v1");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Run_UmapPcaGrid_GoodQualityAndAValidGrid()
    {
        IReadOnlyList<LayoutResult> results = Run("  umap:\n    seed: 1\n  pca:\n    align_to: umap\n  grid:\n    source: umap\n");

        LayoutResult umap = results[0];
        Assert.Equal((600, 2), (umap.Coordinates.Rows, umap.Coordinates.Columns));
        Assert.True(umap.Metrics.Trustworthiness >= 0.9, $"T = {umap.Metrics.Trustworthiness}");
        Assert.True(umap.Metrics.KnnAccuracy >= 0.95, $"accuracy = {umap.Metrics.KnnAccuracy}");
        Assert.Equal(4, umap.Metrics.Clusters);
        Assert.True(umap.Metrics.Silhouette > 0.5, $"silhouette = {umap.Metrics.Silhouette}");

        LayoutResult grid = results[2];
        GridMetrics shape = grid.Metrics.Grid!;
        Assert.True(shape.Columns * shape.Rows >= 600);
        var cells = Enumerable.Range(0, 600).Select(i => (grid.Coordinates.Row(i)[0], grid.Coordinates.Row(i)[1])).ToHashSet();
        Assert.Equal(600, cells.Count);
        Assert.True(grid.Metrics.KnnAccuracy >= 0.9, $"grid accuracy = {grid.Metrics.KnnAccuracy}");
    }

    [Fact]
    public void Run_Tsne_GoodQuality()
    {
        LayoutResult tsne = Assert.Single(Run("  tsne:\n    seed: 1\n    n_iter: 300\n"));

        Assert.Equal((600, 2), (tsne.Coordinates.Rows, tsne.Coordinates.Columns));
        Assert.True(tsne.Metrics.Trustworthiness >= 0.9, $"T = {tsne.Metrics.Trustworthiness}");
        Assert.True(tsne.Metrics.KnnAccuracy >= 0.95, $"accuracy = {tsne.Metrics.KnnAccuracy}");
    }

    [Fact]
    public void Run_AlignTo_BringsThePcaLayoutOntoTheUmapFrame()
    {
        IReadOnlyList<LayoutResult> results = Run("  umap:\n    seed: 1\n  pca:\n    align_to: umap\n  raw:\n    method: pca\n");

        Assert.True(Rms(results[0].Coordinates, results[1].Coordinates) < Rms(results[0].Coordinates, results[2].Coordinates));
    }

    [Fact]
    public void Run_Twice_SecondRunComesFromTheCache()
    {
        const string Layouts = "  umap:\n    seed: 2\n  grid:\n    source: umap\n";
        IReadOnlyList<LayoutResult> first = Run(Layouts);
        IReadOnlyList<LayoutResult> second = Run(Layouts);

        Assert.All(first, r => Assert.False(r.Cached));
        Assert.All(second, r => Assert.True(r.Cached));
        Assert.Equal(first[0].Coordinates.Data, second[0].Coordinates.Data);
        Assert.Equal(first[1].Clusters, second[1].Clusters);
        Assert.Equal(first[1].Metrics, second[1].Metrics);
    }

    [Fact]
    public void Run_WithoutMetricsThenWith_SecondRunAddsQualityAndKeepsTheGridFigures()
    {
        const string Layouts = "  umap:\n    seed: 2\n  grid:\n    source: umap\n";
        var cache = new ArtifactStore(_dir.File("cache"));
        IReadOnlyList<LayoutResult> quick = LayoutRunner.Run(_input, Scene(Layouts).Layouts, cache, measureQuality: false);
        IReadOnlyList<LayoutResult> full = LayoutRunner.Run(_input, Scene(Layouts).Layouts, cache);

        Assert.All(quick, r => Assert.Null(r.Metrics.Trustworthiness));
        Assert.NotNull(quick[1].Metrics.Grid);
        Assert.Equal(quick[1].Metrics.Grid, full[1].Metrics.Grid);
        Assert.Equal(quick[0].Coordinates.Data, full[0].Coordinates.Data);
        Assert.All(full, r => Assert.True(r.Metrics.Trustworthiness >= 0.85, $"{r.Spec.Name}: T = {r.Metrics.Trustworthiness}"));
        Assert.All(full, r => Assert.False(r.Cached));
    }

    [Theory]
    [InlineData("  umap:\n    n_neighbors: 600\n", "layouts.umap.n_neighbors", "must be less than the number of items (600)")]
    [InlineData("  umap: {}\n  grid:\n    source: umap\n    columns: 10\n    rows: 10\n", "layouts.grid.columns", "grid 10x10 has 100 cells for 600 items")]
    [InlineData("  umap:\n    pca_dims: 20\n", "layouts.umap.pca_dims", "must be less than the embedding's 20 dimensions")]
    [InlineData("  tsne:\n    perplexity: 200\n", "layouts.tsne.perplexity", "perplexity (200) is too large for 600 items")]
    public void Run_ParameterTooLargeForTheData_NamesTheSceneLine(string layouts, string key, string problem)
    {
        var error = Assert.Throws<SceneException>(() => Run(layouts));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message);
        Assert.True(error.Line > 3);
    }

    [Fact]
    public void Run_FewerThanThreeItems_IsAnError()
    {
        var tiny = new LayoutInput(new Matrix(2, 3, [0, 0, 0, 1, 1, 1]), ["a", "b"], [null, null], [], "tiny");
        Scene scene = Scene("  pca: {}\n");

        var error = Assert.Throws<SceneException>(() => LayoutRunner.Run(tiny, scene.Layouts, new ArtifactStore(_dir.File("cache"))));

        Assert.Contains("at least 3 items", error.Message);
    }

    [Fact]
    public void Run_TooFewItemsForQualityNeighbourhoods_LaysOutAndClustersWithoutQualityFigures()
    {
        // 24 items: UMAP and PCA work, but trustworthiness at k = 15 needs more than 30 points.
        (Matrix points, int[] labels) = Synthetic.Blobs(clusters: 2, perCluster: 12, columns: 5, separation: 8, seed: 5);
        var small = new LayoutInput(points, Enumerable.Range(0, 24).Select(i => $"s{i}").ToArray(), labels.Select(l => (string?)(l == 0 ? "a" : "b")).ToArray(), ["a", "b"], "small");

        IReadOnlyList<LayoutResult> results = LayoutRunner.Run(small, Scene("  umap:\n    n_neighbors: 5\n  pca: {}\n").Layouts, new ArtifactStore(_dir.File("cache")));

        Assert.All(results, r =>
        {
            Assert.Equal(24, r.Coordinates.Rows);
            Assert.Null(r.Metrics.Trustworthiness);
            Assert.Equal(2, r.Metrics.Clusters);
            Assert.NotNull(r.Metrics.Silhouette);
        });
    }

    private IReadOnlyList<LayoutResult> Run(string layouts) =>
        LayoutRunner.Run(_input, Scene(layouts).Layouts, new ArtifactStore(_dir.File("cache")));

    private Scene Scene(string layouts) =>
        SceneLoader.Load(_dir.Write("scene.yaml", "dataset:\n  kind: image-folder\n  path: images\nlayouts:\n" + layouts));

    private static double Rms(Matrix a, Matrix b) =>
        Math.Sqrt(a.Data.Zip(b.Data, (x, y) => (double)(x - y) * (x - y)).Sum() / a.Rows);
}
