using System.Text.Json;
using System.Text.Json.Serialization;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Datasets;

namespace RenderFarm.Core.Reports;

/// <summary>What an embed run did, written as <c>report.json</c> next to the embeddings.</summary>
public sealed record EmbedReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Scene { get; init; }

    public required string SceneFile { get; init; }

    public required string Dataset { get; init; }

    public required string Embedder { get; init; }

    public required string CacheKey { get; init; }

    public required int Dimension { get; init; }

    public required EmbedCounts Counts { get; init; }

    public required double Seconds { get; init; }

    /// <summary>Items delivered per second of the whole run (cached ones included).</summary>
    public required double ImagesPerSecond { get; init; }

    public required IReadOnlyDictionary<string, double> StageSeconds { get; init; }

    public required IReadOnlyList<SkippedItem> Skipped { get; init; }

    public required NearDuplicateReport NearDuplicates { get; init; }

    /// <summary>Cache chunks that failed their checksum and were dropped (their items re-embedded).</summary>
    public IReadOnlyList<string> CorruptCacheChunks { get; init; } = [];

    public required DateTimeOffset StartedAt { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public void Write(string path) => AtomicFile.WriteAllText(path, ToJson());

    public static EmbedReport Read(string path) =>
        JsonSerializer.Deserialize<EmbedReport>(File.ReadAllText(path), JsonOptions)
        ?? throw new RenderFarmException($"{path}: empty report");
}

/// <summary>Item counts of a run. Added/removed compare with the previous run of the same scene.</summary>
public sealed record EmbedCounts(int Listed, int Embedded, int New, int Cached, int Skipped, int Added, int Removed);

public sealed record NearDuplicateReport(double Threshold, long PairCount, IReadOnlyList<NearDuplicateEntry> Pairs);

public sealed record NearDuplicateEntry(string A, string B, float Similarity);
