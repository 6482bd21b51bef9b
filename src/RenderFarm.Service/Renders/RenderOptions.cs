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

    /// <summary>
    /// The run a re-render starts from, when the caller fixed it (a job server pins it at submission);
    /// null reads <c>latest</c> in the scene folder. See <see cref="PinnedPrevious"/>.
    /// </summary>
    public string? PreviousRunFolder { get; init; }

    /// <summary>Whether <see cref="PreviousRunFolder"/> is to be used as given, null meaning "no previous run".</summary>
    public bool PinnedPrevious { get; init; }

    /// <summary>The artifact cache (embeddings, layouts, thumbnails).</summary>
    public required string CacheRoot { get; init; }

    /// <summary>Output names to render; empty renders every output of the scene.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>New vectors per embedding-cache chunk (see CliPaths.CacheFlushEvery).</summary>
    public int CacheFlushEvery { get; init; } = 8192;
}
