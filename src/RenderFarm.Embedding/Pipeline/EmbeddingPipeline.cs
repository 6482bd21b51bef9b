using System.Diagnostics;
using RenderFarm.Core;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Datasets;
using RenderFarm.Core.IO;
using RenderFarm.Core.Reports;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Analysis;
using RenderFarm.Embedding.Decoding;
using RenderFarm.Embedding.Embedders;

namespace RenderFarm.Embedding.Pipeline;

/// <summary>
/// The embed stage: scene → dataset → cached or fresh vectors → near-duplicates → files. A re-run
/// embeds only what the cache lacks; a killed run resumes from the chunks it had written.
/// </summary>
public static class EmbeddingPipeline
{
    public static EmbedResult Run(Scene scene, EmbedOptions options, IProgress<EmbedProgress>? progress = null, CancellationToken cancellation = default)
    {
        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var stages = new Dictionary<string, double>();
        T Timed<T>(string stage, Func<T> work)
        {
            var watch = Stopwatch.StartNew();
            T result = work();
            stages[stage] = Math.Round(watch.Elapsed.TotalSeconds, 3);
            return result;
        }

        progress?.Report(new EmbedProgress("list", 0, 0, 0, 0));
        Dataset dataset = Timed("list", () => DatasetLoader.Load(scene.Dataset));
        string outputDirectory = Path.Combine(options.OutputRoot, scene.Name);

        EmbedOutcome outcome;
        string embedderDescription;
        string cacheKey;
        IReadOnlyList<string> corruptChunks = [];
        if (scene.Embedder.Kind == EmbedderKind.Precomputed)
        {
            outcome = Timed("embed", () => FromVectors(dataset));
            embedderDescription = $"precomputed ({dataset.Vectors!.Columns} dimensions)";
            cacheKey = "precomputed";
        }
        else
        {
            using IImageEmbedder embedder = Timed("open_embedder", () => EmbedderFactory.Create(scene.Embedder, dataset));
            embedderDescription = embedder.Description;
            cacheKey = embedder.CacheKey;
            EmbeddingStore store = EmbeddingStore.Open(options.CacheRoot, embedder.CacheKey, embedder.Dimension);
            EmbeddingIndex index = Timed("load_cache", store.Load);
            corruptChunks = index.CorruptChunks;
            var decode = new ImageDecodeOptions { MaxPixels = scene.Dataset.MaxPixels, MinShortSide = embedder.MinShortSide };
            using (EmbeddingStoreWriter writer = store.CreateWriter(options.CacheFlushEvery, options.CacheFlushInterval))
            {
                outcome = Timed("embed", () => new BatchEmbedder(embedder, index, writer, decode).Run(dataset.Items, progress, cancellation));
            }

            Timed("compact_cache", store.CompactIfFragmented);
        }

        (List<DatasetItem> kept, List<ContentHash> hashes, Matrix vectors) = Keep(dataset.Items, outcome);
        List<SkippedItem> skipped = [.. dataset.Skipped, .. outcome.Skips.OfType<SkippedItem>()];
        var counts = Count(dataset, outcome, kept, skipped, EmbedOutputs.ReadPreviousIds(Path.Combine(outputDirectory, EmbedOutputs.ItemsFile)));

        progress?.Report(new EmbedProgress("near-duplicates", kept.Count, dataset.Items.Count, outcome.Cached, skipped.Count));
        NearDuplicateReport duplicates = Timed("near_duplicates", () => FindDuplicates(scene.NearDuplicates, options.CacheRoot, cacheKey, vectors, kept, hashes, cancellation));

        double seconds = clock.Elapsed.TotalSeconds;
        var report = new EmbedReport
        {
            Scene = scene.Name,
            SceneFile = scene.SourcePath,
            Dataset = dataset.Description,
            Embedder = embedderDescription,
            CacheKey = cacheKey,
            Dimension = vectors.Columns,
            Counts = counts,
            Seconds = Math.Round(seconds, 3),
            ImagesPerSecond = Math.Round(dataset.Items.Count / Math.Max(seconds, 1e-6), 1),
            StageSeconds = stages,
            Skipped = skipped,
            NearDuplicates = duplicates,
            CorruptCacheChunks = corruptChunks,
            StartedAt = startedAt,
        };

        if (kept.Count == 0)
        {
            // The previous run's outputs stay as they were; the failed run's report goes beside them.
            string failedReport = Path.Combine(outputDirectory, EmbedOutputs.FailedReportFile);
            report.Write(failedReport);
            string reasons = string.Join("; ", skipped.Take(3).Select(s => $"{s.Id}: {s.Reason} ({s.Detail})"));
            throw new RenderFarmException($"Nothing usable is left in {scene.Dataset.Path}: all {skipped.Count} item(s) were skipped ({reasons}). The report is in {failedReport}.");
        }

        var write = Stopwatch.StartNew();
        NpyFile.Write(Path.Combine(outputDirectory, EmbedOutputs.EmbeddingsFile), vectors);
        EmbedOutputs.WriteItems(Path.Combine(outputDirectory, EmbedOutputs.ItemsFile), kept, hashes);
        stages["write_outputs"] = Math.Round(write.Elapsed.TotalSeconds, 3);
        report.Write(Path.Combine(outputDirectory, EmbedOutputs.ReportFile));
        return new EmbedResult(kept, vectors, dataset.ClassNames, report, outputDirectory);
    }

