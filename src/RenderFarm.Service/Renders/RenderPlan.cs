using System.Security.Cryptography;
using RenderFarm.Core;
using RenderFarm.Core.Datasets;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Embedders;
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
            RefuseUnsupported(output);
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

    /// <summary>Sweeps and replays need the layout engine to produce coordinate sequences, which it does not yet.</summary>
    private static void RefuseUnsupported(OutputSpec output)
    {
        if (output is not VideoOutputSpec video)
        {
            return;
        }

        foreach (TimelineStep step in video.Timeline)
        {
            if (step is SweepStep or ReplayStep)
            {
                throw step.LocationOf("").Error($"'{step.Word}' steps are not supported by render yet (the layout engine does not produce {step.Word} sequences); remove the step or render another output with --only");
            }
        }
    }
}
