namespace RenderFarm.Core.Scenes;

/// <summary>
/// Every key a scene may hold, per section. The loader rejects anything else, and a test checks
/// that scenes/scene.schema.json lists exactly these.
/// </summary>
public static class SceneKeys
{
    public static readonly IReadOnlyList<string> Root = ["name", "description", "dataset", "embedder", "near_duplicates", "layouts", "render", "outputs", "schedule"];

    /// <summary>Keys of one entry under <c>layouts:</c> (each method accepts a subset).</summary>
    public static readonly IReadOnlyList<string> Layout =
    [
        "method", "dims", "seed", "deterministic", "align_to", "metric", "pca_dims", "n_neighbors", "min_dist", "spread",
        "n_epochs", "learning_rate", "negative_sample_rate", "init", "perplexity", "exaggeration", "exaggeration_iter", "n_iter", "theta",
        "source", "columns", "rows", "exact_limit", "terrain", "warm_start",
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

    public static readonly IReadOnlyList<string> Render = ["device", "cell_size", "background", "msaa"];

    /// <summary>Keys of <c>schedule:</c>, read by the render service (see <see cref="ScheduleSpec"/>).</summary>
    public static readonly IReadOnlyList<string> Schedule = ["cron", "time_zone"];

    /// <summary>Keys of one entry under <c>outputs:</c> (images and videos each accept a subset).</summary>
    public static readonly IReadOnlyList<string> Output =
    [
        "kind", "layout", "style", "size", "item_size", "size_units", "sprite_mode", "border", "color_by", "overlays", "file",
        "paper", "orientation", "dpi", "fps", "crf", "preset", "timeline", "highlight", "surface",
    ];

    public static readonly IReadOnlyList<string> Overlays = ["title", "legend", "cluster_labels", "caption"];

    /// <summary>One item of a video's <c>timeline:</c> holds exactly one of these.</summary>
    public static readonly IReadOnlyList<string> TimelineStep = ["hold", "morph", "camera", "orbit", "fade", "sweep", "replay"];

    public static readonly IReadOnlyList<string> Hold = ["layout", "seconds"];

    public static readonly IReadOnlyList<string> Morph = ["from", "to", "seconds", "easing", "stagger", "stagger_spread"];

    public static readonly IReadOnlyList<string> Camera = ["to", "seconds", "easing"];

    /// <summary>The mapping form of a camera step's <c>to:</c> (the other form is the word fit).</summary>
    public static readonly IReadOnlyList<string> CameraTo = ["cluster", "center", "height"];

    public static readonly IReadOnlyList<string> Orbit = ["seconds", "degrees", "easing"];

    public static readonly IReadOnlyList<string> Fade = ["overlay", "from", "to", "seconds", "easing"];

    public static readonly IReadOnlyList<string> Sweep = ["layout", "parameter", "values", "seconds_each", "easing"];

    public static readonly IReadOnlyList<string> Replay = ["layout", "every", "seconds"];

    /// <summary>Sections by their key in the root mapping ("" is the root itself).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> BySection = new Dictionary<string, IReadOnlyList<string>>
    {
        [""] = Root,
        ["dataset"] = Dataset,
        ["embedder"] = Embedder,
        ["near_duplicates"] = NearDuplicates,
        ["layout"] = Layout,
        ["render"] = Render,
        ["schedule"] = Schedule,
        ["output"] = Output,
        ["overlays"] = Overlays,
        ["timeline_step"] = TimelineStep,
        ["hold"] = Hold,
        ["morph"] = Morph,
        ["camera"] = Camera,
        ["camera_to"] = CameraTo,
        ["orbit"] = Orbit,
        ["fade"] = Fade,
        ["sweep"] = Sweep,
        ["replay"] = Replay,
    };
}
