namespace RenderFarm.Embedding.Pipeline;

/// <summary>Where an embed run writes: outputs under <c>OutputRoot/&lt;scene&gt;/</c>, vectors cached under <see cref="CacheRoot"/>.</summary>
public sealed record EmbedOptions(string OutputRoot, string CacheRoot)
{
    /// <summary>Items per cache chunk; smaller means less work lost when a run is killed.</summary>
    public int CacheFlushEvery { get; init; } = 8192;

    /// <summary>A chunk is also written at least this often, so slow models lose seconds, not minutes.</summary>
    public TimeSpan CacheFlushInterval { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>Progress of a run: <see cref="Done"/> of <see cref="Total"/> items handled.</summary>
public sealed record EmbedProgress(string Stage, int Done, int Total, int Cached, int Skipped);
