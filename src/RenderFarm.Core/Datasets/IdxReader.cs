using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Datasets;

/// <summary>
/// Reads MNIST / Fashion-MNIST IDX files. A folder path pairs every "PREFIX-images-idx3-ubyte[.gz]"
/// with "PREFIX-labels-idx1-ubyte[.gz]", train first; ids are "PREFIX/00042".
/// </summary>
internal static class IdxReader
{
    public static Dataset Read(DatasetSpec spec)
    {
        List<(string Prefix, string Images, string? Labels)> sets = Directory.Exists(spec.Path)
            ? FindSets(spec.Path)
            : [(PrefixOf(spec.Path), spec.Path, spec.Labels)];

        var items = new List<DatasetItem>();
        int? side = null;
        foreach ((string prefix, string imagesPath, string? labelsPath) in sets)
        {
            IdxFile images = IdxFile.Read(imagesPath, 3);
            IdxFile? labels = labelsPath is null ? null : IdxFile.Read(labelsPath, 1);
            if (labels is not null && labels.Count != images.Count)
            {
                throw new RenderFarmException($"{labelsPath}: {labels.Count:N0} labels for {images.Count:N0} images in {imagesPath}.");
            }

            int rows = images.Dimensions[1];
            int columns = images.Dimensions[2];
            side = rows == columns && (side is null || side == rows) ? rows : -1;
            int size = rows * columns;
            string?[] names = labels is null ? new string?[images.Count] : labels.Data.Select(l => LabelName(l, spec, labelsPath!)).ToArray();
            var batch = new DatasetItem[images.Count];
            Parallel.For(0, images.Count, i =>
            {
                var pixels = new ReadOnlyMemory<byte>(images.Data, i * size, size);
                string? label = names[i];
                batch[i] = new DatasetItem($"{prefix}/{i:D5}", label, new RawPixelSource(columns, rows, pixels))
                {
                    Hash = ContentHash.Of(pixels.Span),
                };
            });
            items.AddRange(batch);
        }

        return new Dataset
        {
            Kind = DatasetKind.Idx,
            Items = items,
            ClassNames = spec.ClassNames ?? Dataset.SortedLabels(items),
            NativeSize = side > 0 ? side : null,
            TotalBeforeSampling = items.Count,
            Description = $"IDX: {items.Count:N0} images from {sets.Count} file(s)",
        };
    }

    private static string LabelName(byte label, DatasetSpec spec, string labelsPath)
    {
        if (spec.ClassNames is null)
        {
            return label.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return label < spec.ClassNames.Count
            ? spec.ClassNames[label]
            : throw new RenderFarmException($"{labelsPath}: label {label} has no name: dataset.class_names lists {spec.ClassNames.Count}.");
    }

    private static List<(string, string, string?)> FindSets(string folder)
    {
        var sets = new List<(string, string, string?)>();
        foreach (string images in Directory.EnumerateFiles(folder, "*-images-idx3-ubyte*"))
        {
            if (!(images.EndsWith("ubyte", StringComparison.Ordinal) || images.EndsWith("ubyte.gz", StringComparison.Ordinal)))
            {
                continue;
            }

            string prefix = PrefixOf(images);
            string? labels = new[] { "-labels-idx1-ubyte", "-labels-idx1-ubyte.gz" }
                .Select(suffix => Path.Combine(folder, prefix + suffix))
                .FirstOrDefault(File.Exists);
            sets.Add((prefix, images, labels));
        }

        if (sets.Count == 0)
        {
            throw new RenderFarmException($"{folder}: no IDX images file (NAME-images-idx3-ubyte or .gz) in this folder.");
        }

        // "train" first, so item order matches the usual train+test concatenation.
        return sets.OrderBy(s => s.Item1 == "train" ? 0 : 1).ThenBy(s => s.Item1, StringComparer.Ordinal).ToList();
    }

    private static string PrefixOf(string imagesPath)
    {
        string name = Path.GetFileName(imagesPath);
        int dash = name.IndexOf("-images", StringComparison.Ordinal);
        return dash > 0 ? name[..dash] : Path.GetFileNameWithoutExtension(name);
    }
}
