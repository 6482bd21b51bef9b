using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Datasets;

/// <summary>A loaded (and sampled) dataset: its items in a stable order, and what was skipped while listing them.</summary>
public sealed class Dataset
{
    public required DatasetKind Kind { get; init; }

    public required IReadOnlyList<DatasetItem> Items { get; init; }

    /// <summary>Class names in legend order: the scene's class_names, else the labels sorted.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Items found but unusable before any decoding (a manifest row naming a missing file...).</summary>
    public IReadOnlyList<SkippedItem> Skipped { get; init; } = [];

    /// <summary>Precomputed embeddings; <see cref="VectorSource.Row"/> indexes it.</summary>
    public Matrix? Vectors { get; init; }

    /// <summary>Side of the images when all share one native square size (IDX: 28).</summary>
    public int? NativeSize { get; init; }

    /// <summary>How many items the source held before sampling.</summary>
    public int TotalBeforeSampling { get; init; }

    /// <summary>One line for people, e.g. "IDX, 70,000 items in 10 classes from 2 files".</summary>
    public required string Description { get; init; }

    public static IReadOnlyList<string> SortedLabels(IEnumerable<DatasetItem> items) =>
        items.Select(i => i.Label).OfType<string>().Distinct(StringComparer.Ordinal).Order(NaturalComparer.Instance).ToArray();
}
