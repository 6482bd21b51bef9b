using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// What the layout stage works from: the embeddings (row i is item i), the items' ids and labels,
/// and a key that identifies the embeddings (the embedder and the rows' content), for the cache.
/// </summary>
public sealed record LayoutInput(
    Matrix Embeddings,
    IReadOnlyList<string> Ids,
    IReadOnlyList<string?> Labels,
    IReadOnlyList<string> ClassNames,
    string EmbeddingsKey)
{
    /// <summary>Labels as class indices (−1 for none), or null when no item has a label.</summary>
    public int[]? LabelIndices()
    {
        if (Labels.All(l => l is null))
        {
            return null;
        }

        var index = ClassNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        return Labels.Select(l => l is not null && index.TryGetValue(l, out int i) ? i : -1).ToArray();
    }
}
