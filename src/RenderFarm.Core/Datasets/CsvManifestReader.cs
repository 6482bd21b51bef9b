using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Datasets;

/// <summary>
/// Reads a CSV manifest: a path column (relative paths resolve against the manifest's folder), an
/// optional label column, an optional id column (else the path is the id); every other column is
/// kept as metadata. A row naming a missing file is skipped with its line number.
/// </summary>
internal static class CsvManifestReader
{
    public static Dataset Read(DatasetSpec spec)
    {
        CsvTable table = CsvTable.Load(spec.Path);
        int pathColumn = table.ColumnIndex(spec.PathColumn);
        if (pathColumn < 0)
        {
            throw new RenderFarmException($"{spec.Path}:1: no '{spec.PathColumn}' column (columns: {string.Join(", ", table.Header)}); set dataset.path_column.");
        }

        int labelColumn = table.ColumnIndex(spec.LabelColumn);
        int idColumn = table.ColumnIndex(spec.IdColumn);
        string folder = Path.GetDirectoryName(spec.Path)!;
        var items = new List<DatasetItem>();
        var skipped = new List<SkippedItem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (CsvRecord row in table.Records)
        {
            string relative = row.Fields[pathColumn].Trim();
            string id = idColumn >= 0 && row.Fields[idColumn].Trim().Length > 0 ? row.Fields[idColumn].Trim() : relative;
            if (relative.Length == 0)
            {
                skipped.Add(new SkippedItem(id.Length > 0 ? id : $"line {row.Line}", null, "missing-path", $"{spec.Path}:{row.Line}: the {spec.PathColumn} field is empty"));
                continue;
            }

            if (seen.TryGetValue(id, out int firstLine))
            {
                throw new RenderFarmException($"{spec.Path}:{row.Line}: id '{id}' already appears on line {firstLine}; ids must be unique.");
            }

            seen[id] = row.Line;
            string path = Path.GetFullPath(relative, folder);
            if (!File.Exists(path))
            {
                skipped.Add(new SkippedItem(id, path, "missing-file", $"{spec.Path}:{row.Line}: file not found"));
                continue;
            }

            string? label = labelColumn >= 0 && row.Fields[labelColumn].Trim().Length > 0 ? row.Fields[labelColumn].Trim() : null;
            items.Add(new DatasetItem(id, label, new ImageFileSource(path)) { Metadata = MetadataOf(table, row, pathColumn, labelColumn, idColumn) });
        }

        IReadOnlyList<string> classes = spec.ClassNames ?? Dataset.SortedLabels(items);
        return new Dataset
        {
            Kind = DatasetKind.Csv,
            Items = items,
            ClassNames = classes,
            Skipped = skipped,
            TotalBeforeSampling = items.Count,
            Description = $"CSV manifest: {items.Count:N0} images in {classes.Count} classes",
        };
    }

    internal static Dictionary<string, string>? MetadataOf(CsvTable table, CsvRecord row, params int[] exclude)
    {
        Dictionary<string, string>? metadata = null;
        for (int c = 0; c < table.Header.Count; c++)
        {
            if (!exclude.Contains(c))
            {
                metadata ??= new Dictionary<string, string>(StringComparer.Ordinal);
                metadata[table.Header[c]] = row.Fields[c];
            }
        }

        return metadata;
    }
}
