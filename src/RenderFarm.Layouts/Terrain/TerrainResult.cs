namespace RenderFarm.Layouts.Terrain;

/// <summary>
/// Terrain heights: each point's mean distance to all other points (<see cref="MeanDistances"/>,
/// in the units of the space measured) and the same min–max normalised to [0, 1]
/// (<see cref="Heights"/>). For an estimate, <see cref="References"/> random reference points were
/// used and, with probability at least <see cref="Confidence"/>, every point's mean distance is
/// within <see cref="ErrorBound"/> of the exact one and every height within
/// <see cref="HeightErrorBound"/>; for an exact result both bounds are 0.
/// </summary>
public sealed record TerrainResult(
    float[] Heights,
    double[] MeanDistances,
    bool Exact,
    int References,
    double ErrorBound,
    double HeightErrorBound,
    double Confidence);
