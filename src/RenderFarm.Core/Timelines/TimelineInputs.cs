namespace RenderFarm.Core.Timelines;

/// <summary>One set of coordinates: item i at [i·dims, (i+1)·dims); <see cref="Clusters"/> per item (−1: none) when known.</summary>
public sealed record NamedCoordinates(string Name, float[] Coordinates, int[]? Clusters = null);

/// <summary>
/// The data a timeline plays: every layout and sequence its video names (see
/// <see cref="TimelineRequirements"/>), already aligned by Procrustes by the caller so that morphs
/// move items rather than the whole picture, all with the same item order and dimensionality.
/// </summary>
public sealed class TimelineInputs
{
    private readonly Dictionary<string, NamedCoordinates> _layouts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<NamedCoordinates>> _sequences = new(StringComparer.Ordinal);

    public TimelineInputs(int itemCount, int dims)
    {
        if (itemCount < 1) throw new ArgumentOutOfRangeException(nameof(itemCount), "a timeline needs at least one item");
        if (dims is not (2 or 3)) throw new ArgumentOutOfRangeException(nameof(dims), "positions are 2-D or 3-D");
        ItemCount = itemCount;
        Dims = dims;
    }

    public int ItemCount { get; }

    public int Dims { get; }

    /// <summary>Label index per item (−1: none), for stagger: label; null when the dataset has no labels.</summary>
    public int[]? Labels { get; init; }

    public TimelineInputs AddLayout(string name, float[] coordinates, int[]? clusters = null)
    {
        _layouts[name] = Checked(new NamedCoordinates(name, coordinates, clusters));
        return this;
    }

    /// <summary>A sweep's layouts (one per value, in order) or a replay's snapshots (first to last).</summary>
    public TimelineInputs AddSequence(string name, IReadOnlyList<NamedCoordinates> sets)
    {
        if (sets.Count == 0) throw new ArgumentException($"sequence '{name}' is empty", nameof(sets));
        _sequences[name] = sets.Select(Checked).ToArray();
        return this;
    }

    internal NamedCoordinates Layout(string name) =>
        _layouts.TryGetValue(name, out NamedCoordinates? set) ? set : throw new ArgumentException($"the timeline needs layout '{name}', which the inputs lack");

    internal IReadOnlyList<NamedCoordinates> Sequence(string name) =>
        _sequences.TryGetValue(name, out IReadOnlyList<NamedCoordinates>? sets) ? sets : throw new ArgumentException($"the timeline needs sequence '{name}', which the inputs lack");

    private NamedCoordinates Checked(NamedCoordinates set)
    {
        if (set.Coordinates.Length != (long)ItemCount * Dims)
            throw new ArgumentException($"'{set.Name}' holds {set.Coordinates.Length} values, not {ItemCount} items × {Dims}");
        if (set.Clusters is not null && set.Clusters.Length != ItemCount)
            throw new ArgumentException($"'{set.Name}' has {set.Clusters.Length} cluster ids for {ItemCount} items");
        foreach (float value in set.Coordinates)
        {
            if (!float.IsFinite(value)) throw new ArgumentException($"'{set.Name}' holds a NaN or infinite coordinate");
        }

        return set;
    }
}
