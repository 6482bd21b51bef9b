using System.Globalization;
using System.Text.Json;
using RenderFarm.Core;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Analysis;
using RenderFarm.Embedding.Pipeline;

namespace RenderFarm.Service.Benchmarks;

/// <summary>
/// `renderfarm bench embed`: the embed stage's speed on this machine. Pixel embedding of all 70,000
/// Fashion-MNIST images from the .gz files (cold cache, then warm), exact near-duplicate search on
/// them, and ONNX images/s with the repository's tiny test model on synthetic JPEGs, with the share
/// of cores kept busy. Results go to the console and to OUTPUT/bench/embed.json.
/// </summary>
internal static class EmbedBenchmark
{
    public const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    public static IReadOnlyList<BenchmarkRow> Run(string outputRoot, string modelPath, int onnxImages, TextWriter log)
    {
        if (!Directory.Exists(FashionMnist))
        {
            throw new RenderFarmException($"{FashionMnist} is missing: install it with: sudo apt-get install dataset-fashion-mnist");
        }

        if (!File.Exists(modelPath))
        {
            throw new RenderFarmException($"{modelPath}: ONNX benchmark model not found; pass --model (any image encoder works).");
        }

        string scratch = Path.Combine(Path.GetTempPath(), $"renderfarm-bench-{Guid.NewGuid():N}");
        try
        {
            var rows = new List<BenchmarkRow>();
            var options = new EmbedOptions(Path.Combine(scratch, "output"), Path.Combine(scratch, "cache"));
            Scene pixels = SceneFor("bench-pixels", new DatasetSpec { Kind = DatasetKind.Idx, Path = FashionMnist }, new EmbedderSpec { Kind = EmbedderKind.Pixels });

            log.WriteLine("pixels: 70,000 Fashion-MNIST images, cold cache...");
            EmbedResult? result = null;
            Measurement cold = Measurement.Of(() => result = EmbeddingPipeline.Run(pixels, options));
            rows.Add(Row("pixel embed, 70k Fashion-MNIST from .gz, cold cache", cold, result!.Vectors.Rows, "target < 5 s"));

            log.WriteLine("pixels: warm cache...");
            Measurement warm = Measurement.Of(() => result = EmbeddingPipeline.Run(pixels, options));
            rows.Add(Row("pixel embed, 70k, warm cache (all cached)", warm, result!.Vectors.Rows, ""));

            log.WriteLine("near-duplicates (cosine >= 0.98, exact)...");
            Matrix vectors = result!.Vectors;
            long pairs = 0;
            Measurement duplicates = Measurement.Of(() => pairs = NearDuplicateFinder.Find(vectors, 0.98, 1000).Count);
            rows.Add(Row("near-duplicates, 70k × 784, exact", duplicates, vectors.Rows, string.Create(CultureInfo.InvariantCulture, $"{pairs:N0} pairs")));

            string images = Path.Combine(scratch, "jpegs");
            log.WriteLine($"onnx: writing {onnxImages:N0} synthetic 512x512 JPEGs...");
            SyntheticImages.WriteJpegs(images, onnxImages, 512, seed: 1);
            Scene onnx = SceneFor("bench-onnx", new DatasetSpec { Kind = DatasetKind.ImageFolder, Path = images }, new EmbedderSpec { Kind = EmbedderKind.Onnx, Model = modelPath });
            log.WriteLine("onnx: decode + preprocess + inference...");
            Measurement model = Measurement.Of(() => result = EmbeddingPipeline.Run(onnx, options));
            rows.Add(Row($"onnx embed, {Path.GetFileName(modelPath)}, 512² JPEGs", model, result!.Vectors.Rows, "cores busy ≥ 90% wanted"));

            string json = Path.Combine(outputRoot, "bench", "embed.json");
            AtomicFile.WriteAllText(json, JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            log.WriteLine($"wrote {json}");
            return rows;
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // Leftovers in temp are harmless.
            }
        }
    }

    private static Scene SceneFor(string name, DatasetSpec dataset, EmbedderSpec embedder) => new()
    {
        Name = name,
        SourcePath = "bench",
        Dataset = dataset,
        Embedder = embedder,
        NearDuplicates = new NearDuplicateSpec { Enabled = false },
    };

    private static BenchmarkRow Row(string task, Measurement m, int items, string note) => new(
        task,
        Math.Round(m.Seconds, 3),
        Math.Round(items / Math.Max(m.Seconds, 1e-9), 0),
        Math.Round(m.CoreUtilisation, 2),
        Math.Round(m.PeakWorkingSetBytes / 1048576.0, 0),
        note);
}

/// <summary>One measured task: wall seconds, items/s, share of cores busy, peak working set.</summary>
internal sealed record BenchmarkRow(string Task, double Seconds, double ItemsPerSecond, double CoresBusy, double PeakMib, string Note);
