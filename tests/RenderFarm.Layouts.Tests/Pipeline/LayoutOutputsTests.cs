using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.TestSupport;

namespace RenderFarm.Layouts.Tests.Pipeline;

/// <summary>The layouts a run folder keeps, read back as the next run does: exactly, or not at all when damaged.</summary>
public sealed class LayoutOutputsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly LayoutInput _input;
    private readonly IReadOnlyList<LayoutResult> _results;

    public LayoutOutputsTests()
    {
        Directory.CreateDirectory(_dir.File("images"));
        (Matrix points, int[] labels) = Synthetic.Blobs(clusters: 3, perCluster: 40, columns: 8, separation: 8, seed: 2);
        _input = new LayoutInput(points, Enumerable.Range(0, points.Rows).Select(i => $"id,{i}").ToArray(), labels.Select(l => (string?)$"c{l}").ToArray(), ["c0", "c1", "c2"], "blobs");
        Scene scene = SceneLoader.Load(_dir.Write("scene.yaml", "dataset:\n  kind: image-folder\n  path: images\nlayouts:\n  pca: {}\n  grid:\n    source: pca\n"));
        _results = LayoutRunner.Run(_input, scene.Layouts, new ArtifactStore(_dir.File("cache")));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ReadPrevious_GivesBackIdsCoordinatesAndKeys()
    {
        string folder = LayoutOutputs.Write(_dir.File("run"), _input, _results);

        IReadOnlyDictionary<string, PreviousLayout> read = LayoutOutputs.ReadPrevious(folder, "run-1");

        Assert.Equal(["grid", "pca"], read.Keys.Order(StringComparer.Ordinal));
        PreviousLayout pca = read["pca"];
        Assert.Equal(("run-1", _results[0].Key, _results[0].ParametersKey, _input.EmbeddingsKey), (pca.Run, pca.Key, pca.ParametersKey, pca.ItemsKey));
        Assert.Equal(_input.Ids, pca.Ids);
        Assert.Equal(_results[0].Coordinates.Data, pca.Coordinates.Data);
        Assert.NotEqual(read["grid"].ParametersKey, pca.ParametersKey);
    }

    [Fact]
    public void ReadPrevious_SkipsADamagedLayout_AndGivesNoneWithoutAReport()
    {
        string folder = LayoutOutputs.Write(_dir.File("run"), _input, _results);
        File.WriteAllBytes(Path.Combine(folder, "grid.npy"), [0x93, (byte)'N', (byte)'U']);

        Assert.Equal(["pca"], LayoutOutputs.ReadPrevious(folder, "run-1").Keys);

        File.Delete(Path.Combine(folder, LayoutOutputs.ReportFile));
        Assert.Empty(LayoutOutputs.ReadPrevious(folder, "run-1"));
        Assert.Empty(LayoutOutputs.ReadPrevious(_dir.File("nowhere"), "run-0"));
    }

    [Fact]
    public void ReadPrevious_OfAReportThatIsNotJson_GivesNone()
    {
        string folder = LayoutOutputs.Write(_dir.File("run"), _input, _results);
        File.WriteAllText(Path.Combine(folder, LayoutOutputs.ReportFile), "{ not json");

        Assert.Empty(LayoutOutputs.ReadPrevious(folder, "run-1"));
    }
}
