namespace RenderFarm.Service.Renders;

/// <summary>Where a render reads and writes, and which of the scene's outputs it makes.</summary>
public sealed record RenderOptions
{
    /// <summary>Output root: the run folder is OUTPUT/&lt;scene&gt;/&lt;run&gt;/.</summary>
    public required string OutputRoot { get; init; }

    /// <summary>
    /// With <see cref="PinnedPrevious"/>, the run a re-render starts from, as the caller fixed it (a job
    /// server pins it at submission), null meaning none; otherwise unused, and the run
    /// OUTPUT/&lt;scene&gt;/latest points at is read when the layouts are computed.
    /// </summary>
    public string? PreviousRunFolder { get; init; }

    /// <summary>Whether <see cref="PreviousRunFolder"/> is used as given rather than <c>latest</c> read.</summary>
    public bool PinnedPrevious { get; init; }

    /// <summary>The artifact cache (embeddings, layouts, thumbnails).</summary>
    public required string CacheRoot { get; init; }

    /// <summary>Output names to render; empty renders every output of the scene.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>New vectors per embedding-cache chunk (see CliPaths.CacheFlushEvery).</summary>
    public int CacheFlushEvery { get; init; } = 8192;
}
