using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>One computed (or cached) layout with its clusters, quality figures and terrain (2-D layouts that ask for one).</summary>
public sealed record LayoutResult(
    LayoutSpec Spec,
    Matrix Coordinates,
    int[] Clusters,
    LayoutMetrics Metrics,
    double Seconds,
    bool Cached,
    string Key,
    TerrainOutput? Terrain = null)
{
    /// <summary>The method and parameters without the items (see <see cref="PreviousLayout.ParametersKey"/>); kept with the run's layouts.</summary>
    public string ParametersKey { get; init; } = "";

    /// <summary>How it started from the previous run's layout; null when it did not (first run, warm_start: none, a grid, changed parameters).</summary>
    public WarmStartSummary? WarmStart { get; init; }
}

/// <summary>
/// Quality of a layout (trustworthiness and k-NN recall against the embeddings, 10-NN accuracy on
/// labels, on a seeded sample), its k-means clusters' silhouette, and for grids the displacement.
/// The quality figures and silhouette are null when the run skipped them (<c>layout --no-metrics</c>).
/// </summary>
public sealed record LayoutMetrics(
    double? Trustworthiness,
    double? KnnRecall,
    double? KnnAccuracy,
    int SampleSize,
    int Clusters,
    double? Silhouette,
    GridMetrics? Grid);

/// <summary>Grid shape and how far snapping moved the points, in cells.</summary>
public sealed record GridMetrics(int Columns, int Rows, double MeanDisplacementCells, double MaxDisplacementCells, string Method);

/// <summary>Progress of the layout stage: what runs now, and how many layouts are finished.</summary>
public sealed record LayoutProgress(string Stage, int Done, int Total);
