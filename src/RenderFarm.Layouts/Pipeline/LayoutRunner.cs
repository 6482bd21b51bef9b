using System.Diagnostics;
using System.Text.Json;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Alignment;
using RenderFarm.Layouts.Clustering;
using RenderFarm.Layouts.Grids;
using RenderFarm.Layouts.Neighbors;
using RenderFarm.Layouts.Pca;
using RenderFarm.Layouts.Quality;
using RenderFarm.Layouts.Tsne;
using RenderFarm.Layouts.Umap;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// The layout stage: for each layout of a scene (sources and alignment targets first), coordinates
/// from the cache or from the algorithm, aligned when asked, then k-means clusters and quality
/// metrics (also cached). Parameters that do not fit the data are errors naming the scene line.
/// </summary>
public static class LayoutRunner
{
    private const string CoordinatesKind = "layouts";
    private const string MetricsKind = "layout-metrics";
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    /// <param name="measureQuality">
    /// False skips trustworthiness, k-NN recall, accuracy and silhouette (clusters are still made):
    /// for timing a run like a peer that computes none of them. Nothing is cached for such metrics,
    /// so a later measured run fills them in.
    /// </param>
    public static IReadOnlyList<LayoutResult> Run(
        LayoutInput input,
        IReadOnlyList<LayoutSpec> specs,
        ArtifactStore cache,
        IProgress<LayoutProgress>? progress = null,
        CancellationToken cancellation = default,
        bool measureQuality = true)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = new Dictionary<string, LayoutResult>(StringComparer.Ordinal);
        foreach (LayoutSpec spec in specs)
        {
            LayoutChecks.Check(spec, input.Embeddings.Rows, input.Embeddings.Columns);
        }

        IReadOnlyList<LayoutSpec> order = LayoutOrder.Sort(specs);
        var terrains = new TerrainStage(cache, input);
        foreach (LayoutSpec spec in order)
        {
            cancellation.ThrowIfCancellationRequested();
            ReleaseTransients();
            string key = LayoutKey.Of(spec, input.EmbeddingsKey, keys);
            keys[spec.Name] = key;
            var clock = Stopwatch.StartNew();
            Matrix? coordinates = cache.TryReadMatrix(CoordinatesKind, key);
            StoredMetrics? stored = ReadMetrics(cache, key, input.Embeddings.Rows);
            bool cached = coordinates is not null && stored is not null;
            GridMetrics? grid = stored?.Metrics.Grid;
            if (coordinates is null)
            {
                progress?.Report(new LayoutProgress($"{spec.Name}: {spec.Method.ToString().ToLowerInvariant()}", results.Count, order.Count));
                (coordinates, grid) = Compute(spec, input, results, cancellation);
                if (spec.AlignTo is { } target)
                {
                    coordinates = Procrustes.Align(results[target].Coordinates, coordinates).Aligned;
                }

                cache.WriteMatrix(CoordinatesKind, key, coordinates);
                stored = null;
            }

            if (stored is null && !measureQuality)
            {
                progress?.Report(new LayoutProgress($"{spec.Name}: clusters", results.Count, order.Count));
                stored = ClustersOnly(input, coordinates, spec.Seed, grid);
            }
            else if (stored is null)
            {
                progress?.Report(new LayoutProgress($"{spec.Name}: clusters and quality", results.Count, order.Count));
                stored = Measure(spec, input, coordinates, grid);
                cache.Write(MetricsKind, key, JsonSerializer.SerializeToUtf8Bytes(stored, Json));
            }

            if (spec.TerrainOrDefault != LayoutTerrain.None)
            {
                progress?.Report(new LayoutProgress($"{spec.Name}: terrain ({spec.TerrainOrDefault.ToString().ToLowerInvariant()} space)", results.Count, order.Count));
            }

            TerrainOutput? terrain = terrains.For(spec, key, coordinates);
            results[spec.Name] = new LayoutResult(spec, coordinates, stored.Clusters, stored.Metrics, Math.Round(clock.Elapsed.TotalSeconds, 3), cached, key, terrain);
            progress?.Report(new LayoutProgress($"{spec.Name}: done", results.Count, order.Count));
        }

