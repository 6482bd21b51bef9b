namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// Repulsion of moving new points by the fixed layout only, summed exactly (the new points are
/// few): forces Σⱼ wᵢⱼ²(yᵢ − yⱼ) and Zᵢ = Σⱼ wᵢⱼ over the fixed points j.
/// </summary>
internal sealed class ReferenceRepulsion(double[] fixedPoints, int dims) : IRepulsion
{
    public double Compute(ReadOnlySpan<double> y, Span<double> force, Span<double> rowZ) =>
        PairwiseRepulsion.Sum(y, fixedPoints, dims, force, rowZ);
}
