using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Datasets;
using RenderFarm.Core.Thumbnails;

namespace RenderFarm.Embedding.Thumbnails;

/// <summary>
/// Makes the square thumbnails the renderer's texture atlases are built from, one per item in item
/// order, on all cores, and caches them by (item contents, options): a re-render of the same
/// dataset reads them back instead of decoding every image again.
/// </summary>
public static class ThumbnailBuilder
{
    private const string Kind = "thumbnails";

    public static ThumbnailResult Build(
        IReadOnlyList<DatasetItem> items,
        ThumbnailOptions options,
        ArtifactStore? cache = null,
        IProgress<ThumbnailProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        options.Validate();
        string? key = cache is null ? null : CacheKey(items, options);
        if (key is not null && TryRead(cache!, key, items.Count, options) is { } cached)
        {
            progress?.Report(new ThumbnailProgress(items.Count, items.Count));
            return cached;
        }

        var set = ThumbnailSet.Allocate(items.Count, options.CellSize);
        var failures = new ConcurrentBag<ThumbnailFailure>();
        int done = 0;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, items.Count, parallel, i =>
        {
            if (ThumbnailCell.TryFill(items[i], options, set.WritableCell(i)) is { } reason)
            {
                failures.Add(new ThumbnailFailure(i, items[i].Id, reason));
            }

            int now = Interlocked.Increment(ref done);
            if (now % 4096 == 0 || now == items.Count)
            {
                progress?.Report(new ThumbnailProgress(now, items.Count));
            }
        });

        var ordered = failures.OrderBy(f => f.Index).ToList();
        var result = new ThumbnailResult(set, false, ordered);
        if (key is not null)
        {
            Write(cache!, key, result);
        }

        return result;
    }

    /// <summary>
    /// The key covers every item's content hash in order (the cells are in item order) and the
    /// options; null when an item has no hash yet, since then the pixels could change unseen.
    /// </summary>
    internal static string? CacheKey(IReadOnlyList<DatasetItem> items, ThumbnailOptions options)
    {
        var hashes = new byte[items.Count * ContentHash.ByteLength];
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].Hash is not { } hash)
            {
                return null;
            }

            hash.WriteTo(hashes.AsSpan(i * ContentHash.ByteLength));
        }

        return $"thumbnails/v1;{options.Key};n={items.Count};items={ContentHash.Of(hashes)}";
    }

    private static ThumbnailResult? TryRead(ArtifactStore cache, string key, int count, ThumbnailOptions options)
    {
        byte[]? failureJson = cache.TryRead(Kind, key + ";failures");
        if (failureJson is null)
        {
            return null;
        }

        var set = ThumbnailSet.Allocate(count, options.CellSize);
        for (int page = 0; page < set.PageCount; page++)
        {
            byte[]? bytes = cache.TryRead(Kind, PageKey(key, page, set.PageCount));
            if (bytes is null || bytes.Length != set.Page(page).Length)
            {
                return null;
            }

            int first = page * set.CellsPerPage;
            for (int cell = 0; cell * set.CellBytes < bytes.Length; cell++)
            {
                bytes.AsSpan(cell * set.CellBytes, set.CellBytes).CopyTo(set.WritableCell(first + cell));
            }
        }

        var failures = JsonSerializer.Deserialize<List<ThumbnailFailure>>(failureJson) ?? [];
        return new ThumbnailResult(set, true, failures);
    }

    private static void Write(ArtifactStore cache, string key, ThumbnailResult result)
    {
        ThumbnailSet set = result.Thumbnails;
        for (int page = 0; page < set.PageCount; page++)
        {
            cache.Write(Kind, PageKey(key, page, set.PageCount), set.Page(page));
        }

        // Written last: its presence says every page before it is complete.
        cache.Write(Kind, key + ";failures", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(result.Failures)));
    }

    private static string PageKey(string key, int page, int pages) => $"{key};page={page}/{pages}";
}
