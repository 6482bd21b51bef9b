using System.Globalization;
using System.Text;
using System.Text.Json;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// Files of the layout stage under <c>output/&lt;scene&gt;/layouts/</c>: per layout <c>NAME.npy</c>
/// (items × dims float32), <c>NAME.csv</c> (id, x, y[, z], label, cluster[, terrain]) and for 2-D
/// layouts with terrain <c>NAME.terrain.npy</c> (items × 1 float32 heights in [0, 1]), and one
/// <c>report.json</c> with every layout's metrics and keys, written last. All writes are atomic.
/// A render keeps them in its run folder, where the next run of the scene reads them back
/// (<see cref="ReadPrevious"/>) to start from.
/// </summary>
public static class LayoutOutputs
{
    public const string Folder = "layouts";
    public const string ReportFile = "report.json";

    /// <summary>Terrain heights of a 2-D layout: items × 1 float32 in [0, 1], beside NAME.npy.</summary>
    public const string TerrainSuffix = ".terrain.npy";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(string sceneOutput, LayoutInput input, IReadOnlyList<LayoutResult> results)
    {
        string folder = Path.Combine(sceneOutput, Folder);
        foreach (LayoutResult result in results)
        {
            NpyFile.Write(Path.Combine(folder, result.Spec.Name + ".npy"), result.Coordinates);
            if (result.Terrain is { } terrain)
            {
                NpyFile.Write(Path.Combine(folder, result.Spec.Name + TerrainSuffix), new Matrix(terrain.Heights.Length, 1, terrain.Heights));
            }

            AtomicFile.WriteAllText(Path.Combine(folder, result.Spec.Name + ".csv"), Csv(input, result));
        }

        var report = results.Select(r => new
        {
            name = r.Spec.Name,
            method = r.Spec.Method.ToString().ToLowerInvariant(),
            dims = r.Coordinates.Columns,
            items = r.Coordinates.Rows,
            cached = r.Cached,
            seconds = r.Seconds,
            metrics = r.Metrics,
            terrain = r.Terrain?.Summary,
            cache_key = ContentHash.OfText(r.Key).ToString(),
            warm_start = r.WarmStart,
            key = r.Key,
            parameters_key = r.ParametersKey,
            items_key = input.EmbeddingsKey,
        });
        string path = Path.Combine(folder, ReportFile);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(report, Json));
        return folder;
    }

    /// <summary>
    /// The layouts kept in <paramref name="folder"/> (a run folder's <c>layouts/</c>) by name, for a
    /// re-render to start from; <paramref name="run"/> names where they came from. A missing or
    /// unreadable report gives none, and a layout whose files are missing, damaged or disagree with
    /// the report is left out: the next run then computes it from scratch, never from bad data.
    /// </summary>
    public static IReadOnlyDictionary<string, PreviousLayout> ReadPrevious(string folder, string run)
    {
        var layouts = new Dictionary<string, PreviousLayout>(StringComparer.Ordinal);
        string report = Path.Combine(folder, ReportFile);
        if (!File.Exists(report))
        {
            return layouts;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(report));
            foreach (JsonElement entry in document.RootElement.EnumerateArray())
            {
                if (ReadEntry(folder, run, entry) is { } layout)
                {
                    layouts[layout.Name] = layout;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException)
        {
            layouts.Clear();
        }

        return layouts;
    }

    private static PreviousLayout? ReadEntry(string folder, string run, JsonElement entry)
    {
        string? Text(string property) =>
            entry.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        if (Text("name") is not { } name || Text("key") is not { } key || Text("parameters_key") is not { } parameters || Text("items_key") is not { } items
            || name.Contains('/') || name.Contains('\\') || name.StartsWith('.'))
        {
            return null;
        }

        string npy = Path.Combine(folder, name + ".npy");
        string csv = Path.Combine(folder, name + ".csv");
        if (!File.Exists(npy) || !File.Exists(csv))
        {
            return null;
        }

        try
        {
            Matrix coordinates = NpyFile.Read(npy);
            CsvTable table = CsvTable.Load(csv);
            int id = table.ColumnIndex("id");
            string[] ids = id < 0 ? [] : table.Records.Select(r => r.Fields[id]).ToArray();
            return ids.Length == coordinates.Rows && ids.Length > 0
                ? new PreviousLayout(run, name, parameters, items, key, ids, coordinates)
                : null;
        }
        catch (Exception e) when (e is RenderFarm.Core.RenderFarmException or IOException or ArgumentException)
        {
            return null;
        }
    }

    private static string Csv(LayoutInput input, LayoutResult result)
    {
        Matrix xy = result.Coordinates;
        string[] axes = ["x", "y", "z"];
        float[]? heights = result.Terrain?.Heights;
        var text = new StringBuilder("id,").AppendJoin(',', axes.Take(xy.Columns)).Append(",label,cluster").Append(heights is null ? "\n" : ",terrain\n");
        for (int i = 0; i < xy.Rows; i++)
        {
            text.Append(CsvTable.Quote(input.Ids[i]));
            foreach (float value in xy.Row(i))
            {
                text.Append(',').Append(value.ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append(',').Append(CsvTable.Quote(input.Labels[i] ?? "")).Append(',').Append(result.Clusters[i].ToString(CultureInfo.InvariantCulture));
            if (heights is not null)
            {
                text.Append(',').Append(heights[i].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
