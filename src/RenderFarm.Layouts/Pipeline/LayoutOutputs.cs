using System.Globalization;
using System.Text;
using System.Text.Json;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// Files of the layout stage under <c>output/&lt;scene&gt;/layouts/</c>: per layout <c>NAME.npy</c>
/// (items × dims float32) and <c>NAME.csv</c> (id, x, y[, z], label, cluster), and one
/// <c>report.json</c> with every layout's metrics, written last. All writes are atomic.
/// </summary>
public static class LayoutOutputs
{
    public const string Folder = "layouts";
    public const string ReportFile = "report.json";

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
            cache_key = ContentHash.OfText(r.Key).ToString(),
        });
        string path = Path.Combine(folder, ReportFile);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(report, Json));
        return folder;
    }

    private static string Csv(LayoutInput input, LayoutResult result)
    {
        Matrix xy = result.Coordinates;
        string[] axes = ["x", "y", "z"];
        var text = new StringBuilder("id,").AppendJoin(',', axes.Take(xy.Columns)).Append(",label,cluster\n");
        for (int i = 0; i < xy.Rows; i++)
        {
            text.Append(CsvTable.Quote(input.Ids[i]));
            foreach (float value in xy.Row(i))
            {
                text.Append(',').Append(value.ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append(',').Append(CsvTable.Quote(input.Labels[i] ?? "")).Append(',').Append(result.Clusters[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }
}
