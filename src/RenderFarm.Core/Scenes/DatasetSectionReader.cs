namespace RenderFarm.Core.Scenes;

/// <summary>Reads and checks the <c>dataset:</c> section.</summary>
internal static class DatasetSectionReader
{
    private static readonly Dictionary<string, DatasetKind> Kinds = new()
    {
        ["image-folder"] = DatasetKind.ImageFolder,
        ["csv"] = DatasetKind.Csv,
        ["idx"] = DatasetKind.Idx,
        ["embeddings"] = DatasetKind.Embeddings,
    };

    public static DatasetSpec Read(SceneMap map, string baseDirectory)
    {
        map.RejectUnknownKeys(SceneKeys.Dataset);
        DatasetKind kind = map.Choice("kind", Kinds) ?? throw map.ErrorAt("kind", $"required: one of {string.Join(", ", Kinds.Keys)}");
        string rawPath = map.String("path") ?? throw map.ErrorAt("path", "required: the dataset's folder or file");
        string path = ResolvePath(rawPath, baseDirectory);
        CheckDatasetPath(map, kind, path);

        string? labels = OptionalFile(map, "labels", baseDirectory);
        string? metadata = OptionalFile(map, "metadata", baseDirectory);
        if (labels is not null && !(kind == DatasetKind.Idx && File.Exists(path)))
        {
            throw map.ErrorAt("labels", "only for an IDX dataset whose path is an images file (a folder finds its labels itself)");
        }

        if (metadata is not null && kind != DatasetKind.Embeddings)
        {
            throw map.ErrorAt("metadata", "only for an embeddings dataset (a CSV manifest holds its metadata in its own columns)");
        }

        var defaults = new DatasetSpec { Kind = kind, Path = path };
        return defaults with
        {
            Labels = labels,
            Metadata = metadata,
            ClassNames = map.StringList("class_names"),
            PathColumn = map.String("path_column") ?? defaults.PathColumn,
            LabelColumn = map.String("label_column") ?? defaults.LabelColumn,
            IdColumn = map.String("id_column") ?? defaults.IdColumn,
            ImageColumn = map.String("image_column") ?? defaults.ImageColumn,
            Extensions = ReadExtensions(map) ?? defaults.Extensions,
            Limit = map.Int("limit", 1),
            Seed = map.Int("seed") ?? defaults.Seed,
            Stratify = map.Bool("stratify") ?? defaults.Stratify,
            MaxPixels = map.Long("max_pixels", 1) ?? defaults.MaxPixels,
        };
    }

    public static string ResolvePath(string path, string baseDirectory)
    {
        string expanded = path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
        return Path.GetFullPath(expanded, baseDirectory);
    }

    private static void CheckDatasetPath(SceneMap map, DatasetKind kind, string path)
    {
        bool isDirectory = Directory.Exists(path);
        bool isFile = File.Exists(path);
        if (!isDirectory && !isFile)
        {
            throw map.ErrorAt("path", $"'{path}' does not exist{InstallHint(path)}");
        }

        string? problem = kind switch
        {
            DatasetKind.ImageFolder when !isDirectory => "an image-folder dataset needs a folder, not a file",
            DatasetKind.Csv when !isFile => "a csv dataset needs the manifest file, not a folder",
            DatasetKind.Embeddings when !isFile => "an embeddings dataset needs a .npy or .csv file, not a folder",
            DatasetKind.Embeddings when !(path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                => "an embeddings file must end in .npy or .csv",
            _ => null,
        };
        if (problem is not null)
        {
            throw map.ErrorAt("path", $"'{path}': {problem}");
        }
    }

    private static string InstallHint(string path) =>
        path.Contains("/usr/share/datasets/fashion-mnist", StringComparison.Ordinal)
            ? " (install it with: sudo apt-get install dataset-fashion-mnist)"
            : "";

    private static string? OptionalFile(SceneMap map, string key, string baseDirectory)
    {
        string? raw = map.String(key);
        if (raw is null)
        {
            return null;
        }

        string path = ResolvePath(raw, baseDirectory);
        return File.Exists(path) ? path : throw map.ErrorAt(key, $"'{path}' does not exist");
    }

    private static IReadOnlyList<string>? ReadExtensions(SceneMap map)
    {
        IReadOnlyList<string>? extensions = map.StringList("extensions");
        if (extensions is null)
        {
            return null;
        }

        if (extensions.Count == 0)
        {
            throw map.ErrorAt("extensions", "needs at least one extension");
        }

        return extensions.Select(e => (e.StartsWith('.') ? e : "." + e).ToLowerInvariant()).ToArray();
    }
}
