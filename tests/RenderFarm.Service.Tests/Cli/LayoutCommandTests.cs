using RenderFarm.Core.IO;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Cli;

public sealed class LayoutCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Layout_TinyScene_WritesEveryLayoutWithMetrics()
    {
        string scene = TestScenes.WriteTiny(_dir);
        File.AppendAllText(scene, "\nlayouts:\n  umap:\n    n_neighbors: 10\n  pca: {}\n  grid:\n    source: umap\n");

        CliRun run = CliRun.Of("layout", scene, "--output", _dir.File("out"), "--cache", _dir.File("cache"));

        Assert.True(run.ExitCode == 0, run.ToString());
        string folder = _dir.File("out/tiny/layouts");
        foreach (string name in new[] { "umap", "pca", "grid" })
        {
            Assert.Equal((TestScenes.TinyCount, 2), Shape(NpyFile.Read(Path.Combine(folder, name + ".npy"))));
            string[] csv = File.ReadAllLines(Path.Combine(folder, name + ".csv"));
            Assert.Equal("id,x,y,label,cluster,terrain", csv[0]);
            Assert.Equal(TestScenes.TinyCount + 1, csv.Length);
            Assert.Equal((TestScenes.TinyCount, 1), Shape(NpyFile.Read(Path.Combine(folder, name + ".terrain.npy"))));
            Assert.Contains(run.OutLines, line => line.StartsWith(name + " ", StringComparison.Ordinal));
        }

        Assert.True(File.Exists(Path.Combine(folder, "report.json")));
        Assert.Contains("exact (Jonker-Volgenant)", run.Out);
    }

    [Fact]
    public void Layout_NoMetrics_WritesLayoutsWithoutQualityFigures()
    {
        string scene = TestScenes.WriteTiny(_dir);
        File.AppendAllText(scene, "\nlayouts:\n  pca: {}\n");

        CliRun run = CliRun.Of("layout", scene, "--no-metrics", "--output", _dir.File("out"), "--cache", _dir.File("cache"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(_dir.File("out/tiny/layouts/pca.npy")));
        string line = Assert.Single(run.OutLines, l => l.StartsWith("pca ", StringComparison.Ordinal));
        // After name, method, dims and seconds (37 columns) come T, recall, accuracy, silhouette: all "–".
        Assert.Equal(["–", "–", "–", "–"], line[37..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Layout_SecondRun_IsCached()
    {
        string scene = TestScenes.WriteTiny(_dir);
        File.AppendAllText(scene, "\nlayouts:\n  pca: {}\n");
        string[] args = ["layout", scene, "--output", _dir.File("out"), "--cache", _dir.File("cache")];
        CliRun.Of(args);

        CliRun second = CliRun.Of(args);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains(second.OutLines, line => line.StartsWith("pca ", StringComparison.Ordinal) && line.EndsWith("cached", StringComparison.Ordinal));
    }

    [Fact]
    public void Layout_SceneWithoutLayouts_IsAUserError()
    {
        string scene = TestScenes.WriteTiny(_dir);

        CliRun run = CliRun.Of("layout", scene, "--output", _dir.File("out"), "--cache", _dir.File("cache"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has no layouts section", run.Error);
    }

    [Fact]
    public void Layout_NeighboursAtLeastTheItemCount_NamesTheSceneLine()
    {
        string scene = TestScenes.WriteTiny(_dir);
        File.AppendAllText(scene, "\nlayouts:\n  umap:\n    n_neighbors: 60\n");

        CliRun run = CliRun.Of("layout", scene, "--output", _dir.File("out"), "--cache", _dir.File("cache"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("layouts.umap.n_neighbors: n_neighbors (60) must be less than the number of items (60)", run.Error);
        Assert.Contains("tiny.yaml:", run.Error);
    }

    [Fact]
    public void Validate_LayoutTooBigForTheDataset_FailsBeforeAnyWork()
    {
        string scene = TestScenes.WriteTiny(_dir);
        File.AppendAllText(scene, "\nlayouts:\n  umap: {}\n  grid:\n    source: umap\n    columns: 5\n    rows: 5\n");

        CliRun run = CliRun.Of("validate", scene, "--output", _dir.File("out"), "--cache", _dir.File("cache"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("layouts.grid.columns: grid 5x5 has 25 cells for 60 items", run.Error);
        Assert.False(Directory.Exists(_dir.File("out")));
    }

    [Fact]
    public void Validate_SceneWithLayouts_ListsThem()
    {
        string scene = TestScenes.WriteTiny(_dir);
        File.AppendAllText(scene, "\nlayouts:\n  umap:\n    n_neighbors: 10\n  flat:\n    method: pca\n    align_to: umap\n");

        CliRun run = CliRun.Of("validate", scene, "--output", _dir.File("out"), "--cache", _dir.File("cache"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("layout umap: umap, 2-D", run.OutLines);
        Assert.Contains("layout flat: pca, 2-D, aligned to umap", run.OutLines);
    }

    private static (int, int) Shape(Matrix m) => (m.Rows, m.Columns);
}
