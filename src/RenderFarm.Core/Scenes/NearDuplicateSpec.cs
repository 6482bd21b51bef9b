namespace RenderFarm.Core.Scenes;

/// <summary>The <c>near_duplicates:</c> section: which pairs of items the run report lists.</summary>
public sealed record NearDuplicateSpec
{
    public bool Enabled { get; init; } = true;

    /// <summary>Cosine similarity at or above which two items are near-duplicates.</summary>
    public double Threshold { get; init; } = 0.98;

    /// <summary>At most this many pairs are listed (the most similar first); the count is always exact.</summary>
    public int MaxPairs { get; init; } = 1000;
}
