using RenderFarm.Core;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.Layouts.Terrain;

namespace RenderFarm.Service.Renders;

/// <summary>The layouts of a run by name, with what the outputs derive from them (labels, terrain heights).</summary>
public sealed class LayoutSet
{
    private readonly Dictionary<string, LayoutResult> _byName;
    private readonly Dictionary<string, (SequenceEntry Entry, LayoutSequence Sequence)> _sequences = new(StringComparer.Ordinal);
    private TerrainOutput? _terrain;

    public LayoutSet(LayoutInput input, IReadOnlyList<LayoutResult> results)
    {
        Input = input;
        Results = results;
        _byName = results.ToDictionary(r => r.Spec.Name, StringComparer.Ordinal);
        Labels = input.LabelIndices();
    }

    public LayoutInput Input { get; }

    /// <summary>The items against the previous run's (new, kept, removed); null when there was no previous run to compare with.</summary>
    public ItemChanges? Changes { get; init; }

    public IReadOnlyList<LayoutResult> Results { get; }

    /// <summary>Class index per item (−1: none), or null when the dataset has no labels.</summary>
    public int[]? Labels { get; }

    public int ItemCount => Input.Ids.Count;

    /// <summary>The layout named <paramref name="name"/>, or null when the scene has none (a sequence's set, say).</summary>
    public LayoutResult? Find(string name) => _byName.GetValueOrDefault(name);

    public LayoutResult this[string name] =>
        _byName.TryGetValue(name, out LayoutResult? result) ? result : throw new RenderFarmException($"layout '{name}' was not computed");

    /// <summary>The sweeps and replays computed for the videos, in the order they were added.</summary>
    public IReadOnlyList<SequenceEntry> Sequences => _sequences.Values.Select(s => s.Entry).ToArray();

    public void AddSequence(SequenceEntry entry, LayoutSequence sequence) => _sequences[entry.Name] = (entry, sequence);

    /// <summary>The sets of sequence <paramref name="name"/> (a sweep's or replay's SequenceName).</summary>
    public LayoutSequence Sequence(string name) =>
        _sequences.TryGetValue(name, out var found) ? found.Sequence : throw new RenderFarmException($"sequence '{name}' was not computed");

    /// <summary>
    /// Terrain heights in [0, 1]: each item's mean distance to the others in embedding space, so
    /// outliers rise and dense cores sink (the same heights for every layout, so morphs keep them).
    /// The layouts stage writes them for 2-D layouts unless a scene turned them off; only then are
    /// they computed here, once per run (above 10,000 items an estimate from a seeded sample, see
    /// <see cref="TerrainHeight"/>).
    /// </summary>
    public float[] TerrainHeights()
    {
        if (_terrain is null)
        {
            TerrainOutput? written = Results.Select(r => r.Terrain).FirstOrDefault(t => t?.Summary.Space == "embedding");
            _terrain = written ?? ComputeTerrain();
        }

        return _terrain.Heights;
    }

    /// <summary>How the terrain was measured, for the manifest; null when no output asked for it.</summary>
    public TerrainSummary? Terrain => _terrain?.Summary;

    private TerrainOutput ComputeTerrain()
    {
        TerrainResult result = TerrainHeight.Compute(Input.Embeddings, seed: 0);
        return new TerrainOutput(result.Heights, TerrainSummary.Of(LayoutTerrain.Embedding, result));
    }

    /// <summary>
    /// Coordinates of <paramref name="name"/> for <paramref name="output"/>: the layout's own 2-D or
    /// 3-D positions, or for terrain the 2-D layout raised to (x, y, height × 30 % of its extent).
    /// </summary>
    public float[] PositionsFor(OutputSpec output, Matrix coordinates, out int dims)
    {
        if (output.Style != OutputStyle.Terrain)
        {
            dims = coordinates.Columns;
            return coordinates.Data;
        }

        dims = 3;
        float[] heights = TerrainHeights();
        float extent = Extent(coordinates);
        var raised = new float[coordinates.Rows * 3];
        for (int i = 0; i < coordinates.Rows; i++)
        {
            raised[3 * i] = coordinates.Data[2 * i];
            raised[3 * i + 1] = coordinates.Data[2 * i + 1];
            raised[3 * i + 2] = heights[i] * 0.3f * extent;
        }

        return raised;
    }

    private static float Extent(Matrix coordinates)
    {
        float minX = float.MaxValue, maxX = float.MinValue, minY = float.MaxValue, maxY = float.MinValue;
        for (int i = 0; i < coordinates.Rows; i++)
        {
            float x = coordinates.Data[2 * i], y = coordinates.Data[2 * i + 1];
            (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
        }

        return Math.Max(maxX - minX, maxY - minY);
    }
}
