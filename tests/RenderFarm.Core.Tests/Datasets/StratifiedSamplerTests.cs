using RenderFarm.Core.Datasets;

namespace RenderFarm.Core.Tests.Datasets;

public sealed class StratifiedSamplerTests
{
    private static readonly DatasetItem[] Items = Enumerable.Range(0, 1000)
        .Select(i => new DatasetItem($"item{i:D4}", i < 700 ? "big" : i < 950 ? "mid" : "small", new ImageFileSource($"/x/{i}.png")))
        .ToArray();

    [Fact]
    public void Sample_Stratified_KeepsEachLabelsShare()
    {
        IReadOnlyList<DatasetItem> sample = StratifiedSampler.Sample(Items, 100, seed: 1, stratify: true);

        Assert.Equal(100, sample.Count);
        var counts = sample.GroupBy(i => i.Label!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(70, counts["big"]);
        Assert.Equal(25, counts["mid"]);
        Assert.Equal(5, counts["small"]);
    }

    [Fact]
    public void Sample_SameSeed_SameItems_DifferentSeed_DifferentItems()
    {
        var a = StratifiedSampler.Sample(Items, 50, seed: 7, stratify: true).Select(i => i.Id).ToArray();
        var b = StratifiedSampler.Sample(Items, 50, seed: 7, stratify: true).Select(i => i.Id).ToArray();
        var c = StratifiedSampler.Sample(Items, 50, seed: 8, stratify: true).Select(i => i.Id).ToArray();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Sample_KeepsDatasetOrder_AndHasNoRepeats()
    {
        var sample = StratifiedSampler.Sample(Items, 300, seed: 3, stratify: false).Select(i => i.Id).ToArray();

        Assert.Equal(sample.Order(StringComparer.Ordinal), sample);
        Assert.Equal(300, sample.Distinct().Count());
    }

    [Fact]
    public void Sample_LimitAboveCount_ReturnsEverything()
    {
        Assert.Same(Items, StratifiedSampler.Sample(Items, 5000, seed: 0, stratify: true));
    }
}
