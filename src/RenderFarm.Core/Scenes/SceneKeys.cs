namespace RenderFarm.Core.Scenes;

/// <summary>
/// Every key a scene may hold, per section. The loader rejects anything else, and a test checks
/// that scenes/scene.schema.json lists exactly these.
/// </summary>
public static class SceneKeys
{
    public static readonly IReadOnlyList<string> Root = ["name", "description", "dataset", "embedder", "near_duplicates", "layouts"];

    /// <summary>Keys of one entry under <c>layouts:</c> (each method accepts a subset).</summary>
    public static readonly IReadOnlyList<string> Layout =
    [
        "method", "dims", "seed", "deterministic", "align_to", "metric", "pca_dims", "n_neighbors", "min_dist", "spread",
        "n_epochs", "learning_rate", "negative_sample_rate", "init", "perplexity", "exaggeration", "exaggeration_iter", "n_iter", "theta",
        "source", "columns", "rows", "exact_limit", "terrain",
    ];

    public static readonly IReadOnlyList<string> Dataset =
    [
        "kind", "path", "labels", "metadata", "class_names", "path_column", "label_column", "id_column", "image_column",
        "extensions", "limit", "seed", "stratify", "max_pixels",
    ];

    public static readonly IReadOnlyList<string> Embedder =
    [
        "kind", "size", "color", "normalize", "model", "image_size", "crop_size", "center_crop", "mean", "std",
        "channel_order", "rescale", "input", "output", "batch_size", "threads",
    ];

    public static readonly IReadOnlyList<string> NearDuplicates = ["enabled", "threshold", "max_pairs"];

    /// <summary>Sections by their key in the root mapping ("" is the root itself).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> BySection = new Dictionary<string, IReadOnlyList<string>>
    {
        [""] = Root,
        ["dataset"] = Dataset,
        ["embedder"] = Embedder,
        ["near_duplicates"] = NearDuplicates,
        ["layout"] = Layout,
    };
}
