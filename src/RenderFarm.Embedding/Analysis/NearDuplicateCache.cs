using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;

namespace RenderFarm.Embedding.Analysis;

/// <summary>
/// Remembers near-duplicate results under <c>CACHE/near-duplicates/</c>, keyed by the embedder, the
/// search settings and the ordered content hashes of the rows: the same key means the same matrix,
/// so a re-run of an unchanged dataset skips the search (seconds at 70,000 items). Pairs are stored
/// as row indices, so renamed items still map correctly.
/// </summary>
public static class NearDuplicateCache
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    public static (long Count, List<NearDuplicatePair> Pairs) FindOrLoad(
        string cacheRoot, string embedderKey, IReadOnlyList<ContentHash> rows, Matrix vectors, double threshold, int maxPairs, CancellationToken cancellation)
    {
        string path = Path.Combine(cacheRoot, "near-duplicates", Key(embedderKey, rows, threshold, maxPairs) + ".json");
        if (TryRead(path) is { } cached)
        {
            return (cached.Count, cached.Pairs.Select(p => new NearDuplicatePair(p[0], p[1], BitConverter.Int32BitsToSingle(p[2]))).ToList());
        }

        (long count, List<NearDuplicatePair> pairs) = NearDuplicateFinder.Find(vectors, threshold, maxPairs, cancellation);
        // Similarities are stored as their float bits so a cached result is bit-identical to a fresh one.
        var entry = new Entry { Count = count, Pairs = pairs.Select(p => new[] { p.A, p.B, BitConverter.SingleToInt32Bits(p.Similarity) }).ToList() };
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(entry, Json));
        return (count, pairs);
    }

    private static string Key(string embedderKey, IReadOnlyList<ContentHash> rows, double threshold, int maxPairs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v1|{embedderKey}|{threshold:R}|{maxPairs}|{rows.Count}|")));
        Span<byte> bytes = stackalloc byte[ContentHash.ByteLength];
        foreach (ContentHash row in rows)
        {
            row.WriteTo(bytes);
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    private static Entry? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Entry>(File.ReadAllText(path), Json) : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            // A damaged entry only costs a new search.
            return null;
        }
    }

    private sealed class Entry
    {
        public long Count;
        public List<int[]> Pairs = [];
    }
}
