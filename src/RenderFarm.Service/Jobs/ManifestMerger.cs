using System.Text.Json;
using System.Text.Json.Nodes;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// One manifest.json for a render whose outputs were made by separate jobs: each output job wrote
/// the pipeline's manifest of its own run; this keeps the first as the base (scene, inputs,
/// versions) and gathers every part's files, output parameters and output timings, so the result
/// reads like the manifest of a single `renderfarm render`. Works on JSON nodes so every field the
/// pipeline adds later is carried without changes here.
/// </summary>
public static class ManifestMerger
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Merge(RenderRecord record, IReadOnlyList<string> parts, DateTimeOffset finishedUtc)
    {
        if (parts.Count == 0)
        {
            throw new InvalidOperationException($"render {record.Id} has no output manifests to merge");
        }

        JsonObject[] nodes = parts.Select(p => JsonNode.Parse(p) as JsonObject ?? throw new InvalidDataException("an output manifest is not a JSON object")).ToArray();
        var merged = (JsonObject)nodes[0].DeepClone();
        merged["run"] = record.Id;
        merged["started_utc"] = record.CreatedUtc;
        merged["finished_utc"] = finishedUtc;
        merged["files"] = Concat(nodes, n => n["files"]);
        if (merged["parameters"] is JsonObject parameters)
        {
            parameters["outputs"] = Concat(nodes, n => n["parameters"]?["outputs"]);
        }

        // The first part's stages before its output (check, device, embed, layouts, ...), then each
        // part's stages from its output on (the output, a video's probe).
        var timings = new JsonArray();
        JsonNode?[] first = nodes[0]["timings"]?.AsArray().ToArray() ?? [];
        foreach (JsonNode? stage in first.TakeWhile(t => !IsOutputStage(t)))
        {
            timings.Add(stage?.DeepClone());
        }

        foreach (JsonObject node in nodes)
        {
            foreach (JsonNode? stage in (node["timings"]?.AsArray().ToArray() ?? []).SkipWhile(t => !IsOutputStage(t)))
            {
                timings.Add(stage?.DeepClone());
            }
        }

        merged["timings"] = timings;
        merged["service"] = new JsonObject
        {
            ["render_id"] = record.Id,
            ["scene_path"] = record.ScenePath,
            ["jobs"] = new JsonArray(record.Jobs.Select(j => (JsonNode)new JsonObject { ["stage"] = j.Stage, ["job_id"] = j.JobId }).ToArray()),
        };
        return merged.ToJsonString(Indented);
    }

    private static bool IsOutputStage(JsonNode? stage) =>
        stage?["stage"]?.GetValue<string>().StartsWith("output ", StringComparison.Ordinal) == true;

    private static JsonArray Concat(IEnumerable<JsonObject> nodes, Func<JsonObject, JsonNode?> select)
    {
        var all = new JsonArray();
        foreach (JsonObject node in nodes)
        {
            foreach (JsonNode? item in select(node)?.AsArray() ?? [])
            {
                all.Add(item?.DeepClone());
            }
        }

        return all;
    }
}
