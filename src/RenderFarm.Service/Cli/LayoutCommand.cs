using System.CommandLine;
using System.Globalization;
using RenderFarm.Core;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Pipeline;
using RenderFarm.Layouts.Pipeline;

namespace RenderFarm.Service.Cli;

/// <summary>
/// <c>renderfarm layout SCENE</c>: embeds (from the cache when it can), then computes every layout
/// of the scene with its clusters and quality metrics, and writes them under output/&lt;scene&gt;/layouts/.
/// </summary>
internal static class LayoutCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose, Option<string?> outputRoot, Option<string?> cacheRoot)
    {
        var scene = new Argument<string>("scene") { Description = "Scene file (YAML or JSON) with a layouts section." };
        var noMetrics = new Option<bool>("--no-metrics")
        {
            Description = "Skip the quality metrics (trustworthiness, k-NN recall, accuracy, silhouette); clusters and terrain are still written.",
        };
        var command = new Command("layout", "Compute the scene's layouts (UMAP, PCA, grids), clusters, terrain and quality metrics.") { scene, noMetrics };
        command.SetAction((parse, cancellation) => Task.FromResult(CommandGuard.Run(console, parse.GetValue(verbose), () =>
        {
            Scene loaded = SceneLoader.Load(parse.GetValue(scene)!);
            if (loaded.Layouts.Count == 0)
            {
                throw new RenderFarmException($"{loaded.SourcePath}: the scene has no layouts section; add one, e.g. 'layouts: {{umap: {{}}}}' (see README, Layouts).");
            }

            string output = CliPaths.OutputRoot(parse.GetValue(outputRoot));
            string cache = CliPaths.CacheRoot(parse.GetValue(cacheRoot), output);
            EmbedResult embedded = EmbedCommand.Embed(console, loaded, CliPaths.EmbedOptions(output, cache), cancellation);
            LayoutInput input = LayoutInputs.From(embedded);
            IReadOnlyList<LayoutResult> results = ProgressDisplay.Run<LayoutProgress, IReadOnlyList<LayoutResult>>(
                console,
                $"layouts {loaded.Name}",
                p => new ProgressUpdate(p.Stage, p.Done, p.Total, ""),
                progress => LayoutRunner.Run(input, loaded.Layouts, new ArtifactStore(cache), progress, cancellation, measureQuality: !parse.GetValue(noMetrics)));
            string folder = LayoutOutputs.Write(embedded.OutputDirectory, input, results);
            Print(console.Out, results, folder);
            return CommandGuard.Ok;
        })));
        return command;
    }

    private static void Print(TextWriter o, IReadOnlyList<LayoutResult> results, string folder)
    {
        var culture = CultureInfo.InvariantCulture;
        o.WriteLine($"{"layout",-16} {"method",-6} {"dims",4} {"seconds",8} {"T(15)",7} {"kNN rec",8} {"10-NN acc",9} {"silhouette",10}  notes");
        foreach (LayoutResult r in results)
        {
            LayoutMetrics m = r.Metrics;
            string accuracy = Figure(m.KnnAccuracy);
            string notes = (r.Cached ? "cached" : "")
                + (m.Grid is { } g ? string.Create(culture, $"{(r.Cached ? "; " : "")}{g.Columns}x{g.Rows} {g.Method}, displacement mean {g.MeanDisplacementCells:F2} max {g.MaxDisplacementCells:F2} cells") : "");
            o.WriteLine(string.Create(culture, $"{r.Spec.Name,-16} {r.Spec.Method.ToString().ToLowerInvariant(),-6} {r.Coordinates.Columns,4} {r.Seconds,8:F2} {Figure(m.Trustworthiness),7} {Figure(m.KnnRecall),8} {accuracy,9} {Figure(m.Silhouette),10}  {notes}"));
        }

        o.WriteLine($"wrote {folder}/ (NAME.npy, NAME.csv, NAME{LayoutOutputs.TerrainSuffix} for 2-D layouts with terrain, {LayoutOutputs.ReportFile})");

        static string Figure(double? value) => value is double v ? v.ToString("F3", CultureInfo.InvariantCulture) : "–";
    }
}
