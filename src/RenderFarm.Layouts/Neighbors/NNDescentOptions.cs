namespace RenderFarm.Layouts.Neighbors;

/// <summary>Tuning for <see cref="NNDescent"/>; the defaults reach ≥ 0.95 recall on image-like data at k = 15.</summary>
public sealed record NNDescentOptions
{
    /// <summary>Seeds the trees and the candidate sampling.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// When true the result depends only on the data and <see cref="Seed"/>: updates found in parallel are
    /// buffered and applied in a fixed order. When false they are applied as soon as they are found
    /// (per-point locks), which skips the buffering but lets thread timing change the result slightly.
    /// </summary>
    public bool Deterministic { get; init; } = true;

    /// <summary>Random-projection trees for the starting graph; null picks a count from N.</summary>
    public int? Trees { get; init; }

    /// <summary>Most points in a tree leaf; null means max(10, k).</summary>
    public int? LeafSize { get; init; }

    /// <summary>
    /// ρ: the share of each point's forward and reverse neighbour lists sampled as join candidates per
    /// iteration (each list is capped at ρ · 2k, i.e. k at the default 0.5).
    /// </summary>
    public double SampleRate { get; init; } = 0.5;

    /// <summary>Most NN-descent iterations.</summary>
    public int MaxIterations { get; init; } = 15;

    /// <summary>Stops once an iteration improves fewer than Delta · N · k neighbour slots.</summary>
    public double Delta { get; init; } = 0.001;

    /// <summary>From this many points on, points are renumbered for cache locality (see LocalityOrder); tests lower it.</summary>
    internal int LocalityFromPoints { get; init; } = LocalityOrder.MinimumPoints;
}
