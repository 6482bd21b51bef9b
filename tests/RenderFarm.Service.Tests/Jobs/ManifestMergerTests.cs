using System.Text.Json.Nodes;
using RenderFarm.Service.Jobs;

namespace RenderFarm.Service.Tests.Jobs;

public sealed class ManifestMergerTests
{
    private static readonly RenderRecord Record = new()
    {
        Id = "20261123T170000Z-abcdef",
        Scene = "s",
        ScenePath = "/data/s.yaml",
        SceneSha256 = "00",
        Outputs = ["poster", "movie"],
        RunFolder = "/out/s/20261123T170000Z-abcdef",
        CreatedUtc = DateTimeOffset.Parse("2026-11-23T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        Jobs = [new RenderJobRef("embed", "1"), new RenderJobRef("finalise", "5")],
    };

    [Fact]
    public void OutputManifestsMergeIntoOneWithEveryFileParameterAndOutputStage()
    {
        string poster = Part("poster", "poster.png", [("check", 1), ("embed", 2), ("output poster", 3)]);
        string movie = Part("movie", "movie.mp4", [("check", 1), ("embed", 0.1), ("output movie", 4), ("probe movie", 0.5)]);

        var merged = JsonNode.Parse(ManifestMerger.Merge(Record, [poster, movie], Record.CreatedUtc.AddMinutes(1)))!;

        Assert.Equal(Record.Id, merged["run"]!.GetValue<string>());
        Assert.Equal(["poster.png", "movie.mp4"], merged["files"]!.AsArray().Select(f => f!["file"]!.GetValue<string>()));
        Assert.Equal(["poster", "movie"], merged["parameters"]!["outputs"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        Assert.Equal(["check", "embed", "output poster", "output movie", "probe movie"], merged["timings"]!.AsArray().Select(t => t!["stage"]!.GetValue<string>()));
        Assert.Equal("v1", merged["versions"]!["renderfarm"]!.GetValue<string>());
        Assert.Equal(["1", "5"], merged["service"]!["jobs"]!.AsArray().Select(j => j!["job_id"]!.GetValue<string>()));
    }

    private static string Part(string output, string file, (string Stage, double Seconds)[] timings) => new JsonObject
    {
        ["scene"] = "s",
        ["run"] = "staging-run",
        ["parameters"] = new JsonObject { ["device"] = "auto", ["outputs"] = new JsonArray(new JsonObject { ["name"] = output }) },
        ["versions"] = new JsonObject { ["renderfarm"] = "v1" },
        ["timings"] = new JsonArray(timings.Select(t => (JsonNode)new JsonObject { ["stage"] = t.Stage, ["seconds"] = t.Seconds }).ToArray()),
        ["files"] = new JsonArray(new JsonObject { ["output"] = output, ["file"] = file }),
    }.ToJsonString();
}
