using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Embedding.Analysis;
using RenderFarm.TestSupport;

namespace RenderFarm.Embedding.Tests.Analysis;

public sealed class NearDuplicateCacheTests : IDisposable
{
    private readonly TempDirectory _cache = new();
    private readonly Matrix _vectors = NearDuplicateFinderTests.GaussianWithCopies(500, 16, copies: 10, seed: 5);
    private readonly ContentHash[] _rows;

    public NearDuplicateCacheTests()
    {
        _rows = Enumerable.Range(0, _vectors.Rows).Select(i => ContentHash.OfText($"row {i}")).ToArray();
    }

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void FindOrLoad_SecondCall_ReadsTheSameResultFromTheCache()
    {
        var first = NearDuplicateCache.FindOrLoad(_cache.Path, "key", _rows, _vectors, 0.95, 100, CancellationToken.None);
        string entry = Assert.Single(Directory.GetFiles(Path.Combine(_cache.Path, "near-duplicates")));

        // Zeroed vectors would give no pairs if searched again: equal results prove the cache was read.
        var blank = new Matrix(_vectors.Rows, _vectors.Columns);
        var second = NearDuplicateCache.FindOrLoad(_cache.Path, "key", _rows, blank, 0.95, 100, CancellationToken.None);

        Assert.NotEmpty(first.Pairs);
        Assert.Equal(first.Count, second.Count);
        Assert.Equal(first.Pairs, second.Pairs);
        Assert.Equal(entry, Assert.Single(Directory.GetFiles(Path.Combine(_cache.Path, "near-duplicates"))));
    }

    [Fact]
    public void FindOrLoad_DifferentRowsOrSettings_SearchesAgain()
    {
        NearDuplicateCache.FindOrLoad(_cache.Path, "key", _rows, _vectors, 0.95, 100, CancellationToken.None);
        var blank = new Matrix(_vectors.Rows, _vectors.Columns);

        ContentHash[] otherRows = [.. _rows.Reverse()];
        Assert.Equal(0, NearDuplicateCache.FindOrLoad(_cache.Path, "key", otherRows, blank, 0.95, 100, CancellationToken.None).Count);
        Assert.Equal(0, NearDuplicateCache.FindOrLoad(_cache.Path, "key", _rows, blank, 0.96, 100, CancellationToken.None).Count);
        Assert.Equal(0, NearDuplicateCache.FindOrLoad(_cache.Path, "other", _rows, blank, 0.95, 100, CancellationToken.None).Count);
    }

    [Fact]
    public void FindOrLoad_DamagedEntry_IsSearchedAgain()
    {
        var first = NearDuplicateCache.FindOrLoad(_cache.Path, "key", _rows, _vectors, 0.95, 100, CancellationToken.None);
        string entry = Assert.Single(Directory.GetFiles(Path.Combine(_cache.Path, "near-duplicates")));
        File.WriteAllText(entry, "{ not json");

        var again = NearDuplicateCache.FindOrLoad(_cache.Path, "key", _rows, _vectors, 0.95, 100, CancellationToken.None);

        Assert.Equal(first.Pairs, again.Pairs);
        Assert.StartsWith("{\"Count\"", File.ReadAllText(entry), StringComparison.Ordinal);
    }
}
