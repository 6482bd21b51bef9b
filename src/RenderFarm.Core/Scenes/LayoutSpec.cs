namespace RenderFarm.Core.Scenes;

/// <summary>The algorithms a layout entry can name.</summary>
public enum LayoutMethod
{
    Umap,
    Tsne,
    Pca,
    Grid,
}

/// <summary>How a UMAP layout starts.</summary>
public enum LayoutInit
{
    Spectral,
    Pca,
    Random,
}

/// <summary>Distance in embedding space for neighbour search.</summary>
public enum LayoutMetric
{
    Euclidean,
    Cosine,
}

/// <summary>Where a 2-D layout's terrain heights (each item's mean distance to the others) are measured.</summary>
public enum LayoutTerrain
{
    /// <summary>In the embedding space: how isolated an item is in what the model sees.</summary>
    Embedding,

    /// <summary>In the layout's own coordinates.</summary>
    Layout,

    /// <summary>No terrain output.</summary>
    None,
}

/// <summary>What a layout starts from when the scene was rendered before (see <see cref="LayoutSpec.WarmStart"/>).</summary>
public enum WarmStartMode
{
    /// <summary>The previous run's coordinates (OUTPUT/&lt;scene&gt;/latest), when its method and parameters are unchanged.</summary>
    Previous,

    /// <summary>Always from scratch, as if the scene had never been rendered.</summary>
    None,
}

/// <summary>
/// One named entry of the <c>layouts:</c> section. Values stay as written (defaults filled in);
/// the checks that need the data (n_neighbors below N, a grid big enough) run with the data and
/// use <see cref="Locations"/> to name the line.
/// </summary>
public sealed record LayoutSpec
{
    public required string Name { get; init; }

    public required LayoutMethod Method { get; init; }

    /// <summary>2 or 3 (grids are 2-D).</summary>
    public int Dims { get; init; } = 2;

    public int Seed { get; init; }

    /// <summary>Same seed, same coordinates, at the cost of running single-threaded where order matters.</summary>
    public bool Deterministic { get; init; }

    public LayoutMetric Metric { get; init; } = LayoutMetric.Euclidean;

    /// <summary>Reduce the embeddings to this many principal components before neighbour search; null keeps them.</summary>
    public int? PcaDims { get; init; }

    public int NNeighbors { get; init; } = 15;

    public double MinDist { get; init; } = 0.1;

    public double Spread { get; init; } = 1.0;

    /// <summary>UMAP epochs; null picks umap-learn's default (500 up to 10,000 points, 200 above).</summary>
    public int? Epochs { get; init; }

    /// <summary>UMAP default 1.0; t-SNE default "auto" (N/12, openTSNE's rule), written as null.</summary>
    public double? LearningRate { get; init; }

    public int NegativeSampleRate { get; init; } = 5;

    /// <summary>Null picks the method's default: spectral for UMAP, PCA for t-SNE.</summary>
    public LayoutInit? Init { get; init; }

    public double Perplexity { get; init; } = 30;

    /// <summary>t-SNE early exaggeration factor and its iterations, then <see cref="Iterations"/> normal ones.</summary>
    public double Exaggeration { get; init; } = 12;

    public int ExaggerationIterations { get; init; } = 250;

    public int Iterations { get; init; } = 500;

    /// <summary>t-SNE 3-D: Barnes-Hut opening angle.</summary>
    public double Theta { get; init; } = 0.5;

    /// <summary>Grid: the 2-D layout to snap.</summary>
    public string? Source { get; init; }

    public int? Columns { get; init; }

    public int? Rows { get; init; }

    /// <summary>Grid: exact assignment up to this many points, the scalable method above.</summary>
    public int ExactLimit { get; init; } = 10_000;

    /// <summary>Terrain heights of a 2-D layout; null picks embedding for 2-D and none for 3-D.</summary>
    public LayoutTerrain? Terrain { get; init; }

    /// <summary>The terrain actually written: none for 3-D layouts, whatever was asked.</summary>
    public LayoutTerrain TerrainOrDefault => Dims == 2 ? Terrain ?? LayoutTerrain.Embedding : LayoutTerrain.None;

    /// <summary>
    /// A re-render starts from the previous run's layout of the same name and parameters: items
    /// present in both keep their positions as the starting point, new ones are placed among their
    /// neighbours, and the result is aligned to the previous one, so consecutive posters look alike.
    /// </summary>
    public WarmStartMode WarmStart { get; init; } = WarmStartMode.Previous;

    /// <summary>Rotate, reflect, scale and move this layout onto another (same dims) before use.</summary>
    public string? AlignTo { get; init; }

    /// <summary>Where each key of this entry was written; the entry itself under its name.</summary>
    public required IReadOnlyDictionary<string, SceneLocation> Locations { get; init; }

    public SceneLocation LocationOf(string key) =>
        Locations.TryGetValue(key, out SceneLocation? location) ? location : Locations[Name];
}
