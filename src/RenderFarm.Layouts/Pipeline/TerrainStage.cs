using System.Text.Json;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Terrain;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>
/// Terrain heights of the layout stage, cached beside the layouts. Heights measured in the
/// embedding space depend only on the embeddings, so every layout of a run shares one computation
/// (and one cache entry, seeded with 0); heights measured in a layout's own coordinates are keyed
/// by that layout.
/// </summary>
internal sealed class TerrainStage(ArtifactStore cache, LayoutInput input)
{
    private const string HeightsKind = "layout-terrain";
    private const string SummaryKind = "layout-terrain-summary";

    // Bump when the estimate changes (reference count, bound, distance kernel): old entries are then ignored.
    private const string Version = "terrain-v1";

    private TerrainOutput? embeddingTerrain;

    /// <summary>The terrain of a layout, or null when the layout asks for none (3-D layouts never have one).</summary>
    public TerrainOutput? For(LayoutSpec spec, string layoutKey, Matrix coordinates)
    {
        LayoutTerrain space = spec.TerrainOrDefault;
        switch (space)
        {
            case LayoutTerrain.Embedding:
                return embeddingTerrain ??= Cached($"{input.EmbeddingsKey}|{Version}|embedding", space, input.Embeddings, seed: 0);
            case LayoutTerrain.Layout:
                return Cached($"{layoutKey}|{Version}|layout", space, coordinates, spec.Seed);
            default:
                return null;
        }
    }

    private TerrainOutput Cached(string key, LayoutTerrain space, Matrix points, int seed)
    {
        if (cache.TryReadMatrix(HeightsKind, key) is { } heights && heights.Rows == points.Rows && ReadSummary(key) is { } summary)
        {
            return new TerrainOutput(heights.Data, summary);
        }

        TerrainResult result = TerrainHeight.Compute(points, seed);
        var output = new TerrainOutput(result.Heights, TerrainSummary.Of(space, result));
        cache.WriteMatrix(HeightsKind, key, new Matrix(points.Rows, 1, result.Heights));
        cache.Write(SummaryKind, key, JsonSerializer.SerializeToUtf8Bytes(output.Summary));
        return output;
    }

    private TerrainSummary? ReadSummary(string key)
    {
        try
        {
            return cache.TryRead(SummaryKind, key) is { } bytes ? JsonSerializer.Deserialize<TerrainSummary>(bytes) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
