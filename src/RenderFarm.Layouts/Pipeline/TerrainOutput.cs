using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Terrain;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// A 2-D layout's terrain: every item's height in [0, 1] (row i is item i) and how it was measured,
/// for the renderer's terrain scenes.
/// </summary>
public sealed record TerrainOutput(float[] Heights, TerrainSummary Summary);

/// <summary>
/// How terrain heights were measured: the space (embedding or layout), exact or estimated from
/// <see cref="References"/> sampled points, and for an estimate the Hoeffding bounds that hold with
/// probability <see cref="Confidence"/> on every item's mean distance and on its height.
/// </summary>
public sealed record TerrainSummary(
    string Space,
    bool Exact,
    int References,
    double MeanDistanceErrorBound,
    double HeightErrorBound,
    double Confidence)
{
    public static TerrainSummary Of(LayoutTerrain space, TerrainResult result) => new(
        space.ToString().ToLowerInvariant(),
        result.Exact,
        result.References,
        Math.Round(result.ErrorBound, 6),
        Math.Round(result.HeightErrorBound, 6),
        result.Confidence);
}
