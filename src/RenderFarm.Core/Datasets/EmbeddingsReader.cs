using System.Globalization;
using System.Runtime.InteropServices;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Datasets;

/// <summary>
/// Reads precomputed embeddings: a 2-D .npy (float32/float64) with an optional metadata CSV whose
/// rows follow the matrix rows, or a CSV whose id/label/image columns describe each row and whose
/// other columns are the vector. Rows holding NaN or infinity are skipped with their ids.
/// </summary>
internal static class EmbeddingsReader
{
    public static Dataset Read(DatasetSpec spec)
    {
        (Matrix vectors, CsvTable? table) = spec.Path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)
            ? (NpyFile.Read(spec.Path), spec.Metadata is null ? null : CsvTable.Load(spec.Metadata))
            : ReadCsvVectors(spec);

        if (vectors.Rows == 0 || vectors.Columns == 0)
        {
            throw new RenderFarmException($"{spec.Path}: holds a {vectors.Rows}x{vectors.Columns} matrix; embeddings need at least one row and one column.");
        }

        if (table is not null && table.Records.Count != vectors.Rows)
        {
            throw new RenderFarmException($"{table.Name}: {table.Records.Count:N0} rows describe a matrix of {vectors.Rows:N0} rows in {spec.Path}.");
        }

        int idColumn = table?.ColumnIndex(spec.IdColumn) ?? -1;
        int labelColumn = table?.ColumnIndex(spec.LabelColumn) ?? -1;
        int imageColumn = table?.ColumnIndex(spec.ImageColumn) ?? -1;
        string folder = Path.GetDirectoryName(table?.Name ?? spec.Path)!;
        var items = new List<DatasetItem>(vectors.Rows);
        var skipped = new List<SkippedItem>();
        for (int row = 0; row < vectors.Rows; row++)
        {
            CsvRecord? record = table?.Records[row];
            string id = Field(record, idColumn) ?? row.ToString("D6", CultureInfo.InvariantCulture);
            ReadOnlySpan<float> vector = vectors.Row(row);
            if (!AllFinite(vector))
            {
                skipped.Add(new SkippedItem(id, null, "non-finite", $"row {row} holds NaN or infinity"));
                continue;
            }

            string? image = Field(record, imageColumn) is { } relative ? Path.GetFullPath(relative, folder) : null;
            items.Add(new DatasetItem(id, Field(record, labelColumn), new VectorSource(row, image))
            {
                Hash = ContentHash.Of(MemoryMarshal.AsBytes(vector)),
                Metadata = record is null ? null : CsvManifestReader.MetadataOf(table!, record, idColumn, labelColumn, imageColumn),
            });
        }

        IReadOnlyList<string> classes = spec.ClassNames ?? Dataset.SortedLabels(items);
        return new Dataset
        {
            Kind = DatasetKind.Embeddings,
            Items = items,
            ClassNames = classes,
            Skipped = skipped,
            Vectors = vectors,
            TotalBeforeSampling = items.Count,
            Description = $"precomputed embeddings: {items.Count:N0} vectors of {vectors.Columns} dimensions",
        };
    }

    private static (Matrix, CsvTable) ReadCsvVectors(DatasetSpec spec)
    {
        CsvTable table = CsvTable.Load(spec.Path);
        string[] described = [spec.IdColumn, spec.LabelColumn, spec.ImageColumn];
        int[] numeric = Enumerable.Range(0, table.Header.Count)
            .Where(c => !described.Contains(table.Header[c], StringComparer.OrdinalIgnoreCase))
            .ToArray();
        var matrix = new Matrix(table.Records.Count, numeric.Length);
        for (int r = 0; r < table.Records.Count; r++)
        {
            CsvRecord record = table.Records[r];
            for (int c = 0; c < numeric.Length; c++)
            {
                string text = record.Fields[numeric[c]].Trim();
                if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
                {
                    throw new RenderFarmException($"{spec.Path}:{record.Line}: column '{table.Header[numeric[c]]}' holds '{text}', not a number (only {string.Join(", ", described)} may hold text).");
                }

                matrix.Data[(r * numeric.Length) + c] = value;
            }
        }

        return (matrix, table);
    }

    private static string? Field(CsvRecord? record, int column) =>
        record is not null && column >= 0 && record.Fields[column].Trim() is { Length: > 0 } value ? value : null;

    private static bool AllFinite(ReadOnlySpan<float> vector)
    {
        foreach (float v in vector)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
