using System.CommandLine;
using System.Globalization;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Datasets;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Embedders;
using RenderFarm.Layouts.Pipeline;

namespace RenderFarm.Service.Cli;

/// <summary>
/// <c>renderfarm validate SCENE</c>: checks the scene, lists its dataset and opens its model, then
/// prints what <c>embed</c> would do. Decodes no image and writes no output.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose, Option<string?> outputRoot, Option<string?> cacheRoot)
    {
        var scene = new Argument<string>("scene") { Description = "Scene file (YAML or JSON)." };
        var command = new Command("validate", "Check a scene and its inputs and print what it will do.") { scene };
        command.SetAction(parse => CommandGuard.Run(console, parse.GetValue(verbose), () =>
        {
            Scene loaded = SceneLoader.Load(parse.GetValue(scene)!);
            string output = CliPaths.OutputRoot(parse.GetValue(outputRoot));
            string cache = CliPaths.CacheRoot(parse.GetValue(cacheRoot), output);
            Describe(console.Out, loaded, output, cache);
            return CommandGuard.Ok;
        }));
        return command;
    }

    private static void Describe(TextWriter o, Scene scene, string outputRoot, string cacheRoot)
    {
        var culture = CultureInfo.InvariantCulture;
        Dataset dataset = DatasetLoader.Load(scene.Dataset);
        o.WriteLine($"scene {scene.Name} ({scene.SourcePath}): valid");
        if (scene.Description is { } description)
        {
            o.WriteLine($"  {description}");
        }

        o.WriteLine($"dataset: {dataset.Description}");
        o.WriteLine($"  path: {scene.Dataset.Path}");
        if (dataset.ClassNames.Count > 0)
        {
            var perClass = dataset.Items.GroupBy(i => i.Label ?? "(none)").ToDictionary(g => g.Key, g => g.Count());
            o.WriteLine("  classes: " + string.Join(", ", dataset.ClassNames.Select(c => string.Create(culture, $"{c} ({perClass.GetValueOrDefault(c):N0})"))));
        }

        if (dataset.Skipped.Count > 0)
        {
            o.WriteLine(string.Create(culture, $"  {dataset.Skipped.Count:N0} file(s) will be skipped, e.g. {dataset.Skipped[0].Id}: {dataset.Skipped[0].Detail}"));
        }

        int dimensions;
        if (scene.Embedder.Kind == EmbedderKind.Precomputed)
        {
            dimensions = dataset.Vectors!.Columns;
            o.WriteLine(string.Create(culture, $"embedder: precomputed, {dimensions} dimensions"));
        }
        else
        {
            using IImageEmbedder embedder = EmbedderFactory.Create(scene.Embedder, dataset);
            o.WriteLine($"embedder: {embedder.Description}");
            dimensions = embedder.Dimension;
            // Opening a store creates its folder; validate writes nothing, so it reads only one that exists.
            EmbeddingIndex? index = Directory.Exists(EmbeddingStore.DirectoryOf(cacheRoot, embedder.CacheKey, embedder.Dimension))
                ? EmbeddingStore.Open(cacheRoot, embedder.CacheKey, embedder.Dimension).Load()
                : null;
            int known = dataset.Items.Count(i => i.Hash is not null);
            int cached = index is null ? 0 : dataset.Items.Count(i => i.Hash is { } h && index.Contains(h));
            o.WriteLine(known == dataset.Items.Count
                ? string.Create(culture, $"  cache: {cached:N0} of {dataset.Items.Count:N0} items already embedded; {dataset.Items.Count - cached:N0} to embed")
                : string.Create(culture, $"  cache: {index?.Count ?? 0:N0} vectors for this embedder (image files are hashed while embedding)"));
        }

        foreach (LayoutSpec layout in scene.Layouts)
        {
            // Checked against every listed item: images skipped while embedding can only lower N.
            LayoutChecks.Check(layout, dataset.Items.Count, dimensions);
            string from = layout.Source is { } source ? $" of {source}" : "";
            string aligned = layout.AlignTo is { } target ? $", aligned to {target}" : "";
            o.WriteLine($"layout {layout.Name}: {layout.Method.ToString().ToLowerInvariant()}{from}, {layout.Dims}-D{aligned}");
        }

        foreach (OutputSpec output in scene.Outputs)
        {
            OutputChecks.Check(output, dataset.Items.Count, dataset.ClassNames.Count);
            o.WriteLine($"output {output.Summary}");
        }

        if (scene.NearDuplicates.Enabled)
        {
            o.WriteLine(string.Create(culture, $"near-duplicates: pairs with cosine ≥ {scene.NearDuplicates.Threshold} listed in the report"));
        }

        o.WriteLine($"outputs: {Path.Combine(outputRoot, scene.Name)}/ (embeddings.npy, items.csv, report.json)");
        o.WriteLine($"cache: {cacheRoot}");
    }
}
