namespace RenderFarm.Service.Renders;

/// <summary>Where a render reads and writes, and which of the scene's outputs it makes.</summary>
public sealed record RenderOptions
{
    /// <summary>Output root: the run folder is OUTPUT/&lt;scene&gt;/&lt;run&gt;/.</summary>
    public required string OutputRoot { get; init; }

    /// <summary>
    /// Where the scene's runs and its <c>latest</c> link live, which a re-render starts from; null
    /// means OUTPUT/&lt;scene&gt;. A job server that renders into scratch folders names the real one.
    /// </summary>
    public string? SceneFolder { get; init; }

    /// <summary>The artifact cache (embeddings, layouts, thumbnails).</summary>
    public required string CacheRoot { get; init; }

    /// <summary>Output names to render; empty renders every output of the scene.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>New vectors per embedding-cache chunk (see CliPaths.CacheFlushEvery).</summary>
    public int CacheFlushEvery { get; init; } = 8192;
}
