using RenderFarm.Core.Reports;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Pipeline;

namespace RenderFarm.Embedding.Tests.Pipeline;

/// <summary>A re-run embeds only content the cache lacks and reports what was added and removed since the last run.</summary>
public sealed class IncrementalPipelineTests : IDisposable
{
    private const int Initial = 40;
    private readonly PipelineWorkspace _workspace = new();
    private readonly Scene _scene;
    private readonly Dictionary<string, float[]> _first;

    public IncrementalPipelineTests()
    {
        for (int i = 0; i < Initial; i++)
        {
            _workspace.WriteData(Name(i), SampleImages.Png(i, size: 8));
        }

        _scene = _workspace.Scene("name: growing\ndataset: {kind: image-folder, path: data}\nembedder: {kind: pixels, size: 8}\n");
        _first = ById(_workspace.Run(_scene));
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Run_FirstRun_EmbedsEverything()
    {
        EmbedCounts counts = _workspace.ReadReport(_scene).Counts;

        Assert.Equal(new EmbedCounts(Listed: Initial, Embedded: Initial, New: Initial, Cached: 0, Skipped: 0, Added: Initial, Removed: 0), counts);
    }

    [Fact]
    public void Run_FiveImagesAdded_EmbedsOnlyTheFive()
    {
        AddFive();

        EmbedResult result = _workspace.Run(_scene);

        EmbedCounts counts = _workspace.ReadReport(_scene).Counts;
        Assert.Equal((45, 5, 40, 5, 0), (counts.Embedded, counts.New, counts.Cached, counts.Added, counts.Removed));
        AssertUnchangedRowsEqualFirstRun(result);
    }

    [Fact]
    public void Run_ThreeImagesDeletedAfterFiveAdded_EmbedsNothingAndCountsThemRemoved()
    {
        AddFive();
        _workspace.Run(_scene);
        File.Delete(_workspace.DataPath(Name(0)));
        File.Delete(_workspace.DataPath(Name(17)));
        File.Delete(_workspace.DataPath(Name(39)));

        EmbedResult result = _workspace.Run(_scene);

        EmbedCounts counts = _workspace.ReadReport(_scene).Counts;
        Assert.Equal((42, 0, 42, 0, 3), (counts.Embedded, counts.New, counts.Cached, counts.Added, counts.Removed));
        Assert.DoesNotContain(Name(17), result.Items.Select(i => i.Id));
        AssertUnchangedRowsEqualFirstRun(result);
    }

    [Fact]
    public void Run_ImageRenamed_IsCachedUnderItsNewId()
    {
        Directory.CreateDirectory(_workspace.DataPath("renamed"));
        File.Move(_workspace.DataPath(Name(5)), _workspace.DataPath("renamed/five.png"));

        EmbedResult result = _workspace.Run(_scene);

        EmbedCounts counts = _workspace.ReadReport(_scene).Counts;
        Assert.Equal((40, 0, 40, 1, 1), (counts.Embedded, counts.New, counts.Cached, counts.Added, counts.Removed));
        int row = result.Items.Select(i => i.Id).ToList().IndexOf("renamed/five.png");
        Assert.Equal(_first[Name(5)], result.Vectors.Row(row).ToArray());
        AssertUnchangedRowsEqualFirstRun(result);
    }

    [Fact]
    public void Run_OneImageRepainted_EmbedsExactlyThatOne()
    {
        _workspace.WriteData(Name(9), SampleImages.Png(200, size: 8));

        EmbedResult result = _workspace.Run(_scene);

        EmbedCounts counts = _workspace.ReadReport(_scene).Counts;
        Assert.Equal((40, 1, 39, 0, 0), (counts.Embedded, counts.New, counts.Cached, counts.Added, counts.Removed));
        Dictionary<string, float[]> now = ById(result);
        Assert.NotEqual(_first[Name(9)], now[Name(9)]);
        AssertUnchangedRowsEqualFirstRun(result, except: Name(9));
    }

    private void AddFive()
    {
        for (int i = Initial; i < Initial + 5; i++)
        {
            _workspace.WriteData(Name(i), SampleImages.Png(i, size: 8));
        }
    }

    /// <summary>Two folders, so ids carry a class; zero-padded, so the id order is the creation order.</summary>
    private static string Name(int i) => $"{(i % 2 == 0 ? "even" : "odd")}/{i:D3}.png";

    private static Dictionary<string, float[]> ById(EmbedResult result) =>
        result.Items.Select((item, row) => (item.Id, Vector: result.Vectors.Row(row).ToArray())).ToDictionary(p => p.Id, p => p.Vector);

    private void AssertUnchangedRowsEqualFirstRun(EmbedResult result, string? except = null)
    {
        Dictionary<string, float[]> now = ById(result);
        int compared = 0;
        foreach ((string id, float[] vector) in now)
        {
            if (id != except && _first.TryGetValue(id, out float[]? before))
            {
                Assert.Equal(before, vector);
                compared++;
            }
        }

        Assert.True(compared >= Initial - 3, $"only {compared} items were in both runs");
    }
}
