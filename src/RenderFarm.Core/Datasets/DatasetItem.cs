using RenderFarm.Core.Artifacts;

namespace RenderFarm.Core.Datasets;

/// <summary>
/// One item of a dataset. <see cref="Id"/> is stable across runs (a relative path, a manifest id or
/// an IDX file and index), so layouts and caches can follow an item as the dataset grows.
/// </summary>
public sealed record DatasetItem(string Id, string? Label, ItemSource Source)
{
    /// <summary>
    /// Hash of the item's content. Known at load time for in-memory sources (IDX pixels, vectors);
    /// null for image files until the embedding stage reads them, so each file is read once.
    /// </summary>
    public ContentHash? Hash { get; init; }

    /// <summary>Extra manifest columns, kept for captions and filters.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
