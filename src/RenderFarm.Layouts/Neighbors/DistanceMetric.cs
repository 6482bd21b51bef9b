namespace RenderFarm.Layouts.Neighbors;

/// <summary>How neighbour distances are measured.</summary>
public enum DistanceMetric
{
    /// <summary>Straight-line distance.</summary>
    Euclidean,

    /// <summary>1 − cosine similarity (0 for parallel vectors, 2 for opposite ones).</summary>
    Cosine,
}
