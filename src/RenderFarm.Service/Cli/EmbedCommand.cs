using System.CommandLine;
using System.Globalization;
using RenderFarm.Core.Reports;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Pipeline;

namespace RenderFarm.Service.Cli;

/// <summary><c>renderfarm embed SCENE</c>: writes embeddings, item list and run report under output/&lt;scene&gt;/.</summary>
internal static class EmbedCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose, Option<string?> outputRoot, Option<string?> cacheRoot)
    {
        var scene = new Argument<string>("scene") { Description = "Scene file (YAML or JSON)." };
        var command = new Command("embed", "Ingest the scene's dataset and write its embeddings, reusing the cache.") { scene };
        command.SetAction((parse, cancellation) => Task.FromResult(CommandGuard.Run(console, parse.GetValue(verbose), () =>
        {
            Scene loaded = SceneLoader.Load(parse.GetValue(scene)!);
            string output = CliPaths.OutputRoot(parse.GetValue(outputRoot));
            EmbedOptions options = CliPaths.EmbedOptions(output, CliPaths.CacheRoot(parse.GetValue(cacheRoot), output));
            EmbedResult result = Embed(console, loaded, options, cancellation);
            PrintSummary(console, result);
            return CommandGuard.Ok;
        })));
        return command;
    }

    /// <summary>Runs the embed stage with progress on the console (shared with later stages' commands).</summary>
    public static EmbedResult Embed(CliConsole console, Scene scene, EmbedOptions options, CancellationToken cancellation) =>
        ProgressDisplay.Run<EmbedProgress, EmbedResult>(
            console,
            $"embed {scene.Name}",
            p => new ProgressUpdate(p.Stage, p.Done, p.Total, string.Create(CultureInfo.InvariantCulture, $"cached {p.Cached:N0}, skipped {p.Skipped:N0}")),
            progress => EmbeddingPipeline.Run(scene, options, progress, cancellation));

    private static void PrintSummary(CliConsole console, EmbedResult result)
    {
        EmbedReport report = result.Report;
        EmbedCounts c = report.Counts;
        var culture = CultureInfo.InvariantCulture;
        console.Out.WriteLine(string.Create(culture, $"items {c.Embedded:N0} · skipped {c.Skipped:N0} · cached {c.Cached:N0} · new {c.New:N0} · added {c.Added:N0} · removed {c.Removed:N0} · {report.Seconds:F2} s · {report.ImagesPerSecond:N0} images/s"));
        console.Out.WriteLine(string.Create(culture, $"embedder: {report.Embedder}"));
        if (report.NearDuplicates.PairCount > 0)
        {
            console.Out.WriteLine(string.Create(culture, $"near-duplicates: {report.NearDuplicates.PairCount:N0} pair(s) with cosine ≥ {report.NearDuplicates.Threshold}"));
        }

        foreach (var skip in report.Skipped.Take(10))
        {
            console.Out.WriteLine($"skipped {skip.Id}: {skip.Reason}: {skip.Detail}");
        }

        if (report.Skipped.Count > 10)
        {
            console.Out.WriteLine($"... and {report.Skipped.Count - 10} more skipped (see the report)");
        }

        if (report.CorruptCacheChunks.Count > 0)
        {
            console.Out.WriteLine($"cache: dropped {report.CorruptCacheChunks.Count} corrupt chunk(s); their items were embedded again");
        }

        console.Out.WriteLine($"wrote {Path.Combine(result.OutputDirectory, EmbedOutputs.EmbeddingsFile)}, {EmbedOutputs.ItemsFile}, {EmbedOutputs.ReportFile}");
    }
}
