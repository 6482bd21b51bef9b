using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Datasets;

/// <summary>
/// Lists a folder of images. The first sub-folder under the root names the class (deeper folders
/// are allowed and keep that class); files directly under the root have no label. Ids are paths
/// relative to the root with '/' separators, in ordinal order. Hidden files and folders are ignored;
/// files with other extensions are listed as skipped.
/// </summary>
internal static class ImageFolderReader
{
    public static Dataset Read(DatasetSpec spec)
    {
        var extensions = new HashSet<string>(spec.Extensions, StringComparer.OrdinalIgnoreCase);
        var items = new List<DatasetItem>();
        var skipped = new List<SkippedItem>();
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
        };

        IEnumerable<string> files = Directory.EnumerateFiles(spec.Path, "*", options)
            .Select(f => Path.GetRelativePath(spec.Path, f).Replace('\\', '/'))
            .Where(relative => !relative.Split('/').Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal);

        foreach (string id in files)
        {
            string path = Path.Combine(spec.Path, id);
            string extension = Path.GetExtension(id);
            if (!extensions.Contains(extension))
            {
                string shown = extension.Length == 0 ? "no extension" : extension;
                skipped.Add(new SkippedItem(id, path, "not-an-image", $"file type '{shown}' is not in dataset.extensions"));
                continue;
            }

            int slash = id.IndexOf('/');
            string? label = slash > 0 ? id[..slash] : null;
            items.Add(new DatasetItem(id, label, new ImageFileSource(path)));
        }

        IReadOnlyList<string> classes = spec.ClassNames ?? Dataset.SortedLabels(items);
        return new Dataset
        {
            Kind = DatasetKind.ImageFolder,
            Items = items,
            ClassNames = classes,
            Skipped = skipped,
            TotalBeforeSampling = items.Count,
            Description = $"image folder: {items.Count:N0} images in {classes.Count} classes",
        };
    }
}
