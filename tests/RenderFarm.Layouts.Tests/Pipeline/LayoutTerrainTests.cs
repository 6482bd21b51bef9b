using System.Text.Json;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.Layouts.Terrain;
using RenderFarm.TestSupport;

namespace RenderFarm.Layouts.Tests.Pipeline;

/// <summary>Terrain heights written by the layout stage: which space they are measured in, the files, the cache and the scene key.</summary>
public sealed class LayoutTerrainTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly LayoutInput _input;

    public LayoutTerrainTests()
    {
        Directory.CreateDirectory(_dir.File("images"));
        (Matrix points, int[] labels) = Synthetic.Blobs(clusters: 3, perCluster: 100, columns: 40, separation: 8, seed: 5);
        string[] names = ["a", "b", "c"];
        _input = new LayoutInput(
            points,
            Enumerable.Range(0, points.Rows).Select(i => $"item{i}").ToArray(),
            labels.Select(l => (string?)names[l]).ToArray(),
            names,
            "terrain-blobs-v1");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Run_DefaultTerrain_IsTheEmbeddingSpaceMeanDistanceForEvery2DLayout()
    {
        IReadOnlyList<LayoutResult> results = Run("  umap:\n    seed: 1\n  pca: {}\n");

        float[] expected = TerrainHeight.Exact(_input.Embeddings).Heights;
        foreach (LayoutResult result in results)
        {
            TerrainOutput terrain = result.Terrain!;
            Assert.Equal("embedding", terrain.Summary.Space);
            Assert.True(terrain.Summary.Exact);
            Assert.Equal(0, terrain.Summary.HeightErrorBound);
            Assert.Equal(expected.Length, terrain.Heights.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], terrain.Heights[i], 1e-4f);
            }
        }
    }

    [Fact]
    public void Run_TerrainLayout_IsMeasuredInTheLayoutsOwnCoordinates()
    {
        LayoutResult pca = Assert.Single(Run("  pca:\n    terrain: layout\n"));

        float[] expected = TerrainHeight.Exact(pca.Coordinates).Heights;
        Assert.Equal("layout", pca.Terrain!.Summary.Space);
        Assert.Equal(expected, pca.Terrain.Heights);
    }

    [Fact]
    public void Run_TerrainNoneOr3D_HasNoTerrain()
    {
        IReadOnlyList<LayoutResult> results = Run("  flat:\n    method: pca\n    terrain: none\n  deep:\n    method: pca\n    dims: 3\n");

        Assert.All(results, r => Assert.Null(r.Terrain));
    }

    [Fact]
    public void Load_TerrainOnA3DLayout_NamesTheSceneKey()
    {
        var error = Assert.Throws<SceneException>(() => Scene("  pca:\n    dims: 3\n    terrain: embedding\n"));

        Assert.Equal("layouts.pca.terrain", error.Key);
        Assert.Contains("2-D", error.Message);
    }

    [Fact]
    public void Run_Twice_TerrainComesBackFromTheCacheUnchanged()
    {
        float[] first = Assert.Single(Run("  pca:\n    terrain: layout\n")).Terrain!.Heights;
        float[] second = Assert.Single(Run("  pca:\n    terrain: layout\n")).Terrain!.Heights;

        Assert.Equal(first, second);
    }

    [Fact]
    public void Write_TerrainLayout_WritesHeightsFileCsvColumnAndReportBound()
    {
        IReadOnlyList<LayoutResult> results = Run("  pca: {}\n  flat:\n    method: pca\n    terrain: none\n");

        string folder = LayoutOutputs.Write(_dir.File("out"), _input, results);

        Matrix heights = NpyFile.Read(Path.Combine(folder, "pca" + LayoutOutputs.TerrainSuffix));
        Assert.Equal((300, 1), (heights.Rows, heights.Columns));
        Assert.All(heights.Data, h => Assert.InRange(h, 0f, 1f));
        Assert.Equal(results[0].Terrain!.Heights, heights.Data);
        Assert.False(File.Exists(Path.Combine(folder, "flat" + LayoutOutputs.TerrainSuffix)));

        string[] csv = File.ReadAllLines(Path.Combine(folder, "pca.csv"));
        Assert.Equal("id,x,y,label,cluster,terrain", csv[0]);
        Assert.Equal(heights.Data[0], float.Parse(csv[1].Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("id,x,y,label,cluster", File.ReadLines(Path.Combine(folder, "flat.csv")).First());

        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, LayoutOutputs.ReportFile)));
        JsonElement terrain = report.RootElement[0].GetProperty("terrain");
        Assert.Equal("embedding", terrain.GetProperty("space").GetString());
        Assert.Equal(0, terrain.GetProperty("height_error_bound").GetDouble());
        Assert.False(report.RootElement[1].TryGetProperty("terrain", out _));
    }

    private IReadOnlyList<LayoutResult> Run(string layouts) =>
        LayoutRunner.Run(_input, Scene(layouts).Layouts, new ArtifactStore(_dir.File("cache")));

    private Scene Scene(string layouts) =>
        SceneLoader.Load(_dir.Write("scene.yaml", "dataset:\n  kind: image-folder\n  path: images\nlayouts:\n" + layouts));
}
