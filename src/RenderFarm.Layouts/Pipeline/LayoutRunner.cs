using System.Diagnostics;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Alignment;
using RenderFarm.Layouts.Grids;
using RenderFarm.Layouts.Neighbors;
using RenderFarm.Layouts.Pca;
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

    /// <param name="measureQuality">
    /// False skips trustworthiness, k-NN recall, accuracy and silhouette (clusters are still made):
    /// for timing a run like a peer that computes none of them. A later measured run finds the
    /// quality missing from the cache and measures it then.
    /// </param>
    /// <param name="previous">
    /// The previous run's layouts by name (see <see cref="LayoutOutputs.ReadPrevious"/>): a layout
    /// with the same parameters takes its coordinates as they were when the items are the same, and
    /// otherwise starts from them (<see cref="WarmStart"/>), its cache key then naming them.
    /// </param>
    public static IReadOnlyList<LayoutResult> Run(
        LayoutInput input,
        IReadOnlyList<LayoutSpec> specs,
        ArtifactStore cache,
        IProgress<LayoutProgress>? progress = null,
        CancellationToken cancellation = default,
        bool measureQuality = true,
        IReadOnlyDictionary<string, PreviousLayout>? previous = null)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var parameterKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var laidOut = new Dictionary<string, Matrix>(StringComparer.Ordinal);
        foreach (LayoutSpec spec in specs)
        {
            LayoutChecks.Check(spec, input.Embeddings.Rows, input.Embeddings.Columns);
        }

        IReadOnlyList<LayoutSpec> order = LayoutOrder.Sort(specs);
        var terrains = new TerrainStage(cache, input);
        var done = new List<Done>();
        foreach (LayoutSpec spec in order)
        {
            cancellation.ThrowIfCancellationRequested();
            ReleaseTransients();
            string parameters = LayoutKey.Parameters(spec, parameterKeys);
            parameterKeys[spec.Name] = parameters;
            var clock = Stopwatch.StartNew();
            (string key, PreviousLayout? before, WarmStart.Match? match) = Start(spec, input, parameters, previous, cache, keys);
            keys[spec.Name] = key;
            Matrix? coordinates = cache.TryReadMatrix(CoordinatesKind, key);
            StoredMetrics? stored = LayoutMeasures.Read(cache, key, input.Embeddings.Rows);
            GridMetrics? grid = stored?.Metrics.Grid;
            if (measureQuality && stored?.Metrics.Trustworthiness is null)
            {
                // Cached by a --no-metrics run: keep its grid figures, measure the quality now.
                stored = null;
            }

            bool cached = coordinates is not null && stored is not null;
            if (coordinates is null)
            {
                progress?.Report(new LayoutProgress($"{spec.Name}: {spec.Method.ToString().ToLowerInvariant()}{(match is null ? "" : " from the previous run")}", done.Count, order.Count));
                if (match is not null)
                {
                    // Aligned to the previous layout, which was aligned to its target when asked.
                    coordinates = WarmStart.Compute(spec, input, before!, match, cancellation);
                }
                else
                {
                    (coordinates, grid) = Compute(spec, input, laidOut, cancellation);
                    if (spec.AlignTo is { } target)
                    {
                        coordinates = Procrustes.Align(laidOut[target], coordinates).Aligned;
                    }
                }

                cache.WriteMatrix(CoordinatesKind, key, coordinates);
                stored = null;
            }

            laidOut[spec.Name] = coordinates;
            if (spec.TerrainOrDefault != LayoutTerrain.None)
            {
                progress?.Report(new LayoutProgress($"{spec.Name}: terrain ({spec.TerrainOrDefault.ToString().ToLowerInvariant()} space)", done.Count, order.Count));
            }

            TerrainOutput? terrain = terrains.For(spec, key, coordinates);
            WarmStartSummary? warm = before is null ? null
                : match is null ? new WarmStartSummary(before.Run, Reused: true, input.Ids.Count, 0, 0, 0)
                : new WarmStartSummary(before.Run, Reused: false, match.Kept.Length, match.Added.Length, match.Removed, Math.Round(WarmStart.MeanShift(coordinates, before, match), 5));
            done.Add(new Done(spec, key, parameters, warm, coordinates, grid, stored, terrain, cached, clock.Elapsed.TotalSeconds));
        }

        var results = new Dictionary<string, LayoutResult>(StringComparer.Ordinal);
        ReleaseTransients();
        foreach ((Done layout, StoredMetrics metrics, double seconds) in MeasureMissing(input, cache, done, measureQuality, progress))
        {
            results[layout.Spec.Name] = new LayoutResult(layout.Spec, layout.Coordinates, metrics.Clusters, metrics.Metrics, Math.Round(layout.Seconds + seconds, 3), layout.Cached, layout.Key, layout.Terrain)
            {
                ParametersKey = layout.ParametersKey,
                WarmStart = layout.WarmStart,
            };
        }

        return specs.Select(s => results[s.Name]).ToArray();
    }

    /// <summary>
    /// The cache key of a layout and what it starts from. With a usable previous layout (same
    /// parameters, see <see cref="WarmStart.Usable"/>) over the same items, the previous coordinates
    /// are the result under the previous key (written to the cache should it have lost them), so an
    /// unchanged dataset re-renders the same picture; over other items, the key gains the
    /// previous layout's content, since the result depends on where the kept items started.
    /// </summary>
    private static (string Key, PreviousLayout? Before, WarmStart.Match? Match) Start(
        LayoutSpec spec, LayoutInput input, string parameters, IReadOnlyDictionary<string, PreviousLayout>? previous, ArtifactStore cache, Dictionary<string, string> keys)
    {
        string key = LayoutKey.Of(spec, input.EmbeddingsKey, keys);
        if (WarmStart.Usable(spec, parameters, previous) is not { } before)
        {
            return (key, null, null);
        }

        if (before.ItemsKey == input.EmbeddingsKey && before.Ids.SequenceEqual(input.Ids, StringComparer.Ordinal))
        {
            if (cache.TryReadMatrix(CoordinatesKind, before.Key) is null)
            {
                cache.WriteMatrix(CoordinatesKind, before.Key, before.Coordinates);
            }

            return (before.Key, before, null);
        }

        return WarmStart.Plan(spec, input, before) is { } match
            ? ($"{key}|warm_from={before.ContentKey()}", before, match)
            : (key, null, null);
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

    /// <summary>
    /// Metrics of every layout that has none cached, in one quality pass so the data-space distances
    /// are computed once for all of them; each layout's seconds get an equal share of that pass.
    /// </summary>
    private static IEnumerable<(Done Layout, StoredMetrics Metrics, double Seconds)> MeasureMissing(
        LayoutInput input, ArtifactStore cache, List<Done> done, bool measureQuality, IProgress<LayoutProgress>? progress)
    {
        List<Done> missing = done.Where(d => d.Stored is null).ToList();
        if (missing.Count == 0)
        {
            return done.Select(d => (d, d.Stored!, 0.0));
        }

        progress?.Report(new LayoutProgress(measureQuality ? $"clusters and quality of {missing.Count} layout(s)" : $"clusters of {missing.Count} layout(s)", done.Count - missing.Count, done.Count));
        var clock = Stopwatch.StartNew();
        IReadOnlyList<StoredMetrics> measured = measureQuality
            ? LayoutMeasures.Measure(input, missing.Select(d => (d.Spec, d.Coordinates, d.Grid)).ToArray())
            : missing.Select(d => LayoutMeasures.ClustersOnly(input, d.Coordinates, d.Spec.Seed, d.Grid)).ToArray();
        double share = clock.Elapsed.TotalSeconds / missing.Count;
        var byName = new Dictionary<string, StoredMetrics>(StringComparer.Ordinal);
        for (int i = 0; i < missing.Count; i++)
        {
            byName[missing[i].Spec.Name] = measured[i];
            LayoutMeasures.Write(cache, missing[i].Key, measured[i]);
        }

        return done.Select(d => d.Stored is { } stored ? (d, stored, 0.0) : (d, byName[d.Spec.Name], share));
    }

    private static (Matrix, GridMetrics?) Compute(LayoutSpec spec, LayoutInput input, Dictionary<string, Matrix> done, CancellationToken cancellation)
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
                return Snap(spec, done[spec.Source!]);
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

    /// <summary>The space neighbours are searched in: the embeddings, or their top pca_dims components.</summary>
    internal static Matrix NeighbourSpace(LayoutSpec spec, Matrix embeddings) =>
        spec.PcaDims is int components ? RandomizedPca.Layout(embeddings, components, spec.Seed) : embeddings;

    internal static DistanceMetric MetricOf(LayoutSpec spec) =>
        spec.Metric == LayoutMetric.Cosine ? DistanceMetric.Cosine : DistanceMetric.Euclidean;

    /// <summary>umap-learn's n_neighbors counts the point itself; our graphs leave it out.</summary>
    internal static int UmapGraphK(LayoutSpec spec) => spec.NNeighbors - 1;

    internal static UmapOptions UmapOptionsFor(LayoutSpec spec) => new()
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

    internal static TsneOptions TsneOptionsFor(LayoutSpec spec) => new()
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

    /// <summary>A layout whose coordinates (and terrain) are ready, before its metrics.</summary>
    private sealed record Done(LayoutSpec Spec, string Key, string ParametersKey, WarmStartSummary? WarmStart, Matrix Coordinates, GridMetrics? Grid, StoredMetrics? Stored, TerrainOutput? Terrain, bool Cached, double Seconds);
}
