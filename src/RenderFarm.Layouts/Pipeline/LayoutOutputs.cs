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
/// <c>report.json</c> with every layout's metrics, written last. All writes are atomic.
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
        });
        string path = Path.Combine(folder, ReportFile);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(report, Json));
        return folder;
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
