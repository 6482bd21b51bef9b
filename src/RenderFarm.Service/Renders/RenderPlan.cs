using System.Security.Cryptography;
using RenderFarm.Core;
using RenderFarm.Core.Datasets;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Embedders;
using RenderFarm.Layouts;
using RenderFarm.Layouts.Pipeline;

namespace RenderFarm.Service.Renders;

/// <summary>
/// A scene read and checked for rendering: every output it will make checked against the listed
/// dataset (sizes, labels, layout names, timeline steps) before any image is embedded, so a bad
/// request fails in a second and leaves nothing behind.
/// </summary>
public sealed record RenderPlan(Scene Scene, string SceneHash, IReadOnlyList<OutputSpec> Outputs, int ListedItems)
{
    /// <summary>Reads <paramref name="scenePath"/> and checks it; throws a <see cref="RenderFarmException"/> naming the file, line and key.</summary>
    public static RenderPlan Load(string scenePath, IReadOnlyList<string> only)
    {
        Scene scene = SceneLoader.Load(scenePath);
        string hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(scene.SourcePath)));
        IReadOnlyList<OutputSpec> outputs = Select(scene, only);
        Dataset dataset = DatasetLoader.Load(scene.Dataset);
        int dimensions = Dimensions(scene, dataset);
        foreach (LayoutSpec layout in scene.Layouts)
        {
            // As validate does: images skipped while embedding can only lower N.
            LayoutChecks.Check(layout, dataset.Items.Count, dimensions);
        }

        foreach (OutputSpec output in outputs)
        {
            OutputChecks.Check(output, dataset.Items.Count, dataset.ClassNames.Count);
            CheckSequences(scene, output, dataset.Items.Count, dimensions);
        }

        return new RenderPlan(scene, hash, outputs, dataset.Items.Count);
    }

    /// <summary>The embedding's width: the matrix's for precomputed vectors, else the embedder's (opening an ONNX model checks it too).</summary>
    private static int Dimensions(Scene scene, Dataset dataset)
    {
        if (scene.Embedder.Kind == EmbedderKind.Precomputed)
        {
            return dataset.Vectors!.Columns;
        }

        using IImageEmbedder embedder = EmbedderFactory.Create(scene.Embedder, dataset);
        return embedder.Dimension;
    }

    private static IReadOnlyList<OutputSpec> Select(Scene scene, IReadOnlyList<string> only)
    {
        if (scene.Outputs.Count == 0)
        {
            throw new RenderFarmException($"{scene.SourcePath}: the scene has no outputs section; add one, e.g. 'outputs: {{poster: {{layout: umap}}}}' (see README, outputs).");
        }

        if (only.Count == 0)
        {
            return scene.Outputs;
        }

        var names = scene.Outputs.Select(o => o.Name).ToArray();
        foreach (string name in only)
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                throw new RenderFarmException($"--only {name}: {scene.SourcePath} has no output '{name}' (it has {string.Join(", ", names)}).");
            }
        }

        return scene.Outputs.Where(o => only.Contains(o.Name, StringComparer.Ordinal)).ToArray();
    }

    /// <summary>
    /// Sweeps and replays against the layouts they name, with the data's size: the parameter must be
    /// one the method has, every value must suit the items (n_neighbors below N, 3 × perplexity
    /// below N), and only UMAP and t-SNE have an optimisation to replay.
    /// </summary>
    private static void CheckSequences(Scene scene, OutputSpec output, int items, int dimensions)
    {
        if (output is not VideoOutputSpec video)
        {
            return;
        }

        foreach (TimelineStep step in video.Timeline)
        {
            string? name = step switch { SweepStep s => s.Layout, ReplayStep r => r.Layout, _ => null };
            if (name is null)
            {
                continue;
            }

            LayoutSpec layout = scene.Layouts.FirstOrDefault(l => l.Name == name)
                ?? throw step.LocationOf("").Error($"'{step.Word}' names layout '{name}', which the scene does not define");
            if (layout.Method is not (LayoutMethod.Umap or LayoutMethod.Tsne))
            {
                throw step.LocationOf("").Error($"'{step.Word}' needs a umap or tsne layout; '{name}' is {layout.Method.ToString().ToLowerInvariant()}");
            }

            if (step is ReplayStep replay && replay.Every >= LayoutSequences.ReplaySteps(layout, items))
            {
                throw step.LocationOf("every").Error($"every ({replay.Every}) leaves no snapshot: '{name}' runs {LayoutSequences.ReplaySteps(layout, items)} {(layout.Method == LayoutMethod.Umap ? "epochs" : "iterations")} on {items} items");
            }

            if (step is SweepStep sweep)
            {
                try
                {
                    foreach (double value in sweep.Values)
                    {
                        LayoutChecks.Check(LayoutSequences.WithParameter(layout, sweep.Parameter, value), items, dimensions);
                    }
                }
                catch (SceneException problem)
                {
                    throw step.LocationOf("").Error($"sweep of '{name}': {problem.Problem}");
                }
                catch (LayoutException problem)
                {
                    throw step.LocationOf("").Error(problem.Message);
                }
            }
        }
    }
}
