namespace RenderFarm.Core.Scenes;

/// <summary>Where a dataset comes from.</summary>
public enum DatasetKind
{
    /// <summary>A folder of images; the first sub-folder under the root is the class.</summary>
    ImageFolder,

    /// <summary>A CSV manifest: a path column, an optional label column, other columns kept as metadata.</summary>
    Csv,

    /// <summary>MNIST / Fashion-MNIST IDX files, gzipped or not.</summary>
    Idx,

    /// <summary>Precomputed embeddings: a 2-D .npy or a numeric CSV.</summary>
    Embeddings,
}

/// <summary>The <c>dataset:</c> section of a scene. Paths are absolute (resolved against the scene file).</summary>
public sealed record DatasetSpec
{
    public static readonly IReadOnlyList<string> DefaultExtensions = [".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp"];

    public required DatasetKind Kind { get; init; }

    /// <summary>Image folder, CSV manifest, IDX folder or images file, or embeddings file.</summary>
    public required string Path { get; init; }

    /// <summary>IDX: the labels file that goes with an images file given as <see cref="Path"/>.</summary>
    public string? Labels { get; init; }

    /// <summary>Embeddings: a CSV whose rows describe the matrix rows (columns id, label, image).</summary>
    public string? Metadata { get; init; }

    /// <summary>Names for integer class labels (IDX): label i is ClassNames[i].</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    public string PathColumn { get; init; } = "path";

    public string LabelColumn { get; init; } = "label";

    public string IdColumn { get; init; } = "id";

    public string ImageColumn { get; init; } = "image";

    /// <summary>Image folder: file extensions that are read as images (lower case, with the dot).</summary>
    public IReadOnlyList<string> Extensions { get; init; } = DefaultExtensions;

    /// <summary>Keep at most this many items (a seeded sample, stratified by label). Null keeps all.</summary>
    public int? Limit { get; init; }

    public int Seed { get; init; }

    public bool Stratify { get; init; } = true;

    /// <summary>Images with more pixels than this are skipped (decompression-bomb guard).</summary>
    public long MaxPixels { get; init; } = 100_000_000;
}
