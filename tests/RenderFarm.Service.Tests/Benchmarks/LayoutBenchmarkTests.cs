using System.Text.Json;
using RenderFarm.Service.Tests.Cli;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Benchmarks;

/// <summary>The layout benchmark's shape on 600 rows: every row present, every figure finite (never its speed).</summary>
public sealed class LayoutBenchmarkTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void BenchLayouts_TinySize_PrintsAndSavesEveryRow()
    {
        CliRun run = CliRun.Of("bench", "layouts", "--sizes", "600", "--peers", "none", "--only", "umap,grid,pca", "--output", _dir.File("out"));

        Assert.True(run.ExitCode == 0, run.ToString());
        string[] keys = ["load", "umap-knn-600", "umap-fit-600", "umap-total-600", "umap-whole-600", "umap-process-600", "pca-600", "grid-exact-576", "grid-scalable-ten", "grid-scalable-all"];
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(_dir.File("out/bench/layouts.json")));
        JsonElement[] rows = json.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(keys, rows.Select(r => r.GetProperty("key").GetString()));
        foreach (JsonElement row in rows)
        {
            Assert.Contains(run.OutLines, line => line.StartsWith(row.GetProperty("task").GetString()!, StringComparison.Ordinal));
            foreach (string figure in new[] { "seconds", "cores_busy", "peak_mib" })
            {
                double value = row.GetProperty(figure).GetDouble();
                Assert.True(double.IsFinite(value) && value >= 0, $"{row.GetProperty("key")}.{figure} = {value}");
            }
        }

        foreach (string key in new[] { "umap-total-600", "pca-600", "grid-exact-576", "grid-scalable-all" })
        {
            JsonElement row = rows.Single(r => r.GetProperty("key").GetString() == key);
            Assert.InRange(row.GetProperty("trustworthiness").GetDouble(), 0.5, 1.0);
            Assert.InRange(row.GetProperty("knn_accuracy").GetDouble(), 0.1, 1.0);
        }

        JsonElement scalable = rows.Single(r => r.GetProperty("key").GetString() == "grid-scalable-ten");
        Assert.Equal("mean displacement / exact, same points", scalable.GetProperty("checks")[0].GetProperty("what").GetString());
        Assert.Contains(json.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("not this run", StringComparison.Ordinal));
    }

    [Fact]
    public void BenchLayouts_UnknownPart_IsAnError()
    {
        CliRun run = CliRun.Of("bench", "layouts", "--only", "isomap", "--peers", "none", "--output", _dir.File("out"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("unknown part 'isomap'", run.Error);
    }

    [Fact]
    public void BenchLayouts_PeersFolderWithoutScripts_IsAnErrorBeforeMeasuring()
    {
        CliRun run = CliRun.Of("bench", "layouts", "--peers", _dir.Path, "--output", _dir.File("out"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("run_all.sh", run.Error);
        Assert.False(File.Exists(_dir.File("out/bench/layouts.json")));
    }
}
