using System.Text.Json.Serialization;

namespace RenderFarm.Service.Renders;

/// <summary>
/// This run's items against the previous run's, by id: how many are new, kept and removed, and
/// which are new (for <c>highlight: new</c>). Recorded in the manifest with the previous run's id.
/// </summary>
public sealed record ItemChanges(string PreviousRun, int New, int Kept, int Removed)
{
    /// <summary>Per current item: true when the previous run did not have it.</summary>
    [JsonIgnore]
    public IReadOnlyList<bool> IsNew { get; init; } = [];

    /// <summary>The changes from <paramref name="previous"/> to <paramref name="ids"/>; null without a previous run whose items can be read.</summary>
    public static ItemChanges? Between(PreviousRun? previous, IReadOnlyList<string> ids)
    {
        if (previous?.Ids is not { } before)
        {
            return null;
        }

        var known = before.ToHashSet(StringComparer.Ordinal);
        bool[] isNew = ids.Select(id => !known.Contains(id)).ToArray();
        int kept = isNew.Count(n => !n);
        var current = ids.ToHashSet(StringComparer.Ordinal);
        return new ItemChanges(previous.RunId, isNew.Length - kept, kept, known.Count(id => !current.Contains(id))) { IsNew = isNew };
    }
}
