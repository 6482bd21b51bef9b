using System.Text.Json;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Clustering;
using RenderFarm.Layouts.Quality;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// Clusters and quality metrics of the layout stage, and their cache entries. Quality is measured
/// on one seeded sample (seed 0, as the peer scripts' quality.py draws its 5,000 points) for every
/// layout of a run, so layouts are compared on the same points and share one pass over the data.
/// </summary>
internal static class LayoutMeasures
{
    // v2: the quality sample is seed 0 for every layout (v1 used each layout's own seed).
    private const string MetricsKind = "layout-metrics-v2";
    private const int QualitySeed = 0;
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    public static IReadOnlyList<StoredMetrics> Measure(LayoutInput input, IReadOnlyList<(LayoutSpec Spec, Matrix Coordinates, GridMetrics? Grid)> layouts)
    {
        if (!LayoutQuality.CanMeasure(input.Embeddings.Rows))
        {
            // Too few items for 15-neighbourhoods (a tiny test or demo set): the layouts are still
            // drawn and clustered; their quality figures stay empty rather than failing the run.
            return layouts.Select(l => Unmeasured(input, l.Coordinates, l.Spec.Seed, l.Grid)).ToArray();
        }

        int[]? labels = input.LabelIndices();
        bool allLabelled = labels is not null && labels.All(l => l >= 0);
        IReadOnlyList<QualityReport> quality = LayoutQuality.EvaluateMany(input.Embeddings, layouts.Select(l => l.Coordinates).ToArray(), allLabelled ? labels : null, QualitySeed);
        return layouts.Select((layout, i) =>
        {
            QualityReport q = quality[i];
            int k = ClusterCount(input, layout.Coordinates);
            KMeansResult clusters = KMeans.Fit(layout.Coordinates, k, layout.Spec.Seed);
            SilhouetteResult silhouette = Silhouette.Score(layout.Coordinates, clusters.Labels, layout.Spec.Seed);
            var metrics = new LayoutMetrics(
                Math.Round(q.Trustworthiness, 5),
                Math.Round(q.KnnRecall, 5),
                q.KnnAccuracy is double accuracy ? Math.Round(accuracy, 5) : null,
                q.SampleSize,
                k,
                Math.Round(silhouette.Score, 5),
                layout.Grid);
            return new StoredMetrics { Metrics = metrics, Clusters = clusters.Labels };
        }).ToArray();
    }

    private static StoredMetrics Unmeasured(LayoutInput input, Matrix coordinates, int seed, GridMetrics? grid)
    {
        StoredMetrics stored = ClustersOnly(input, coordinates, seed, grid);
        double silhouette = Silhouette.Score(coordinates, stored.Clusters, seed).Score;
        stored.Metrics = stored.Metrics with { Silhouette = Math.Round(silhouette, 5) };
        return stored;
    }

    /// <summary>Clusters without quality figures, for runs that skip them; a measured run later fills the figures in.</summary>
    public static StoredMetrics ClustersOnly(LayoutInput input, Matrix coordinates, int seed, GridMetrics? grid)
    {
        int k = ClusterCount(input, coordinates);
        KMeansResult clusters = KMeans.Fit(coordinates, k, seed);
        return new StoredMetrics { Metrics = new LayoutMetrics(null, null, null, 0, k, null, grid), Clusters = clusters.Labels };
    }

    public static StoredMetrics? Read(ArtifactStore cache, string key, int rows)
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

    public static void Write(ArtifactStore cache, string key, StoredMetrics metrics) =>
        cache.Write(MetricsKind, key, JsonSerializer.SerializeToUtf8Bytes(metrics, Json));

    /// <summary>One cluster per class (10 without labels), never more than the items allow.</summary>
    private static int ClusterCount(LayoutInput input, Matrix coordinates) =>
        Math.Clamp(input.ClassNames.Count > 1 ? input.ClassNames.Count : 10, 2, coordinates.Rows - 1);
}

/// <summary>A layout's metrics and cluster labels as cached.</summary>
internal sealed class StoredMetrics
{
    public LayoutMetrics Metrics = null!;
    public int[] Clusters = [];
}