    private static EmbedOutcome FromVectors(Dataset dataset)
    {
        Matrix source = dataset.Vectors!;
        var outcome = new EmbedOutcome(dataset.Items.Count, source.Columns);
        for (int i = 0; i < dataset.Items.Count; i++)
        {
            DatasetItem item = dataset.Items[i];
            source.Row(((VectorSource)item.Source).Row).CopyTo(outcome.Row(i));
            outcome.Hashes[i] = item.Hash!.Value;
            outcome.MarkEmbedded(i);
        }

        return outcome;
    }

    private static (List<DatasetItem>, List<ContentHash>, Matrix) Keep(IReadOnlyList<DatasetItem> items, EmbedOutcome outcome)
    {
        var kept = new List<DatasetItem>(items.Count);
        var hashes = new List<ContentHash>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (outcome.Status[i] is ItemStatus.Cached or ItemStatus.Embedded)
            {
                kept.Add(items[i] with { Hash = outcome.Hashes[i] });
                hashes.Add(outcome.Hashes[i]);
            }
        }

        int dimension = outcome.Vectors.Length / Math.Max(1, items.Count);
        if (kept.Count == items.Count)
        {
            // Nothing skipped: the outcome's rows are already the output (no 200 MB copy at 70k × 784).
            return (kept, hashes, new Matrix(kept.Count, dimension, outcome.Vectors));
        }

        var vectors = new Matrix(kept.Count, dimension);
        int row = 0;
        for (int i = 0; i < items.Count; i++)
        {
            if (outcome.Status[i] is ItemStatus.Cached or ItemStatus.Embedded)
            {
                outcome.Row(i).CopyTo(vectors.Row(row++));
            }
        }

        return (kept, hashes, vectors);
    }

    private static EmbedCounts Count(Dataset dataset, EmbedOutcome outcome, List<DatasetItem> kept, List<SkippedItem> skipped, HashSet<string>? previous)
    {
        var current = kept.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        int added = previous is null ? kept.Count : current.Count(id => !previous.Contains(id));
        int removed = previous is null ? 0 : previous.Count(id => !current.Contains(id));
        return new EmbedCounts(
            Listed: dataset.Items.Count + dataset.Skipped.Count,
            Embedded: kept.Count,
            New: outcome.Embedded,
            Cached: outcome.Cached,
            Skipped: skipped.Count,
            Added: added,
            Removed: removed);
    }

    private static NearDuplicateReport FindDuplicates(NearDuplicateSpec spec, string cacheRoot, string cacheKey, Matrix vectors, List<DatasetItem> items, List<ContentHash> hashes, CancellationToken cancellation)
    {
        if (!spec.Enabled)
        {
            return new NearDuplicateReport(spec.Threshold, 0, []);
        }

        (long count, List<NearDuplicatePair> pairs) = NearDuplicateCache.FindOrLoad(cacheRoot, cacheKey, hashes, vectors, spec.Threshold, spec.MaxPairs, cancellation);
        return new NearDuplicateReport(
            spec.Threshold,
            count,
            pairs.Select(p => new NearDuplicateEntry(items[p.A].Id, items[p.B].Id, MathF.Round(p.Similarity, 5))).ToArray());
    }
}
