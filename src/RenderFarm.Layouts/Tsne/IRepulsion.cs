namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// The repulsive half of the t-SNE gradient: for row-major coordinates y (N × dims) it writes
/// the unnormalised forces Σⱼ wᵢⱼ²(yᵢ − yⱼ) with wᵢⱼ = 1/(1 + |yᵢ − yⱼ|²), each point's
/// Σⱼ≠ᵢ wᵢⱼ (unless rowZ is empty: a joint fit needs only the total, which can be cheaper),
/// and returns their total Z.
/// </summary>
internal interface IRepulsion
{
    double Compute(ReadOnlySpan<double> y, Span<double> force, Span<double> rowZ);
}