        return specs.Select(s => results[s.Name]).ToArray();
    }

    /// <summary>
    /// Hands back the dead arrays of the previous stage before the next one allocates its own. The
    /// embed stage and each 70,000-item layout leave hundreds of MB of large-object garbage (cache
    /// chunks, k-NN heaps, the fuzzy graph, distance blocks) that a gen-2 collection would reach only
    /// later, so the next stage's peak stacked on top of it: 2.5 GB resident against a live set under
    /// 0.5 GB between layouts. One full, compacting collection per layout costs well under a second.
    /// </summary>
    private static void ReleaseTransients()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private static (Matrix, GridMetrics?) Compute(LayoutSpec spec, LayoutInput input, Dictionary<string, LayoutResult> done, CancellationToken cancellation)
    {
        Matrix embeddings = input.Embeddings;
        switch (spec.Method)
        {
            case LayoutMethod.Pca:
                return (RandomizedPca.Layout(embeddings, spec.Dims, spec.Seed), null);
            case LayoutMethod.Umap:
                Matrix data = NeighbourSpace(spec, embeddings);
                KnnGraph graph = NearestNeighbors.Build(data, UmapGraphK(spec), MetricOf(spec), spec.Seed, spec.Deterministic, cancellation);
                float[] xy = UmapLayout.Fit(graph, UmapOptionsFor(spec), callback: (_, _) => !cancellation.IsCancellationRequested, data);
                cancellation.ThrowIfCancellationRequested();
                return (new Matrix(embeddings.Rows, spec.Dims, xy), null);
            case LayoutMethod.Tsne:
                float[] tsne = TsneLayout.Fit(NeighbourSpace(spec, embeddings), TsneOptionsFor(spec), callback: null, cancellation);
                return (new Matrix(embeddings.Rows, spec.Dims, tsne), null);
            case LayoutMethod.Grid:
                return Snap(spec, done[spec.Source!].Coordinates);
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Method, "unknown layout method");
        }
    }

    private static (Matrix, GridMetrics) Snap(LayoutSpec spec, Matrix source)
    {
        GridAssignment grid = GridSnapper.Snap(source.Data, new GridSnapOptions { Columns = spec.Columns, Rows = spec.Rows, ExactLimit = spec.ExactLimit });
        var cells = new Matrix(source.Rows, 2);
        for (int i = 0; i < source.Rows; i++)
        {
            int cell = grid.CellOfPoint[i];
            cells.Data[2 * i] = (cell % grid.Columns) + 0.5f;
            cells.Data[(2 * i) + 1] = (cell / grid.Columns) + 0.5f;
        }

        string method = source.Rows <= spec.ExactLimit ? "exact (Jonker-Volgenant)" : "scalable";
        return (cells, new GridMetrics(grid.Columns, grid.Rows, Math.Round(grid.MeanDisplacementCells, 4), Math.Round(grid.MaxDisplacementCells, 4), method));
    }

    private static StoredMetrics Measure(LayoutSpec spec, LayoutInput input, Matrix coordinates, GridMetrics? grid)
    {
        int[]? labels = input.LabelIndices();
        bool allLabelled = labels is not null && labels.All(l => l >= 0);
        QualityReport quality = LayoutQuality.Evaluate(input.Embeddings, coordinates, allLabelled ? labels : null, spec.Seed);
        int k = ClusterCount(input, coordinates);
        KMeansResult clusters = KMeans.Fit(coordinates, k, spec.Seed);
        SilhouetteResult silhouette = Silhouette.Score(coordinates, clusters.Labels, spec.Seed);
        var metrics = new LayoutMetrics(
            Math.Round(quality.Trustworthiness, 5),
            Math.Round(quality.KnnRecall, 5),
            quality.KnnAccuracy is double accuracy ? Math.Round(accuracy, 5) : null,
            quality.SampleSize,
            k,
            Math.Round(silhouette.Score, 5),
            grid);
        return new StoredMetrics { Metrics = metrics, Clusters = clusters.Labels };
    }

    private static StoredMetrics ClustersOnly(LayoutInput input, Matrix coordinates, int seed, GridMetrics? grid)
    {
        int k = ClusterCount(input, coordinates);
        KMeansResult clusters = KMeans.Fit(coordinates, k, seed);
        return new StoredMetrics { Metrics = new LayoutMetrics(null, null, null, 0, k, null, grid), Clusters = clusters.Labels };
    }

    /// <summary>One cluster per class (10 without labels), never more than the items allow.</summary>
    private static int ClusterCount(LayoutInput input, Matrix coordinates) =>
        Math.Clamp(input.ClassNames.Count > 1 ? input.ClassNames.Count : 10, 2, coordinates.Rows - 1);

    private static StoredMetrics? ReadMetrics(ArtifactStore cache, string key, int rows)
    {
        try
        {
            StoredMetrics? stored = cache.TryRead(MetricsKind, key) is { } bytes ? JsonSerializer.Deserialize<StoredMetrics>(bytes, Json) : null;
            return stored is { Metrics: not null } && stored.Clusters.Length == rows ? stored : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The space neighbours are searched in: the embeddings, or their top pca_dims components.</summary>
    private static Matrix NeighbourSpace(LayoutSpec spec, Matrix embeddings) =>
        spec.PcaDims is int components ? RandomizedPca.Layout(embeddings, components, spec.Seed) : embeddings;

    private static DistanceMetric MetricOf(LayoutSpec spec) =>
        spec.Metric == LayoutMetric.Cosine ? DistanceMetric.Cosine : DistanceMetric.Euclidean;

    /// <summary>umap-learn's n_neighbors counts the point itself; our graphs leave it out.</summary>
    private static int UmapGraphK(LayoutSpec spec) => spec.NNeighbors - 1;

    private static UmapOptions UmapOptionsFor(LayoutSpec spec) => new()
    {
        NNeighbors = spec.NNeighbors,
        MinDist = (float)spec.MinDist,
        Spread = (float)spec.Spread,
        Dims = spec.Dims,
        Epochs = spec.Epochs,
        LearningRate = (float)(spec.LearningRate ?? 1.0),
        NegativeSampleRate = spec.NegativeSampleRate,
        Seed = spec.Seed,
        Deterministic = spec.Deterministic,
        Init = spec.Init switch
        {
            LayoutInit.Pca => UmapInit.Pca,
            LayoutInit.Random => UmapInit.Random,
            _ => UmapInit.Spectral,
        },
    };

    private static TsneOptions TsneOptionsFor(LayoutSpec spec) => new()
    {
        Perplexity = spec.Perplexity,
        Dims = spec.Dims,
        Iterations = spec.Iterations,
        EarlyExaggeration = spec.Exaggeration,
        EarlyExaggerationIterations = spec.ExaggerationIterations,
        LearningRate = spec.LearningRate,
        Metric = MetricOf(spec),
        Seed = spec.Seed,
        Deterministic = spec.Deterministic,
        Init = spec.Init == LayoutInit.Random ? TsneInit.Random : TsneInit.Pca,
        Theta = spec.Theta,
    };

    private sealed class StoredMetrics
    {
        public LayoutMetrics Metrics = null!;
        public int[] Clusters = [];
    }
}
